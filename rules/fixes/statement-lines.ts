// Moving whole statements: a statement can be moved only when it has its lines to itself;
// its trailing comment travels with it.
import { LineIndex } from '../../server/src/engine/text';
import { PyNode } from '../../server/src/parser/syntax';

/**
 * The statement's trailing comment ('' when none), or undefined when other code shares its
 * first or last line (`a = 1; b = 2`), which deleting the lines would lose.
 */
export function trailingComment(statement: PyNode, lines: LineIndex): string | undefined {
  const text = lines.text;
  const first = lines.lineOf(statement.start);
  const last = lines.lineOf(statement.end);
  if (text.slice(lines.offsetOf(first), statement.start).trim()) return undefined;
  const after = text.slice(statement.end, lines.lineEnd(last)).trim();
  if (!after) return '';
  return after.startsWith('#') ? after : undefined;
}

/** The next sibling statement (comments skipped). */
export function nextStatement(statement: PyNode): PyNode | undefined {
  const siblings = statement.parent?.children ?? [];
  for (let i = siblings.indexOf(statement) + 1; i < siblings.length; i++) {
    if (siblings[i].named && siblings[i].type !== 'comment') return siblings[i];
  }
  return undefined;
}
