/**
 * The interpreter's WebGPU executor and the registry its TFLite-op kernels plug into.
 *
 * A GPU op kernel is `(node, inputs, backend) => GpuValue[]`: it reads the node's options and IR output tensors
 * like a CPU kernel, computes output shapes, encodes its dispatches on `backend` (a `WebGpuBackend`, whose pooled
 * buffers, pipeline cache and kernel descriptors — one .wgsl + one descriptor per kernel — it uses) and returns
 * device-resident values at once. Returned values must own their buffers (a RESHAPE copies, or shares through a
 * reference count the kernel keeps): the engine releases each value after its last use. Registering one is one line: `registerGpuOpKernel('CONV_2D', 'float', fn)` (registry: src/runtime/webgpu/ops/registry.ts),
 * from a file under src/runtime/webgpu/ops/ imported by an index there, exactly as the CPU kernels do.
 *
 * Kinds and fallback follow the CPU registry (`kernel-kind.ts`; (op, kind) then (op, 'any')). Today the registry is
 * empty, so `Interpreter.create(model, { backend: 'webgpu' })` fails with the UnsupportedOpError listing every op
 * (and kind) of the model with its nodes — before any device is requested.
 */
import type { DType } from '../../ir/dtype.ts';
import type { Node, Quantization } from '../../ir/graph.ts';
import type { Backend, Tensor as BackendTensor, TensorArray } from '../backend.ts';
import type { HostTensor, KernelKind } from '../cpu/kernel-api.ts';
import type { ExecKernel, Executor, ExecutorFactory } from './executor.ts';
import { getGpuOpKernel, type GpuValue } from '../webgpu/ops/registry.ts';
import '../webgpu/ops/index.ts';

export type { GpuValue, GpuOpKernel } from '../webgpu/ops/registry.ts';

export const webGpuExecutorFactory: ExecutorFactory = {
  backend: 'webgpu',
  has: (op, kind) => getGpuOpKernel(op, kind) !== undefined,
};

/** Host arrays the backend can hold as they are. */
function uploadable(data: HostTensor['data']): data is TensorArray {
  return data instanceof Float32Array || data instanceof Int32Array || data instanceof Int8Array || data instanceof Uint32Array;
}

export class WebGpuExecutor implements Executor<GpuValue> {
  readonly backend = 'webgpu' as const;
  private readonly live = new Set<BackendTensor>();
  constructor(private readonly gpu: Backend) {}

  kernel(op: string, kind: KernelKind): ExecKernel<GpuValue> | undefined {
    const k = getGpuOpKernel(op, kind);
    return k && ((node, inputs, ctx) => k(node, inputs, this.gpu, ctx));
  }
  constant(t: HostTensor): GpuValue {
    return this.upload(t);
  }
  upload(t: HostTensor): GpuValue {
    if (!uploadable(t.data)) throw new TypeError(`webgpu: ${t.dtype} tensors cannot be uploaded yet`);
    const tensor = this.gpu.upload(t.data, t.shape);
    this.live.add(tensor);
    return { tensor, dtype: t.dtype, shape: [...t.shape], quantization: t.quantization };
  }
  async download(v: GpuValue): Promise<HostTensor> {
    const data = await this.gpu.read(v.tensor);
    return { dtype: v.dtype, shape: [...v.shape], data, quantization: v.quantization };
  }
  shapeOf(v: GpuValue): readonly number[] {
    return v.shape;
  }
  release(v: GpuValue): void {
    this.live.delete(v.tensor);
    this.gpu.dispose(v.tensor);
  }
  async sync(): Promise<void> {
    // a 1-element read waits for everything submitted before it
    const probe = this.gpu.upload(new Float32Array(1), [1]);
    try {
      await this.gpu.read(probe);
    } finally {
      this.gpu.dispose(probe);
    }
  }
  destroy(): void {
    for (const t of this.live) this.gpu.dispose(t);
    this.live.clear();
  }
}
