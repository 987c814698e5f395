// Reading assignment statements for fixes: which plain names a statement binds.
import { field, namedChildren, PyNode } from '../../server/src/parser/syntax';

/** `a, b = <call>` with plain names: the names and the right-hand side. */
export function pairAssignment(statement: PyNode, text: string): { names: string[]; right: PyNode } | undefined {
  const assignment = namedChildren(statement)[0];
  if (assignment?.type !== 'assignment') return undefined;
  const left = field(assignment, 'left');
  const right = field(assignment, 'right');
  if (!left || !right || !['pattern_list', 'tuple_pattern', 'expression_list', 'tuple'].includes(left.type)) return undefined;
  const targets = namedChildren(left);
  if (targets.some((t) => t.type !== 'identifier')) return undefined;
  return { names: targets.map((t) => text.slice(t.start, t.end)), right };
}
