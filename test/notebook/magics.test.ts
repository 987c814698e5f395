// IPython syntax masking: same length, same line breaks, and the result parses as Python.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { maskIPython } from '../../server/src/notebook/magics';
import { lint } from '../../server/src/engine/lint';

function masked(source: string): string {
  const out = maskIPython(source);
  assert.equal(out.text.length, source.length, 'length kept');
  assert.deepEqual(out.text.match(/\r\n|\n|\r/g), source.match(/\r\n|\n|\r/g), 'line breaks kept');
  assert.equal(lint({ text: out.text }).hasSyntaxErrors, false, `parses:\n${out.text}`);
  return out.text;
}

test('line magics, shell escapes and help become statements of the same length', () => {
  assert.equal(masked('%matplotlib inline\nx = 1'), 'pass              \nx = 1');
  assert.equal(masked('!pip install scikit-learn\nx = 1'), 'pass                     \nx = 1');
  assert.equal(masked('!!ls\ndf.head?\n?df\n??df.describe\ndf.describe??'), 'pass\npass    \n...\npass         \npass         ');
  assert.equal(masked('!l\n!'), '0 \n0');
});

test('automagics (magics without %) are masked only where Python would not parse', () => {
  assert.equal(masked('pip install -U scikit-learn\ncd data\nmatplotlib inline'), 'pass                       \npass   \npass             ');
  const python = 'cd = 1\nenv if True else None\nrun(cd)\nls - la\ncat.x = 2';
  assert.equal(masked(python.replace('ls - la', 'ls - 1')), python.replace('ls - la', 'ls - 1'));
});

test('magics inside indented blocks keep the block valid', () => {
  assert.equal(masked('for f in files:\n    !echo {f}\n    %env A=1\n'), 'for f in files:\n    pass     \n    pass    \n');
});

test('assignments from the shell or a magic keep the target', () => {
  assert.equal(masked('files = !ls *.csv\nx = 1'), 'files = _        \nx = 1');
  assert.equal(masked('t = %timeit -o sum(range(9))'), 't = _                       ');
  assert.equal(masked('a, b = !echo 1 2'), 'a, b = _        ');
  assert.equal(masked('x == !y'.replace('!y', 'y')), 'x == y', 'comparisons untouched');
});

test('%time and %timeit keep the timed statement, which runs', () => {
  assert.equal(masked('%time model.fit(X, y)'), '_;    model.fit(X, y)');
  assert.equal(masked('%timeit -n 10 -r 3 f(x)'), '_;                 f(x)');
  assert.equal(masked('%time'), 'pass ');
  assert.equal(masked('%time for i in range(3): f(i)'), 'pass' + ' '.repeat(25), 'a compound statement cannot follow `_;`');
});

test('cell magics: Python bodies keep their code, other languages are blanked', () => {
  assert.equal(masked('%%time\nX = scaler.fit_transform(X)'), '      \nX = scaler.fit_transform(X)');
  assert.equal(masked('\n%%capture out\nimport torch'), '\n             \nimport torch');
  assert.equal(masked('%%bash\necho "("\nls'), '      \n        \n  ');
  const writefile = maskIPython('%%writefile helper.py\ndef broken(:\n    pass');
  assert.equal(writefile.text.trim(), '');
  assert.deepEqual(writefile.masks, [{ start: 0, end: 43 }]);
});

test('strings, comments and bracketed continuations are not magics', () => {
  const source = 'text = """\n!not a shell escape\n%not a magic\n"""\n# is this a question?\nx = f(a,\n      b)  # ok?\ns = "what?"';
  assert.equal(masked(source), source);
  const continued = 'x = [1,\n!2]';
  assert.equal(maskIPython(continued).text, continued, 'a line inside brackets is not a line start');
});

test('CRLF line breaks are kept and masks stop before them', () => {
  assert.equal(masked('%matplotlib inline\r\n!ls\r\nx = 1\r\n'), 'pass              \r\n...\r\nx = 1\r\n');
});

test('a shell command continued with a backslash is masked on every line', () => {
  assert.equal(masked('!pip install \\\n    numpy\nx = 1'), 'pass          \n         \nx = 1');
});

test('masks are reported in source offsets', () => {
  assert.deepEqual(maskIPython('x = 1\n%load_ext autoreload').masks, [{ start: 6, end: 26 }]);
});
