// Hostile input to the analysis: empty and comment-only files, syntax errors everywhere,
// half-typed code (every line prefix of every example, every character prefix of one), deep
// nesting, huge files and lines, odd line breaks, BOM, tabs, NUL and lone surrogates.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { lint } from '../../server/src/engine/lint';
import { pythonFiles, readText } from '../fixes/fix-support';
import { EXAMPLES, REPO_ROOT } from '../helpers/paths';
import { checkInvariants } from './invariants';

const examples = pythonFiles(EXAMPLES);
const DEEP = 5000;

test('tiny and degenerate inputs', () => {
  const inputs = ['', ' ', '\n', '\r', '\r\n', '\t', '\ufeff', '\0', '\ud800', '\udc00x', '#', '# only a comment\n# and another', '"""docstring only"""', '\\', '(', ')', ':', 'if', 'def', 'class', 'import', 'from . import', 'lambda', '@', 'x = ', 'for', 'with', 'try:', '\x0c', '\u2028'];
  for (const input of inputs) checkInvariants(input, { fixAll: true, applyEach: true });
});

test('syntax errors on every line', () => {
  for (const file of examples) {
    const broken = readText(file).split('\n').map((line, i) => line + [' (', ' ]', ':', ' = =', ' """', ' \\'][i % 6]).join('\n');
    checkInvariants(broken, { fixAll: true, applyEach: true });
  }
});

test('every line prefix of every example', () => {
  let count = 0;
  for (const file of examples) {
    const lines = readText(file).split('\n');
    for (let n = 0; n <= lines.length; n++, count++) checkInvariants(lines.slice(0, n).join('\n'), { applyEach: true });
  }
  assert.ok(count > 50, `${count} prefixes`);
});

test('every character prefix of one example', () => {
  const file = examples.find((f) => path.basename(f) === 'churn_leaky.py') ?? examples[0];
  const text = readText(file);
  for (let n = 0; n <= text.length; n++) {
    const prefix = text.slice(0, n);
    const findings = lint({ text: prefix }).findings;
    for (const f of findings) assert.ok(f.span.end <= prefix.length && f.span.start >= 0, `${path.relative(REPO_ROOT, file)} prefix ${n}: span outside`);
  }
});

const nested: [string, string][] = [
  ['parentheses', `x = ${'('.repeat(DEEP)}1${')'.repeat(DEEP)}\n`],
  ['unclosed parentheses', `x = ${'('.repeat(DEEP)}\n`],
  ['lists', `x = ${'['.repeat(DEEP)}${']'.repeat(DEEP)}\n`],
  ['calls', `x = ${'f('.repeat(DEEP)}${')'.repeat(DEEP)}\n`],
  ['dicts', `x = ${'{1: '.repeat(DEEP)}1${'}'.repeat(DEEP)}\n`],
  ['attributes', `x = a${'.b'.repeat(DEEP)}\n`],
  ['subscripts', `x = a${'[0]'.repeat(DEEP)}\n`],
  ['binary operators', `x = ${Array(DEEP).fill('a').join(' + ')}\n`],
  ['unary operators', `x = ${'-'.repeat(DEEP)}1\n`],
  ['not', `x = ${'not '.repeat(DEEP)}y\n`],
  ['lambdas', `f = ${'lambda: '.repeat(DEEP)}1\n`],
  ['conditional expressions', `x = ${'1 if c else '.repeat(DEEP)}0\n`],
  ['chained assignment', `${Array(DEEP).fill('a').join(' = ')} = 1\n`],
  ['comprehensions', `x = ${'[y for y in '.repeat(1000)}z${']'.repeat(1000)}\n`],
  ['if blocks', Array.from({ length: DEEP }, (_, i) => `${' '.repeat(i)}if x:\n`).join('') + `${' '.repeat(DEEP)}pass\n`],
  ['for loops', Array.from({ length: DEEP }, (_, i) => `${'\t'.repeat(i)}for i${i} in range(3):\n`).join('') + `${'\t'.repeat(DEEP)}model.fit(X_train, y_train)\n`],
  ['function definitions', Array.from({ length: DEEP }, (_, i) => `${' '.repeat(i)}def f${i}():\n`).join('') + `${' '.repeat(DEEP)}return 1\n`],
];

for (const [name, text] of nested) {
  test(`${DEEP}-deep nesting: ${name}`, () => {
    checkInvariants(text, { timeLimitMs: 20_000 });
  });
}

// Speed is the benchmark's job (npm run bench); the timeout only catches a hang.
test('a 10 MB generated file is analysed to the end', { timeout: 600_000 }, () => {
  // Generated code: each example wrapped in its own function, repeated to 10 MB.
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < 10_000_000; i++) {
    const body = readText(examples[i % examples.length]).split('\n').map((line) => (line ? `    ${line}` : line));
    const copy = [`def generated_${i}():`, ...body].join('\n');
    parts.push(copy);
    size += copy.length + 1;
  }
  const text = parts.join('\n');
  const result = lint({ text });
  assert.ok(result.findings.length > 0);
  for (const f of result.findings) assert.ok(f.span.start >= 0 && f.span.end <= text.length);
});

test('very long lines', () => {
  const long = `x = [${Array(100_000).fill('1').join(', ')}]\n`;
  checkInvariants(`import numpy as np\n${long}noise = np.random.rand(3)\n`, { fixAll: true, timeLimitMs: 20_000 });
  checkInvariants(`s = "${'a'.repeat(1_000_000)}"\n`, { timeLimitMs: 20_000 });
  checkInvariants(`# ${'😀'.repeat(200_000)}\n`, { timeLimitMs: 20_000 });
});

test('NUL bytes, lone surrogates and control characters between statements', () => {
  for (const file of examples) {
    const text = readText(file);
    for (const junk of ['\0', '\ud800', '\udfff', '\x1b[31m', '\ufffe', '\x7f']) {
      checkInvariants(text.split('\n').join(`${junk}\n`), { applyEach: true });
    }
  }
});

test('invalid UTF-8 and a BOM in the bytes: decoded with replacements, then analysed', async () => {
  const { decodeSource } = await import('../../server/src/engine/source-file');
  const example = Buffer.from(readText(examples[0]), 'utf8');
  const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), example.subarray(0, 40), Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]), example.subarray(40)]);
  const decoded = decodeSource(bytes);
  assert.ok(decoded.ok && decoded.bom && decoded.replaced);
  if (decoded.ok) checkInvariants(decoded.text, { fixAll: true, applyEach: true });
});
