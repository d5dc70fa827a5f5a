/**
 * Test helper: runs one CPU kernel directly (through the registry, with the interpreter's kind rule) on small
 * hand-written tensors, and compares float results with a tolerance.
 */
import assert from 'node:assert/strict';
import type { DType, NumericArray } from '../../../src/ir/dtype.ts';
import { Node, Tensor, type BuiltinOptionsValue, type Quantization } from '../../../src/ir/graph.ts';
import type { BuiltinOptions } from '../../../src/formats/tflite/generated/tflite/builtin-options.ts';
import { DEFAULT_KERNEL_CONTEXT, getCpuKernel, type HostTensor, type KernelContext, type KernelKind } from '../../../src/runtime/cpu/kernel-api.ts';
import '../../../src/runtime/interpreter/executor.ts';
import { kernelKind } from '../../../src/runtime/interpreter/kernel-kind.ts';

export interface In {
  data: NumericArray;
  shape: number[];
  dtype?: DType;
  quantization?: Quantization | null;
}

const DTYPE: [new (n: number) => NumericArray, DType][] = [
  [Float32Array, 'float32'], [Int32Array, 'int32'], [Int8Array, 'int8'], [Int16Array, 'int16'], [Uint8Array, 'uint8'],
  [BigInt64Array, 'int64'], [Uint16Array, 'float16'], [Float64Array, 'float64'],
];
const dtypeOf = (i: In): DType => i.dtype ?? DTYPE.find(([c]) => i.data instanceof c)![1];

export const f32 = (...v: number[]): Float32Array => Float32Array.from(v);
export const i32 = (...v: number[]): Int32Array => Int32Array.from(v);
export const range = (n: number, start = 0): Float32Array => Float32Array.from({ length: n }, (_, i) => start + i);
export const t = (data: NumericArray, shape: number[], extra: Partial<In> = {}): In => ({ data, shape, ...extra });

export interface RunSpec {
  options?: { type: BuiltinOptions; value: BuiltinOptionsValue };
  /** Output dtypes (default: the first input's), one per output. */
  out?: DType[];
  outQuant?: (Quantization | null)[];
  /** Kernel kind (default: from the kind rule; the first input counts as an activation, the others as constants). */
  kind?: KernelKind;
  /** Kernel context (default: reference integer arithmetic). */
  ctx?: KernelContext;
}

/** Runs `op` on `inputs` (null = omitted optional input). */
export function run(op: string, inputs: (In | null)[], spec: RunSpec = {}): HostTensor[] {
  const irInputs = inputs.map((i, k) => (i ? new Tensor(`in${k}`, dtypeOf(i), i.shape, k === 0 ? null : new Uint8Array(0), i.quantization ?? null) : null));
  const outDtypes = spec.out ?? [dtypeOf(inputs.find((i) => i)!)];
  const outputs = outDtypes.map((d, k) => new Tensor(`out${k}`, d, [], null, spec.outQuant?.[k] ?? null));
  const node = new Node(op, irInputs, outputs);
  node.options = spec.options ?? null;
  const kind = spec.kind ?? kernelKind(node);
  const kernel = getCpuKernel(op, kind);
  assert.ok(kernel, `no CPU kernel for ${op} [${kind}]`);
  const host = inputs.map((i, k): HostTensor | null => (i ? { dtype: irInputs[k]!.dtype, shape: i.shape, data: i.data, quantization: i.quantization ?? null } : null));
  return kernel(node, host, spec.ctx ?? DEFAULT_KERNEL_CONTEXT);
}

/** |a − e| ≤ tol·max(1, |e|) elementwise, with the same shape. */
export function close(actual: HostTensor, expected: ArrayLike<number>, shape: number[], tol = 1e-6, what = ''): void {
  assert.deepEqual(actual.shape, shape, `${what} shape`);
  assert.equal(actual.data.length, expected.length, `${what} length`);
  for (let i = 0; i < expected.length; i++) {
    const a = Number(actual.data[i]);
    const e = expected[i]!;
    const ok = Number.isNaN(e) ? Number.isNaN(a) : a === e || Math.abs(a - e) <= tol * Math.max(1, Math.abs(e));
    assert.ok(ok, `${what} [${i}]: got ${a}, expected ${e} (all: ${Array.from(actual.data as ArrayLike<number>).slice(0, 32).join(', ')})`);
  }
}

/** Exact equality of values and shape. */
export function same(actual: HostTensor, expected: ArrayLike<number | bigint>, shape: number[], what = ''): void {
  assert.deepEqual(actual.shape, shape, `${what} shape`);
  assert.deepEqual(Array.from(actual.data as ArrayLike<number | bigint>), Array.from(expected), `${what} values`);
}
