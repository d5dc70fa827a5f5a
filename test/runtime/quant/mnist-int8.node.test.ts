// Acceptance: the official int8 MNIST MLP (sgx_mnist_mlp_savedmodel/model.tflite) and CNN
// (gitadi_mnist_cnn_keras/model_int8_28.tflite) on the MNIST test images — pixels / 255 quantized with the input's
// scale and zero point — on our CPU interpreter (`litert` integer arithmetic, batched invokes of 500) and in the real
// runtime (LiteRT.js for the MLP, tfjs-tflite for the CNN, whose -1 batch LiteRT.js refuses), one image per invoke:
// the top-1 class must agree image for image, and the int8 outputs must be identical. The top-1 agreement of our
// `reference` arithmetic (TFLite's reference kernels) with the runtime is reported alongside.
// All 10,000 images by default (~1 minute on one core); LITELAB_MNIST_N=1000 (say) runs a prefix.
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { Interpreter } from '../../../src/runtime/interpreter/index.ts';
import { runReference } from '../../harness/reference-runtime.ts';
import { fixture, mnist } from '../interpreter/fixtures.ts';

const N = Number(process.env.LITELAB_MNIST_N ?? 10_000);
const BATCH = 500;

const argmax = (a: Int8Array, o: number): number => {
  let best = 0;
  for (let c = 1; c < 10; c++) if (a[o + c]! > a[o + best]!) best = c;
  return best;
};

async function evaluate(file: string, t: TestContext): Promise<void> {
  const bytes = fixture(file);
  const { images, labels } = mnist(N);
  {
    const interp = await Interpreter.create(bytes, { backend: 'cpu', integerArithmetic: 'litert' });
    const refInterp = await Interpreter.create(bytes, { backend: 'cpu', integerArithmetic: 'reference' });
    const d = interp.getInputDetails()[0]!;
    const scale = d.quantization!.scale[0]!;
    const zp = d.quantization!.zeroPoint[0]!;
    const x = new Int8Array(N * 784);
    for (let i = 0; i < x.length; i++) x[i] = Math.max(-128, Math.min(127, Math.round(images[i]! / scale) + zp));

    const runAll = async (interp: Interpreter): Promise<Int8Array> => {
      const out = new Int8Array(N * 10);
      for (let s = 0; s < N; s += BATCH) {
        const n = Math.min(BATCH, N - s);
        interp.resizeInput(0, [n, ...d.shape.slice(1)]);
        interp.setInput(0, x.slice(s * 784, (s + n) * 784));
        await interp.invoke();
        out.set(interp.getOutput(0).data as Int8Array, s * 10);
      }
      return out;
    };
    const ours = await runAll(interp);
    const refArith = await runAll(refInterp);

    let agree = 0;
    let identical = 0;
    let oursCorrect = 0;
    let refCorrect = 0;
    let runtime = '';
    let refArithAgree = 0;
    for (let i = 0; i < N; i++) {
      const r = await runReference(bytes, [x.subarray(i * 784, (i + 1) * 784)]);
      runtime = r.runtime;
      const ref = r.outputs[0]!.data as Int8Array;
      const mine = argmax(ours, i * 10);
      const theirs = argmax(ref, 0);
      if (mine === theirs) agree++;
      if (argmax(refArith, i * 10) === theirs) refArithAgree++;
      if (ours.subarray(i * 10, i * 10 + 10).every((v, c) => v === ref[c])) identical++;
      if (mine === labels[i]) oursCorrect++;
      if (theirs === labels[i]) refCorrect++;
    }
    t.diagnostic(`${file}: ${N} images, top-1 agreement ${agree}/${N}, identical outputs ${identical}/${N}, accuracy ours ${(100 * oursCorrect / N).toFixed(2)} % vs ${runtime} ${(100 * refCorrect / N).toFixed(2)} %; ` +
      `with TFLite-reference arithmetic instead: top-1 agreement ${refArithAgree}/${N}`);
    assert.equal(agree, N, `top-1 equals ${runtime} image for image`);
    assert.equal(identical, N, `int8 outputs identical to ${runtime}`);
    assert.equal(oursCorrect, refCorrect);
  }
}

describe(`int8 MNIST models on ${N} test images, ours vs the real runtime`, () => {
  it('MLP (sgx_mnist_mlp_savedmodel/model.tflite)', (t) => evaluate('sgx_mnist_mlp_savedmodel/model.tflite', t));
  it('CNN (gitadi_mnist_cnn_keras/model_int8_28.tflite)', (t) => evaluate('gitadi_mnist_cnn_keras/model_int8_28.tflite', t));
});
