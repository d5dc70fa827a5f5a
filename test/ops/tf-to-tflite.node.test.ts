/**
 * Walks every row of the TF → TFLite op table (DESIGN convention 3): each row has a sample graph; the sample
 * legalizes to the row's builtin (or the alternative its note names), the version rule gives a version with a
 * min-runtime entry, the written model runs in the real TFLite runtime, and its outputs equal the TF evaluator's
 * where the evaluator knows the op (else the output shapes are checked).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { minRuntimeVersion } from '../../src/ops/runtime-version.ts';
import { TF_TO_TFLITE, TFLITE_VERSIONS } from '../../src/ops/tf-to-tflite.ts';
import { Rng } from '../../src/util/random.ts';
import { runReference, runTfjsTflite } from '../harness/reference-runtime.ts';
import { opsOf, seededInputs, TfBuilder } from '../passes/helpers.ts';
import { evalTfGraph, relDiff } from '../passes/tf-eval.ts';
import { legalize, tfliteBytes } from '../passes/tflite-helpers.ts';
import { SAMPLES } from './op-samples.ts';

/**
 * LiteRT.js 2.5.3 hands back garbage for SHAPE and RANK outputs (computed when the model is prepared); tfjs-tflite
 * returns the right values, so those rows run there.
 */
const TFJS_ONLY = new Set(['Shape', 'Rank']);

test('every row has a sample, and every sample a row', () => {
  assert.deepEqual([...TF_TO_TFLITE.keys()].filter((op) => !SAMPLES[op]), []);
  assert.deepEqual(Object.keys(SAMPLES).filter((op) => !TF_TO_TFLITE.has(op)), []);
});

for (const [op, row] of TF_TO_TFLITE) {
  test(`${op} → ${row.tflite}`, async () => {
    const b = new TfBuilder();
    SAMPLES[op]!(b, new Rng(17));
    const inputs = seededInputs(b.graph, 23, -2, 2);
    let expected: Float64Array[] | undefined;
    try {
      expected = evalTfGraph(b.graph, inputs);
    } catch {
      expected = undefined; // the evaluator has no kernel for this op: shapes are checked instead
    }
    const shapes = b.graph.main.outputs.map((t) => t.shape);
    legalize(b.graph);
    const ops = opsOf(b.graph);
    const produced = row.tflite === 'BATCH_MATMUL' || op === 'MatMul' ? ['FULLY_CONNECTED', 'BATCH_MATMUL'] : [row.tflite];
    assert.ok(ops.some((o) => produced.includes(o)), `${op} legalized to [${ops}]`);
    for (const n of b.graph.main.nodes) {
      const v = TFLITE_VERSIONS.get(n.op)?.(n) ?? 1;
      assert.ok(minRuntimeVersion(n.op, v), `${n.op} v${v} has a min runtime version`);
    }
    const bytes = tfliteBytes(b.graph);
    const r = TFJS_ONLY.has(op) ? { runtime: 'tfjs-tflite', outputs: await runTfjsTflite(bytes, inputs) } : await runReference(bytes, inputs);
    r.outputs.forEach((o, i) => {
      if (shapes[i]!.every((d) => d >= 0)) assert.deepEqual(o.shape, shapes[i], `output ${i} shape`);
      if (expected) assert.ok(relDiff(o.data, expected[i]!) < 1e-5, `output ${i}: ${relDiff(o.data, expected[i]!)} (${r.runtime})`);
    });
  });
}
