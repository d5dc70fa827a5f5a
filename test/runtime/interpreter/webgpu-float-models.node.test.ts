/**
 * Whole-model acceptance of the float GPU kernels: every float fixture the CPU interpreter runs (the LSTM one aside:
 * no GPU LSTM kernel yet) on `Interpreter.create(bytes, { backend: 'webgpu' })` (Dawn on SwiftShader in Node) vs the
 * CPU interpreter on 3 seeded inputs, and vs the real runtime (test/harness/reference-runtime.ts) for some, within
 * 1e-5 relative (max|gpu − ref| / max|ref|). Diagnostics print the differences and warm run times on both backends.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readTflite } from '../../../src/formats/tflite/index.ts';
import type { Backend } from '../../../src/runtime/backend.ts';
import { Interpreter } from '../../../src/runtime/interpreter/index.ts';
import { createBackend } from '../../../src/runtime/select-backend.ts';
import { Rng } from '../../../src/util/random.ts';
import { runReference } from '../../harness/reference-runtime.ts';
import { fixture, relDiff } from './fixtures.ts';

const MODELS: [string, boolean][] = [
  // [fixture, also compare with the real runtime]
  ['tflm_hello_world/hello_world_float.tflite', true],
  ['sgx_mnist_mlp_savedmodel/model_no_quant.tflite', false],
  ['mlperf_tiny_ic_resnet8/pretrainedResnet.tflite', true],
  ['mlperf_tiny_anomaly_toycar/model_ToyCar.tflite', false],
  ['gitadi_mnist_cnn_keras/model_fp32_28.tflite', true],
  ['serving_half_plus_two_tflite/model.tflite', false],
  ['serving_half_plus_two_tflite/model_with_sigdef.tflite', false],
  ['litert_multi_add_graphdef/multi_add.bin', false],
];

let gpu: Backend | null = null;
after(() => gpu?.destroy());

describe('float fixtures on the webgpu backend vs the CPU interpreter (and the real runtime)', { concurrency: 1 }, () => {
  for (const [rel, withRef] of MODELS) {
    test(rel, async (t) => {
      gpu ??= await createBackend({ onNotice: () => {} });
      assert.equal(gpu.name, 'webgpu');
      const bytes = fixture(rel);
      const onGpu = await Interpreter.create(bytes, { file: rel, backend: gpu });
      const onCpu = await Interpreter.create(bytes, { file: rel, backend: 'cpu' });
      const inputs = readTflite(bytes, rel).main.inputs;
      const rng = new Rng(0x5eed);
      let worst = 0;
      let worstRef = 0;
      let gpuMs = 0;
      let cpuMs = 0;
      for (let k = 0; k < 3; k++) {
        const feeds = inputs.map((x) => rng.float32Array(x.shape.reduce((a, b) => a * b, 1), -1, 1));
        let t0 = performance.now();
        const g = await onGpu.run(feeds);
        gpuMs = k === 0 ? 0 : gpuMs + performance.now() - t0; // k = 0 warms pipelines
        t0 = performance.now();
        const c = await onCpu.run(feeds);
        cpuMs = k === 0 ? 0 : cpuMs + performance.now() - t0;
        assert.equal(g.length, c.length);
        g.forEach((o, i) => {
          assert.deepEqual(o.shape, c[i]!.shape, `output ${i} shape`);
          worst = Math.max(worst, relDiff(o.data as Float32Array, c[i]!.data as Float32Array));
        });
        if (withRef) {
          const ref = await runReference(bytes, feeds);
          g.forEach((o, i) => { worstRef = Math.max(worstRef, relDiff(o.data as Float32Array, ref.outputs[i]!.data)); });
        }
      }
      onGpu.dispose();
      onCpu.dispose();
      t.diagnostic(`${rel}: gpu vs cpu ${worst.toExponential(2)}${withRef ? `, gpu vs real runtime ${worstRef.toExponential(2)}` : ''}; ` +
        `warm run gpu ${(gpuMs / 2).toFixed(1)} ms, cpu ${(cpuMs / 2).toFixed(1)} ms`);
      assert.ok(worst <= 1e-5, `gpu vs cpu: ${worst}`);
      assert.ok(worstRef <= 1e-5, `gpu vs real runtime: ${worstRef}`);
    });
  }
});
