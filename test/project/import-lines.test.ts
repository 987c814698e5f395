// scanImports reads only the lines that mention `import`, found by searching for the word
// rather than by splitting the whole text: the same lines, in the same order, as a split would give.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { linesWith, scanImports } from '../../server/src/project/import-index';

/** The reference: split at every line break, keep the lines holding the word. */
function splitLines(text: string, word: string): string[] {
  return text.split(/\r\n|\r|\n/).filter((line) => line.includes(word));
}

const PIECES = ['import', 'imp', 'ort', 'from a', ' import b', 'import os, sys', '\n', '\r', '\r\n', '\n\r', 'x', ' ', '(', ')', ',', 'importimport'];

test('linesWith finds the lines a split finds, line breaks of every kind included', () => {
  let seed = 7;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let round = 0; round < 3000; round++) {
    let text = '';
    const length = next(30);
    for (let i = 0; i < length; i++) text += PIECES[next(PIECES.length)];
    assert.deepEqual([...linesWith(text, 'import')], splitLines(text, 'import'), JSON.stringify(text));
  }
});

test('scanImports reads imports on any kind of line break, first and last lines included', () => {
  const text = 'import os\r\nfrom a.b import (c, d)\rx = 1\nimport numpy as np, sys';
  assert.deepEqual(scanImports(text), [
    { dotted: 'os', level: 0, names: [] },
    { dotted: 'a.b', level: 0, names: ['c', 'd'] },
    { dotted: 'numpy', level: 0, names: [] },
    { dotted: 'sys', level: 0, names: [] },
  ]);
});
