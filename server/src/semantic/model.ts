// The semantic model of one Python program: what rules query.
import { PyNode, SourceText } from '../parser/syntax';
import { AnalysisEvent, EventOf, EventType } from './events';
import { ImportBinding, Interpreter, InterpreterOptions } from './interpreter';
import { ModuleUnit } from './modules';
import { Origin, Value } from './values';

export interface ProgramModel {
  readonly source: SourceText;
  readonly root: PyNode;
  readonly events: readonly AnalysisEvent[];
  readonly imports: readonly ImportBinding[];
  /** Value of the identifier starting at an offset (only with `recordValues`; with a session, until its next analysis). */
  readonly values: ReadonlyMap<number, Value>;
  eventsOf<T extends EventType>(type: T): EventOf<T>[];
  /** The project module a node belongs to (undefined: the analysed file). */
  moduleOf(node: PyNode): ModuleUnit | undefined;
  /** A node of the analysed file: the node itself, or for another module's node the call or import that reached it. */
  anchorOf(node: PyNode): PyNode;
  /** Whether a node of the analysed file reached code of another module (a call into it, an import). */
  isAnchor(node: PyNode): boolean;
  /** The project modules the program ran (not the analysed file). */
  readonly modules: readonly ModuleUnit[];
  /** Every place data entered the program, used or not (a load, a generator, an opaque value). */
  readonly origins: readonly Origin[];
}

/**
 * Keeps the interpreter of one document's last analysis, so that the next (of an edit of it)
 * runs again only from the first top-level statement the edit changed. Its owner makes a new
 * session whenever anything else the analysis depends on may have changed: the interpreter
 * options, the project's other modules.
 */
export class ModelSession {
  interpreter: Interpreter | undefined;
}

export function buildModel(root: PyNode, source: SourceText, options: InterpreterOptions = {}, session?: ModelSession): ProgramModel {
  let interpreter = session?.interpreter;
  if (!interpreter?.resume(root, source)) {
    interpreter = new Interpreter(source, session ? { ...options, resumable: true } : options);
    interpreter.run(root);
    if (session) session.interpreter = interpreter;
  }
  const byType = new Map<EventType, AnalysisEvent[]>();
  for (const event of interpreter.events) {
    let list = byType.get(event.type);
    if (!list) byType.set(event.type, (list = []));
    list.push(event);
  }
  const anchorOf = (node: PyNode): PyNode => {
    if (!interpreter.unitOf(node)) return node;
    for (let n: PyNode | null = node; n; n = n.parent) {
      const anchor = interpreter.anchors.get(n);
      if (anchor) return anchor;
    }
    return root.children[0] ?? root;
  };
  const anchorSet = new Set(interpreter.anchors.values());
  return {
    source,
    root,
    // The session's next analysis changes the interpreter's own lists.
    events: session ? interpreter.events.slice() : interpreter.events,
    imports: session ? interpreter.imports.slice() : interpreter.imports,
    values: interpreter.values,
    eventsOf: <T extends EventType>(type: T) => (byType.get(type) ?? []) as EventOf<T>[],
    moduleOf: (node) => interpreter.unitOf(node),
    anchorOf,
    isAnchor: (node) => anchorSet.has(node),
    modules: [...interpreter.foreignRoots.values()],
    origins: [...interpreter.origins.values()],
  };
}
