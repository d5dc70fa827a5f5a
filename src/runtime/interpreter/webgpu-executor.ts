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
import { halfToFloat } from '../cpu/kernels/float/quantize.ts';
import { WebGpuBackend } from '../webgpu/webgpu-backend.ts';
import { getGpuOpKernel, type GpuValue } from '../webgpu/ops/registry.ts';
import '../webgpu/ops/index.ts';

export type { GpuValue, GpuOpKernel } from '../webgpu/ops/registry.ts';

export const webGpuExecutorFactory: ExecutorFactory = {
  backend: 'webgpu',
  has: (op, kind) => getGpuOpKernel(op, kind) !== undefined,
};

/** float16 bits (as the IR stores them) widened to float32 with the CPU kernels' exact half → float conversion. */
function widenHalf(bits: Uint16Array): Float32Array {
  const out = new Float32Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = halfToFloat(bits[i]!);
  return out;
}

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
  /** Host data to the device; float16 data (float16 models' weights) are widened to float32 buffers (value dtype stays float16). */
  upload(t: HostTensor): GpuValue {
    if (t.dtype === 'float16' && t.data instanceof Uint16Array) {
      const tensor = this.gpu.upload(widenHalf(t.data), t.shape);
      this.live.add(tensor);
      return { tensor, dtype: t.dtype, shape: [...t.shape], quantization: t.quantization };
    }
    if (!uploadable(t.data)) throw new TypeError(`webgpu: ${t.dtype} tensors cannot be uploaded yet`);
    const tensor = this.gpu.upload(t.data, t.shape);
    this.live.add(tensor);
    return { tensor, dtype: t.dtype, shape: [...t.shape], quantization: t.quantization };
  }
  async download(v: GpuValue): Promise<HostTensor> {
    const raw = await this.gpu.read(v.tensor);
    // int64 values (ARG_MAX indices) live in int32 buffers on the device
    const data = v.dtype === 'int64' && raw instanceof Int32Array ? BigInt64Array.from(raw, (x) => BigInt(x)) : raw;
    return { dtype: v.dtype, shape: [...v.shape], data, quantization: v.quantization };
  }
  shapeOf(v: GpuValue): readonly number[] {
    return v.shape;
  }
  release(v: GpuValue): void {
    this.live.delete(v.tensor);
    this.gpu.dispose(v.tensor);
  }
  /**
   * One run = one batch: consecutive dispatches go into one command encoder, submitted when the run ends (or at a
   * read: outputs, and the host values a kernel truly needs). With `profile`, the engine's per-node `sync()` reads
   * submit after every node, i.e. per-operator submission, and the wall-clock time per node includes its device work.
   * (Timestamp queries, when the device has `timestamp-query`, would time the device work alone inside one
   * submission; not done yet: the per-op submission is the fallback used on every device.)
   */
  begin(): void {
    if (this.gpu instanceof WebGpuBackend) this.gpu.beginBatch();
  }
  end(): void {
    if (this.gpu instanceof WebGpuBackend) this.gpu.endBatch();
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
