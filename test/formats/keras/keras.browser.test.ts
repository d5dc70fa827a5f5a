/**
 * In Chromium: the Keras readers load a real .h5 and a real .keras (h5wasm in a Web Worker), and a file that makes
 * HDF5 loop forever is stopped by the time limit with a FormatError.
 */
import { expect } from '@esm-bundle/chai';
import { FormatError } from '../../../src/errors.ts';
import { loadKeras } from '../../../src/formats/keras/index.ts';

async function fixture(path: string): Promise<Uint8Array> {
  const res = await fetch(`/test/fixtures/${path}`);
  expect(res.ok, path).to.equal(true);
  return new Uint8Array(await res.arrayBuffer());
}

function opCounts(ops: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const op of ops) counts[op] = (counts[op] ?? 0) + 1;
  return counts;
}

describe('Keras readers in the browser', () => {
  it('loads the ResNet-8 .h5', async () => {
    const r = await loadKeras(await fixture('mlperf_tiny_ic_resnet8/pretrainedResnet.h5'), 'pretrainedResnet.h5');
    expect(r.kerasVersion).to.equal('2.4.0');
    expect(opCounts(r.graph.main.nodes.map((n) => n.op))).to.deep.equal({
      Conv2D: 9, BiasAdd: 10, FusedBatchNormV3: 7, Relu: 7, AddV2: 3, AvgPool: 1, Reshape: 1, MatMul: 1, Softmax: 1,
    });
    const kernel = r.graph.main.tensors.find((t) => t.name === 'model/conv2d/kernel:0');
    expect(kernel?.shape).to.deep.equal([3, 3, 3, 16]);
    expect(kernel?.data?.byteLength).to.equal(3 * 3 * 3 * 16 * 4);
  });

  it('loads the MNIST .keras', async () => {
    const r = await loadKeras(await fixture('gitadi_mnist_cnn_keras/baseline_cnn_28.keras'), 'baseline_cnn_28.keras');
    expect(r.graph.signatures[0]!.inputs.map((i) => i.tensor.shape)).to.deep.equal([[-1, 28, 28, 1]]);
    expect(opCounts(r.graph.main.nodes.map((n) => n.op))).to.deep.equal({ Conv2D: 2, BiasAdd: 4, Relu: 3, MaxPool: 2, Reshape: 1, MatMul: 2, Softmax: 1 });
  });

  it('stops a file on which HDF5 never returns', async () => {
    const bytes = await fixture('mlperf_tiny_ic_resnet8/pretrainedResnet.h5');
    bytes[2129] = bytes[2129]! ^ 0x08;
    let error: unknown;
    try {
      await loadKeras(bytes, 'hang.h5', { timeoutMs: 3000 });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(FormatError);
    expect((error as Error).message).to.match(/hang\.h5: .*did not finish/);
  });
});
