// The document model: operations, immutable cell records, one change event per operation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../../src/errors.ts';
import { Notebook, type NotebookChange } from '../../src/notebook/notebook.ts';
import { isValidCellId } from '../../src/notebook/ids.ts';

function record(nb: Notebook): NotebookChange[] {
  const changes: NotebookChange[] = [];
  nb.on('change', (e) => changes.push(e.change));
  return changes;
}

test('add, insert, move, delete keep order and announce each change', () => {
  const nb = new Notebook();
  const changes = record(nb);
  const a = nb.addCell({ source: 'a' });
  const c = nb.addCell({ source: 'c' });
  const b = nb.insertCell(1, { source: 'b', kind: 'markdown' });
  assert.deepEqual(nb.cells.map((x) => x.source), ['a', 'b', 'c']);
  assert.ok([a, b, c].every((x) => isValidCellId(x.id)));
  assert.equal(new Set([a.id, b.id, c.id]).size, 3);
  nb.moveCell(c.id, 0);
  assert.deepEqual(nb.cells.map((x) => x.source), ['c', 'a', 'b']);
  const removed = nb.deleteCell(a.id);
  assert.equal(removed.source, 'a');
  assert.deepEqual(nb.cells.map((x) => x.source), ['c', 'b']);
  assert.deepEqual(changes.map((x) => x.type), ['insert', 'insert', 'insert', 'move', 'delete']);
  assert.deepEqual(changes[3], { type: 'move', cellId: c.id, from: 2, to: 0 });
  assert.equal(nb.version, 5);
});

test('cells are immutable records replaced on change', () => {
  const nb = new Notebook({ cells: [{ source: 'x = 1' }, { source: 'y' }] });
  const [first, second] = nb.cells;
  const before = nb.cells;
  nb.setSource(first!.id, 'const x = 2');
  assert.notEqual(nb.cells, before);
  assert.notEqual(nb.cells[0], first);
  assert.equal(nb.cells[1], second, 'untouched cells keep their identity');
  assert.equal(first!.source, 'x = 1');
  assert.throws(() => { (nb.cells as unknown as unknown[]).push(1); }, TypeError);
});

test('change-source and change-kind events carry the previous value; leaving code drops outputs', () => {
  const nb = new Notebook({ cells: [{ source: '1', outputs: [{ type: 'stream', name: 'stdout', text: 'x' }], executionCount: 3 }] });
  const changes = record(nb);
  const id = nb.cells[0]!.id;
  nb.setSource(id, '2');
  nb.setSource(id, '2'); // no-op: no event
  nb.setKind(id, 'markdown');
  assert.deepEqual(changes, [{ type: 'source', cellId: id, previous: '1' }, { type: 'kind', cellId: id, previous: 'code' }]);
  assert.deepEqual(nb.cells[0]!.outputs, []);
  assert.equal(nb.cells[0]!.executionCount, null);
  assert.throws(() => nb.appendOutput(id, { type: 'stream', name: 'stdout', text: 'y' }), UsageError);
});

test('outputs: append merges consecutive streams of the same name', () => {
  const nb = new Notebook({ cells: [{}] });
  const id = nb.cells[0]!.id;
  nb.appendOutput(id, { type: 'stream', name: 'stdout', text: 'a\n' });
  nb.appendOutput(id, { type: 'stream', name: 'stdout', text: 'b\n' });
  nb.appendOutput(id, { type: 'stream', name: 'stderr', text: 'c\n' });
  assert.deepEqual(nb.cells[0]!.outputs, [{ type: 'stream', name: 'stdout', text: 'a\nb\n' }, { type: 'stream', name: 'stderr', text: 'c\n' }]);
  nb.setOutputs(id, [], 7);
  assert.equal(nb.cells[0]!.executionCount, 7);
});

test('ids: given ids are kept, duplicates and invalid ids are refused, unknown ids are usage errors', () => {
  const nb = new Notebook({ cells: [{ id: 'intro' }] });
  assert.equal(nb.cells[0]!.id, 'intro');
  assert.throws(() => nb.addCell({ id: 'intro' }), UsageError);
  assert.throws(() => nb.addCell({ id: 'has space' }), UsageError);
  assert.throws(() => nb.deleteCell('nope'), /no cell with id nope/);
  assert.throws(() => nb.moveCell('nope', 0), UsageError);
});

test('metadata changes and clone', () => {
  const nb = new Notebook({ metadata: { a: 1 } });
  const changes = record(nb);
  nb.setMetadata({ a: 2 });
  nb.addCell({ source: 's' });
  nb.setCellMetadata(nb.cells[0]!.id, { tags: ['x'] });
  assert.deepEqual(changes.map((c) => c.type), ['metadata', 'insert', 'cell-metadata']);
  const copy = nb.clone();
  assert.deepEqual(copy.cells, nb.cells);
  assert.deepEqual(copy.metadata, { a: 2 });
  copy.setSource(copy.cells[0]!.id, 'changed');
  assert.equal(nb.cells[0]!.source, 's');
});
