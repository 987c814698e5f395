// Counting tree-sitter's ERROR and MISSING nodes, without recursion.
import { parsePython } from '../../server/src/parser/parser';

export function countParseErrors(text: string): number {
  const cursor = parsePython(text).walk();
  let count = 0;
  for (;;) {
    if (cursor.nodeType === 'ERROR' || cursor.nodeIsMissing) count++;
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) return count;
    }
  }
}
