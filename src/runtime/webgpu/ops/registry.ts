/**
 * The registry of TFLite-op kernels for the WebGPU executor (`src/runtime/interpreter/webgpu-executor.ts`).
 * A GPU op kernel is `(node, inputs, backend) => GpuValue[]`; registering one is one line in its file under
 * `float/` or `quant/`, and that file is imported once from the folder's index. It lives apart from the executor so
 * kernel files can import it without a cycle.
 */
import type { DType } from '../../../ir/dtype.ts';
import type { Node, Quantization } from '../../../ir/graph.ts';
import type { Backend, Tensor as BackendTensor } from '../../backend.ts';
import type { KernelContext, KernelKind } from '../../cpu/kernel-api.ts';

/** A tensor on the GPU, with the IR-level facts a backend handle does not carry. */
export interface GpuValue {
  tensor: BackendTensor;
  /** IR dtype (the buffer may hold a wider element, e.g. bool as int32). */
  dtype: DType;
  shape: number[];
  quantization: Quantization | null;
}

/** `ctx`: the interpreter's kernel options (integer arithmetic); float kernels may omit the parameter. */
export type GpuOpKernel = (node: Node, inputs: readonly (GpuValue | null)[], backend: Backend, ctx: KernelContext) => GpuValue[] | Promise<GpuValue[]>;

const gpuRegistry = new Map<string, GpuOpKernel>();
const key = (op: string, kind: KernelKind) => `${op}|${kind}`;

export function registerGpuOpKernel(op: string, kind: KernelKind, kernel: GpuOpKernel): void {
  const k = key(op, kind);
  if (gpuRegistry.has(k)) throw new Error(`GPU op kernel ${k} registered twice`);
  gpuRegistry.set(k, kernel);
}

export function getGpuOpKernel(op: string, kind: KernelKind): GpuOpKernel | undefined {
  return gpuRegistry.get(key(op, kind)) ?? (kind === 'any' ? undefined : gpuRegistry.get(key(op, 'any')));
}

export function registeredGpuOpKernels(): string[] {
  return [...gpuRegistry.keys()].sort();
}

