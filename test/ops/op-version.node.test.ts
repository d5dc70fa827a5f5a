/**
 * Op versions and minimum runtime versions against the official converter's files: for every operator of every
 * fixture .tflite, our op-version rule gives the version the file records; for the float files, our
 * min_runtime_version equals theirs. One documented exception: the TF 2.3 dynamic-range KWS file records
 * FULLY_CONNECTED v3 (hybrid) for an FC whose weights it left in float32 (768 elements, below the 1024-element
 * quantization threshold) — TF 2.3 bumped the version of every FC it considered.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { readTflite } from '../../src/formats/tflite/index.ts';
import { minRuntimeVersionOf } from '../../src/converter/metadata.ts';
import { minRuntimeVersion, runtimeVersionLess } from '../../src/ops/runtime-version.ts';
import { TFLITE_VERSIONS } from '../../src/ops/tf-to-tflite.ts';

const FIX = 'test/fixtures';
const files = fs.readdirSync(FIX, { recursive: true }).map(String).filter((f) => f.endsWith('.tflite') || f.endsWith('.bin')).sort();
const KNOWN = new Set(['mlperf_tiny_kws_dscnn/kws_ref_model_float32.tflite FULLY_CONNECTED v3']);

test('our op-version rules reproduce every fixture file', () => {
  assert.ok(files.length >= 18);
  const mismatches: string[] = [];
  for (const f of files) {
    const g = readTflite(new Uint8Array(fs.readFileSync(path.join(FIX, f))), f);
    for (const n of g.subgraphs.flatMap((s) => s.nodes)) {
      const rule = TFLITE_VERSIONS.get(n.op);
      const v = rule ? rule(n) : undefined;
      if (v !== n.version && !KNOWN.has(`${f} ${n.op} v${n.version}`)) mismatches.push(`${f}: ${n.op} file v${n.version} ours v${v}`);
    }
  }
  assert.deepEqual([...new Set(mismatches)], []);
});

test('min_runtime_version of the float files', () => {
  for (const f of ['sgx_mnist_mlp_savedmodel/model_no_quant.tflite', 'mlperf_tiny_ic_resnet8/pretrainedResnet.tflite',
    'mlperf_tiny_anomaly_toycar/model_ToyCar.tflite', 'gitadi_mnist_cnn_keras/model_fp32_28.tflite', 'tflm_hello_world/hello_world_float.tflite']) {
    const g = readTflite(new Uint8Array(fs.readFileSync(path.join(FIX, f))), f);
    const recorded = new TextDecoder().decode(g.metadata.find((m) => m.name === 'min_runtime_version')!.data).replace(/\0+$/, '');
    assert.equal(minRuntimeVersionOf(g), recorded, f);
  }
});

test('runtime version table and comparison', () => {
  assert.equal(minRuntimeVersion('GELU', 1), '2.9.0');
  assert.equal(minRuntimeVersion('FULLY_CONNECTED', 5), '2.0.0');
  assert.equal(minRuntimeVersion('BROADCAST_TO', 1), undefined);
  assert.equal(minRuntimeVersion('NO_SUCH_OP', 1), undefined);
  assert.ok(runtimeVersionLess('1.5.0', '1.14.0'));
  assert.ok(!runtimeVersionLess('2.3.0', '2.3.0'));
  assert.ok(runtimeVersionLess('', '1.5.0'));
  assert.ok(runtimeVersionLess('1.13', '1.13.1'));
});
