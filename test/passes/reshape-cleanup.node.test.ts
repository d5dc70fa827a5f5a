/**
 * reshape-cleanup: reshape of reshape, identity reshape / transpose, transpose of transpose, Keras' dynamic
 * Flatten shape (Pack(StridedSlice(Shape(x)), -1)), and FULLY_CONNECTED + RESHAPE → keep_num_dims; outputs equal
 * before/after; a reshape that changes the shape must not be removed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FullyConnectedOptionsT } from '../../src/formats/tflite/generated/tflite/fully-connected-options.ts';
import { constantFoldPass } from '../../src/passes/constant-fold.ts';
import { deadCodePass } from '../../src/passes/dead-code.ts';
import { intsOf } from '../../src/passes/fold/values.ts';
import { reshapeCleanupPass } from '../../src/passes/reshape-cleanup.ts';
import { Rng } from '../../src/util/random.ts';
import { opsOf, runPass, seededInputs, TfBuilder } from './helpers.ts';
import { legalize, runTflite } from './tflite-helpers.ts';
import { evalTfGraph, relDiff } from './tf-eval.ts';

test('reshape of reshape, identity reshape, transpose of transpose, identity transpose', () => {
  const b = new TfBuilder();
  const x = b.input('x', [2, 3, 4]);
  const i32 = (n: string, v: number[]) => b.const(n, [v.length], v, 'int32');
  const r1 = b.op('Reshape', [x, i32('s1', [6, 4])], [6, 4]);
  const r2 = b.op('Reshape', [r1, i32('s2', [2, 12])], [2, 12]);
  const r3 = b.op('Reshape', [r2, i32('s3', [2, 12])], [2, 12]);
  const t1 = b.op('Transpose', [x, i32('p1', [1, 0, 2])], [3, 2, 4]);
  const t2 = b.op('Transpose', [t1, i32('p2', [1, 0, 2])], [2, 3, 4]);
  b.output(r3).output(b.op('Relu', [t2], [2, 3, 4]));
  const inputs = seededInputs(b.graph, 1);
  const before = evalTfGraph(b.graph, inputs);
  const r = runPass(b.graph, reshapeCleanupPass);
  runPass(b.graph, deadCodePass);
  assert.equal(r.rewrites, 4);
  assert.deepEqual(opsOf(b.graph), ['Reshape', 'Relu']);
  const after = evalTfGraph(b.graph, inputs);
  before.forEach((o, i) => assert.deepEqual(after[i], o));
});

test("Keras' dynamic Flatten shape becomes a constant [-1, n] and the Shape chain folds away", () => {
  const b = new TfBuilder();
  const x = b.input('x', [-1, 2, 3]);
  const shape = b.op('Shape', [x], [3], { out_type: 'int32' }, 'flatten/Shape', 'int32');
  const i32 = (n: string, v: number[]) => b.const(n, [v.length], v, 'int32');
  const batch = b.op('StridedSlice', [shape, i32('b', [0]), i32('e', [1]), i32('s', [1])], [], { shrink_axis_mask: 1 }, 'flatten/strided_slice', 'int32');
  const target = b.op('Pack', [batch, b.const('m1', [], [-1], 'int32')], [2], { axis: 0 }, 'flatten/Reshape/shape', 'int32');
  b.output(b.op('Reshape', [x, target], [-1, 6], {}, 'flatten/Reshape'));
  assert.equal(runPass(b.graph, reshapeCleanupPass).rewrites, 1);
  runPass(b.graph, deadCodePass);
  assert.deepEqual(opsOf(b.graph), ['Reshape']);
  assert.deepEqual(intsOf(b.graph.main.nodes[0]!.inputs[1]), [-1, 6]);
  assert.equal(runPass(b.graph, constantFoldPass).rewrites, 0);
});

test('FULLY_CONNECTED on a 3-D input followed by the restoring RESHAPE gets keep_num_dims', async () => {
  const rng = new Rng(3);
  const b = new TfBuilder();
  const x = b.input('x', [2, 3, 4]);
  const flat = b.op('Reshape', [x, b.const('s', [2], [-1, 4], 'int32')], [6, 4]);
  const mm = b.op('MatMul', [flat, b.random('w', [4, 5], rng)], [6, 5], {});
  b.output(b.op('Reshape', [mm, b.const('s2', [3], [-1, 3, 5], 'int32')], [2, 3, 5]));
  legalize(b.graph);
  const inputs = seededInputs(b.graph, 4);
  const before = await runTflite(b.graph, inputs);
  assert.equal(runPass(b.graph, reshapeCleanupPass).rewrites, 1);
  runPass(b.graph, deadCodePass);
  assert.deepEqual(opsOf(b.graph), ['FULLY_CONNECTED']);
  assert.equal((b.graph.main.nodes[0]!.options!.value as FullyConnectedOptionsT).keepNumDims, true);
  assert.ok(relDiff((await runTflite(b.graph, inputs))[0]!, before[0]!) < 1e-6);
});

test('must not fire: a reshape that changes the shape', () => {
  const b = new TfBuilder();
  const x = b.input('x', [2, 3]);
  b.output(b.op('Reshape', [x, b.const('s', [1], [6], 'int32')], [6]));
  assert.equal(runPass(b.graph, reshapeCleanupPass).rewrites, 0);
});

test('hoist-through-reshape: a Conv1D bias and activation after the Squeeze move before it', () => {
  const rng = new Rng(5);
  const b = new TfBuilder();
  const x = b.input('x', [-1, 1, 6, 2]);
  const conv = b.op('Conv2D', [x, b.random('k', [1, 3, 2, 4], rng)], [-1, 1, 6, 4], { strides: [1, 1, 1, 1], padding: 'SAME', dilations: [1, 1, 1, 1], data_format: 'NHWC' });
  const sq = b.op('Squeeze', [conv], [-1, 6, 4], { squeeze_dims: [-3] });
  const biased = b.op('BiasAdd', [sq, b.random('bias', [4], rng)], [-1, 6, 4], { data_format: 'NHWC' });
  b.output(b.op('Relu', [biased], [-1, 6, 4]));
  const inputs = seededInputs(b.graph, 6);
  const before = evalTfGraph(b.graph, inputs);
  assert.equal(runPass(b.graph, reshapeCleanupPass).rewrites, 2);
  assert.deepEqual(opsOf(b.graph), ['Conv2D', 'BiasAdd', 'Relu', 'Squeeze']);
  assert.deepEqual(b.graph.main.outputs[0]!.shape, [-1, 6, 4]);
  assert.ok(relDiff(evalTfGraph(b.graph, inputs)[0]!, before[0]!) === 0);
});
