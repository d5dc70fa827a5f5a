/**
 * The seam between the interpreter and a compute backend: ONE interface, `Executor<T>`, implemented once per
 * backend — `CpuExecutor` here (host typed arrays, the kernels of `cpu/kernel-api.ts`) and `WebGpuExecutor`
 * (`webgpu-executor.ts`: GPU buffers, the GPU op-kernel registry). `T` is the backend's tensor value; the
 * interpreter's engine (`engine.ts`) is generic over it and never looks inside.
 *
 * Life of a value: graph inputs come in through `upload`, constants through `constant` (once per tensor per
 * interpreter), each node's kernel maps input values to output values without leaving the backend, values are
 * `release`d after their last use, and only graph outputs and captured intermediates come back through `download`
 * (async: the one place that waits for a device).
 *
 * `ExecutorFactory` answers "is there a kernel for (op, kind)?" from a static registry, with no device, so
 * `Interpreter.create` can list every missing kernel before it acquires anything.
 */
import type { Node } from '../../ir/graph.ts';
import type { BackendName } from '../backend.ts';
import { getCpuKernel, type HostTensor, type KernelContext, type KernelKind } from '../cpu/kernel-api.ts';
import '../cpu/kernels/float/index.ts';
import '../cpu/kernels/quant/index.ts';

/**
 * Runs one node on backend values; may return a promise (GPU kernels that must wait for something). `ctx` carries the
 * interpreter's per-instance kernel options (integer arithmetic), passed on every call by the engine.
 */
export type ExecKernel<T> = (node: Node, inputs: readonly (T | null)[], ctx: KernelContext) => T[] | Promise<T[]>;

export interface Executor<T> {
  readonly backend: BackendName;
  /** The kernel for `op` of `kind` (with the backend's own fallbacks), or undefined. */
  kernel(op: string, kind: KernelKind): ExecKernel<T> | undefined;
  /** A constant tensor as a backend value; called once per constant per interpreter. */
  constant(t: HostTensor): T;
  /** Host data in (graph inputs). */
  upload(t: HostTensor): T;
  /** Host data out (graph outputs, captured intermediates). */
  download(v: T): Promise<HostTensor>;
  /** The value's current shape, without reading it. */
  shapeOf(v: T): readonly number[];
  /** The value is dead (after its last use); the backend may recycle its memory. */
  release(v: T): void;
  /** Waits until all work enqueued so far has finished (per-operator profiling). */
  sync(): Promise<void>;
  /**
   * Brackets one run (optional): a device backend may collect the run's work into few submissions between `begin`
   * and `end`; `profile` says the run is timed per operator. `end` is called once after the run's last release.
   */
  begin?(profile: boolean): void;
  end?(): void;
  /** Frees everything (the interpreter is disposed). */
  destroy(): void;
}

export interface ExecutorFactory {
  readonly backend: BackendName;
  /** Whether a kernel exists for (op, kind): a registry lookup, no device needed. */
  has(op: string, kind: KernelKind): boolean;
}

export const cpuExecutorFactory: ExecutorFactory = {
  backend: 'cpu',
  has: (op, kind) => getCpuKernel(op, kind) !== undefined,
};

/** Host tensors and the CPU reference kernels. */
export class CpuExecutor implements Executor<HostTensor> {
  readonly backend = 'cpu' as const;
  kernel(op: string, kind: KernelKind): ExecKernel<HostTensor> | undefined {
    return getCpuKernel(op, kind);
  }
  constant(t: HostTensor): HostTensor {
    return t;
  }
  upload(t: HostTensor): HostTensor {
    return t;
  }
  async download(v: HostTensor): Promise<HostTensor> {
    return v;
  }
  shapeOf(v: HostTensor): readonly number[] {
    return v.shape;
  }
  release(): void {}
  async sync(): Promise<void> {}
  destroy(): void {}
}
