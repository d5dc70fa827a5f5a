/**
 * fuse-pad: an explicit zero Pad equal to SAME padding (including the asymmetric split of stride 2) folds into the
 * conv; outputs equal before/after; pads that differ from SAME, or a Pad read elsewhere, must not fire.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fusePadPass } from '../../src/passes/fuse-pad.ts';
import { Rng } from '../../src/util/random.ts';
import { NHWC_CONV, opsOf, runPass, seededInputs, TfBuilder } from './helpers.ts';
import { evalTfGraph, relDiff } from './tf-eval.ts';

test('Pad + VALID conv equal to SAME becomes a SAME conv (stride 1 and stride 2)', () => {
  const rng = new Rng(1);
  const b = new TfBuilder();
  const x = b.input('x', [1, 8, 8, 2]);
  // stride 2, k 3, in 8: SAME adds total 1 → [0, 1]
  const p1 = b.op('Pad', [x, b.const('p1', [4, 2], [0, 0, 0, 1, 0, 1, 0, 0], 'int32')], [1, 9, 9, 2]);
  const c1 = b.op('Conv2D', [p1, b.random('k1', [3, 3, 2, 3], rng)], [1, 4, 4, 3], { ...NHWC_CONV, strides: [1, 2, 2, 1], padding: 'VALID' });
  const p2 = b.op('Pad', [c1, b.const('p2', [4, 2], [0, 0, 1, 1, 1, 1, 0, 0], 'int32')], [1, 6, 6, 3]);
  b.output(b.op('DepthwiseConv2dNative', [p2, b.random('k2', [3, 3, 3, 1], rng)], [1, 4, 4, 3], { ...NHWC_CONV, padding: 'VALID' }));
  const inputs = seededInputs(b.graph, 2);
  const before = evalTfGraph(b.graph, inputs);
  assert.equal(runPass(b.graph, fusePadPass).rewrites, 2);
  assert.deepEqual(opsOf(b.graph), ['Conv2D', 'DepthwiseConv2dNative']);
  assert.ok(b.graph.main.nodes.every((n) => n.attrs['padding'] === 'SAME'));
  assert.ok(relDiff(evalTfGraph(b.graph, inputs)[0]!, before[0]!) < 1e-12);
});

test('must not fire: symmetric pads where SAME splits [0, 1]; a Pad read twice', () => {
  const rng = new Rng(2);
  const b = new TfBuilder();
  const x = b.input('x', [1, 8, 8, 2]);
  const p1 = b.op('Pad', [x, b.const('p1', [4, 2], [0, 0, 1, 1, 1, 1, 0, 0], 'int32')], [1, 10, 10, 2], {}, 'pad1');
  b.output(b.op('Conv2D', [p1, b.random('k1', [3, 3, 2, 3], rng)], [1, 4, 4, 3], { ...NHWC_CONV, strides: [1, 2, 2, 1], padding: 'VALID' }, 'conv1'));
  const p2 = b.op('Pad', [x, b.const('p2', [4, 2], [0, 0, 1, 1, 1, 1, 0, 0], 'int32')], [1, 10, 10, 2], {}, 'pad2');
  b.output(b.op('Conv2D', [p2, b.random('k2', [3, 3, 2, 3], rng)], [1, 8, 8, 3], { ...NHWC_CONV, padding: 'VALID' }, 'conv2')).output(p2);
  const r = runPass(b.graph, fusePadPass);
  assert.equal(r.rewrites, 0);
  assert.deepEqual(r.failures.map((f) => f.reason), ['pads [1, 1] on axis 1 are not SAME\'s [0, 1]', 'pad2:0 has other readers']);
});
