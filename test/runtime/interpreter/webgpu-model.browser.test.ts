// A whole float model on the webgpu backend in headless Chromium (SwiftShader): the MNIST CNN fixture (CONV_2D,
// MAX_POOL_2D, RESHAPE, FULLY_CONNECTED, SOFTMAX) and resnet8 on seeded inputs, against the CPU interpreter, within
// 1e-5 relative.
import { expect } from '@esm-bundle/chai';
import { Interpreter } from '../../../src/runtime/interpreter/index.ts';
import { createBackend } from '../../../src/runtime/select-backend.ts';
import { Rng } from '../../../src/util/random.ts';
import type { Backend } from '../../../src/runtime/backend.ts';

function relDiff(a: Float32Array, b: Float32Array): number {
  let diff = 0;
  let max = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    max = Math.max(max, Math.abs(b[i]!));
  }
  return max === 0 ? diff : diff / max;
}

describe('float models on webgpu (browser) vs the cpu interpreter', () => {
  let gpu: Backend;
  before(async () => {
    gpu = await createBackend({ onNotice: () => {} });
    expect(gpu.name).to.equal('webgpu');
  });
  after(() => gpu?.destroy());

  for (const rel of ['gitadi_mnist_cnn_keras/model_fp32_28.tflite', 'mlperf_tiny_ic_resnet8/pretrainedResnet.tflite']) {
    it(rel, async () => {
      const bytes = new Uint8Array(await (await fetch(`/test/fixtures/${rel}`)).arrayBuffer());
      const onGpu = await Interpreter.create(bytes, { file: rel, backend: gpu });
      const onCpu = await Interpreter.create(bytes, { file: rel, backend: 'cpu' });
      const rng = new Rng(0x5eed);
      for (let k = 0; k < 2; k++) {
        const feeds = onCpu.getInputDetails().map((d) => rng.float32Array(d.shape.reduce((a, b) => a * b, 1), -1, 1));
        const [g] = await onGpu.run(feeds);
        const [c] = await onCpu.run(feeds);
        expect(g!.shape).to.deep.equal(c!.shape);
        expect(relDiff(g!.data as Float32Array, c!.data as Float32Array)).to.be.at.most(1e-5);
      }
      onGpu.dispose();
      onCpu.dispose();
    });
  }
});
