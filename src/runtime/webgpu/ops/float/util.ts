/**
 * Helpers the float / dtype-generic GPU op kernels share: the WebGpuBackend behind the `Backend` a kernel gets,
 * output values, small integer inputs (shapes, axes, paddings: from the IR constant when there is one, else read
 * back), padding rank-≤8 shape / stride lists for the kernels' uniform blocks, and the fused-activation clamp range.
 */
import type { Node } from '../../../../ir/graph.ts';
import type { Backend, Tensor as BackendTensor, TensorDType } from '../../../backend.ts';
import { WebGpuBackend } from '../../webgpu-backend.ts';
import type { UniformField } from '../../kernels/grid-kernel.ts';
import type { GpuValue } from '../registry.ts';

export { activationRange, broadcastShapes, convDim, normAxis, optionsOf, sizeOf, stridesOf } from '../../../cpu/kernels/float/util.ts';

/** Kernels rank-generic over at most this many dimensions (the WGSL uniform arrays hold 8). */
export const MAX_RANK = 8;

export function gpuOf(backend: Backend, op: string): WebGpuBackend {
  if (!(backend instanceof WebGpuBackend)) throw new TypeError(`${op}: the GPU kernels need a WebGpuBackend, got ${backend.name}`);
  return backend;
}

/** Input `i`, which must be present. */
export function input(node: Node, inputs: readonly (GpuValue | null)[], i: number): GpuValue {
  const v = inputs[i];
  if (!v) throw new RangeError(`${node.op}: input ${i} is missing`);
  return v;
}

/** A float32 input (the backend tensor typed as such), or a clear error. */
export function f32In(node: Node, inputs: readonly (GpuValue | null)[], i: number): BackendTensor<'float32'> {
  const v = input(node, inputs, i);
  if (v.tensor.dtype !== 'float32') throw new TypeError(`${node.op}: input ${i} is ${v.dtype}, expected float32`);
  return v.tensor as BackendTensor<'float32'>;
}

/** Output `i` of `node` as a GPU value around `tensor`. */
export function outValue(node: Node, i: number, tensor: BackendTensor, shape: readonly number[]): GpuValue {
  const t = node.outputs[i];
  if (!t) throw new RangeError(`${node.op} has no output ${i}`);
  return { tensor, dtype: t.dtype, shape: [...shape], quantization: t.quantization };
}

/** The element type backend buffers hold for a value (32-bit element kernels need float32/int32/uint32). */
export function word(v: GpuValue, op: string): TensorDType {
  const d = v.tensor.dtype;
  if (d === 'int8') throw new TypeError(`${op}: ${v.dtype} data need the integer GPU kernels`);
  return d;
}

function decodeInts(t: { dtype: string; data: Uint8Array }): number[] {
  const dv = new DataView(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  const out: number[] = [];
  if (t.dtype === 'int64') for (let o = 0; o + 8 <= t.data.byteLength; o += 8) out.push(Number(dv.getBigInt64(o, true)));
  else if (t.dtype === 'int32') for (let o = 0; o + 4 <= t.data.byteLength; o += 4) out.push(dv.getInt32(o, true));
  else throw new TypeError(`integer input of dtype ${t.dtype}`);
  return out;
}

/** The values of integer input `i` (shape, axes, paddings …): the IR constant if it is one, else read back. */
export async function intsOf(node: Node, inputs: readonly (GpuValue | null)[], i: number, backend: Backend): Promise<number[]> {
  const ir = node.inputs[i];
  if (ir?.data) return decodeInts({ dtype: ir.dtype, data: ir.data });
  const v = input(node, inputs, i);
  if (v.tensor.dtype !== 'int32') throw new TypeError(`${node.op}: input ${i} is ${v.dtype}, expected int32`);
  return Array.from(await backend.read(v.tensor as BackendTensor<'int32'>));
}

/** `values` right-aligned into MAX_RANK slots, the leading ones `fill`, as u32 uniform fields. */
export function padded(values: readonly number[], fill: number): UniformField[] {
  if (values.length > MAX_RANK) throw new RangeError(`rank ${values.length} > ${MAX_RANK} is not supported on the GPU`);
  const out = new Array<number>(MAX_RANK - values.length).fill(fill).concat(values);
  return out.map((v) => ({ u32: v }));
}

export const u32 = (v: number): UniformField => ({ u32: v });
export const f32 = (v: number): UniformField => ({ f32: v });
