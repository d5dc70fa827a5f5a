/**
 * convertGraph: one UnsupportedOpError naming every unsupported op type with its nodes (and op instances a row
 * refuses, with the reason); the input graph is left untouched; batchSize makes shapes static; progress is reported;
 * metadata (min_runtime_version, CONVERSION_METADATA) is what the official converter writes; a batch norm that
 * cannot fold is lowered to MUL + ADD and still computes the same.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as flatbuffers from 'flatbuffers';
import { ConversionError, UnsupportedOpError } from '../../src/errors.ts';
import { convertGraph, convertGraphWithReport } from '../../src/converter/convert-graph.ts';
import { addConversionMetadata } from '../../src/converter/metadata.ts';
import { ConversionMetadata } from '../../src/formats/tflite/generated/conversion-metadata/tflite/conversion-metadata.ts';
import { ModelType } from '../../src/formats/tflite/generated/conversion-metadata/tflite/model-type.ts';
import { readTflite, writeTflite } from '../../src/formats/tflite/index.ts';
import { Rng } from '../../src/util/random.ts';
import { runReference } from '../harness/reference-runtime.ts';
import { NHWC_CONV, opsOf, seededInputs, TfBuilder } from '../passes/helpers.ts';
import { evalTfGraph, relDiff } from '../passes/tf-eval.ts';

test('one UnsupportedOpError lists every unsupported op with all its nodes', async () => {
  const rng = new Rng(1);
  const b = new TfBuilder();
  const x = b.input('x', [1, 4, 4, 2]);
  const a = b.op('Softplus', [x], [1, 4, 4, 2], {}, 'model/sp1');
  const c = b.op('Softplus', [a], [1, 4, 4, 2], {}, 'model/sp2');
  const d = b.op('Lgamma', [c], [1, 4, 4, 2], {}, 'model/lgamma');
  b.output(b.op('Conv2D', [d, b.random('k', [1, 1, 2, 2], rng)], [1, 2, 4, 4], { ...NHWC_CONV, data_format: 'NCHW' }, 'model/conv_nchw'));
  await assert.rejects(convertGraph(b.graph), (e: unknown) => {
    assert.ok(e instanceof UnsupportedOpError);
    assert.deepEqual([...e.ops], [['Softplus', ['model/sp1', 'model/sp2']], ['Lgamma', ['model/lgamma']], ['Conv2D with data_format NCHW', ['model/conv_nchw']]]);
    assert.match(e.message, /unsupported ops: Softplus \(model\/sp1, model\/sp2\); Lgamma \(model\/lgamma\); Conv2D with data_format NCHW \(model\/conv_nchw\)/);
    return true;
  });
});

test('the input graph is not modified; batchSize fixes the batch; progress goes through every stage', async () => {
  const rng = new Rng(2);
  const b = new TfBuilder();
  const x = b.input('x', [-1, 3]);
  b.output(b.op('Relu', [b.op('BiasAdd', [b.op('MatMul', [x, b.random('w', [3, 2], rng)], [-1, 2]), b.random('b', [2], rng)], [-1, 2], { data_format: 'NHWC' })], [-1, 2]));
  const ops = opsOf(b.graph);
  const stages: string[] = [];
  const g = await convertGraph(b.graph, { batchSize: 4, onProgress: (s, f) => { if (f === 1) stages.push(s); } });
  assert.deepEqual(opsOf(b.graph), ops);
  assert.deepEqual(b.graph.main.inputs[0]!.shape, [-1, 3]);
  assert.deepEqual(opsOf(g), ['FULLY_CONNECTED']);
  assert.deepEqual(g.main.inputs[0]!.shape, [4, 3]);
  assert.equal(g.main.inputs[0]!.shapeSignature, undefined);
  assert.deepEqual(stages, ['tf-optimize', 'tf-lower', 'legalize', 'tflite-optimize', 'finalize']);
  const dynamic = await convertGraph(b.graph);
  assert.deepEqual([dynamic.main.inputs[0]!.shape, dynamic.main.inputs[0]!.shapeSignature], [[1, 3], [-1, 3]]);
  await assert.rejects(convertGraph(b.graph, { batchSize: 0 }), ConversionError);
});

test('metadata: min_runtime_version and CONVERSION_METADATA as the official converter writes them', async () => {
  const b = new TfBuilder();
  const x = b.input('x', [1, 8]);
  b.output(b.op('_Gelu', [x], [1, 8], { approximate: false }));
  const g = await convertGraph(b.graph);
  addConversionMetadata(g, { modelType: 'keras', tfVersion: '2.15.0' });
  const back = readTflite(writeTflite(g));
  assert.deepEqual(back.metadata.map((m) => m.name), ['min_runtime_version', 'CONVERSION_METADATA']);
  const mrv = back.metadata[0]!.data;
  assert.equal(mrv.length, 16);
  assert.equal(new TextDecoder().decode(mrv).replace(/\0+$/, ''), '2.9.0');
  const meta = ConversionMetadata.getRootAsConversionMetadata(new flatbuffers.ByteBuffer(back.metadata[1]!.data)).unpack();
  assert.deepEqual([meta.environment?.tensorflowVersion, meta.environment?.apiVersion, meta.environment?.modelType], ['2.15.0', 2, ModelType.KERAS_MODEL]);
  assert.deepEqual(meta.options?.modelOptimizationModes, []);
  addConversionMetadata(g, { modelType: 'graphdef' });
  assert.equal(g.metadata.length, 2);
});

test('a batch norm that does not follow a conv is lowered to MUL + ADD and computes the same', async () => {
  const rng = new Rng(3);
  const b = new TfBuilder();
  const x = b.input('x', [1, 3, 3, 4]);
  const p = (n: string, lo = -1, hi = 1) => b.random(n, [4], rng, lo, hi);
  b.output(b.opN('FusedBatchNormV3', [x, p('g', 0.5, 1.5), p('b'), p('m'), p('v', 0.2, 2)], [[1, 3, 3, 4], [4], [4], [4], [4], [4]],
    { epsilon: 0.001, is_training: false, data_format: 'NHWC' })[0]!);
  const inputs = seededInputs(b.graph, 5);
  const expected = evalTfGraph(b.graph, inputs);
  const { graph, report } = await convertGraphWithReport(b.graph);
  assert.deepEqual(opsOf(graph), ['MUL', 'ADD']);
  assert.equal(report.passes.find((s) => s.name === 'lower-batch-norm')?.rewrites, 1);
  const out = await runReference(writeTflite(graph), inputs);
  assert.ok(relDiff(out.outputs[0]!.data, expected[0]!) < 1e-6);
});

test('must not lower: a training-mode batch norm stays and is reported as unsupported', async () => {
  const rng = new Rng(4);
  const b = new TfBuilder();
  const x = b.input('x', [1, 2, 2, 3]);
  const p = (n: string) => b.random(n, [3], rng, 0.5, 1);
  b.output(b.opN('FusedBatchNormV3', [x, p('g'), p('b'), p('m'), p('v')], [[1, 2, 2, 3], [3], [3], [3], [3], [3]],
    { epsilon: 0.001, is_training: true, data_format: 'NHWC' }, 'bn_train')[0]!);
  await assert.rejects(convertGraph(b.graph), (e: unknown) => e instanceof UnsupportedOpError && e.ops.get('FusedBatchNormV3')?.[0] === 'bn_train');
});
