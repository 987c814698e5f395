// Indexes over a module's top-level statements that follow the tree from edit to edit. In the
// editor a new tree is made from the previous one (a statement spliced in, or an incremental
// conversion reusing the unchanged statements, offsets shifted in place), so an index made for
// the previous tree is taken over: only the statements that left are removed and only those
// that joined are added. What an index keeps per statement stays right for a reused statement
// (its nodes are the same objects, its text the same).
import { PyNode } from '../parser/syntax';

/** What every index records: the tree it describes now and that tree's statements. */
export interface StatementIndexState {
  root: PyNode;
  statements: readonly PyNode[];
}

const SAMPLE = 16;

export class StatementIndexes<I extends StatementIndexState> {
  private readonly ofRoot = new WeakMap<PyNode, I>();
  /**
   * The index of a tree holding a statement: a new tree holding it starts from that index. Only
   * every SAMPLE-th statement is entered (one that survives an edit is enough to find the index).
   */
  private readonly ofStatement = new WeakMap<PyNode, I>();

  constructor(
    private readonly make: (top: PyNode) => I,
    private readonly add: (index: I, statement: PyNode, text: string) => void,
    private readonly remove: (index: I, statement: PyNode) => void,
  ) {}

  /** The index of a module's tree (`top` has no parent), brought up to date with it. */
  of(top: PyNode, text: string): I {
    let index = this.ofRoot.get(top);
    if (index && index.root === top) return index;
    if (!index) {
      for (const statement of top.children) {
        index = this.ofStatement.get(statement);
        if (index) break;
      }
    }
    index ??= this.make(top);
    const before = index.statements;
    const after = top.children;
    let gone: readonly PyNode[];
    let come: readonly PyNode[];
    if (before.length === after.length) {
      // A statement spliced in (or a few reconverted): compare place by place.
      const left: PyNode[] = [];
      const joined: PyNode[] = [];
      for (let i = 0; i < after.length; i++) {
        if (before[i] !== after[i]) {
          left.push(before[i]);
          joined.push(after[i]);
        }
      }
      gone = left;
      come = joined;
    } else {
      gone = before;
      come = after;
    }
    if (gone.length || come.length) {
      const kept = new Set(come);
      const had = new Set(gone);
      for (const statement of gone) {
        if (kept.has(statement)) continue;
        if (this.ofStatement.get(statement) === index) this.ofStatement.delete(statement);
        this.remove(index, statement);
      }
      for (const statement of come) if (!had.has(statement)) this.add(index, statement, text);
    }
    for (let i = 0; i < after.length; i += SAMPLE) this.ofStatement.set(after[i], index);
    // A tree's statement list is not changed once the tree is made (a new tree gets a new list).
    index.statements = after;
    index.root = top;
    this.ofRoot.set(top, index);
    return index;
  }
}
