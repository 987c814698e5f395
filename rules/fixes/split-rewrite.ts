// Shared pieces of the fixes that rewrite a split (group-split, temporal-split): a call's
// arguments as text, an import of a scikit-learn name, a fresh variable name, a line's indent.
import { RuleContext } from '../../server/src/engine/rule';
import { insertionPoint, insertLines } from '../../server/src/engine/edit-helpers';
import { LineIndex } from '../../server/src/engine/text';
import { TextEdit } from '../../server/src/engine/types';
import { field, namedChildren, PyNode } from '../../server/src/parser/syntax';

const SIMPLE_ARGUMENTS = new Set(['identifier', 'attribute', 'subscript', 'call']);

/**
 * A call's positional arguments and keyword arguments as text, when every positional one is a
 * simple expression (a name, attribute, subscript or call) and every keyword is one of `allowed`.
 */
export function callParts(context: RuleContext, call: PyNode, allowed: readonly string[]): { arrays: string[]; keywords: Map<string, string> } | undefined {
  const list = field(call, 'arguments');
  if (!list || list.type !== 'argument_list') return undefined;
  const arrays: string[] = [];
  const keywords = new Map<string, string>();
  for (const arg of namedChildren(list)) {
    if (arg.type === 'comment') continue;
    if (arg.type === 'keyword_argument') {
      const name = field(arg, 'name');
      const value = field(arg, 'value');
      if (!name || !value || !allowed.includes(context.source.of(name))) return undefined;
      keywords.set(context.source.of(name), context.source.of(value));
    } else if (SIMPLE_ARGUMENTS.has(arg.type) && keywords.size === 0) {
      arrays.push(context.source.of(arg));
    } else {
      return undefined;
    }
  }
  return { arrays, keywords };
}

/** The local name of `module.name` if the file imports it at the top level; else an edit importing it. */
export function importName(context: RuleContext, module: string, name: string): { local: string; edits: TextEdit[] } {
  const qname = `${module}.${name}`;
  const binding = context.model.imports.find((i) => i.qname === qname && i.statement.parent === context.model.root);
  if (binding) return { local: binding.local, edits: [] };
  const index = LineIndex.of(context.source.text);
  return { local: name, edits: [insertLines(insertionPoint(context.model, index), [`from ${module} import ${name}`], index.eol)] };
}

const namesByText = new Map<string, Set<string>>();

/** `base`, or `base_2`… when the file already uses that name. */
export function unusedName(text: string, base: string): string {
  let names = namesByText.get(text);
  if (!names) {
    // One pass over the file for all fixes of a run (a regex per name and fix is quadratic).
    names = new Set(text.match(/[A-Za-z_]\w*/g) ?? []);
    namesByText.clear();
    namesByText.set(text, names);
  }
  if (!names.has(base)) return base;
  for (let i = 2; ; i++) if (!names.has(`${base}_${i}`)) return `${base}_${i}`;
}

/** The leading whitespace of the line a statement starts on. */
export function lineIndent(context: RuleContext, statement: PyNode): string {
  const lines = LineIndex.of(context.source.text);
  return /^[ \t]*/.exec(lines.lineText(lines.lineOf(statement.start)))![0];
}
