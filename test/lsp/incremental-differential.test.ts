// The editor's incremental analysis (an OpenDocument edited change by change, an edited statement
// spliced in or the tree reparsed incrementally, unchanged top-level statements reused, the
// interpretation resumed at the first changed top-level statement by an analysis session, lint
// with recorded values as the language server runs it) must give exactly what a from-scratch
// analysis of the same text gives: findings (messages, spans, related spans, fixes),
// suppressions, the syntax-error flag, the value shown on hover at every identifier and the
// experiment graph, compared as JSON. Every rule fixture, example and project entry point (with
// its project's modules) gets a series of random edits (insert, delete or duplicate a line,
// change a token or a literal's digit or letter, break and repair a bracket, undo), from a
// seeded generator; edited literals and comments exercise the early cut-off:
// HOLDOUT_DIFF_SEED=<n> replays a run, HOLDOUT_DIFF_EDITS=<n> sets the number of edits per file.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { OpenDocument } from '../../server/src/lsp/document';
import { lint, LintResult } from '../../server/src/engine/lint';
import { ModelSession } from '../../server/src/semantic/model';
import type { Interpreter } from '../../server/src/semantic/interpreter';
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
  const numbers = [...line.matchAll(/(?<![\w.])\d/g)];
  const letters = [...line.matchAll(/(?<=["'][^"'\n]*)[a-z](?=[^"'\n]*["'])/g)];
  const literals = numbers.length && (random() < 0.8 || !letters.length) ? numbers : letters;
  if (kind < 0.75 && literals.length) {
    // Change a digit or a letter in a string to another, keeping the length: when only literals
    // changed, the old nodes stand for the statement and the re-run may be cut short.
    const literal = pick(literals);
    const start = literal.index!;
    const replacement = /\d/.test(literal[0]) ? String((Number(literal[0]) + 1 + Math.floor(random() * 8)) % 10) : pick(['a', 'e', 'x', 'z'].filter((c) => c !== literal[0]));
    return { change: changeOf(at(lineNo, start), at(lineNo, start + 1), replacement), undo: changeOf(at(lineNo, start), at(lineNo, start + 1), literal[0]) };
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
  let cutShort = 0;
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
      if (before && session.interpreter === before && before.lastResume === 'cut short') cutShort++;
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
  // An edited literal that changed nothing the rest of the module depends on: not run again.
  assert.ok(cutShort > 20, `cut short ${cutShort} of ${compared}`);
});

test('editing number literals (the length kept) equals a from-scratch analysis, and most such re-runs are cut short', () => {
  let compared = 0;
  let cutShort = 0;
  for (const file of FILES) {
    const doc = new OpenDocument('file:///t.py', 'python', 1, readFileSync(file, 'utf8'));
    const session = new ModelSession();
    const modules = modulesFor(file);
    lint({ text: doc.text, root: doc.currentSyntax(), lines: doc.lineIndex, recordValues: true, modules, session });
    const numbers = doc.text.split('\n').flatMap((line, lineNo) => [...line.matchAll(/(?<![\w.])\d+(?![\w])/g)].map((m) => ({ line: lineNo, character: m.index! })));
    for (let i = 0; i < 6 && i < numbers.length; i++) {
      // One digit of every sixth number literal, spread over the file.
      const at = numbers[Math.floor((i * numbers.length) / Math.min(6, numbers.length))];
      const digit = doc.text.split('\n')[at.line][at.character];
      doc.update([{ range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: String((Number(digit) % 9) + 1) }], doc.version + 1);
      const before = session.interpreter;
      const incremental = lint({ text: doc.text, root: doc.currentSyntax(), lines: doc.lineIndex, recordValues: true, modules, session });
      if (before && session.interpreter === before && before.lastResume === 'cut short') cutShort++;
      const fresh = lint({ text: doc.text, recordValues: true, modules });
      compared++;
      if (observable(incremental) !== observable(fresh)) assert.equal(observable(incremental), observable(fresh), `${path.relative(FIXTURES, file)}, number on line ${at.line + 1}`);
    }
  }
  assert.ok(compared > 500, `compared ${compared}`);
  assert.ok(cutShort > compared / 3, `cut short ${cutShort} of ${compared}`);
});

test('a literal whose value later code depends on is re-run through; other edits on one line are cut short', () => {
  const constant = [
    'import random',
    'import numpy as np',
    'import torch',
    'DETERMINISTIC = 1',
    'print("seeding", 3)',
    'random.seed(0)',
    'np.random.seed(0)',
    'torch.manual_seed(0)',
    'torch.backends.cudnn.deterministic = DETERMINISTIC',
    'torch.backends.cudnn.benchmark = False',
    'net = torch.nn.Linear(4, 2).cuda()',
    '',
  ].join('\n');
  // The same literal inside a function a later statement calls: its text is read after it ran.
  const inFunction = [
    'import random',
    'import numpy as np',
    'import torch',
    'def setup(seed):',
    '    random.seed(seed)',
    '    np.random.seed(seed)',
    '    torch.manual_seed(seed)',
    '    torch.backends.cudnn.deterministic = 1',
    '    torch.backends.cudnn.benchmark = False',
    'setup(0)',
    'net = torch.nn.Linear(4, 2).cuda()',
    '',
  ].join('\n');
  const cases: { text: string; find: string; replace: string; cut: boolean }[] = [
    { text: constant, find: 'DETERMINISTIC = 1', replace: 'DETERMINISTIC = 0', cut: false },
    { text: inFunction, find: 'deterministic = 1', replace: 'deterministic = 0', cut: false },
    { text: constant, find: '"seeding", 3', replace: '"seeding", 4', cut: true },
    // Longer or shorter on the same line: the statements after it are shifted, their hover values moved.
    { text: constant, find: '"seeding", 3', replace: '"seeding", 300', cut: true },
    { text: constant.replace('DETERMINISTIC = 1', 'DETERMINISTIC = 1  # tuned'), find: '# tuned', replace: '# tuned by hand', cut: true },
    // A new line shifts the lines of what follows: run again.
    { text: constant, find: '"seeding", 3', replace: '"seeding",\n    3', cut: false },
  ];
  for (const { text, find, replace, cut } of cases) {
    const doc = new OpenDocument('file:///t.py', 'python', 1, text);
    const session = new ModelSession();
    const first = lint({ text: doc.text, root: doc.currentSyntax(), lines: doc.lineIndex, recordValues: true, session });
    const offset = text.indexOf(find);
    const start = doc.lineIndex.position(offset);
    doc.update([{ range: { start, end: doc.lineIndex.position(offset + find.length) }, text: replace }], 2);
    const interpreter = session.interpreter!;
    const incremental = lint({ text: doc.text, root: doc.currentSyntax(), lines: doc.lineIndex, recordValues: true, session });
    assert.equal(session.interpreter, interpreter, 'resumed');
    if (cut) assert.equal(interpreter.lastResume, 'cut short', find);
    else assert.notEqual(interpreter.lastResume, 'cut short', find);
    const fresh = lint({ text: doc.text, recordValues: true });
    assert.equal(observable(incremental), observable(fresh), find);
    if (!cut && !replace.includes('\n')) assert.notEqual(observable(first), observable(fresh), `${find}: the edit changes the findings`);
  }
});

/** The first lines of the put-back tests' modules: the imports and the data. */
const LOADED = ['import numpy as np', 'from sklearn.preprocessing import StandardScaler', 'from sklearn.model_selection import train_test_split', 'X = np.load("x.npy")', 'y = np.load("y.npy")'];

/**
 * A document analysed in a session, as the language server does. edit() sends only the
 * characters that differ, as an editor does, and checks that the analysis resumed and equals a
 * fresh one.
 */
class EditedDocument {
  private readonly doc: OpenDocument;
  private readonly session = new ModelSession();
  readonly first: LintResult;

  constructor(text: string) {
    this.doc = new OpenDocument('file:///t.py', 'python', 1, text);
    this.first = this.lint();
  }

  get interpreter(): Interpreter {
    return this.session.interpreter!;
  }

  get text(): string {
    return this.doc.text;
  }

  edit(find: string, replace: string): { incremental: LintResult; fresh: LintResult } {
    const before = this.session.interpreter;
    let same = 0;
    while (find[same] === replace[same]) same++;
    const offset = this.doc.text.indexOf(find) + same;
    const lines = this.doc.lineIndex;
    this.doc.update([{ range: { start: lines.position(offset), end: lines.position(offset + find.length - same) }, text: replace.slice(same) }], this.doc.version + 1);
    const incremental = this.lint();
    assert.equal(this.session.interpreter, before, 'resumed');
    const fresh = lint({ text: this.doc.text, recordValues: true });
    assert.equal(observable(incremental), observable(fresh), find);
    return { incremental, fresh };
  }

  private lint(): LintResult {
    return lint({ text: this.doc.text, root: this.doc.currentSyntax(), lines: this.doc.lineIndex, recordValues: true, session: this.session });
  }
}

test('statements an edit cannot reach are put back from the last run; one whose names reach an object a re-run statement changed runs again', () => {
  const text = [
    ...LOADED,
    'X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)',
    'steps = []',
    'alias = {"rows": steps}',
    'PART = 0',
    'other = np.load("other.npy")',
    // Reads PART: runs again, and changes the list `steps` (made before the edit).
    'steps.append((X_train, X_test)[PART])',
    'unrelated = StandardScaler().fit(other)',
    // Uses no name the edit wrote, but `alias` reaches the changed list: runs again.
    'scaler = StandardScaler().fit(alias["rows"][0])',
    'print(scaler.transform(X_test), unrelated.transform(other))',
    '',
  ].join('\n');
  const doc = new EditedDocument(text);
  const { incremental, fresh } = doc.edit('PART = 0', 'PART = 1');
  assert.equal(doc.interpreter.lastResume, 'put back');
  assert.notEqual(observable(doc.first), observable(fresh), 'the edit changes the findings');
  assert.deepEqual(
    incremental.findings.map((f) => `${f.rule}:${incremental.lines.lineOf(f.span.start) + 1}`),
    ['fit-before-split:13'],
  );
});

test('the functions nothing calls are put back when an edit cannot reach them, and run again when it changed a name they use', () => {
  const text = [
    ...LOADED,
    'PART = 0',
    'other = np.load("o.npy")',
    'X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)',
    'chosen = (X_train, X)[PART]',
    'def refit():',
    '    return StandardScaler().fit(chosen)',
    'print(X_test.shape, other.shape)',
    'print(y_test.shape)',
    '',
  ].join('\n');
  const doc = new EditedDocument(text);
  const edit = (find: string, replace: string): LintResult => {
    const { incremental } = doc.edit(find, replace);
    assert.equal(doc.interpreter.lastResume, 'put back', find);
    return incremental;
  };
  // What hovering `chosen` inside refit() shows.
  const inRefit = (result: LintResult): string => {
    const offset = doc.text.indexOf('fit(chosen)') + 'fit('.length;
    const value = result.model.values.get(offset);
    return (value && describeValue('chosen', value, (o) => result.lines.lineOf(o) + 1)) ?? 'no value';
  };
  // `other` changes; refit() does not use it.
  // (The session's next analysis changes the values a result holds: read them now.)
  const trainPart = inRefit(edit('"o.npy"', '"p.npy"'));
  assert.equal(doc.interpreter.uncalledPutBack, true);
  // `chosen` becomes all of X: refit() runs again.
  const allRows = inRefit(edit('PART = 0', 'PART = 1'));
  assert.equal(doc.interpreter.uncalledPutBack, false);
  assert.match(trainPart, /train part/);
  assert.doesNotMatch(allRows, /train part/);
  // The edit is in refit() itself: defined again, it runs again.
  edit('fit(chosen)', 'fit(X_test)');
  assert.equal(doc.interpreter.uncalledPutBack, false);
});

test('a method nothing calls runs again when an edit changed an instance it runs on', () => {
  const text = [
    'import numpy as np',
    'from sklearn.preprocessing import StandardScaler',
    'from sklearn.model_selection import train_test_split',
    'class Prep:',
    '    def __init__(self, data):',
    '        self.data = data',
    '    def scaled(self):',
    '        return StandardScaler().fit_transform(self.data)',
    'X = np.load("x.npy")',
    'y = np.load("y.npy")',
    'X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)',
    'prep = Prep(X_train)',
    'PART = 0',
    // The instance, made before the edited statement, gets other data.
    'prep.data = (X_train, X_test)[PART]',
    'print(y_test.shape)',
    '',
  ].join('\n');
  const doc = new EditedDocument(text);
  const { fresh } = doc.edit('PART = 0', 'PART = 1');
  assert.equal(doc.interpreter.uncalledPutBack, false);
  assert.notEqual(observable(doc.first), observable(fresh), 'the edit changes what the method sees');
});
