// The editor splices an edited top-level statement, parsed alone, into the previous converted
// tree (spliceStatement, via OpenDocument.currentSyntax). The result must equal a full parse and
// conversion of the new text node for node, with the identifier and comment lists the
// conversion keeps per statement, and the lint findings must equal a fresh check. Every line of
// the examples and of a third of the rule fixtures gets characters typed at its end, middle and
// second column (':', '(', '"', '\\', indentation, line breaks, …), each then deleted again,
// plus deletions of a character and changes that arrive together.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { OpenDocument } from '../../server/src/lsp/document';
import { parsePython, toSyntax } from '../../server/src/parser/parser';
import { PyNode } from '../../server/src/parser/syntax';
import { commentsIn, statementsWithNodes } from '../../server/src/parser/node-lists';
import { lint, LintResult } from '../../server/src/engine/lint';
import { LineIndex } from '../../server/src/engine/text';
import { identifierNames, identifiersNamed } from '../../server/src/engine/edit-helpers';
import { findSuppressions } from '../../server/src/engine/suppressions';
import { spansOfType as walked, syntaxShape as shape } from '../helpers/syntax-shape';
import { pythonFiles } from '../fixes/fix-support';
import { EXAMPLES, FIXTURES } from '../helpers/paths';

const FILES = [...pythonFiles(EXAMPLES), ...pythonFiles(path.join(FIXTURES, 'rules')).filter((_, i) => i % 3 === 0)];

/** Texts for the boundaries the splice must respect (statements sharing a line, decorators, comments, continuations, strings, …). */
const BOUNDARIES = [
  'x = 1; y = 2\nz = 3;\nw = 4\n',
  '@dec\ndef f(a):\n    return a\n\n@dec(1)\nclass C:\n    pass\n',
  'import os\n# a comment\nx = 1  # trailing\n    # indented comment\ny = 2\n',
  'if a:\n    b = 1\nelif c:\n    b = 2\nelse:\n    b = 3\nd = b\n',
  'try:\n    f()\nexcept E as e:\n    g(e)\nfinally:\n    h()\nk = 1\n',
  'match p:\n    case 1:\n        q = 1\n    case _:\n        q = 2\nr = q\n',
  'x = 1 + \\\n    2\ny = (3,\n     4)\nz = """a\nb"""\nw = 5\n',
  'x = 1\r\ny = [1,\r\n  2]\r\nz = 3\r\n',
  'x = 1\n\n   \n\ny = 2',
  'def f():\n    x = 1\n    # last\n\n# module comment\ng = f()\n',
  'x = 1\n\fy = 2\n',
  'class C:\n    def m(self):\n        return 1\n\n\n    def n(self):\n        return 2\nc = C()\n',
  'print(f"{x!r} é😀")\ns = \'a\' \'b\'\nlambda_ = lambda a: a\n',
  'x = 1  # holdout: ignore[fit-before-split]\n# holdout: ignore-file[unseeded-rng]\nif x:  # holdout:ignore\n    y = 2  # type: ignore  # holdout: ignore[a, b]\nz = 3\n',
];

const TYPED = [':', '(', '"', '\\', ' ', '    ', 'x', ')', '\n', '#', "'''", ',', '1', '[', '\n    ', '=', '\\\n', ' if a else b'];

function observable(result: LintResult): string {
  return JSON.stringify({ findings: result.findings, suppressions: result.suppressions, hasSyntaxErrors: result.hasSyntaxErrors });
}

const spans = (nodes: readonly PyNode[]): string => nodes.map((n) => `${n.start},${n.end}`).join(' ');

/** Identifier names of a tree by a walk: every name, and variable uses (not attribute or keyword names) by name. */
function walkedNames(root: PyNode, text: string): { all: string[]; variables: Map<string, string> } {
  const all = new Set<string>();
  const variables = new Map<string, PyNode[]>();
  const visit = (node: PyNode): void => {
    if (node.type === 'identifier') {
      const name = text.slice(node.start, node.end);
      all.add(name);
      const attribute = node.parent?.type === 'attribute' && node.field === 'attribute';
      const keyword = node.parent?.type === 'keyword_argument' && node.field === 'name';
      if (!attribute && !keyword) variables.set(name, [...(variables.get(name) ?? []), node]);
    }
    for (const child of node.children) visit(child);
  };
  visit(root);
  return { all: [...all].sort(), variables: new Map([...variables].map(([name, nodes]) => [name, spans(nodes)])) };
}

interface Change {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  text: string;
}

function insertion(text: string, offset: number, inserted: string): Change {
  const at = new LineIndex(text).position(offset);
  return { range: { start: at, end: at }, text: inserted };
}

function deletion(text: string, start: number, end: number): Change {
  const lines = new LineIndex(text);
  return { range: { start: lines.position(start), end: lines.position(end) }, text: '' };
}

test('spliced conversions equal a full parse and conversion after edits on every line (examples and fixtures)', () => {
  assert.ok(FILES.length > 60, `only ${FILES.length} files`);
  let checks = 0;
  let spliced = 0;
  let linted = 0;
  for (const file of [...FILES, ...BOUNDARIES.map((_, i) => `boundaries#${i}`)]) {
    const initial = file.startsWith('boundaries#') ? BOUNDARIES[Number(file.slice('boundaries#'.length))] : readFileSync(file, 'utf8');
    const doc = new OpenDocument('file:///t.py', 'python', 1, initial);
    doc.currentSyntax();
    const steps: string[] = [];
    const apply = (changes: Change[]): void => {
      steps.push(JSON.stringify(changes));
      doc.update(changes, doc.version + 1);
      const root = doc.currentSyntax();
      const where = (): string => `${file.startsWith('boundaries#') ? file : path.relative(path.dirname(EXAMPLES), file)} after:\n${steps.slice(-4).join('\n')}\n--- text ---\n${doc.text}`;
      const fresh = toSyntax(parsePython(doc.text));
      if (shape(root) !== shape(fresh)) assert.equal(shape(root), shape(fresh), where());
      assert.equal(spans(statementsWithNodes(root).flatMap(({ nodes }) => nodes.identifiers)), walked(root, 'identifier'), where());
      assert.equal(spans(commentsIn(root)), walked(root, 'comment'), where());
      // The name index, carried over from the previous tree, equals a walk of this one.
      const names = walkedNames(root, doc.text);
      assert.deepEqual([...identifierNames(root, doc.text)].sort(), names.all, where());
      for (const name of names.all) assert.equal(spans(identifiersNamed(root, name, doc.text)), names.variables.get(name) ?? '', where());
      // So does the index of suppression comments.
      const lines = new LineIndex(doc.text);
      assert.equal(JSON.stringify(findSuppressions(root, doc.text, lines)), JSON.stringify(findSuppressions(fresh, doc.text, lines)), where());
      checks++;
      if (doc.lastSyntaxSpliced) {
        spliced++;
        // Lint every third spliced tree (the expensive part) against a fresh check.
        if (spliced % 3 === 0) {
          const incremental = observable(lint({ text: doc.text, lines: doc.lineIndex, root, recordValues: true }));
          const check = observable(lint({ text: doc.text }));
          if (incremental !== check) assert.equal(incremental, check, where());
          linted++;
        }
      }
    };
    const lineCount = doc.text.split('\n').length;
    for (let line = 0; line < lineCount; line++) {
      const lines = doc.text.split('\n');
      const lineStart = lines.slice(0, line).reduce((sum, l) => sum + l.length + 1, 0);
      const length = lines[line].length;
      const columns = [...new Set([length, Math.floor(length / 2), Math.min(1, length)])];
      for (const [k, column] of columns.entries()) {
        const typed = TYPED[(line * 3 + k) % TYPED.length];
        const at = lineStart + column;
        apply([insertion(doc.text, at, typed)]);
        apply([deletion(doc.text, at, at + typed.length)]);
      }
      if (length > 1) {
        // Delete a character and put it back; then two changes in one update (type, then delete what follows).
        const at = lineStart + Math.floor(length / 3);
        const removed = doc.text[at];
        apply([deletion(doc.text, at, at + 1)]);
        apply([insertion(doc.text, at, removed)]);
        const typed = TYPED[line % TYPED.length];
        const afterTyping = doc.text.slice(0, at) + typed + doc.text.slice(at);
        apply([insertion(doc.text, at, typed), deletion(afterTyping, at + typed.length, at + typed.length + 1)]);
        apply([deletion(doc.text, at, at + typed.length), insertion(doc.text.slice(0, at) + doc.text.slice(at + typed.length), at, removed)]);
      }
    }
  }
  // Both paths ran: most edits inside one statement are spliced, the rest reparsed.
  assert.ok(spliced > checks / 4 && spliced < checks, `${spliced} of ${checks} conversions spliced`);
  assert.ok(linted > 100, `only ${linted} lint comparisons`);
});

test('an edit that lets a clause word join the statement before it is reparsed, not spliced', () => {
  // Error recovery parses `else: b = 3` after a plain statement as an annotated assignment; after an `if` it is its else clause.
  const cases: [string, number, number, string][] = [
    ['if_ = 1\nelse: b = 3\n', 2, 7, ' a: x = 1'],
    ['try_ = 1\nfinally: b = 3\n', 3, 8, ': x = 1'],
    ['if a:\n    x = 1\nese: b = 3\n', 17, 17, 'l'],
  ];
  for (const [initial, start, end, inserted] of cases) {
    const doc = new OpenDocument('file:///t.py', 'python', 1, initial);
    doc.currentSyntax();
    doc.update([deletion(doc.text, start, end)], 2);
    doc.update([insertion(doc.text, start, inserted)], 3);
    const root = doc.currentSyntax();
    assert.equal(doc.lastSyntaxSpliced, false, doc.text);
    assert.equal(shape(root), shape(toSyntax(parsePython(doc.text))), doc.text);
    assert.equal(root.children.length, 1, doc.text);
  }
});

test('typing in a top-level comment (on its own line or after a statement) is spliced, and equals a full parse', () => {
  let spliced = 0;
  for (const file of FILES) {
    const doc = new OpenDocument('file:///t.py', 'python', 1, readFileSync(file, 'utf8'));
    const comments = doc.currentSyntax().children.filter((n) => n.type === 'comment').map((n) => n.end);
    // From the last comment back, so the earlier comments' offsets stay as found.
    for (const end of comments.reverse()) {
      for (const typed of [' tuned', 'é😀', ' (x = "1"']) {
        doc.update([insertion(doc.text, end, typed)], doc.version + 1);
        const root = doc.currentSyntax();
        assert.equal(shape(root), shape(toSyntax(parsePython(doc.text))), `${file} at ${end}`);
        assert.equal(spans(commentsIn(root)), walked(root, 'comment'));
        if (doc.lastSyntaxSpliced) spliced++;
        doc.update([deletion(doc.text, end, end + typed.length)], doc.version + 1);
        doc.currentSyntax();
      }
    }
  }
  assert.ok(spliced > 300, `${spliced} comment edits spliced`);
});
