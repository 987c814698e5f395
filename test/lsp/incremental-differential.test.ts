// The editor's incremental analysis (an OpenDocument edited change by change, an edited statement
// spliced in or the tree reparsed incrementally, unchanged top-level statements reused, the
// interpretation resumed at the first changed top-level statement by an analysis session, lint
// with recorded values as the language server runs it) must give exactly what a from-scratch
// analysis of the same text gives: findings (messages, spans, related spans, fixes),
// suppressions, the syntax-error flag, the value shown on hover at every identifier and the
// experiment graph, compared as JSON. Every rule fixture, example and project entry point (with
// its project's modules) gets a series of random edits (insert, delete or duplicate a line,
// change a token, break and repair a bracket, undo), from a seeded generator:
// HOLDOUT_DIFF_SEED=<n> replays a run, HOLDOUT_DIFF_EDITS=<n> sets the number of edits per file.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { OpenDocument } from '../../server/src/lsp/document';
import { lint, LintResult } from '../../server/src/engine/lint';
import { ModelSession } from '../../server/src/semantic/model';
import { describeValue } from '../../server/src/semantic/describe';
import { scriptGraph } from '../../server/src/lsp/experiment-graph';
import { DEFAULT_CONFIG } from '../../server/src/engine/config';
import { ModuleHost } from '../../server/src/semantic/modules';
import { DiskTexts } from '../../server/src/project/module-store';
import { Projects } from '../../server/src/project/project';
import { FIXTURES, EXAMPLES } from '../helpers/paths';
import { seeded } from '../robustness/mutate';

function pythonFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) pythonFiles(full, out);
    else if (entry.name.endsWith('.py')) out.push(full);
  }
  return out;
}

/** What the editor shows for a text and what `holdout check` reports, as comparable JSON. */
function observable(result: LintResult): string {
  const lineOf = (offset: number) => result.lines.lineOf(offset) + 1;
  const values = [...result.model.values].sort((a, b) => a[0] - b[0]).map(([offset, value]) => `${offset}: ${describeValue('x', value, lineOf)}`);
  return JSON.stringify({ findings: result.findings, suppressions: result.suppressions, hasSyntaxErrors: result.hasSyntaxErrors, values, graph: scriptGraph('file:///t.py', 1, result, { config: DEFAULT_CONFIG, extraIgnores: [], excluded: false }) }, null, 1);
}

interface Change {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  text: string;
}

const TOKEN = /[A-Za-z_][A-Za-z0-9_]*|\d+(?:\.\d+)?|[()[\]{}:,=.]/g;
const NEW_LINES = ['x = 1', 'model.fit(X_train, y_train)', 'print(X_test)', 'pass', '# note', 'def g(a):', '    return a', 'if True:', 'import numpy as np', 'X_train, X_test = train_test_split(X)', 'np.random.seed(0)', 'scaler.fit(X)', ''];
const NEW_TOKENS = ['X', 'X_test', 'X_train', 'y', 'df', 'fit', 'transform', '0', '42', '(', ')', ':', '', 'None', 'model', 'test_size'];

/** One random change to `text` (lines split on '\n'; positions in UTF-16 units, as LSP's). */
function randomChange(text: string, random: () => number, history: { change: Change; undo: Change }[]): { change: Change; undo?: Change } {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const lines = text.split('\n');
  const at = (line: number, character: number) => ({ line, character });
  const lineNo = Math.floor(random() * lines.length);
  const line = lines[lineNo];
  const kind = random();
  const changeOf = (start: { line: number; character: number }, end: { line: number; character: number }, newText: string): Change => ({ range: { start, end }, text: newText });
  if (kind < 0.12 && history.length) {
    // Undo the last change: the text returns to one analysed before (statements reused twice).
    const last = history.pop()!;
    return { change: last.undo };
  }
  if (kind < 0.3) {
    // Insert a line (a new statement, a copy of another line, or a blank line), indented like this one.
    const indent = /^[ \t]*/.exec(line)![0];
    const inserted = random() < 0.5 ? indent + pick(NEW_LINES).trimStart() : pick(lines);
    return { change: changeOf(at(lineNo, 0), at(lineNo, 0), inserted + '\n'), undo: changeOf(at(lineNo, 0), at(lineNo + 1, 0), '') };
  }
  if (kind < 0.45 && lines.length > 1 && lineNo + 1 < lines.length) {
    // Delete a line.
    return { change: changeOf(at(lineNo, 0), at(lineNo + 1, 0), ''), undo: changeOf(at(lineNo, 0), at(lineNo, 0), line + '\n') };
  }
  const tokens = [...line.matchAll(TOKEN)];
  if (kind < 0.9 && tokens.length) {
    // Change a token: to another name from the file, a literal, or punctuation (often a syntax error).
    const token = pick(tokens);
    const start = token.index!;
    const end = start + token[0].length;
    const fileTokens = [...text.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)].map((m) => m[0]);
    const replacement = random() < 0.6 && fileTokens.length ? pick(fileTokens) : pick(NEW_TOKENS);
    return { change: changeOf(at(lineNo, start), at(lineNo, end), replacement), undo: changeOf(at(lineNo, start), at(lineNo, start + replacement.length), token[0]) };
  }
  // Type one character somewhere in the line.
  const column = Math.floor(random() * (line.length + 1));
  const typed = pick(['a', '1', ' ', '(', '"', '#', '_']);
  return { change: changeOf(at(lineNo, column), at(lineNo, column), typed), undo: changeOf(at(lineNo, column), at(lineNo, column + 1), '') };
}

const FILES = [...pythonFiles(path.join(FIXTURES, 'rules')), ...pythonFiles(EXAMPLES), ...pythonFiles(path.join(FIXTURES, 'projects'))].sort();
const projects = new Projects(new DiskTexts());
const PROJECTS = path.join(FIXTURES, 'projects');

/** A project file is analysed with its project's modules (read from disk, unchanged by the edits). */
function modulesFor(file: string): ModuleHost | undefined {
  if (!file.startsWith(PROJECTS + path.sep)) return undefined;
  const root = path.join(PROJECTS, path.relative(PROJECTS, file).split(path.sep)[0]);
  return projects.store.hostFor(file, { fallbackRoot: root });
}
const SEED = Number(process.env.HOLDOUT_DIFF_SEED ?? 20261202);
const EDITS = Number(process.env.HOLDOUT_DIFF_EDITS ?? 6);

test('the fixtures and examples are found', () => {
  assert.ok(FILES.length > 100, `only ${FILES.length} files`);
});

test('incremental analysis after random edits equals a from-scratch analysis (every rule fixture and example)', () => {
  let compared = 0;
  let resumed = 0;
  for (const [index, file] of FILES.entries()) {
    const random = seeded(SEED + index);
    const initial = readFileSync(file, 'utf8');
    const doc = new OpenDocument('file:///t.py', 'python', 1, initial);
    const session = new ModelSession();
    const modules = modulesFor(file);
    const history: { change: Change; undo: Change }[] = [];
    const steps: string[] = [];
    const check = (): void => {
      const before = session.interpreter;
      const incremental = lint({ text: doc.text, root: doc.currentSyntax(), lines: doc.lineIndex, recordValues: true, modules, session });
      if (before && session.interpreter === before) resumed++;
      const fresh = lint({ text: doc.text, recordValues: true, modules });
      compared++;
      if (observable(incremental) !== observable(fresh)) {
        assert.equal(observable(incremental), observable(fresh), `${path.relative(FIXTURES, file)} (seed ${SEED + index}) after:\n${steps.join('\n')}\n--- text ---\n${doc.text}`);
      }
    };
    check();
    for (let i = 0; i < EDITS; i++) {
      // Sometimes two or three changes arrive before the next analysis (one didChange, or fast typing).
      const batch = random() < 0.25 ? 2 + Math.floor(random() * 2) : 1;
      const changes: Change[] = [];
      for (let b = 0; b < batch; b++) {
        const { change, undo } = randomChange(doc.text, random, history);
        changes.push(change);
        steps.push(JSON.stringify(change));
        doc.update([change], doc.version + 1);
        if (undo) history.push({ change, undo });
      }
      check();
    }
  }
  assert.ok(compared > FILES.length * EDITS);
  // Many edits leave the first top-level statement where it was: the analysis resumed after it.
  assert.ok(resumed > compared / 5, `resumed ${resumed} of ${compared}`);
});
