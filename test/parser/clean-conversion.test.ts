// toSyntax converts error-free statements knowing what node types tell (node-kinds.ts) instead
// of asking the cursor for every node's end, field and first child. The result must equal a
// conversion that asks for everything, node for node; and what node-kinds.ts assumes about the
// grammar must be what tree-sitter-python's generated parser says.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Parser = require('tree-sitter');
import { parsePython, toSyntax } from '../../server/src/parser/parser';
import { ANONYMOUS_NON_TERMINALS, FIELDED_TYPES, NAMED_TERMINALS } from '../../server/src/parser/node-kinds';
import { EXAMPLES, FIXTURES, REPO_ROOT } from '../helpers/paths';
import { syntaxShape } from '../helpers/syntax-shape';

/** The reference: every node's type, offsets, field, named and missing flags asked from the cursor. */
function askedShape(tree: Parser.Tree): string {
  const out: string[] = [];
  const cursor = tree.walk();
  for (;;) {
    const descend = cursor.nodeType !== 'string';
    const node = `${cursor.nodeType}[${cursor.startIndex},${cursor.endIndex}]${cursor.currentFieldName ?? ''}${cursor.nodeIsNamed ? '' : '~'}${cursor.nodeIsMissing ? '!' : ''}`;
    let children = 0;
    if (descend && cursor.gotoFirstChild()) {
      do children++;
      while (cursor.gotoNextSibling());
      cursor.gotoParent();
    }
    out.push(`${node}/${children}`);
    if (descend && cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return out.join(' ');
  }
}

function assertSameAsAsked(text: string, label: string): void {
  const tree = parsePython(text);
  assert.equal(syntaxShape(toSyntax(tree)), askedShape(tree), label);
}

const snippets = [
  'x = 1\n',
  'café = naïve + 1\nπ = 3.14\n变量 = café\n',
  'if a not in b and c is not None:\n    pass\n',
  'match command:\n    case [x, y]:\n        print(x)\n    case _:\n        pass\n',
  'def f(a, *, b=..., c: int = 0, /) -> None:\n    """doc"""\n    return f"{a!r:>{b}}" + rb\'\\x00\'\n',
  'print "old"\nexec code\nprint >> f, x\n',
  'type Point = tuple[float, float]\nmatch = 1\ntype = 2\n',
  'class A: pass\nclass B:\n    # only a comment\n    x = 1  # trailing\n# after\n',
  'value = 1 + \\\n    2\n',
  'a = 1\r\nb = [\r\n  1,\r\n]\r\n',
  '\tif x:\n\t\ty = True; z = False\n',
  '@decorator(1)\n@other\ndef g(): ...\n',
  'lambda: (yield)\nx = [i for i in range(3) if i not in s]\n{**d, "k": v}\n',
  'x = 0x1F + 1_000 + 1e-3j + 0o7 + 10L\n',
  'with open(p) as f, lock:\n    del x[1:2, ::3]\n',
  'try:\n    pass\nexcept* (A, B) as e:\n    raise X from e\nfinally:\n    ...\n',
  'async def h():\n    async for a in b:\n        await c\n',
  'x = (\n    1  # one\n    , 2)\n',
  // What lies between siblings: form feeds, tabs, a backslash continuation, Unicode spaces.
  'a = f(1,\f2,\t3)\n\fb = 2\n',
  'c = g(1, \\\n  2)\n',
  'd = [1,\u20602,\u200b3,\ufeff4,\u000b5]\nif d:\n\n    # note\n\n    pass\n',
  'e = h(x)\u00a0+\u3000y\n', // no-break and ideographic spaces: syntax errors here
  // Statements with syntax errors next to clean ones: those are converted asking everything.
  'ok = 1\ndef broken(:\n    pass\nalso_ok = [1, 2]\n',
  'a = (1,\nb = 2\n',
  '',
  '# only a comment',
  'x = "unterminated\ny = 2\n',
];

test('error-free and broken snippets convert as if every node were asked', () => {
  snippets.forEach((text, i) => assertSameAsAsked(text, `snippet ${i}: ${JSON.stringify(text)}`));
});

test('fixtures and examples convert as if every node were asked', () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.py')) files.push(full);
    }
  };
  walk(FIXTURES);
  walk(EXAMPLES);
  assert.ok(files.length > 100, `found ${files.length} files`);
  for (const file of files) assertSameAsAsked(fs.readFileSync(file, 'utf8'), path.relative(REPO_ROOT, file));
});

const pythonSource = (file: string): string => fs.readFileSync(path.join(path.dirname(require.resolve('tree-sitter-python/package.json')), 'src', file), 'utf8');

test('node-kinds.ts knows the types with fields of node-types.json', () => {
  const nodeTypes = JSON.parse(pythonSource('node-types.json')) as { type: string; named: boolean; fields?: object }[];
  const fielded = nodeTypes.filter((t) => t.named && t.fields && Object.keys(t.fields).length > 0).map((t) => t.type);
  assert.deepEqual([...FIELDED_TYPES].sort(), fielded.sort());
});

test('node-kinds.ts knows the terminals and anonymous non-terminals of the generated parser', () => {
  const parserC = pythonSource('parser.c');
  const tokenCount = Number(/#define TOKEN_COUNT (\d+)/.exec(parserC)![1]);
  const ids = new Map<string, number>();
  for (const m of parserC.matchAll(/^ {2}((?:anon_|alias_)?sym_\w+) = (\d+),$/gm)) ids.set(m[1], Number(m[2]));
  const names = new Map<string, string>();
  const namesTable = parserC.slice(parserC.indexOf('ts_symbol_names[]'), parserC.indexOf('ts_symbol_map[]'));
  for (const m of namesTable.matchAll(/^ {2}\[(\w+)\] = "((?:[^"\\]|\\.)*)",$/gm)) names.set(m[1], m[2]);
  const metadataTable = parserC.slice(parserC.indexOf('ts_symbol_metadata[]'));
  const namedTerminals = new Set<string>();
  const anonymousNonTerminals = new Set<string>();
  for (const m of metadataTable.matchAll(/\[(\w+)\] = \{\s*\.visible = (true|false),\s*\.named = (true|false),/g)) {
    const [, symbol, visible, named] = m;
    const id = ids.get(symbol);
    if (id === undefined || visible !== 'true') continue;
    if (named === 'true' && id < tokenCount) namedTerminals.add(names.get(symbol)!);
    if (named === 'false' && id >= tokenCount) anonymousNonTerminals.add(names.get(symbol)!);
  }
  assert.deepEqual([...namedTerminals].sort(), [...NAMED_TERMINALS].sort());
  assert.deepEqual([...anonymousNonTerminals].sort(), [...ANONYMOUS_NON_TERMINALS].sort());

  // Aliases: none gives a non-terminal a terminal's name, and anonymous ones only name the
  // anonymous non-terminals (an alias of a token to other text would break fixed-text ends).
  const grammar = JSON.parse(pythonSource('grammar.json'));
  const terminalContent = (rule: { type: string; name?: string; members?: unknown[] }): boolean =>
    rule.type === 'STRING' || rule.type === 'PATTERN' || rule.type === 'TOKEN' || rule.type === 'IMMEDIATE_TOKEN' ||
    (rule.type === 'CHOICE' && (rule.members as (typeof rule)[]).every(terminalContent));
  const visit = (rule: unknown): void => {
    if (!rule || typeof rule !== 'object') return;
    const r = rule as { type?: string; named?: boolean; value?: string; content?: { type: string } };
    if (r.type === 'ALIAS') {
      if (r.named && NAMED_TERMINALS.has(r.value!)) assert.ok(terminalContent(r.content!), `alias to ${r.value}`);
      if (!r.named) assert.ok(ANONYMOUS_NON_TERMINALS.has(r.value!) && !terminalContent(r.content!), `anonymous alias ${r.value}`);
    }
    for (const value of Object.values(rule)) visit(value);
  };
  visit(grammar.rules);
});
