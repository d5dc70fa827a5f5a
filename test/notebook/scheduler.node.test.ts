// The dependency graph: edges from definitions to references, duplicates, cycles, deterministic topological order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ancestors, buildGraph, descendants, topologicalOrder, type GraphCell } from '../../src/notebook/scheduler.ts';

const cell = (id: string, defines: string[], references: string[]): GraphCell => ({ id, defines, references });

test('edges, descendants, ancestors and order of a diamond', () => {
  // Notebook order deliberately not dependency order.
  const g = buildGraph([cell('d', ['d'], ['b', 'c']), cell('c', ['c'], ['a']), cell('b', ['b'], ['a', 'Math']), cell('a', ['a'], [])]);
  assert.deepEqual([...g.downstream.get('a')!].sort(), ['b', 'c']);
  assert.deepEqual([...descendants(g, ['a'])].sort(), ['b', 'c', 'd']);
  assert.deepEqual([...ancestors(g, ['d'])].sort(), ['a', 'b', 'c']);
  assert.deepEqual(topologicalOrder(g, new Set(['a', 'b', 'c', 'd'])), ['a', 'c', 'b', 'd']);
  assert.deepEqual(topologicalOrder(g, new Set(['d', 'b'])), ['b', 'd']);
  assert.equal(g.duplicates.size, 0);
  assert.equal(g.cycles.size, 0);
});

test('a name defined twice is reported on both cells, and readers depend on both', () => {
  const g = buildGraph([cell('1', ['x', 'y'], []), cell('2', ['x'], []), cell('3', [], ['x'])]);
  assert.deepEqual(g.duplicates.get('1'), ['x']);
  assert.deepEqual(g.duplicates.get('2'), ['x']);
  assert.equal(g.duplicates.has('3'), false);
  assert.deepEqual([...g.upstream.get('3')!].sort(), ['1', '2']);
});

test('cycles are found on every member and described by names', () => {
  const g = buildGraph([cell('p', ['a'], ['c']), cell('q', ['b'], ['a']), cell('r', ['c'], ['b']), cell('s', ['d'], ['a'])]);
  assert.deepEqual(g.cycles.get('p'), ['a', 'b', 'c', 'a']);
  assert.deepEqual(g.cycles.get('q'), ['b', 'c', 'a', 'b']);
  assert.ok(g.cycles.has('r'));
  assert.equal(g.cycles.has('s'), false);
  const order = topologicalOrder(g, new Set(['p', 'q', 'r', 's']));
  assert.deepEqual(order.slice().sort(), ['p', 'q', 'r', 's']);
});

test('a long chain does not overflow', () => {
  const n = 5000;
  const cells = Array.from({ length: n }, (_, i) => cell(`c${i}`, [`v${i}`], i ? [`v${i - 1}`] : []));
  const g = buildGraph(cells.slice().reverse());
  const order = topologicalOrder(g, new Set(cells.map((c) => c.id)));
  assert.equal(order[0], 'c0');
  assert.equal(order[n - 1], `c${n - 1}`);
  assert.equal(descendants(g, ['c0']).size, n - 1);
});
