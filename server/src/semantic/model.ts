// The semantic model of one Python program: what rules query.
import { PyNode, SourceText } from '../parser/syntax';
import { AnalysisEvent, EventOf, EventType } from './events';
import { ImportBinding, Interpreter } from './interpreter';
import { Value } from './values';

export interface ProgramModel {
  readonly source: SourceText;
  readonly root: PyNode;
  readonly events: readonly AnalysisEvent[];
  readonly imports: readonly ImportBinding[];
  /** Value of the identifier starting at an offset (only with `recordValues`). */
  readonly values: ReadonlyMap<number, Value>;
  eventsOf<T extends EventType>(type: T): EventOf<T>[];
}

export function buildModel(root: PyNode, source: SourceText, options: { recordValues?: boolean } = {}): ProgramModel {
  const interpreter = new Interpreter(source, options);
  interpreter.run(root);
  const byType = new Map<EventType, AnalysisEvent[]>();
  for (const event of interpreter.events) {
    let list = byType.get(event.type);
    if (!list) byType.set(event.type, (list = []));
    list.push(event);
  }
  return {
    source,
    root,
    events: interpreter.events,
    imports: interpreter.imports,
    values: interpreter.values,
    eventsOf: <T extends EventType>(type: T) => (byType.get(type) ?? []) as EventOf<T>[],
  };
}
