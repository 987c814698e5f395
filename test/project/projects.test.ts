// Fixture projects: folders of several modules checked as `holdout check <folder>` does. Each
// file's findings must be exactly the lines marked `# expect: rule-id` in that file (library
// modules get none of their own); a line marked `# cause: rule-id` in a module must be named, as
// a related location with its file, by a finding of that rule in some other file.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkFile } from '../../server/src/cli/check-file';
import { ReportedFinding } from '../../server/src/cli/report';
import { DEFAULT_CONFIG } from '../../server/src/engine/config';
import { FIXTURES } from '../helpers/paths';

const PROJECTS = path.join(FIXTURES, 'projects');
const MARKER = /#\s*(expect|cause):\s*([\w\-, ]+)/;

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return filesUnder(full);
    return e.name.endsWith('.py') || e.name.endsWith('.ipynb') ? [full] : [];
  });
}

/** The analysed lines of a file: its text, or for a notebook each code cell's lines as `cell:line`. */
function markedLines(file: string): { where: string; kind: string; rules: string[] }[] {
  const text = fs.readFileSync(file, 'utf8');
  const sources = file.endsWith('.ipynb')
    ? (JSON.parse(text) as { cells: { source: string[] }[] }).cells.map((c, i) => ({ prefix: `${i + 1}:`, text: c.source.join('') }))
    : [{ prefix: '', text }];
  return sources.flatMap(({ prefix, text: source }) =>
    source.split(/\r?\n/).flatMap((line, i) => {
      const m = MARKER.exec(line);
      return m ? [{ where: `${prefix}${i + 1}`, kind: m[1], rules: m[2].split(',').map((s) => s.trim()) }] : [];
    }),
  );
}

function check(file: string, root: string): ReportedFinding[] {
  const outcome = checkFile(file, { config: DEFAULT_CONFIG, fix: false, unsafeFixes: false, diff: false, project: { fallbackRoot: root } });
  assert.equal(outcome.report.error, undefined);
  return outcome.report.findings;
}

const where = (f: { cell?: number; line: number }): string => (f.cell !== undefined ? `${f.cell}:${f.line}` : String(f.line));

for (const name of fs.readdirSync(PROJECTS).sort()) {
  const root = path.join(PROJECTS, name);
  const files = filesUnder(root).sort();
  test(`project ${name}: findings at the expected lines of each file`, () => {
    const causes: { file: string; rule: string; line: string }[] = [];
    const related: { rule: string; file: string; line: number }[] = [];
    for (const file of files) {
      const findings = check(file, root);
      const got = findings.map((f) => `${f.rule}@${where(f)}`).sort();
      const marks = markedLines(file);
      const expected = marks.filter((m) => m.kind === 'expect').flatMap((m) => m.rules.map((r) => `${r}@${m.where}`)).sort();
      assert.deepEqual(got, expected, path.relative(root, file));
      for (const m of marks.filter((x) => x.kind === 'cause')) for (const rule of m.rules) causes.push({ file, rule, line: m.where });
      for (const f of findings) for (const r of f.related) if (r.file) related.push({ rule: f.rule, file: path.resolve(r.file), line: r.line });
    }
    for (const cause of causes) {
      assert.ok(
        related.some((r) => r.rule === cause.rule && r.file === cause.file && String(r.line) === cause.line),
        `${path.relative(root, cause.file)}:${cause.line} is named as the cause of a ${cause.rule} finding (related: ${JSON.stringify(related)})`,
      );
    }
  });
}

test('a library module checked on its own still knows it is a library: no findings of its own', () => {
  const root = path.join(PROJECTS, 'model-data');
  assert.deepEqual(check(path.join(root, 'models', 'resnet.py'), path.join(root, 'models')), []);
});

test('without project settings every file is its own program (imports of project modules are unknown)', () => {
  const file = path.join(PROJECTS, 'model-data', 'models', 'resnet.py');
  const outcome = checkFile(file, { config: DEFAULT_CONFIG, fix: false, unsafeFixes: false, diff: false });
  assert.ok(outcome.report.findings.some((f) => f.rule === 'unseeded-rng'));
});

test('seed fixes for a draw inside a model module go into the entry point, after its imports', () => {
  const root = path.join(PROJECTS, 'model-data');
  const file = path.join(root, 'train.py');
  const findings = check(file, root);
  const seed = findings.find((f) => f.rule === 'unseeded-rng');
  assert.ok(seed?.fixes?.length, 'the seed finding has a fix');
  for (const fix of seed!.fixes!) for (const edit of fix.edits) assert.ok(edit.line <= 5 && edit.newText.includes('manual_seed'), JSON.stringify(edit));
});
