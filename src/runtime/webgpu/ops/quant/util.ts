/**
 * Helpers the integer GPU op kernels share: the WebGpuBackend behind a `Backend`, int8 inputs and outputs, the
 * per-tensor quantization of a value, integer constants of the IR, and uniform fields (i32 as its u32 bits).
 */
import type { Node, Quantization } from '../../../../ir/graph.ts';
import type { Backend, Tensor as BackendTensor } from '../../../backend.ts';
import { WebGpuBackend } from '../../webgpu-backend.ts';
import type { I8Field } from '../../kernels/i8-kernels.ts';
import type { GpuValue } from '../registry.ts';

export function gpuOf(backend: Backend, op: string): WebGpuBackend {
  if (!(backend instanceof WebGpuBackend)) throw new TypeError(`${op}: the GPU kernels need a WebGpuBackend, got ${backend.name}`);
  return backend;
}

/** Input `i`, an int8 tensor on the device (legacy uint8 and int16 stay on the CPU). */
export function i8In(node: Node, inputs: readonly (GpuValue | null)[], i: number): GpuValue & { tensor: BackendTensor<'int8'> } {
  const v = inputs[i];
  if (!v) throw new RangeError(`${node.op}: input ${i} is missing`);
  if (v.dtype !== 'int8' || v.tensor.dtype !== 'int8') throw new TypeError(`${node.op}: input ${i} is ${v.dtype}; the GPU integer kernels take int8`);
  return v as GpuValue & { tensor: BackendTensor<'int8'> };
}

/** Output `i` (which must be int8) around `tensor`. */
export function i8Out(node: Node, tensor: BackendTensor, shape: readonly number[], i = 0): GpuValue {
  const t = node.outputs[i];
  if (!t) throw new RangeError(`${node.op} has no output ${i}`);
  if (t.dtype !== 'int8') throw new TypeError(`${node.op}: output ${i} is ${t.dtype}; the GPU integer kernels produce int8`);
  return { tensor, dtype: t.dtype, shape: [...shape], quantization: t.quantization };
}

/** Per-tensor scale and zero point (channel 0, as TFLite's `params`). */
export function qp(q: Quantization | null, op: string, what: string): { scale: number; zeroPoint: number } {
  if (!q || q.scale.length === 0) throw new RangeError(`${op}: ${what} has no quantization parameters`);
  return { scale: q.scale[0]!, zeroPoint: q.zeroPoint[0] ?? 0 };
}

/** The int32 data of constant input `i` of the IR node. */
export function constInts(node: Node, i: number): Int32Array {
  const t = node.inputs[i];
  if (!t?.data || t.dtype !== 'int32') throw new TypeError(`${node.op}: input ${i} must be a constant int32 tensor on the GPU`);
  const bytes = t.data;
  const out = new Int32Array(bytes.byteLength / 4);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let k = 0; k < out.length; k++) out[k] = dv.getInt32(k * 4, true);
  return out;
}

export const u32Field = (v: number): I8Field => ({ u32: v });
export const i32Field = (v: number): I8Field => ({ u32: v >>> 0 });
