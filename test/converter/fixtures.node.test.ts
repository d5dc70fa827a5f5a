/**
 * Acceptance test of the float converter against the official TFLiteConverter's files (issue "Convert SavedModel,
 * Keras and frozen GraphDef into a float .tflite that matches the official converter"). For each fixture with an
 * official float .tflite, our file (convertGraph → addConversionMetadata → writeTflite) runs in the real runtime and,
 * on 8 seeded inputs, max |ours − official| / max |official| ≤ 1e-5; it has no more operators; its size is within 2%.
 *
 * Recorded exceptions, each proved here rather than loosened:
 * - ToyCar: the official file's folded biases come from other BN moving means than the .hdf5's (its filters match
 *   ours to 1e-5, its biases do not); with the official biases put into our file, the outputs match to 1e-5.
 * - KWS: both official .tflite files were converted from other weights than the SavedModel in the fixture (their
 *   float FULLY_CONNECTED weights and bias are nowhere in the checkpoint), so top-1 agreement with the official
 *   (dynamic-range) file is measured and reported, not asserted; the op list is asserted, and our file is checked
 *   against the SavedModel's own graph instead.
 * - half_plus_two: the official file is TOCO's (768 bytes, batch 1, no SignatureDefs, no CONVERSION_METADATA); our
 *   file carries both, so the 2% size check is made on our batch-1 conversion without those two tables.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { convertGraph } from '../../src/converter/convert-graph.ts';
import { addConversionMetadata } from '../../src/converter/metadata.ts';
import { loadGraphDef } from '../../src/formats/graphdef/index.ts';
import { floatsOf } from '../../src/passes/fold/values.ts';
import { writeTflite } from '../../src/formats/tflite/index.ts';
import { evalTfGraph, relDiff } from '../passes/tf-eval.ts';
import { argmax, convertLoaded, FIX, inputSets, loadFixture, maxRelDiff, opList, readFixture, runAll } from './fixture-helpers.ts';

interface Case {
  name: string;
  source: string;
  official: string;
  /** Input range of the seeded inputs (what the model is fed in use). */
  range: [number, number];
}

const CASES: Case[] = [
  { name: 'MNIST MLP SavedModel (TF 2.4)', source: `${FIX}/sgx_mnist_mlp_savedmodel/saved_model`, official: `${FIX}/sgx_mnist_mlp_savedmodel/model_no_quant.tflite`, range: [0, 1] },
  { name: 'half_plus_two TF1 SavedModel', source: `${FIX}/serving_saved_model_half_plus_two_cpu`, official: `${FIX}/serving_half_plus_two_tflite/model.tflite`, range: [-10, 10] },
  { name: 'ResNet-8 .h5 (Keras 2.4)', source: `${FIX}/mlperf_tiny_ic_resnet8/pretrainedResnet.h5`, official: `${FIX}/mlperf_tiny_ic_resnet8/pretrainedResnet.tflite`, range: [0, 255] },
  { name: 'MNIST CNN .keras (tf_keras 2.21)', source: `${FIX}/gitadi_mnist_cnn_keras/baseline_cnn_28.keras`, official: `${FIX}/gitadi_mnist_cnn_keras/model_fp32_28.tflite`, range: [0, 1] },
];

for (const c of CASES) {
  test(`${c.name}: outputs within 1e-5 of the official file, no more ops, size within 2%`, async (t) => {
    const m = await loadFixture(c.source);
    const ours = await convertLoaded(m);
    const official = readFixture(c.official);
    const sets = inputSets(ours.tflite, 8, 1234, ...c.range);
    const a = await runAll(ours.bytes, sets);
    const b = await runAll(official.bytes, sets);
    const rel = maxRelDiff(a.outputs, b.outputs);
    let size = ours.bytes.length;
    if (c.name.startsWith('half_plus_two')) {
      // TOCO wrote batch 1, no SignatureDefs and no CONVERSION_METADATA: compare like with like.
      const bare = (await convertLoaded(m, { batchSize: 1 })).tflite;
      bare.signatures = [];
      bare.metadata = bare.metadata.filter((x) => x.name !== 'CONVERSION_METADATA');
      size = writeTflite(bare).length;
    }
    const sizeRatio = size / official.bytes.length - 1;
    t.diagnostic(`rel diff ${rel.toExponential(2)} (${[...a.runtimes]} vs ${[...b.runtimes]}); ops ${opList(ours.tflite).length} vs ${opList(official.graph).length}; ` +
      `size ${ours.bytes.length} (compared: ${size}) vs ${official.bytes.length} (${(100 * sizeRatio).toFixed(2)}%)`);
    assert.ok(rel <= 1e-5, `max rel diff ${rel}`);
    assert.ok(opList(ours.tflite).length <= opList(official.graph).length, `ops [${opList(ours.tflite)}] vs [${opList(official.graph)}]`);
    assert.ok(Math.abs(sizeRatio) <= 0.02, `size ${size} vs ${official.bytes.length}`);
    assert.deepEqual(ours.tflite.signatures.map((s) => s.key), ['serving_default']);
  });
}

test('ToyCar .hdf5: ops and size as official; outputs differ only through the official file\'s BN biases (proved)', async (t) => {
  const m = await loadFixture(`${FIX}/mlperf_tiny_anomaly_toycar/model_ToyCar.hdf5`);
  const ours = await convertLoaded(m);
  const official = readFixture(`${FIX}/mlperf_tiny_anomaly_toycar/model_ToyCar.tflite`);
  assert.deepEqual(opList(ours.tflite), opList(official.graph));
  assert.ok(Math.abs(ours.bytes.length / official.bytes.length - 1) <= 0.02);
  const sets = inputSets(ours.tflite, 8, 1234, -5, 5);
  const a = await runAll(ours.bytes, sets);
  const b = await runAll(official.bytes, sets);
  const rel = maxRelDiff(a.outputs, b.outputs);

  // 1. Our folded file computes the .hdf5's (unfolded) graph: TF evaluator, float64, unfolded BN chain.
  let unfolded = 0;
  sets.forEach((ins, k) => { unfolded = Math.max(unfolded, relDiff(a.outputs[k]![0]!, evalTfGraph(m.graph, ins)[0]!)); });
  assert.ok(unfolded < 2e-6, `folded vs unfolded ${unfolded}`);

  // 2. The official filters are ours (BN scale folded the same way); the official biases are not.
  const fcs = (g: typeof ours.tflite) => g.main.nodes.filter((n) => n.op === 'FULLY_CONNECTED');
  let filterDiff = 0;
  let biasDiff = 0;
  fcs(ours.tflite).forEach((n, i) => {
    const o = fcs(official.graph)[i]!;
    filterDiff = Math.max(filterDiff, relDiff(floatsOf(n.inputs[1])!, floatsOf(o.inputs[1])!));
    biasDiff = Math.max(biasDiff, relDiff(floatsOf(n.inputs[2])!, floatsOf(o.inputs[2])!));
  });
  assert.ok(filterDiff < 1e-5, `filters ${filterDiff}`);
  assert.ok(biasDiff > 1e-2, `biases ${biasDiff}`);

  // 3. With the official biases in our file, the outputs match the official file to 1e-5.
  fcs(ours.tflite).forEach((n, i) => { n.inputs[2]!.data = fcs(official.graph)[i]!.inputs[2]!.data; });
  const patched = await runAll(writeTflite(ours.tflite).slice(), sets);
  const relPatched = maxRelDiff(patched.outputs, b.outputs);
  assert.ok(relPatched <= 1e-5, `with official biases ${relPatched}`);
  t.diagnostic(`ours vs official ${rel.toExponential(2)} (official biases from other BN statistics: bias rel diff ${biasDiff.toExponential(2)}, ` +
    `filters ${filterDiff.toExponential(2)}); with official biases ${relPatched.toExponential(2)}; folded vs unfolded graph ${unfolded.toExponential(2)}; ` +
    `size ${ours.bytes.length} vs ${official.bytes.length}`);
});

test('KWS DS-CNN SavedModel: runs, official op list, matches its own graph; top-1 vs the official file measured', async (t) => {
  const m = await loadFixture(`${FIX}/mlperf_tiny_kws_dscnn/kws_ref_model`);
  const ours = await convertLoaded(m);
  const official = readFixture(`${FIX}/mlperf_tiny_kws_dscnn/kws_ref_model_float32.tflite`);
  assert.deepEqual(opList(ours.tflite), opList(official.graph));
  const sets = inputSets(ours.tflite, 8, 1234, -10, 10);
  const a = await runAll(ours.bytes, sets);
  let own = 0;
  sets.forEach((ins, k) => { own = Math.max(own, relDiff(a.outputs[k]![0]!, evalTfGraph(m.graph, ins)[0]!)); });
  assert.ok(own <= 1e-5, `vs the SavedModel's graph ${own}`);
  // The official files hold other weights: their float FC bias is not the checkpoint's.
  const fc = (g: typeof ours.tflite) => g.main.nodes.find((n) => n.op === 'FULLY_CONNECTED')!;
  const biasDiff = relDiff(floatsOf(fc(ours.tflite).inputs[2])!, floatsOf(fc(official.graph).inputs[2])!);
  const weightDiff = relDiff(floatsOf(fc(ours.tflite).inputs[1])!, floatsOf(fc(official.graph).inputs[1])!);
  assert.ok(biasDiff > 0.1 && weightDiff > 0.1, `FC bias ${biasDiff}, weights ${weightDiff}`);
  const b = await runAll(official.bytes, sets);
  const agree = sets.filter((_, k) => argmax(a.outputs[k]![0]!) === argmax(b.outputs[k]![0]!)).length;
  t.diagnostic(`ours vs the SavedModel graph ${own.toExponential(2)}; top-1 agreement with the official (other weights: FC bias rel diff ` +
    `${biasDiff.toFixed(2)}, weights ${weightDiff.toFixed(2)}) ${agree}/8; size ${ours.bytes.length} (float) vs ${official.bytes.length} (dynamic-range)`);
});

interface MathCase { dir: string; signature?: string; f: (x: number) => number; input: number[] }

const MATH: MathCase[] = [
  { dir: 'serving_saved_model_half_plus_two_tf2_cpu', f: (x) => x / 2 + 2, input: [1] },
  { dir: 'serving_saved_model_half_plus_two_cpu', f: (x) => x / 2 + 2, input: [1, 1] },
  { dir: 'serving_saved_model_half_plus_two_cpu', signature: 'regress_x2_to_y3', f: (x) => x / 2 + 3, input: [1, 1] },
  { dir: 'serving_matrix_half_plus_two', f: (x) => x / 2 + 2, input: [1, 3, 3] },
  { dir: 'tfjs_node_times_three_float', f: (x) => 3 * x, input: [] },
  // serving_default multiplies by the module's variable, 3 in the checkpoint; timestwo by 2
  { dir: 'tfjs_node_module_with_multiple_signatures', signature: 'serving_default', f: (x) => 3 * x, input: [] },
  { dir: 'tfjs_node_module_with_multiple_signatures', signature: 'timestwo', f: (x) => 2 * x, input: [] },
];

for (const c of MATH) {
  test(`${c.dir}${c.signature ? ` [${c.signature}]` : ''} converts, runs and computes what SOURCE.md states`, async () => {
    const ours = await convertLoaded(await loadFixture(`${FIX}/${c.dir}`, c.signature));
    assert.deepEqual(ours.tflite.main.inputs[0]!.shape, c.input);
    assert.equal(ours.tflite.signatures[0]!.key, c.signature ?? 'serving_default');
    const sets = inputSets(ours.tflite, 8, 99, -10, 10);
    const r = await runAll(ours.bytes, sets);
    sets.forEach((ins, k) => {
      const want = Float32Array.from(ins[0]!, c.f);
      assert.ok(relDiff(r.outputs[k]![0]!, want) < 1e-6, `${Array.from(r.outputs[k]![0]!)} vs ${Array.from(want)}`);
    });
  });
}

test('frozen GraphDef (LiteRT multi_add.pb): converts to 3 ADDs and equals the equivalent multi_add.bin', async () => {
  const pb = `${FIX}/litert_multi_add_graphdef/multi_add.pb`;
  const graph = await loadGraphDef(new Uint8Array(fs.readFileSync(pb)), pb, { inputShapes: [[1, 3, 4, 3], [1, 3, 4, 3], [1, 3, 4, 3], [1, 3, 4, 3]] });
  const tflite = await convertGraph(graph);
  addConversionMetadata(tflite, { modelType: 'graphdef' });
  assert.deepEqual(opList(tflite), ['ADD', 'ADD', 'ADD']);
  const official = readFixture(`${FIX}/litert_multi_add_graphdef/multi_add.bin`);
  assert.deepEqual([...tflite.main.inputs, ...tflite.main.outputs].map((t) => t.name), ['a', 'b', 'c', 'd', 'x', 'y']);
  const sets = inputSets(tflite, 8, 5, -1, 1);
  const a = await runAll(writeTflite(tflite).slice(), sets);
  // multi_add.bin is [1, 8, 8, 3]; the same values in a [1, 3, 4, 3] graph: compare element-wise sums directly
  sets.forEach((ins, k) => {
    const [p, q, r, s] = ins as [Float32Array, Float32Array, Float32Array, Float32Array];
    const i = q.map((v, j) => v + r[j]!);
    assert.deepEqual(Array.from(a.outputs[k]![0]!), Array.from(p.map((v, j) => v + i[j]!)));
    assert.deepEqual(Array.from(a.outputs[k]![1]!), Array.from(i.map((v, j) => v + s[j]!)));
  });
  assert.equal(official.graph.main.nodes.length, 3);
});
