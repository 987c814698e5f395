// Which seeding call a library version takes: facts the seed fixes read to pick an API the
// program's own library version has (library knowledge as data).

/**
 * Attributes of the `tensorflow` module that exist only in TensorFlow 1.x (or its compat layer):
 * code that uses them runs on TF1, where the global seed is `tf.set_random_seed`
 * (`tf.random.set_seed` arrived in 2.0).
 */
export const TF1_ONLY_ATTRIBUTES: ReadonlySet<string> = new Set([
  'Session', 'InteractiveSession', 'placeholder', 'set_random_seed', 'random_normal', 'random_uniform',
  'truncated_normal', 'random_shuffle', 'random_crop', 'multinomial', 'get_variable', 'variable_scope',
  'global_variables_initializer', 'initialize_all_variables', 'get_default_graph', 'reset_default_graph',
  'ConfigProto', 'GPUOptions', 'to_float', 'log', 'py_func', 'contrib',
]);

/**
 * Imports that only standalone Keras 1.x/2.x (before Keras 2.7 and Keras 3) has. Such code runs
 * on a TensorFlow 1.x backend: the Keras FAQ of that time seeds it with `np.random.seed` plus
 * the backend's `tf.set_random_seed`; `keras.utils.set_random_seed` does not exist there.
 */
export const OLD_KERAS_IMPORT_PREFIXES: readonly string[] = [
  'keras.backend', 'keras.layers.core', 'keras.layers.convolutional', 'keras.layers.recurrent',
  'keras.layers.embeddings', 'keras.layers.normalization', 'keras.layers.advanced_activations',
  'keras.utils.np_utils', 'keras.wrappers', 'keras.engine', 'keras.legacy',
];

/** Argparse options, module constants and function parameters that hold a program's own seed. */
export const SEED_NAME = /^(?:(?:random|rng|global|manual|base)_?)?seed(?:_?value)?$|^random_state$/i;
