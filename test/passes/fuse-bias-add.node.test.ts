/**
 * fuse-bias-add: TF form (AddV2 / Sub after Conv2D + BiasAdd → one BiasAdd) checked with the TF evaluator; TFLite
 * form (ADD after CONV_2D / DEPTHWISE_CONV_2D / FULLY_CONNECTED → bias input, ADD's activation moved) checked in
 * the real runtime; must not fire on a non-per-channel constant or a shared tensor.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ActivationFunctionType } from '../../src/formats/tflite/generated/tflite/activation-function-type.ts';
import type { AddOptionsT } from '../../src/formats/tflite/generated/tflite/add-options.ts';
import { fuseBiasAddPass } from '../../src/passes/fuse-bias-add.ts';
import { Rng } from '../../src/util/random.ts';
import { NHWC_CONV, opsOf, runPass, seededInputs, TfBuilder } from './helpers.ts';
import { legalize, runTflite } from './tflite-helpers.ts';
import { evalTfGraph, relDiff } from './tf-eval.ts';

test('TF ops: AddV2 and Sub of per-channel constants merge into the conv BiasAdd', () => {
  const rng = new Rng(1);
  const b = new TfBuilder();
  const x = b.input('x', [-1, 5, 5, 2]);
  const conv = b.op('Conv2D', [x, b.random('k', [3, 3, 2, 3], rng)], [-1, 5, 5, 3], NHWC_CONV);
  const biased = b.op('BiasAdd', [conv, b.random('b', [3], rng)], [-1, 5, 5, 3], { data_format: 'NHWC' });
  const added = b.op('AddV2', [b.random('c', [1, 1, 1, 3], rng), biased], [-1, 5, 5, 3]);
  b.output(b.op('Sub', [added, b.const('d', [], [0.25])], [-1, 5, 5, 3]));
  const inputs = seededInputs(b.graph, 3);
  const before = evalTfGraph(b.graph, inputs);
  assert.equal(runPass(b.graph, fuseBiasAddPass).rewrites, 2);
  assert.deepEqual(opsOf(b.graph), ['Conv2D', 'BiasAdd']);
  assert.ok(relDiff(evalTfGraph(b.graph, inputs)[0]!, before[0]!) < 1e-6);
});

test('TFLite ops: ADD into CONV_2D, DEPTHWISE_CONV_2D and a bias-less FULLY_CONNECTED; the ADD activation moves', async () => {
  const rng = new Rng(2);
  const b = new TfBuilder();
  const x = b.input('x', [1, 4, 4, 2]);
  const conv = b.op('Conv2D', [x, b.random('k', [1, 1, 2, 3], rng)], [1, 4, 4, 3], NHWC_CONV);
  const c1 = b.op('Relu', [b.op('AddV2', [conv, b.random('c1', [3], rng)], [1, 4, 4, 3])], [1, 4, 4, 3]);
  const dw = b.op('DepthwiseConv2dNative', [c1, b.random('dk', [3, 3, 3, 1], rng)], [1, 4, 4, 3], NHWC_CONV);
  const c2 = b.op('BiasAdd', [dw, b.random('c2', [3], rng)], [1, 4, 4, 3], { data_format: 'NHWC' });
  const flat = b.op('Reshape', [c2, b.const('s', [2], [1, 48], 'int32')], [1, 48]);
  const fc = b.op('MatMul', [flat, b.random('w', [48, 4], rng)], [1, 4], {});
  b.output(b.op('Sub', [fc, b.random('c3', [4], rng)], [1, 4]));
  legalize(b.graph);
  // the Relu is fused into the ADD first, so the bias fusion must carry it onto CONV_2D
  const addNode = b.graph.main.nodes[1]!;
  (addNode.options!.value as AddOptionsT).fusedActivationFunction = ActivationFunctionType.RELU;
  addNode.outputs[0] = b.graph.main.nodes[2]!.outputs[0]!;
  b.graph.main.nodes.splice(2, 1);
  const inputs = seededInputs(b.graph, 4);
  const before = await runTflite(b.graph, inputs);
  const r = runPass(b.graph, fuseBiasAddPass);
  assert.equal(r.rewrites, 3);
  assert.deepEqual(opsOf(b.graph), ['CONV_2D', 'DEPTHWISE_CONV_2D', 'RESHAPE', 'FULLY_CONNECTED']);
  assert.equal((b.graph.main.nodes[0]!.options!.value as { fusedActivationFunction: number }).fusedActivationFunction, ActivationFunctionType.RELU);
  assert.ok(relDiff((await runTflite(b.graph, inputs))[0]!, before[0]!) < 1e-6);
});

test('must not fire: a constant that is not per output channel; a conv output read twice', () => {
  const rng = new Rng(3);
  const b = new TfBuilder();
  const x = b.input('x', [1, 3, 3, 2]);
  const conv = b.op('Conv2D', [x, b.random('k', [1, 1, 2, 2], rng)], [1, 3, 3, 2], NHWC_CONV, 'conv');
  const biased = b.op('BiasAdd', [conv, b.random('b', [2], rng)], [1, 3, 3, 2], { data_format: 'NHWC' }, 'bias');
  b.output(b.op('AddV2', [biased, b.random('spatial', [1, 3, 3, 2], rng)], [1, 3, 3, 2]));
  const conv2 = b.op('Conv2D', [x, b.random('k2', [1, 1, 2, 2], rng)], [1, 3, 3, 2], NHWC_CONV, 'conv2');
  const biased2 = b.op('BiasAdd', [conv2, b.random('b2', [2], rng)], [1, 3, 3, 2], { data_format: 'NHWC' }, 'bias2');
  b.output(b.op('AddV2', [biased2, b.random('c', [2], rng)], [1, 3, 3, 2])).output(biased2);
  const r = runPass(b.graph, fuseBiasAddPass);
  assert.equal(r.rewrites, 0);
  assert.deepEqual(r.failures.map((f) => f.reason), ['bias2:0 has other readers']);
});
