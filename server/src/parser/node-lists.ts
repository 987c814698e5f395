// Identifier and comment nodes of a tree without walking it: toSyntax collects them per
// top-level statement during the conversion (and keeps them with reused statements); other
// trees are walked.
import { nodesOfStatement, StatementNodes } from './parser';
import { forEachDescendant, PyNode } from './syntax';

/** The top-level statements of a module, each with its identifier and comment nodes. */
export function statementsWithNodes(root: PyNode): { statement: PyNode; nodes: StatementNodes }[] {
  const subtrees = root.parent ? [root] : root.children;
  return subtrees.map((statement) => ({ statement, nodes: nodesOfStatement(statement) ?? walkNodes(statement) }));
}

/** Comment nodes in a tree or subtree, in source order. */
export function commentsIn(root: PyNode): PyNode[] {
  const out: PyNode[] = [];
  for (const { nodes } of statementsWithNodes(root)) for (const comment of nodes.comments) out.push(comment);
  return out;
}

function walkNodes(root: PyNode): StatementNodes {
  const identifiers: PyNode[] = [];
  const comments: PyNode[] = [];
  forEachDescendant(root, (node) => {
    if (node.type === 'identifier') identifiers.push(node);
    else if (node.type === 'comment') comments.push(node);
  });
  return { identifiers, comments };
}
