/**
 * fold-batch-norm: FusedBatchNormV3 after Conv2D (+BiasAdd), after DepthwiseConv2dNative without bias, after MatMul;
 * the unfused chain (Keras' Mul/AddV2 after constant folding) — rewrite counts, graph after, outputs equal before/after
 * on seeded inputs (TF evaluator), the folded weights equal w·γ/√(σ²+ε); and cases that must not fire.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldBatchNormPass } from '../../src/passes/fold-batch-norm.ts';
import { fuseBiasAddPass } from '../../src/passes/fuse-bias-add.ts';
import { floatsOf } from '../../src/passes/fold/values.ts';
import { Rng } from '../../src/util/random.ts';
import { NHWC_CONV, opsOf, runPass, seededInputs, TfBuilder } from './helpers.ts';
import { evalTfGraph, relDiff } from './tf-eval.ts';

const BN = { epsilon: 0.001, data_format: 'NHWC', is_training: false, exponential_avg_factor: 1, U: 'float32' };

function bnParams(b: TfBuilder, rng: Rng, c: number, name: string) {
  return [b.random(`${name}/gamma`, [c], rng, 0.5, 1.5), b.random(`${name}/beta`, [c], rng), b.random(`${name}/mean`, [c], rng),
    b.random(`${name}/var`, [c], rng, 0.1, 2)] as const;
}

function checkSame(before: ReturnType<typeof evalTfGraph>, after: ReturnType<typeof evalTfGraph>): void {
  before.forEach((o, i) => assert.ok(relDiff(after[i]!, o) < 1e-6, `output ${i}: rel diff ${relDiff(after[i]!, o)}`));
}

test('FusedBatchNormV3 after Conv2D + BiasAdd folds into the filter and bias', () => {
  const rng = new Rng(1);
  const b = new TfBuilder();
  const x = b.input('x', [-1, 6, 6, 3]);
  const w = b.random('conv/kernel', [3, 3, 3, 4], rng);
  const conv = b.op('Conv2D', [x, w], [-1, 6, 6, 4], NHWC_CONV, 'conv/Conv2D');
  const biased = b.op('BiasAdd', [conv, b.random('conv/bias', [4], rng)], [-1, 6, 6, 4], { data_format: 'NHWC' }, 'conv/BiasAdd');
  const [gamma, beta, mean, variance] = bnParams(b, rng, 4, 'bn');
  const outs = b.opN('FusedBatchNormV3', [biased, gamma, beta, mean, variance], [[-1, 6, 6, 4], [4], [4], [4], [4], [4]], BN, 'bn/FusedBatchNormV3');
  b.output(b.op('Relu', [outs[0]!], [-1, 6, 6, 4]));
  const inputs = seededInputs(b.graph, 11);
  const before = evalTfGraph(b.graph, inputs);
  const wBefore = floatsOf(w)!;
  const r = runPass(b.graph, foldBatchNormPass);
  assert.equal(r.rewrites, 1);
  assert.deepEqual(opsOf(b.graph), ['Conv2D', 'BiasAdd', 'Relu']);
  checkSame(before, evalTfGraph(b.graph, inputs));
  // w' = w·γ/√(σ²+ε) per output channel (last axis of HWIO)
  const wAfter = floatsOf(b.graph.main.nodes[0]!.inputs[1])!;
  const [g, v] = [floatsOf(gamma)!, floatsOf(variance)!];
  for (let i = 0; i < wAfter.length; i++) {
    const o = i % 4;
    assert.ok(Math.abs(wAfter[i]! - wBefore[i]! * g[o]! / Math.sqrt(v[o]! + 0.001)) < 1e-6);
  }
});

test('FusedBatchNormV3 after DepthwiseConv2dNative without bias gets a new BiasAdd', () => {
  const rng = new Rng(2);
  const b = new TfBuilder();
  const x = b.input('x', [-1, 5, 5, 3]);
  const dw = b.op('DepthwiseConv2dNative', [x, b.random('dw/kernel', [3, 3, 3, 2], rng)], [-1, 5, 5, 6], NHWC_CONV);
  const [gamma, beta, mean, variance] = bnParams(b, rng, 6, 'bn');
  b.output(b.opN('FusedBatchNormV3', [dw, gamma, beta, mean, variance], [[-1, 5, 5, 6], [6], [6], [6], [6], [6]], BN)[0]!);
  const inputs = seededInputs(b.graph, 12);
  const before = evalTfGraph(b.graph, inputs);
  assert.equal(runPass(b.graph, foldBatchNormPass).rewrites, 1);
  assert.deepEqual(opsOf(b.graph), ['DepthwiseConv2dNative', 'BiasAdd']);
  checkSame(before, evalTfGraph(b.graph, inputs));
});

test('the unfused chain x·c1 + c2 after MatMul + BiasAdd folds into weights and bias (with fuse-bias-add)', () => {
  const rng = new Rng(3);
  const b = new TfBuilder();
  const x = b.input('x', [-1, 8]);
  const mm = b.op('MatMul', [x, b.random('dense/kernel', [8, 5], rng)], [-1, 5], { transpose_a: false, transpose_b: false });
  const biased = b.op('BiasAdd', [mm, b.random('dense/bias', [5], rng)], [-1, 5], { data_format: 'NHWC' });
  const scaled = b.op('Mul', [biased, b.random('bn/mul', [5], rng, 0.5, 2)], [-1, 5]);
  b.output(b.op('AddV2', [scaled, b.random('bn/sub', [5], rng)], [-1, 5]));
  const inputs = seededInputs(b.graph, 13);
  const before = evalTfGraph(b.graph, inputs);
  assert.equal(runPass(b.graph, foldBatchNormPass).rewrites, 1);
  assert.equal(runPass(b.graph, fuseBiasAddPass).rewrites, 1);
  assert.deepEqual(opsOf(b.graph), ['MatMul', 'BiasAdd']);
  checkSame(before, evalTfGraph(b.graph, inputs));
});

test('must not fire: the conv output has a second reader; training-mode batch norm', () => {
  const rng = new Rng(4);
  const b = new TfBuilder();
  const x = b.input('x', [1, 4, 4, 2]);
  const conv = b.op('Conv2D', [x, b.random('k', [1, 1, 2, 2], rng)], [1, 4, 4, 2], NHWC_CONV, 'conv');
  const [gamma, beta, mean, variance] = bnParams(b, rng, 2, 'bn');
  b.output(b.opN('FusedBatchNormV3', [conv, gamma, beta, mean, variance], [[1, 4, 4, 2], [2], [2], [2], [2], [2]], BN, 'bn')[0]!);
  b.output(b.op('Relu', [conv], [1, 4, 4, 2]));
  const conv2 = b.op('Conv2D', [x, b.random('k2', [1, 1, 2, 2], rng)], [1, 4, 4, 2], NHWC_CONV, 'conv2');
  b.output(b.opN('FusedBatchNormV3', [conv2, gamma, beta, mean, variance], [[1, 4, 4, 2], [2], [2], [2], [2], [2]], { ...BN, is_training: true }, 'bn2')[0]!);
  const r = runPass(b.graph, foldBatchNormPass);
  assert.equal(r.rewrites, 0);
  assert.deepEqual(r.failures.map((f) => [f.node, f.reason]), [
    ['bn', 'conv:0 has other readers'],
    ['bn2', 'is_training is set (training-mode batch norm)'],
  ]);
});

test("Keras 3: Conv2D + AddV2(bias) + unfused batch norm (Mul, AddV2) folds to Conv2D + one AddV2", () => {
  const rng = new Rng(5);
  const b = new TfBuilder();
  const x = b.input('x', [-1, 5, 5, 2]);
  const conv = b.op('Conv2D', [x, b.random('k', [3, 3, 2, 4], rng)], [-1, 5, 5, 4], NHWC_CONV);
  const biased = b.op('AddV2', [conv, b.random('bias', [4], rng)], [-1, 5, 5, 4]);
  const scaled = b.op('Mul', [biased, b.random('inv', [4], rng, 0.5, 2)], [-1, 5, 5, 4]);
  b.output(b.op('AddV2', [scaled, b.random('shift', [4], rng)], [-1, 5, 5, 4]));
  const inputs = seededInputs(b.graph, 14);
  const before = evalTfGraph(b.graph, inputs);
  assert.equal(runPass(b.graph, foldBatchNormPass).rewrites, 1);
  assert.equal(runPass(b.graph, fuseBiasAddPass).rewrites, 1);
  assert.deepEqual(opsOf(b.graph), ['Conv2D', 'AddV2']);
  checkSame(before, evalTfGraph(b.graph, inputs));
});
