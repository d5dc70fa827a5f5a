/**
 * Test helper for the GPU op kernels: runs one node through its GPU kernel (on the webgpu backend from
 * createBackend(), Dawn on SwiftShader in Node) and through the CPU reference kernel on the same seeded data, and
 * compares max|gpu − cpu| / max|cpu| (the acceptance measure). Integer inputs other than the first are constants of
 * the node (so kernels read them from the IR, as from a real model).
 */
import assert from 'node:assert/strict';
import type { DType, NumericArray } from '../../../../src/ir/dtype.ts';
import { Node, Tensor, type BuiltinOptionsValue } from '../../../../src/ir/graph.ts';
import type { BuiltinOptions } from '../../../../src/formats/tflite/generated/tflite/builtin-options.ts';
import type { Backend, TensorArray } from '../../../../src/runtime/backend.ts';
import { DEFAULT_KERNEL_CONTEXT, getCpuKernel, type HostTensor, type KernelKind } from '../../../../src/runtime/cpu/kernel-api.ts';
import '../../../../src/runtime/interpreter/executor.ts';
import '../../../../src/runtime/webgpu/ops/index.ts';
import { getGpuOpKernel, type GpuValue } from '../../../../src/runtime/webgpu/ops/registry.ts';
import { createBackend } from '../../../../src/runtime/select-backend.ts';
import { Rng } from '../../../../src/util/random.ts';
import { relDiff } from '../../interpreter/fixtures.ts';

export interface OpIn {
  data: Float32Array | Int32Array;
  shape: number[];
  /** A constant of the node (default: the first input is an activation, integer inputs are constants). */
  constant?: boolean;
}

export interface OpSpec {
  options?: { type: BuiltinOptions; value: BuiltinOptionsValue };
  out?: DType[];
  /** The kernel kind to look up (default: 'float' for float data, else 'any'). */
  kind?: KernelKind;
}

let shared: Promise<Backend> | null = null;
/** One webgpu backend for the test file (null-safe: asserts it really is webgpu). */
export async function gpuBackend(): Promise<Backend> {
  shared ??= createBackend({ onNotice: () => {} });
  const b = await shared;
  assert.equal(b.name, 'webgpu', 'these tests need the webgpu backend (Dawn + SwiftShader)');
  return b;
}

export const rand = (rng: Rng, shape: number[], lo = -1, hi = 1): OpIn => ({ data: rng.float32Array(shape.reduce((a, b) => a * b, 1), lo, hi), shape });
export const ints = (shape: number[], values: number[]): OpIn => ({ data: Int32Array.from(values), shape, constant: true });

const dtypeOf = (a: NumericArray): DType => (a instanceof Float32Array ? 'float32' : 'int32');

/** Runs `op` on the GPU and on the CPU; returns both outputs (first output) and their relative difference. */
export async function compareOp(op: string, inputs: (OpIn | null)[], spec: OpSpec = {}): Promise<{ gpu: HostTensor; cpu: HostTensor; rel: number }> {
  const backend = await gpuBackend();
  const irInputs = inputs.map((i, k) => {
    if (!i) return null;
    const isConst = i.constant ?? (k > 0 && i.data instanceof Int32Array);
    return new Tensor(`in${k}`, dtypeOf(i.data), i.shape, isConst ? new Uint8Array(i.data.buffer.slice(i.data.byteOffset, i.data.byteOffset + i.data.byteLength)) : null);
  });
  const outDtypes = spec.out ?? ['float32'];
  const node = new Node(op, irInputs, outDtypes.map((d, k) => new Tensor(`out${k}`, d, [], null)));
  node.options = spec.options ?? null;
  const kind = spec.kind ?? (outDtypes[0] === 'float32' || inputs[0]?.data instanceof Float32Array ? 'float' : 'any');
  const cpuK = getCpuKernel(op, kind);
  const gpuK = getGpuOpKernel(op, kind);
  assert.ok(cpuK, `no CPU kernel for ${op}`);
  assert.ok(gpuK, `no GPU kernel for ${op}`);
  const host = inputs.map((i, k): HostTensor | null => (i ? { dtype: irInputs[k]!.dtype, shape: i.shape, data: i.data, quantization: null } : null));
  const cpu = cpuK(node, host, DEFAULT_KERNEL_CONTEXT)[0]!;
  const uploaded: GpuValue[] = [];
  const gv = inputs.map((i, k): GpuValue | null => {
    if (!i) return null;
    const v: GpuValue = { tensor: backend.upload(i.data as TensorArray, i.shape), dtype: irInputs[k]!.dtype, shape: i.shape, quantization: null };
    uploaded.push(v);
    return v;
  });
  const outs = await gpuK(node, gv, backend, DEFAULT_KERNEL_CONTEXT);
  const o = outs[0]!;
  const data = await backend.read(o.tensor);
  for (const v of [...uploaded, ...outs]) backend.dispose(v.tensor);
  const gpu: HostTensor = { dtype: o.dtype, shape: o.shape, data, quantization: null };
  assert.deepEqual(gpu.shape, cpu.shape, `${op}: output shape`);
  assert.equal(gpu.data.length, cpu.data.length, `${op}: output length`);
  return { gpu, cpu, rel: relDiff(gpu.data as ArrayLike<number>, cpu.data as ArrayLike<number>) };
}

/** compareOp + the acceptance bound (1e-5 relative; exact for integer outputs). */
export async function checkOp(op: string, inputs: (OpIn | null)[], spec: OpSpec = {}, tol = 1e-5): Promise<number> {
  const { rel, gpu, cpu } = await compareOp(op, inputs, spec);
  const exact = !(cpu.data instanceof Float32Array);
  assert.ok(exact ? rel === 0 : rel <= tol, `${op}: max rel diff ${rel} (gpu ${Array.from(gpu.data as ArrayLike<number>).slice(0, 8)} cpu ${Array.from(cpu.data as ArrayLike<number>).slice(0, 8)})`);
  return rel;
}

export { Rng };
