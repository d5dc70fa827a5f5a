/**
 * fuse-activation (TFLite ops): RELU / RELU6 / RELU_N1_TO_1 after CONV_2D, FULLY_CONNECTED and ADD are fused; the
 * real runtime gives the same outputs before and after; TANH, a shared pre-activation tensor and an op without the
 * field (SOFTMAX) must not fire.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ActivationFunctionType } from '../../src/formats/tflite/generated/tflite/activation-function-type.ts';
import { fuseActivationPass } from '../../src/passes/fuse-activation.ts';
import { fuseBiasAddPass } from '../../src/passes/fuse-bias-add.ts';
import { Rng } from '../../src/util/random.ts';
import { NHWC_CONV, opsOf, runPass, seededInputs, TfBuilder } from './helpers.ts';
import { legalize, runTflite } from './tflite-helpers.ts';
import { relDiff } from './tf-eval.ts';

const act = (n: { options: { value: unknown } | null }): ActivationFunctionType =>
  (n.options!.value as { fusedActivationFunction: ActivationFunctionType }).fusedActivationFunction;

test('RELU, RELU6 and RELU_N1_TO_1 fuse into CONV_2D, FULLY_CONNECTED and ADD; outputs unchanged in the runtime', async () => {
  const rng = new Rng(5);
  const b = new TfBuilder();
  const x = b.input('x', [1, 4, 4, 3]);
  const conv = b.op('Conv2D', [x, b.random('k', [3, 3, 3, 4], rng)], [1, 4, 4, 4], NHWC_CONV);
  const biased = b.op('BiasAdd', [conv, b.random('b', [4], rng)], [1, 4, 4, 4], { data_format: 'NHWC' });
  const r6 = b.op('Relu6', [biased], [1, 4, 4, 4]);
  const sum = b.op('AddV2', [r6, b.random('c', [1, 4, 4, 4], rng)], [1, 4, 4, 4]);
  const relu = b.op('Relu', [sum], [1, 4, 4, 4]);
  const flat = b.op('Reshape', [relu, b.const('shape', [2], [1, 64], 'int32')], [1, 64]);
  const fc = b.op('MatMul', [flat, b.random('w', [64, 5], rng)], [1, 5], { transpose_a: false, transpose_b: false });
  const clip = b.op('Minimum', [b.op('Maximum', [fc, b.const('lo', [], [-1])], [1, 5]), b.const('hi', [], [1])], [1, 5]);
  b.output(clip);
  legalize(b.graph);
  runPass(b.graph, fuseBiasAddPass);
  const inputs = seededInputs(b.graph, 21, -2, 2);
  const before = await runTflite(b.graph, inputs);
  const r = runPass(b.graph, fuseActivationPass);
  assert.equal(r.rewrites, 2);
  assert.deepEqual(opsOf(b.graph), ['CONV_2D', 'ADD', 'RESHAPE', 'FULLY_CONNECTED', 'MAXIMUM', 'MINIMUM']);
  assert.equal(act(b.graph.main.nodes[0]!), ActivationFunctionType.RELU6);
  assert.equal(act(b.graph.main.nodes[1]!), ActivationFunctionType.RELU);
  const after = await runTflite(b.graph, inputs);
  assert.ok(relDiff(after[0]!, before[0]!) < 1e-6);
});

test('RELU_N1_TO_1 fuses into FULLY_CONNECTED', async () => {
  const rng = new Rng(6);
  const b = new TfBuilder();
  const x = b.input('x', [2, 6]);
  const fc = b.op('MatMul', [x, b.random('w', [6, 3], rng, -2, 2)], [2, 3], {});
  b.output(b.op('Relu', [fc], [2, 3]));
  legalize(b.graph);
  b.graph.main.nodes[1]!.op = 'RELU_N1_TO_1';
  const inputs = seededInputs(b.graph, 22);
  const before = await runTflite(b.graph, inputs);
  assert.equal(runPass(b.graph, fuseActivationPass).rewrites, 1);
  assert.equal(act(b.graph.main.nodes[0]!), ActivationFunctionType.RELU_N1_TO_1);
  assert.ok(relDiff((await runTflite(b.graph, inputs))[0]!, before[0]!) < 1e-6);
});

test('must not fire: TANH, a pre-activation tensor with another reader, an op without the field', () => {
  const rng = new Rng(7);
  const b = new TfBuilder();
  const x = b.input('x', [1, 6]);
  const fc1 = b.op('MatMul', [x, b.random('w1', [6, 3], rng)], [1, 3], {}, 'fc1');
  b.output(b.op('Tanh', [fc1], [1, 3]));
  const fc2 = b.op('MatMul', [x, b.random('w2', [6, 3], rng)], [1, 3], {}, 'fc2');
  b.output(b.op('Relu', [fc2], [1, 3])).output(fc2);
  const sm = b.op('Softmax', [x], [1, 6], {}, 'sm');
  b.output(b.op('Relu', [sm], [1, 6]));
  legalize(b.graph);
  const r = runPass(b.graph, fuseActivationPass);
  assert.equal(r.rewrites, 0);
  assert.deepEqual(r.failures.map((f) => f.reason), [
    'TFLite float kernels do not apply a fused TANH (only RELU-family clamps)',
    'fc2:0 has other readers',
  ]);
});
