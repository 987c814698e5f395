// The interpreter's undo journal: undoing to a mark restores every journaled write (maps, weak
// maps, sets, array lengths, fields, fields added), with the order of a map's keys as it was,
// and writes outside a recording are plain writes. What an undo took away can be done again
// (redo), entries included, so that marks taken after it stay valid.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { addTo, assign, deleteAddedIn, deleteIn, Journal, pushTo, recordingInto, segmentNow, setIn, UndoneWrites } from '../../server/src/semantic/journal';

test('undo restores maps, weak maps, sets, arrays and fields to the mark', () => {
  const journal = new Journal();
  const map = new Map([['a', 1], ['b', 2], ['c', 3]]);
  const key = {};
  const weak = new WeakMap<object, number>([[key, 1]]);
  const set = new Set(['x']);
  const list = [1, 2];
  const box: { elem: number; literal?: string } = { elem: 1 };
  let mark = 0;
  recordingInto(journal, () => {
    setIn(map, 'a', 10);
    mark = journal.mark();
    setIn(map, 'b', 20);
    setIn(map, 'd', 4);
    deleteIn(map, 'a');
    deleteIn(map, 'c');
    setIn(map, 'a', 30);
    setIn(weak, key, 2);
    setIn(weak, {}, 3);
    addTo(set, 'y');
    pushTo(list, 3);
    assign(box, 'elem', 2);
    assign(box, 'literal', 'z');
  });
  assert.deepEqual([...map], [['b', 20], ['d', 4], ['a', 30]]);
  journal.undo(mark);
  assert.deepEqual([...map], [['a', 10], ['b', 2], ['c', 3]], 'values and key order as at the mark');
  assert.equal(weak.get(key), 1);
  assert.deepEqual([...set], ['x']);
  assert.deepEqual(list, [1, 2]);
  assert.deepEqual(box, { elem: 1 });
  assert.ok(!('literal' in box), 'a field added after the mark is gone');
});

test('a key added since the mark and deleted again is undone key by key, the order kept', () => {
  const journal = new Journal();
  const map = new Map([['a', 1], ['b', 2]]);
  let mark = 0;
  recordingInto(journal, () => {
    mark = journal.mark();
    setIn(map, 'n', 5);
    deleteAddedIn(map, 'n');
    setIn(map, 'a', 3);
  });
  journal.undo(mark);
  assert.deepEqual([...map], [['a', 1], ['b', 2]]);
});

test('without a recording the writes are plain and no segment is current', () => {
  const map = new Map<string, number>();
  setIn(map, 'a', 1);
  deleteIn(map, 'a');
  assert.equal(map.size, 0);
  assert.equal(segmentNow(), -1);
  const journal = new Journal();
  recordingInto(journal, () => {
    journal.mark();
    assert.equal(segmentNow(), journal.segment);
  });
  assert.equal(segmentNow(), -1);
});

test('redo puts back what an undo kept, and its entries: a later undo to a mark inside it works', () => {
  const journal = new Journal();
  const map = new Map([['a', 1], ['b', 2], ['c', 3]]);
  const key = {};
  const weak = new WeakMap<object, number>();
  const set = new Set(['x']);
  const list = [1];
  const box: { elem: number; literal?: string } = { elem: 1 };
  let first = 0;
  let second = 0;
  const snapshot = () => JSON.stringify({ map: [...map], weak: weak.get(key), set: [...set], list, box });
  const atFirst = snapshot();
  let atSecond = '';
  recordingInto(journal, () => {
    first = journal.mark();
    setIn(map, 'b', 20);
    deleteIn(map, 'a');
    pushTo(list, 2);
    atSecond = snapshot();
    second = journal.mark();
    setIn(weak, key, 7);
    addTo(set, 'y');
    deleteIn(map, 'c');
    setIn(map, 'a', 30);
    pushTo(list, 3);
    pushTo(list, 4);
    assign(box, 'elem', 2);
    assign(box, 'literal', 'z');
  });
  const atEnd = snapshot();
  const kept: UndoneWrites = { entries: [], after: [] };
  journal.undo(first, kept);
  assert.equal(snapshot(), atFirst);
  journal.redo(kept);
  assert.equal(snapshot(), atEnd, 'every write done again, in order');
  assert.deepEqual([...map], [['b', 20], ['a', 30]], 'key order as it was');
  journal.undo(second);
  assert.equal(snapshot(), atSecond, 'the redone entries undo like the first ones');
  journal.undo(first);
  assert.equal(snapshot(), atFirst);
});
