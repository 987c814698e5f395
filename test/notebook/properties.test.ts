// Random notebooks built from snippets (leaks, magics, markdown, CRLF, empty cells): the
// analysis never throws, places everything inside its cell, and fixes touch only code sources.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { fixNotebook, lintNotebook, parseIpynb } from '../../server/src/notebook';

const SNIPPETS = [
  'import numpy as np\nimport pandas as pd\nfrom sklearn.preprocessing import StandardScaler\nfrom sklearn.model_selection import train_test_split',
  'df = pd.read_csv("d.csv")\nX = df.drop(columns=["y"])\ny = df["y"]',
  'scaler = StandardScaler()\nXs = scaler.fit_transform(X)',
  'a, b, c, d = train_test_split(Xs, y)',
  'noise = np.random.normal(size=3)',
  '%matplotlib inline\n!pip install numpy\ndf.head?',
  '%%time\nXs = StandardScaler().fit_transform(X)',
  '%%bash\necho "("',
  'files = !ls\nfor f in files:\n    !echo {f}',
  '',
  'def broken(:\n    pass',
  '# holdout: ignore-file[unseeded-rng]',
];

const cell = fc.record({
  kind: fc.constantFrom('code', 'code', 'code', 'markdown', 'raw'),
  snippet: fc.constantFrom(...SNIPPETS),
  crlf: fc.boolean(),
  asList: fc.boolean(),
});

function notebookJson(cells: { kind: string; snippet: string; crlf: boolean; asList: boolean }[]): string {
  return (
    JSON.stringify(
      {
        cells: cells.map((c) => {
          const text = c.crlf ? c.snippet.replace(/\n/g, '\r\n') : c.snippet;
          const source = c.asList ? text.match(/[^\r\n]*(?:\r\n|\n)|[^\r\n]+$/g) ?? [] : text;
          return c.kind === 'code' ? { cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source } : { cell_type: c.kind, metadata: {}, source };
        }),
        metadata: { kernelspec: { language: 'python' } },
        nbformat: 4,
        nbformat_minor: 5,
      },
      null,
      1,
    ) + '\n'
  );
}

test('random notebooks: findings inside their cells, fixes only in code sources', () => {
  fc.assert(
    fc.property(fc.array(cell, { maxLength: 7 }), fc.boolean(), (cells, unsafe) => {
      const text = notebookJson(cells);
      const result = lintNotebook(text);
      assert.equal(result.error, undefined);
      const sources = result.notebook!.cells;
      for (const f of result.findings) {
        for (const r of [f.range, ...f.related.map((x) => x.range)]) {
          assert.equal(sources[r.cell - 1].kind, 'code');
          assert.ok(0 <= r.start && r.start <= r.end && r.end <= sources[r.cell - 1].source.length);
        }
      }
      const fixed = fixNotebook(text, { unsafe });
      assert.ok(fixed.ok);
      const after = parseIpynb(fixed.text);
      assert.ok(after.ok);
      const before = JSON.parse(text);
      const now = JSON.parse(fixed.text);
      now.cells.forEach((c: { cell_type: string; source: unknown }, k: number) => {
        if (c.cell_type !== 'code') assert.deepEqual(c, before.cells[k]);
        else c.source = before.cells[k].source;
      });
      assert.deepEqual(now, before, 'only code sources change');
    }),
    { numRuns: 60 },
  );
});
