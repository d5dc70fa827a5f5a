/**
 * shape-inference: unknown dims are filled from the inputs (Conv2D, pooling, MatMul, Reshape, ConcatV2, Mean,
 * StridedSlice); the batch stays dynamic unless batchSize is given; a known dim is never overwritten.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shapeInferencePass } from '../../src/passes/shape-inference.ts';
import { Rng } from '../../src/util/random.ts';
import { NHWC_CONV, runPass, TfBuilder } from './helpers.ts';

function build() {
  const rng = new Rng(1);
  const b = new TfBuilder();
  const x = b.input('x', [-1, 9, 9, 2]);
  const conv = b.op('Conv2D', [x, b.random('k', [3, 3, 2, 4], rng)], [-1, -1, -1, -1], { ...NHWC_CONV, strides: [1, 2, 2, 1], padding: 'VALID' });
  const pool = b.op('MaxPool', [conv], [-1, -1, -1, -1], { ksize: [1, 2, 2, 1], strides: [1, 2, 2, 1], padding: 'SAME', data_format: 'NHWC' });
  const mean = b.op('Mean', [pool, b.const('axes', [2], [1, 2], 'int32')], [-1, -1], { keep_dims: false });
  const cat = b.op('ConcatV2', [mean, mean, b.const('axis', [], [-1], 'int32')], [-1, -1], { N: 2 });
  const flat = b.op('Reshape', [pool, b.const('shape', [2], [-1, 16], 'int32')], [-1, -1]);
  const mm = b.op('MatMul', [flat, b.random('w', [16, 3], rng)], [-1, -1], {});
  const sl = b.op('StridedSlice', [mm, ...[[0, 1], [0, 3], [1, 1]].map((v, i) => b.const(`s${i}`, [2], v, 'int32'))], [-1, -1], { begin_mask: 1, end_mask: 1 });
  b.output(cat).output(sl).output(b.op('Relu', [conv], [-1, 4, 4, 7]));
  return { b, conv, pool, mean, cat, flat, mm, sl };
}

test('unknown dims are inferred; the batch dim stays dynamic', () => {
  const { b, conv, pool, mean, cat, flat, mm, sl } = build();
  const r = runPass(b.graph, shapeInferencePass);
  assert.ok(r.rewrites >= 7);
  assert.deepEqual([conv.shape, pool.shape, mean.shape, cat.shape, flat.shape, mm.shape, sl.shape],
    [[-1, 4, 4, 4], [-1, 2, 2, 4], [-1, 4], [-1, 8], [-1, 16], [-1, 3], [-1, 2]]);
  assert.equal(runPass(b.graph, shapeInferencePass).rewrites, 0);
});

test('batchSize makes the graph static', () => {
  const { b, conv, sl } = build();
  runPass(b.graph, shapeInferencePass, { batchSize: 5 });
  assert.deepEqual(b.graph.main.inputs[0]!.shape, [5, 9, 9, 2]);
  assert.deepEqual([conv.shape, sl.shape], [[5, 4, 4, 4], [5, 2]]);
});

test('must not overwrite: a recorded dim that disagrees stays', () => {
  const { b } = build();
  runPass(b.graph, shapeInferencePass);
  assert.deepEqual(b.graph.main.outputs[2]!.shape, [-1, 4, 4, 7]);
});
