// The configuration loader: parsing and validation, nearest-file discovery, globs, precedence.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { DEFAULT_CONFIG } from '../../server/src/engine/config';
import {
  applyOverrides,
  ConfigError,
  globMatches,
  isExcluded,
  LoadedConfig,
  loadConfigFile,
  loadConfigForDirectory,
  loadConfigForFile,
  parseConfigText,
  rulesIgnoredFor,
} from '../../server/src/engine/config-loader';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'holdout-config-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function write(rel: string, text: string): string {
  const full = path.join(tmp, rel);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, text);
  return full;
}

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a ConfigError');
}

describe('parsing and validation', () => {
  it('reads every key from [tool.holdout]', () => {
    const config = parseConfigText(
      [
        '[project]',
        'name = "x"',
        '[tool.holdout]',
        'select = ["fit-before-split", "unseeded-rng"]',
        'ignore = ["unseeded-rng"]',
        'exclude = ["legacy/**"]',
        'seed = 7',
        '[tool.holdout.severity]',
        'fit-before-split = "warning"',
        'unseeded-rng = "off"',
        '[tool.holdout.per-file-ignores]',
        '"tests/*.py" = ["unseeded-rng"]',
      ].join('\n'),
      '/p/pyproject.toml',
    );
    assert.deepEqual(config, {
      ...DEFAULT_CONFIG,
      select: ['fit-before-split', 'unseeded-rng'],
      ignore: ['unseeded-rng'],
      exclude: ['legacy/**'],
      seed: 7,
      severity: { 'fit-before-split': 'warning', 'unseeded-rng': 'off' },
      perFileIgnores: { 'tests/*.py': ['unseeded-rng'] },
    });
  });

  it('reads holdout.toml at the top level', () => {
    const config = parseConfigText('ignore = ["cudnn-determinism"]\n', '/p/holdout.toml');
    assert.deepEqual(config?.ignore, ['cudnn-determinism']);
  });

  it('a pyproject.toml without [tool.holdout] has no configuration', () => {
    assert.equal(parseConfigText('[tool.ruff]\nline-length = 100\n', '/p/pyproject.toml'), undefined);
  });

  it('accepts the suppression pseudo-rules as rule names', () => {
    assert.deepEqual(parseConfigText('ignore = ["invalid-suppression"]\n', '/p/holdout.toml')?.ignore, ['invalid-suppression']);
  });

  const cases: [string, string, string, RegExp][] = [
    ['unknown key', '[tool.holdout]\nselct = ["fit-before-split"]\n', 'tool.holdout.selct', /unknown key; known keys: select, ignore/],
    ['unknown rule in select', '[tool.holdout]\nselect = ["fit-before-splt"]\n', 'tool.holdout.select[0]', /unknown rule 'fit-before-splt'; known rules: .*fit-before-split/],
    ['unknown rule in ignore', '[tool.holdout]\nignore = ["unseeded-rng", "nope"]\n', 'tool.holdout.ignore[1]', /unknown rule 'nope'/],
    ['select not a list', '[tool.holdout]\nselect = "fit-before-split"\n', 'tool.holdout.select', /expected a list of strings, got "fit-before-split" \(string\)/],
    ['bad severity value', '[tool.holdout.severity]\nunseeded-rng = "fatal"\n', 'tool.holdout.severity.unseeded-rng', /expected one of "error", "warning", "info", "off", got "fatal"/],
    ['unknown rule in severity', '[tool.holdout.severity]\nbogus = "error"\n', 'tool.holdout.severity.bogus', /unknown rule 'bogus'/],
    ['severity not a table', '[tool.holdout]\nseverity = "error"\n', 'tool.holdout.severity', /expected a table/],
    ['seed not an integer', '[tool.holdout]\nseed = 1.5\n', 'tool.holdout.seed', /expected an integer from 0 to 4294967295, got 1.5/],
    ['negative seed', '[tool.holdout]\nseed = -1\n', 'tool.holdout.seed', /expected an integer/],
    ['seed as string', '[tool.holdout]\nseed = "42"\n', 'tool.holdout.seed', /got "42" \(string\)/],
    ['exclude not strings', '[tool.holdout]\nexclude = ["a", 1]\n', 'tool.holdout.exclude[1]', /expected a string, got 1 \(number\)/],
    ['per-file-ignores unknown rule', '[tool.holdout.per-file-ignores]\n"tests/*" = ["nope"]\n', 'tool.holdout.per-file-ignores."tests/*"[0]', /unknown rule 'nope'/],
    ['per-file-ignores not a list', '[tool.holdout.per-file-ignores]\n"tests/*" = "unseeded-rng"\n', 'tool.holdout.per-file-ignores."tests/*"', /expected a list of strings/],
    ['tool.holdout not a table', '[tool]\nholdout = 3\n', 'tool.holdout', /expected a table/],
  ];
  for (const [name, text, key, detail] of cases) {
    it(`names the file and key: ${name}`, () => {
      const error = configError(() => parseConfigText(text, '/p/pyproject.toml'));
      assert.equal(error.file, '/p/pyproject.toml');
      assert.equal(error.key, key);
      assert.match(error.detail, detail);
      assert.ok(error.message.startsWith(`/p/pyproject.toml: ${key}: `), error.message);
    });
  }

  it('keys in holdout.toml are named without the tool.holdout prefix', () => {
    assert.equal(configError(() => parseConfigText('seeds = 1\n', '/p/holdout.toml')).key, 'seeds');
  });

  it('reports a TOML syntax error with its line and column', () => {
    const error = configError(() => parseConfigText('[tool.holdout]\nselect = ["a",\n', '/p/pyproject.toml'));
    assert.equal(error.key, undefined);
    assert.match(error.message, /^\/p\/pyproject\.toml: TOML syntax error at line \d+, column \d+: /);
    assert.ok(!error.message.includes('\n'), 'one line');
  });

  it('reports an unreadable --config file', () => {
    const error = configError(() => loadConfigFile(path.join(tmp, 'missing.toml')));
    assert.match(error.message, /missing\.toml: cannot read config file: ENOENT/);
  });
});

describe('nearest-file discovery', () => {
  const root = write('disc/pyproject.toml', '[tool.holdout]\nseed = 1\n');
  write('disc/plain/pyproject.toml', '[project]\nname = "no holdout table"\n');
  const own = write('disc/own/holdout.toml', 'seed = 2\n');
  write('disc/both/holdout.toml', 'seed = 3\n');
  write('disc/both/pyproject.toml', '[tool.holdout]\nseed = 4\n');
  write('disc/own/deep/er/a.py', '');

  it('walks up from the file to the nearest config', () => {
    const loaded = loadConfigForFile(path.join(tmp, 'disc/own/deep/er/a.py'));
    assert.equal(loaded.file, own);
    assert.equal(loaded.config.seed, 2);
    assert.equal(loaded.dir, path.dirname(own));
  });

  it('skips a pyproject.toml without [tool.holdout]', () => {
    assert.equal(loadConfigForDirectory(path.join(tmp, 'disc/plain')).file, root);
  });

  it('prefers holdout.toml to pyproject.toml in one folder', () => {
    assert.equal(loadConfigForDirectory(path.join(tmp, 'disc/both')).config.seed, 3);
  });

  it('caches by folder and gives the same answer', () => {
    const cache = new Map<string, LoadedConfig>();
    const first = loadConfigForDirectory(path.join(tmp, 'disc/own/deep/er'), cache);
    assert.ok(cache.has(path.join(tmp, 'disc/own/deep')));
    assert.equal(loadConfigForDirectory(path.join(tmp, 'disc/own/deep'), cache), first);
  });

  it('--config and --isolated win over discovery', () => {
    const file = path.join(tmp, 'disc/own/deep/er/a.py');
    assert.equal(loadConfigForFile(file, { configFile: root }).config.seed, 1);
    const isolated = loadConfigForFile(file, { isolated: true });
    assert.equal(isolated.file, undefined);
    assert.deepEqual(isolated.config, DEFAULT_CONFIG);
  });

  it('propagates an invalid nearer config as an error', () => {
    write('disc/broken/holdout.toml', 'select = [\n');
    assert.throws(() => loadConfigForDirectory(path.join(tmp, 'disc/broken')), ConfigError);
  });
});

describe('globs', () => {
  const loaded: LoadedConfig = {
    file: '/proj/pyproject.toml',
    dir: '/proj',
    config: {
      ...DEFAULT_CONFIG,
      exclude: ['legacy', 'build_*/', '**/generated_*.py'],
      perFileIgnores: { 'tests/**': ['unseeded-rng'], 'conftest.py': ['cudnn-determinism'], 'notebooks/*.ipynb': ['unseeded-rng', 'fit-before-split'] },
    },
  };

  it('per-file-ignores are relative to the config folder', () => {
    assert.deepEqual(rulesIgnoredFor(loaded, '/proj/tests/unit/test_a.py'), ['unseeded-rng']);
    assert.deepEqual(rulesIgnoredFor(loaded, '/proj/src/tests_a.py'), []);
    assert.deepEqual(rulesIgnoredFor(loaded, '/elsewhere/tests/a.py'), []);
    assert.deepEqual(rulesIgnoredFor(loaded, '/proj/notebooks/eda.ipynb'), ['fit-before-split', 'unseeded-rng']);
  });

  it('a glob without a slash matches the file name anywhere', () => {
    assert.deepEqual(rulesIgnoredFor(loaded, '/proj/a/b/conftest.py'), ['cudnn-determinism']);
  });

  it('exclude matches folders and their contents', () => {
    assert.ok(isExcluded(loaded, '/proj/legacy/old.py'));
    assert.ok(isExcluded(loaded, '/proj/legacy'));
    assert.ok(isExcluded(loaded, '/proj/build_x/a.py'));
    assert.ok(isExcluded(loaded, '/proj/src/generated_model.py'));
    assert.ok(!isExcluded(loaded, '/proj/src/model.py'));
  });

  it('matches dot files', () => {
    assert.ok(globMatches('**/*.py', '/proj/.hidden/a.py', '/proj'));
  });
});

describe('precedence: command line over file over defaults', () => {
  const file = { ...DEFAULT_CONFIG, select: ['fit-before-split', 'unseeded-rng'], ignore: ['unseeded-rng'], severity: { 'cudnn-determinism': 'off' as const } };

  it('keeps the file when nothing is overridden', () => {
    assert.deepEqual(applyOverrides(file, {}), file);
  });

  it('--ignore adds to the file ignores', () => {
    assert.deepEqual(applyOverrides(file, { ignore: ['fit-before-split'] }).ignore, ['unseeded-rng', 'fit-before-split']);
  });

  it('--select replaces the selection and the file ignores, and turns a rule set to off back on', () => {
    const config = applyOverrides(file, { select: ['unseeded-rng', 'cudnn-determinism'] });
    assert.deepEqual(config.select, ['unseeded-rng', 'cudnn-determinism']);
    assert.deepEqual(config.ignore, []);
    assert.equal(config.severity['cudnn-determinism'], undefined);
  });

  it('severity, seed and report-unused-ignores override', () => {
    const config = applyOverrides(file, { severity: { 'fit-before-split': 'info' }, seed: 3, reportUnusedIgnores: true });
    assert.deepEqual(config.severity, { 'cudnn-determinism': 'off', 'fit-before-split': 'info' });
    assert.equal(config.seed, 3);
    assert.equal(config.reportUnusedIgnores, true);
  });

  it('does not modify its input', () => {
    applyOverrides(file, { ignore: ['fit-before-split'], severity: { 'unseeded-rng': 'error' } });
    assert.deepEqual(file.ignore, ['unseeded-rng']);
    assert.deepEqual(file.severity, { 'cudnn-determinism': 'off' });
  });
});
