/**
 * Whole int8 fixtures on the webgpu backend vs the cpu interpreter, bit for bit, in both integer arithmetic modes:
 * every op of these models runs on a GPU kernel (Interpreter.create would refuse otherwise). Seeded int8 inputs
 * (float inputs: seeded floats in the input's quantized range).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Interpreter } from '../../../../src/runtime/interpreter/index.ts';
import { fixture } from '../../interpreter/fixtures.ts';
import { rng } from '../../quant/single-op.ts';
import { gpu, gpuEqualsCpu, MODES } from './quant-harness.ts';

const MODELS: [string, number][] = [
  ['tflm_hello_world/hello_world_int8.tflite', 4],
  ['sgx_mnist_mlp_savedmodel/model.tflite', 2],
  ['gitadi_mnist_cnn_keras/model_int8_28.tflite', 2],
  ['mlperf_tiny_ic_resnet8/pretrainedResnet_quant.tflite', 2],
  ['mlperf_tiny_kws_dscnn/kws_ref_model.tflite', 2],
  ['tflm_micro_speech/micro_speech_quantized.tflite', 2],
];

/** Seeded feeds for every input of `bytes` (batch dimensions of −1 taken as 1). */
async function feeds(bytes: Uint8Array, seed: number): Promise<(Int8Array | Float32Array)[]> {
  const probe = await Interpreter.create(bytes, { backend: 'cpu' });
  try {
    const r = rng(seed);
    return probe.getInputDetails().map((d) => {
      const n = d.shape.reduce((a, b) => a * Math.max(1, b), 1);
      if (d.dtype === 'int8') return r.int8Array(n);
      assert.equal(d.dtype, 'float32', `input ${d.name}: ${d.dtype}`);
      return r.float32Array(n, -3, 3);
    });
  } finally {
    probe.dispose();
  }
}

describe('int8 fixtures run whole on the webgpu backend, equal to the cpu bit for bit', () => {
  for (const [file, runs] of MODELS) {
    for (const mode of MODES) {
      it(`${file}, ${runs} seeded runs (${mode})`, async () => {
        const bytes = fixture(file);
        const g = await Interpreter.create(bytes, { backend: await gpu() });
        assert.equal(g.backend, 'webgpu');
        g.dispose();
        for (let k = 0; k < runs; k++) await gpuEqualsCpu(bytes, await feeds(bytes, 100 + k), mode, 0);
      });
    }
  }
});
