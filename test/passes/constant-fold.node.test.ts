/**
 * constant-fold: the shape-computing chains of TF2 graphs (Shape → StridedSlice → Pack → Reshape, ConcatV2, Cast,
 * Fill, Range, arithmetic, Transpose, ExpandDims, Squeeze, Prod) fold to constants; outputs equal before/after; a
 * Shape of a dynamic-batch input and a huge Fill must not fold. Plus the evaluator's StridedSlice semantics.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { constantFoldPass } from '../../src/passes/constant-fold.ts';
import { deadCodePass } from '../../src/passes/dead-code.ts';
import { denseSlice } from '../../src/passes/fold/strided-slice.ts';
import { intsOf, floatsOf } from '../../src/passes/fold/values.ts';
import { evaluate } from '../../src/passes/fold/index.ts';
import { value } from '../../src/passes/fold/values.ts';
import type { Node } from '../../src/ir/graph.ts';
import { Rng } from '../../src/util/random.ts';
import { opsOf, runPass, seededInputs, TfBuilder } from './helpers.ts';
import { evalTfGraph, relDiff } from './tf-eval.ts';

test('a static shape chain folds: Shape, StridedSlice, Prod, Pack, ConcatV2, Cast, Range, Fill, arithmetic', () => {
  const b = new TfBuilder();
  const x = b.input('x', [2, 3, 4]);
  const shape = b.op('Shape', [x], [3], { out_type: 'int32' }, 'shape', 'int32');
  const i32 = (n: string, v: number[]) => b.const(n, [v.length], v, 'int32');
  const batch = b.op('StridedSlice', [shape, i32('b', [0]), i32('e', [1]), i32('s', [1])], [], { shrink_axis_mask: 1 }, 'batch', 'int32');
  const rest = b.op('StridedSlice', [shape, i32('b1', [1]), i32('e1', [0]), i32('s1', [1])], [2], { end_mask: 1 }, 'rest', 'int32');
  const prod = b.op('Prod', [rest, i32('axis', [0])], [], { keep_dims: false }, 'prod', 'int32');
  const target = b.op('Pack', [batch, prod], [2], { axis: 0, N: 2 }, 'pack', 'int32');
  const flat = b.op('Reshape', [x, target], [-1, -1], {}, 'flat');
  const r = b.op('Range', [b.const('r0', [], [0], 'int32'), b.const('r1', [], [12], 'int32'), b.const('r2', [], [1], 'int32')], [12], { Tidx: 'int32' }, 'range', 'int32');
  const rf = b.op('Cast', [r], [12], { SrcT: 'int32', DstT: 'float32' }, 'cast');
  const filled = b.op('Fill', [i32('dims', [1, 12]), b.const('half', [], [0.5])], [1, 12], {}, 'fill');
  const bias = b.op('Mul', [b.op('ExpandDims', [rf, b.const('ax', [], [0], 'int32')], [1, 12], {}, 'expand'), filled], [1, 12], {}, 'bias');
  const cat = b.op('ConcatV2', [bias, bias, b.const('cax', [], [0], 'int32')], [2, 12], { N: 2 }, 'concat');
  b.output(b.op('AddV2', [flat, cat], [2, 12], {}, 'out'));
  const inputs = seededInputs(b.graph, 31);
  const before = evalTfGraph(b.graph, inputs);
  const res = runPass(b.graph, constantFoldPass);
  runPass(b.graph, deadCodePass);
  assert.equal(res.rewrites, 11);
  assert.deepEqual(opsOf(b.graph), ['Reshape', 'AddV2']);
  assert.deepEqual(intsOf(b.graph.main.nodes[0]!.inputs[1]), [2, 12]);
  assert.deepEqual(Array.from(floatsOf(b.graph.main.nodes[1]!.inputs[1])!.slice(0, 3)), [0, 0.5, 1]);
  assert.ok(relDiff(evalTfGraph(b.graph, inputs)[0]!, before[0]!) === 0);
});

test('Transpose, Squeeze and Reshape of constants fold (weights pre-transposed by an exporter)', () => {
  const rng = new Rng(3);
  const b = new TfBuilder();
  const x = b.input('x', [1, 4]);
  const w = b.random('w', [1, 3, 4], rng);
  const wt = b.op('Transpose', [b.op('Squeeze', [w], [3, 4], { squeeze_dims: [0] }), b.const('perm', [2], [1, 0], 'int32')], [4, 3]);
  b.output(b.op('MatMul', [x, wt], [1, 3], { transpose_a: false, transpose_b: false }));
  const inputs = seededInputs(b.graph, 32);
  const before = evalTfGraph(b.graph, inputs);
  assert.equal(runPass(b.graph, constantFoldPass).rewrites, 2);
  assert.deepEqual(opsOf(b.graph), ['MatMul']);
  assert.ok(relDiff(evalTfGraph(b.graph, inputs)[0]!, before[0]!) < 1e-7);
});

test('must not fold: Shape of a dynamic-batch input; a Fill that would store more than 4M elements', () => {
  const b = new TfBuilder();
  const x = b.input('x', [-1, 3]);
  b.output(b.op('Shape', [x], [2], { out_type: 'int32' }, 'dyn_shape', 'int32'));
  b.output(b.op('Fill', [b.const('dims', [2], [4096, 2048], 'int32'), b.const('v', [], [1])], [4096, 2048], {}, 'big'));
  const r = runPass(b.graph, constantFoldPass);
  assert.equal(r.rewrites, 0);
  assert.deepEqual(r.failures.map((f) => f.node), ['big']);
  assert.deepEqual(opsOf(b.graph), ['Shape', 'Fill']);
});

test('StridedSlice semantics: masks, negative bounds, negative strides, ellipsis and new axes', () => {
  const m = (o: Partial<Record<'beginMask' | 'endMask' | 'ellipsisMask' | 'newAxisMask' | 'shrinkAxisMask', number>>) =>
    ({ beginMask: 0, endMask: 0, ellipsisMask: 0, newAxisMask: 0, shrinkAxisMask: 0, ...o });
  assert.deepEqual(denseSlice([5, 6], [1], [-1], [1], m({})), { begin: [1, 0], stride: [1, 1], size: [3, 6], shape: [3, 6] });
  assert.deepEqual((denseSlice([5], [0], [0], [-1], m({ beginMask: 1, endMask: 1 })) as { size: number[] }).size, [5]);
  assert.deepEqual((denseSlice([2, 3, 4], [0, -1], [0, 0], [1, 1], m({ ellipsisMask: 1, shrinkAxisMask: 2 })) as { shape: number[] }).shape, [2, 3]);
  assert.deepEqual((denseSlice([3, 4], [0, 0], [0, 0], [1, 1], m({ newAxisMask: 1, endMask: 2 })) as { shape: number[] }).shape, [1, 3, 4]);
  const x = value('float32', [2, 3], [1, 2, 3, 4, 5, 6]);
  const node = { op: 'StridedSlice', attrs: { begin_mask: 0, end_mask: 0, shrink_axis_mask: 0 } } as unknown as Node;
  const out = evaluate(node, [x, value('int32', [2], [1, 2]), value('int32', [2], [2, 0]), value('int32', [2], [1, -1])])!;
  assert.deepEqual({ shape: out[0]!.shape, data: Array.from(out[0]!.data) }, { shape: [1, 2], data: [6, 5] });
});
