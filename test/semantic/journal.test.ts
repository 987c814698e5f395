// The interpreter's undo journal: undoing to a mark restores every journaled write (maps, weak
// maps, sets, array lengths, fields, fields added), with the order of a map's keys as it was,
// and writes outside a recording are plain writes.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { addTo, assign, deleteAddedIn, deleteIn, Journal, pushTo, recordingInto, segmentNow, setIn } from '../../server/src/semantic/journal';

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
