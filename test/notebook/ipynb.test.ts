// Reading .ipynb files and writing changed sources back without touching anything else.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseIpynb, ParsedIpynb, replaceSources } from '../../server/src/notebook/ipynb';
import { parseJsonTree } from '../../server/src/notebook/json-tree';
import { FIXTURES } from '../helpers/paths';

const fixture = (name: string): string => fs.readFileSync(path.join(FIXTURES, 'notebooks', name), 'utf8');

function parsed(text: string): ParsedIpynb {
  const result = parseIpynb(text);
  if (!result.ok) assert.fail(result.message);
  return result.notebook;
}

test('cells are numbered among all cells; list and string sources are joined', () => {
  const nb = parsed(fixture('string_source.ipynb'));
  assert.deepEqual(nb.cells.map((c) => [c.cell, c.kind]), [[1, 'markdown'], [2, 'code'], [3, 'code'], [4, 'code']]);
  assert.equal(nb.cells[2].source.split('\n')[0], 'df = pd.read_csv("données.csv")  # é, 😀 stay as they are');
  assert.equal(nb.language, 'python');
  assert.equal(parsed(fixture('crlf.ipynb')).cells[1].source, 'import pandas as pd\r\nfrom sklearn.preprocessing import MinMaxScaler\r\nfrom sklearn.model_selection import train_test_split\r\n');
});

test('what is not a notebook is a clear message, never an exception', () => {
  const cases: [string, RegExp][] = [
    ['broken.ipynb', /^not a valid notebook: invalid JSON \(expected a string key, found end of file at line 45, column 4\)$/],
    ['python_file.ipynb', /^not a valid notebook: invalid JSON \(expected a JSON value, found 'i' at line 1, column 1\)$/],
    ['not_a_notebook.ipynb', /^not a valid notebook: no "cells" list$/],
    ['nbformat3.ipynb', /only nbformat 4 is supported/],
  ];
  for (const [name, message] of cases) {
    const result = parseIpynb(fixture(name));
    assert.equal(result.ok, false, name);
    if (!result.ok) assert.match(result.message, message, name);
  }
  assert.equal(parseIpynb('\uFEFF{"cells": []}').ok, true, 'a byte order mark is tolerated');
  for (const text of ['', '[]', '"cells"', '{"cells": {}}', '{"cells": [1]}', '{"cells": [{"cell_type": "code"}]}', '{"cells": [{"cell_type": "code", "source": [1]}]}', '\uFEFF\uFEFF{}', '{"a":1}x']) {
    const result = parseIpynb(text);
    assert.equal(result.ok, false, JSON.stringify(text));
  }
});

test('the JSON parser accepts exactly what JSON.parse accepts', () => {
  const valid = (s: string): boolean => {
    try {
      JSON.parse(s.replace(/^\uFEFF/, '')); // a leading byte order mark is tolerated on purpose
      return true;
    } catch {
      return false;
    }
  };
  fc.assert(
    fc.property(fc.json(), fc.nat(), (json, cut) => {
      assert.equal(parseJsonTree(json).ok, true, json);
      const truncated = json.slice(0, cut % (json.length + 1));
      assert.equal(parseJsonTree(truncated).ok, valid(truncated), truncated);
    }),
    { numRuns: 300 },
  );
  fc.assert(fc.property(fc.string(), (s) => assert.equal(parseJsonTree(s).ok, valid(s), s)), { numRuns: 300 });
});

function cellsJson(sources: (string | string[])[], indent: number | undefined): string {
  const cells = sources.map((source) => ({ cell_type: 'code', execution_count: null, metadata: { tags: ['x'] }, outputs: [{ output_type: 'stream', name: 'stdout', text: ['ok\n'] }], source }));
  return JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, indent) + (indent ? '\n' : '');
}

test('replacing a source changes only that value, keeping list or string form', () => {
  const text = cellsJson([['a = 1\n', 'b = 2'], 'c = 3\nd = 4', []], 1);
  const nb = parsed(text);
  const out = replaceSources(nb, new Map([[1, 'a = 1\nx = 0\nb = 2'], [2, 'c = 3'], [3, 'e = 5\n']]));
  const expected = JSON.parse(text);
  expected.cells[0].source = ['a = 1\n', 'x = 0\n', 'b = 2'];
  expected.cells[1].source = 'c = 3';
  expected.cells[2].source = ['e = 5\n'];
  assert.deepEqual(JSON.parse(out), expected);
  assert.equal(out, JSON.stringify(expected, null, 1) + '\n', 'same layout as the writer of the original');
  assert.equal(replaceSources(nb, new Map([[1, '']])).includes('"source": []'), true, 'an emptied list');
});

test('non-ASCII text keeps the escaping style of the file', () => {
  const escaped = parsed(fixture('ascii_escaped.ipynb'));
  const out = replaceSources(escaped, new Map([[1, escaped.cells[0].source + '\n# prix en €']]));
  assert.match(out, /"# prix en \\u20ac"/);
  assert.doesNotMatch(out, /[^\x00-\x7f]/);
  const raw = parsed(cellsJson(['x = 1'], 1));
  assert.match(replaceSources(raw, new Map([[1, 'x = "é"']])), /"x = \\"é\\""/);
});

test('one-line and one-item-per-source files keep their style', () => {
  const minified = parsed(cellsJson([['a\n', 'b']], undefined));
  assert.equal(JSON.parse(replaceSources(minified, new Map([[1, 'a\nc\nb']]))).cells[0].source.length, 3);
  assert.doesNotMatch(replaceSources(minified, new Map([[1, 'a\nc\nb']])), /\n/);
  const single = parsed(cellsJson([['a = 1\nb = 2\n']], 1));
  assert.deepEqual(JSON.parse(replaceSources(single, new Map([[1, 'a = 1\nb = 3\n']]))).cells[0].source, ['a = 1\nb = 3\n']);
});

test('writing the same sources back is the identity; new sources read back as written', () => {
  const line = fc.stringMatching(/^[a-zé😀 =()\t"\\]{0,12}$/);
  const source = fc.array(fc.tuple(line, fc.constantFrom('\n', '\r\n', '')), { maxLength: 5 }).map((parts) => parts.map(([l, e]) => l + e).join(''));
  fc.assert(
    fc.property(fc.array(fc.tuple(source, fc.boolean()), { minLength: 1, maxLength: 4 }), fc.array(source, { minLength: 4, maxLength: 4 }), fc.constantFrom(1, 2, undefined), (cells, next, indent) => {
      const text = cellsJson(cells.map(([s, asList]) => (asList ? s.match(/[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$/g) ?? [] : s)), indent);
      const nb = parsed(text);
      assert.equal(replaceSources(nb, new Map(nb.cells.map((c) => [c.cell, c.source]))), text);
      const changes = new Map(nb.cells.map((c) => [c.cell, next[c.cell - 1]]));
      const reread = parsed(replaceSources(nb, changes));
      assert.deepEqual(reread.cells.map((c) => c.source), nb.cells.map((c) => next[c.cell - 1]));
    }),
    { numRuns: 200 },
  );
});
