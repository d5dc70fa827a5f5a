/**
 * The webgpu seam of the interpreter without a GPU: a registered GPU op kernel runs through `WebGpuExecutor` on a
 * stand-in backend (the cpu backend under the name 'webgpu', so handles never reach the host), values stay backend
 * handles from upload to download, every handle the run creates is disposed afterwards, and the kind rule and
 * missing-kernel check are the same as on the cpu.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { UnsupportedOpError } from '../../../src/errors.ts';
import { Graph, Node, Subgraph } from '../../../src/ir/graph.ts';
import type { Backend, Tensor as BackendTensor } from '../../../src/runtime/backend.ts';
import { CpuBackend } from '../../../src/runtime/cpu/cpu-backend.ts';
import { Interpreter, registerGpuOpKernel, type GpuValue } from '../../../src/runtime/interpreter/index.ts';
import { act, constant } from './op-model.ts';

/** The cpu backend presented as 'webgpu', counting live handles. */
function standIn(): { backend: Backend; live: Set<BackendTensor> } {
  const cpu = new CpuBackend();
  const live = new Set<BackendTensor>();
  const track = <T extends BackendTensor>(t: T): T => { live.add(t); return t; };
  const backend: Backend = {
    name: 'webgpu',
    description: 'stand-in',
    upload: (data, shape) => track(cpu.upload(data, shape)),
    read: (t) => cpu.read(t),
    dispose: (t) => { live.delete(t); cpu.dispose(t); },
    minMax: (x) => track(cpu.minMax(x)),
    histogram: (x, bins, lo, hi) => track(cpu.histogram(x, bins, lo, hi)),
    matMul: (a, b) => track(cpu.matMul(a, b)),
    matMulInt8: (a, b) => track(cpu.matMulInt8(a, b)),
    destroy: () => cpu.destroy(),
  };
  return { backend, live };
}

// A made-up op, so no real kernel of either registry can collide with it: y = x · W on the device.
registerGpuOpKernel('TEST_GPU_MATMUL', 'float', (node, inputs, backend): GpuValue[] => {
  const [x, w] = inputs as [GpuValue, GpuValue];
  const m = x.shape[0]!;
  const n = w.shape[1]!;
  const tensor = backend.matMul(x.tensor as BackendTensor<'float32'>, w.tensor as BackendTensor<'float32'>);
  return [{ tensor, dtype: 'float32', shape: [m, n], quantization: node.outputs[0]!.quantization }];
});

function twoMatMuls(op = 'TEST_GPU_MATMUL'): Graph {
  const x = act('x', 'float32', [2, 3]);
  const h = act('h', 'float32', [2, 2]);
  const y = act('y', 'float32', [2, 1]);
  const n1 = new Node(op, [x, constant('w1', 'float32', [3, 2], Float32Array.of(1, 0, 0, 1, 1, 1))], [h]);
  const n2 = new Node(op, [h, constant('w2', 'float32', [2, 1], Float32Array.of(1, -1))], [y]);
  const g = new Graph();
  g.subgraphs.push(new Subgraph('main', [], [n1, n2], [x], [y]));
  return g;
}

describe('WebGpuExecutor', () => {
  test('runs registered GPU op kernels on device handles and frees every handle of the run', async () => {
    const { backend, live } = standIn();
    const it = await Interpreter.create(twoMatMuls(), { backend, captureIntermediates: ['h'], profile: true });
    assert.equal(it.backend, 'webgpu');
    const [y] = await it.run([Float32Array.of(1, 2, 3, 4, 5, 6)]);
    // h = x·W1 = [[4, 5], [10, 11]]; y = h·[1, −1]ᵀ = [−1, −1]
    assert.deepEqual(Array.from(y!.data as Float32Array), [-1, -1]);
    assert.deepEqual(Array.from(it.getTensor('h')!.data as Float32Array), [4, 5, 10, 11]);
    assert.deepEqual(it.lastProfile.map((p) => [p.op, p.kind]), [['TEST_GPU_MATMUL', 'float'], ['TEST_GPU_MATMUL', 'float']]);
    assert.equal(live.size, 2, 'only the two uploaded constants stay on the device');
    it.dispose();
    assert.equal(live.size, 0, 'dispose frees the constants');
  });

  test('ops without a GPU kernel fail at create, listed with kind and nodes', async () => {
    const { backend } = standIn();
    await assert.rejects(Interpreter.create(twoMatMuls('LSTM'), { backend, file: 't.tflite' }),
      (e: unknown) => e instanceof UnsupportedOpError && e.message === 't.tflite (webgpu backend): unsupported ops: LSTM [float] (h, y)');
  });
});
