// An undo journal of the interpreter's writes, so that an analysis can go back to the state it
// had at the start of a top-level statement and run on from there with the edited statements
// (Interpreter.resume). Every write to state that outlives a statement — variables, the
// interpreter's maps, estimators' learned lists, instances' attributes, boxes, the library
// semantics' own maps — goes through the functions below. Without an active journal (the CLI)
// they are plain writes.

const MAP_SET = 0;
const MAP_COPY = 1;
const SET_ADD = 2;
const LENGTH = 3;
const FIELD = 4;
const FIELD_ADDED = 5;

type AnyMap = Map<unknown, unknown> | WeakMap<object, unknown>;
type AnySet = Set<unknown> | WeakSet<object>;

export class Journal {
  /** Flat entries of four slots: kind, target, key, previous value. */
  private readonly entries: unknown[] = [];
  /**
   * Writes since the last mark() are in one segment: a collection deleted from is copied once
   * per segment, and what was made in the segment needs no entries (segmentNow).
   */
  private current = 0;
  private readonly copiedIn = new Map<object, number>();

  get segment(): number {
    return this.current;
  }

  /** Starts a segment and answers its position, for undo(). */
  mark(): number {
    this.current++;
    return this.entries.length;
  }

  /**
   * Undoes every write since `mark`, newest first. With `kept`, what undo takes away is kept
   * there, so that redo() can put it back.
   */
  undo(mark: number, kept?: UndoneWrites): void {
    const e = this.entries;
    if (kept) {
      kept.entries = e.slice(mark);
      kept.after = new Array(kept.entries.length / 4);
    }
    for (let i = e.length - 4; i >= mark; i -= 4) {
      const target = e[i + 1] as never;
      const key = e[i + 2];
      const old = e[i + 3];
      if (kept) kept.after[(i - mark) / 4] = valueNow(e[i], target, key, old);
      switch (e[i]) {
        case MAP_SET:
          putEntry(target, key, old);
          break;
        case MAP_COPY:
          putEntries(target, old);
          break;
        case SET_ADD:
          (target as AnySet).delete(key as never);
          break;
        case LENGTH:
          (target as unknown[]).length = old as number;
          break;
        case FIELD:
          (target as Record<string, unknown>)[key as string] = old;
          break;
        case FIELD_ADDED:
          delete (target as Record<string, unknown>)[key as string];
          break;
      }
    }
    e.length = mark;
    this.copiedIn.clear();
  }

  /**
   * Puts back the writes an undo() kept, oldest first (those from slot `from` to slot `to`), with
   * entries of their own: marks before them stay valid. Each entry keeps what its target holds
   * now, so a part put back after other writes (put-back.ts) undoes to them.
   */
  redo(kept: UndoneWrites, from = 0, to = kept.entries.length): void {
    const e = kept.entries;
    for (let i = from; i < to; i += 4) {
      const target = e[i + 1] as never;
      const key = e[i + 2];
      const now = kept.after[i / 4];
      switch (e[i]) {
        case MAP_SET: {
          const map = target as Map<unknown, unknown>;
          this.record(MAP_SET, map, key, map.has(key) ? map.get(key) : ABSENT);
          putEntry(map, key, now);
          break;
        }
        case MAP_COPY:
          this.record(MAP_COPY, target, key, [...(target as Map<unknown, unknown>)]);
          putEntries(target, now);
          break;
        case SET_ADD:
          if ((target as AnySet).has(key as never)) break;
          this.record(SET_ADD, target, key, undefined);
          (target as AnySet).add(key as never);
          break;
        case LENGTH: {
          const array = target as unknown[];
          this.record(LENGTH, array, undefined, array.length);
          for (const item of now as unknown[]) array.push(item);
          break;
        }
        case FIELD:
        case FIELD_ADDED: {
          const object = target as Record<string, unknown>;
          if (Object.prototype.hasOwnProperty.call(object, key as string)) this.record(FIELD, object, key, object[key as string]);
          else this.record(FIELD_ADDED, object, key, undefined);
          object[key as string] = now;
          break;
        }
      }
    }
  }

  /** everyWrite() for the writes since `mark`. */
  everyWriteSince(mark: number, visit: WriteVisitor): boolean {
    const e = this.entries;
    for (let i = mark; i < e.length; i += 4) if (!visitWrite(e[i], e[i + 1], e[i + 2], valueNow(e[i], e[i + 1] as never, e[i + 2], e[i + 3]), visit)) return false;
    return true;
  }

  record(kind: number, target: unknown, key: unknown, old: unknown): void {
    this.entries.push(kind, target, key, old);
  }

  /** Whether `collection` still needs its copy in this segment (and notes that it has one now). */
  needsCopy(collection: object): boolean {
    if (this.copiedIn.get(collection) === this.current) return false;
    this.copiedIn.set(collection, this.current);
    return true;
  }
}

const ABSENT = Symbol('absent');

/**
 * Writes an undo took away: their entries (kind, target, key, value before) and, for each, what
 * its target held after it. Two of them can be compared (sameWrites) before either is redone.
 */
export interface UndoneWrites {
  entries: unknown[];
  after: unknown[];
}

/**
 * What one write did, for everyWrite(): its target and key; `one`: it set one entry of a map or
 * added one member to a set; `field`: it set a field of an object; `after`: for those, what the
 * entry or field held after it (a live journal's: what it holds now).
 */
export type WriteVisitor = (target: unknown, key: unknown, one: boolean, field: boolean, after: unknown) => boolean;

/** Calls `visit` with each kept write from slot `from` to slot `to`; false as soon as it does. */
export function everyWrite(kept: UndoneWrites, from: number, to: number, visit: WriteVisitor): boolean {
  const e = kept.entries;
  for (let i = from; i < to; i += 4) if (!visitWrite(e[i], e[i + 1], e[i + 2], kept.after[i / 4], visit)) return false;
  return true;
}

function visitWrite(kind: unknown, target: unknown, key: unknown, after: unknown, visit: WriteVisitor): boolean {
  const field = kind === FIELD || kind === FIELD_ADDED;
  return visit(target, key, kind === MAP_SET || kind === SET_ADD, field, kind === MAP_SET || field ? after : undefined);
}

/** Whether the kept writes from slot `from` to slot `to` copied `map` (deleted from it). */
export function copied(entries: readonly unknown[], from: number, to: number, map: Map<unknown, unknown>): boolean {
  for (let i = from; i < to; i += 4) if (entries[i] === MAP_COPY && entries[i + 1] === map) return true;
  return false;
}

/** Gives a (weak) map's `key` the `value` (ABSENT: no entry). */
function putEntry(map: AnyMap, key: unknown, value: unknown): void {
  if (value === ABSENT) map.delete(key as never);
  else map.set(key as never, value);
}

/** Gives a map exactly these entries, in this order. */
function putEntries(map: Map<unknown, unknown>, entries: unknown): void {
  map.clear();
  for (const [k, v] of entries as [unknown, unknown][]) map.set(k, v);
}

/** What an entry's target holds now, with that entry's write (and none after it) done. */
function valueNow(kind: unknown, target: never, key: unknown, old: unknown): unknown {
  switch (kind) {
    case MAP_SET: {
      const map = target as Map<unknown, unknown>;
      return map.has(key) ? map.get(key) : ABSENT;
    }
    case MAP_COPY:
      return [...(target as Map<unknown, unknown>)];
    case LENGTH:
      return (target as unknown[]).slice(old as number);
    case FIELD:
    case FIELD_ADDED:
      return (target as Record<string, unknown>)[key as string];
    default:
      return undefined;
  }
}

let active: Journal | undefined;

/** Runs `work` with `journal` recording every write (none when undefined). */
export function recordingInto<T>(journal: Journal | undefined, work: () => T): T {
  const outer = active;
  active = journal;
  try {
    return work();
  } finally {
    active = outer;
  }
}

export function setIn<K, V>(map: Map<K, V>, key: K, value: V): void;
export function setIn<K extends object, V>(map: WeakMap<K, V>, key: K, value: V): void;
export function setIn(map: AnyMap, key: unknown, value: unknown): void {
  const m = map as Map<unknown, unknown>;
  if (active) active.record(MAP_SET, m, key, m.has(key) ? m.get(key) : ABSENT);
  m.set(key, value);
}

/**
 * The segment writes go to now (-1 without a journal). An object made in the segment needs no
 * journal entries for its writes: undoing to a mark before it leaves nothing that refers to it.
 */
export function segmentNow(): number {
  return active ? active.segment : -1;
}

/**
 * Deletes a key added since the last mark(), so not there at the mark: its deletion is undone
 * one key at a time without changing the order of the others (unlike deleteIn's).
 */
export function deleteAddedIn<K, V>(map: Map<K, V>, key: K): void {
  if (!map.has(key)) return;
  if (active) active.record(MAP_SET, map, key, map.get(key));
  map.delete(key);
}

export function deleteIn<K, V>(map: Map<K, V>, key: K): void {
  if (!map.has(key)) return;
  // Undoing a deletion one key at a time would put the key back last: copy the map instead.
  if (active?.needsCopy(map)) active.record(MAP_COPY, map, undefined, [...map]);
  map.delete(key);
}

export function addTo<T>(set: Set<T>, item: T): void;
export function addTo<T extends object>(set: WeakSet<T>, item: T): void;
export function addTo(set: AnySet, item: unknown): void {
  const s = set as Set<unknown>;
  if (s.has(item)) return;
  if (active) active.record(SET_ADD, s, item, undefined);
  s.add(item);
}

export function pushTo<T>(array: T[], item: T): void {
  if (active) active.record(LENGTH, array, undefined, array.length);
  array.push(item);
}

/** `target[key] = value`, journaled. */
export function assign<T extends object, K extends keyof T>(target: T, key: K, value: T[K]): void {
  if (active) {
    if (Object.prototype.hasOwnProperty.call(target, key)) active.record(FIELD, target, key, target[key]);
    else active.record(FIELD_ADDED, target, key, undefined);
  }
  target[key] = value;
}
