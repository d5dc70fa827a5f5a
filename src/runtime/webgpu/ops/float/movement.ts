/**
 * Dtype-generic data movement on the GPU (kind `any`), semantics as src/runtime/cpu/kernels/float/shape.ts,
 * transform.ts, pad.ts, slice.ts:
 *   RESHAPE / SQUEEZE / EXPAND_DIMS: a buffer copy under the new shape (`copyAs`, any dtype): every value owns its
 *     buffer, so the engine can release input and output independently.
 *   TRANSPOSE, SLICE, STRIDED_SLICE, CONCATENATION (one dispatch per part), PAD / PADV2 (fill, then copy into the
 *     interior): kernels/move_copy.wgsl + move_fill.wgsl on 32-bit elements (float32, int32).
 *   GATHER (batch_dims 0): kernels/move_gather.wgsl.
 * 8-bit data (int8) other than the reshape family needs the integer kernels, and is refused with that message.
 */
import type { Node } from '../../../../ir/graph.ts';
import { ConcatenationOptionsT } from '../../../../formats/tflite/generated/tflite/concatenation-options.ts';
import { GatherOptionsT } from '../../../../formats/tflite/generated/tflite/gather-options.ts';
import { ReshapeOptionsT } from '../../../../formats/tflite/generated/tflite/reshape-options.ts';
import { SqueezeOptionsT } from '../../../../formats/tflite/generated/tflite/squeeze-options.ts';
import { StridedSliceOptionsT } from '../../../../formats/tflite/generated/tflite/strided-slice-options.ts';
import type { Backend, Tensor as BackendTensor } from '../../../backend.ts';
import { inferShape } from '../../../cpu/kernels/float/shape.ts';
import { resolveStridedSlice } from '../../../cpu/kernels/float/slice.ts';
import type { WebGpuBackend } from '../../webgpu-backend.ts';
import { registerGpuOpKernel, type GpuValue } from '../registry.ts';
import { activationRange, gpuOf, input, intsOf, normAxis, optionsOf, outValue, padded, sizeOf, stridesOf, u32, word } from './util.ts';

type Inputs = readonly (GpuValue | null)[];

function reshaped(node: Node, inputs: Inputs, backend: Backend, shape: readonly number[]): GpuValue[] {
  const x = input(node, inputs, 0);
  return [outValue(node, 0, gpuOf(backend, node.op).copyAs(x.tensor, shape), shape)];
}

registerGpuOpKernel('RESHAPE', 'any', async (node, inputs, backend) => {
  const x = input(node, inputs, 0);
  const s = inputs[1];
  const target = s && s.shape.length === 1 ? await intsOf(node, inputs, 1, backend) : optionsOf(node, ReshapeOptionsT).newShape;
  return reshaped(node, inputs, backend, inferShape(target, x.tensor.size, 'RESHAPE'));
});

registerGpuOpKernel('SQUEEZE', 'any', (node, inputs, backend) => {
  const x = input(node, inputs, 0);
  const dims = optionsOf(node, SqueezeOptionsT).squeezeDims.map((d) => normAxis(d, x.shape.length, 'SQUEEZE'));
  for (const d of dims) if (x.shape[d] !== 1) throw new RangeError(`SQUEEZE: axis ${d} of [${x.shape}] is not 1`);
  return reshaped(node, inputs, backend, x.shape.filter((d, i) => (dims.length ? !dims.includes(i) : d !== 1)));
});

registerGpuOpKernel('EXPAND_DIMS', 'any', async (node, inputs, backend) => {
  const x = input(node, inputs, 0);
  const a = await intsOf(node, inputs, 1, backend);
  if (a.length !== 1) throw new RangeError(`EXPAND_DIMS: axis must hold one value, got [${a}]`);
  const rank = x.shape.length;
  const axis = a[0]! < 0 ? a[0]! + rank + 1 : a[0]!;
  if (axis < 0 || axis > rank) throw new RangeError(`EXPAND_DIMS: axis ${a[0]} out of range for rank ${rank}`);
  const shape = [...x.shape];
  shape.splice(axis, 0, 1);
  return reshaped(node, inputs, backend, shape);
});

/** One move_copy step: the box `shape` from x (at srcOff, srcStride) into y (at dstOff, dstStride). */
function copyStep(gpu: WebGpuBackend, y: BackendTensor, x: BackendTensor, shape: readonly number[], srcOff: number, srcStride: readonly number[], dstOff: number, dstStride: readonly number[]): void {
  const count = sizeOf(shape);
  if (count === 0) return;
  gpu.dispatch('move_copy', {
    count,
    fields: [u32(count), u32(srcOff), u32(dstOff), u32(0), ...padded(shape, 1), ...padded(srcStride, 0), ...padded(dstStride, 0)],
  }, [y], [x]);
}

/** Copies the box (begin, sizes, steps) of x into a new contiguous tensor. */
function box(node: Node, inputs: Inputs, backend: Backend, begin: readonly number[], sizes: readonly number[], steps: readonly number[], outShape: readonly number[]): GpuValue[] {
  const gpu = gpuOf(backend, node.op);
  const x = input(node, inputs, 0);
  const y = gpu.empty(word(x, node.op), outShape);
  const str = stridesOf(x.shape);
  const off = begin.reduce((a, b, d) => a + b * str[d]!, 0);
  copyStep(gpu, y, x.tensor, sizes, off, steps.map((s, d) => s * str[d]!), 0, stridesOf(sizes));
  return [outValue(node, 0, y, outShape)];
}

registerGpuOpKernel('TRANSPOSE', 'any', async (node, inputs, backend) => {
  const gpu = gpuOf(backend, node.op);
  const x = input(node, inputs, 0);
  const rank = x.shape.length;
  const perm = (await intsOf(node, inputs, 1, backend)).map((p) => normAxis(p, rank, 'TRANSPOSE'));
  if (perm.length !== rank || new Set(perm).size !== rank) throw new RangeError(`TRANSPOSE: perm [${perm}] is not a permutation of rank ${rank}`);
  const shape = perm.map((p) => x.shape[p]!);
  const inStr = stridesOf(x.shape);
  const y = gpu.empty(word(x, node.op), shape);
  copyStep(gpu, y, x.tensor, shape, 0, perm.map((p) => inStr[p]!), 0, stridesOf(shape));
  return [outValue(node, 0, y, shape)];
});

registerGpuOpKernel('SLICE', 'any', async (node, inputs, backend) => {
  const x = input(node, inputs, 0);
  const begin = await intsOf(node, inputs, 1, backend);
  const size = await intsOf(node, inputs, 2, backend);
  if (begin.length !== x.shape.length || size.length !== x.shape.length) throw new RangeError(`SLICE: begin/size must have ${x.shape.length} entries`);
  const sizes = size.map((s, d) => (s === -1 ? x.shape[d]! - begin[d]! : s));
  sizes.forEach((s, d) => {
    if (begin[d]! < 0 || s < 0 || begin[d]! + s > x.shape[d]!) throw new RangeError(`SLICE: [${begin[d]}, +${size[d]}) out of range for axis ${d} of size ${x.shape[d]}`);
  });
  return box(node, inputs, backend, begin, sizes, sizes.map(() => 1), sizes);
});

registerGpuOpKernel('STRIDED_SLICE', 'any', async (node, inputs, backend) => {
  const x = input(node, inputs, 0);
  const o = optionsOf(node, StridedSliceOptionsT);
  const begin = await intsOf(node, inputs, 1, backend);
  const r = resolveStridedSlice(x.shape, {
    begin, end: await intsOf(node, inputs, 2, backend),
    strides: inputs[3] ? await intsOf(node, inputs, 3, backend) : begin.map(() => 1),
    beginMask: o.beginMask, endMask: o.endMask, ellipsisMask: o.ellipsisMask, newAxisMask: o.newAxisMask,
    shrinkAxisMask: o.shrinkAxisMask, offset: o.offset,
  });
  return box(node, inputs, backend, r.begin, r.sizes, r.steps, r.outShape);
});

registerGpuOpKernel('CONCATENATION', 'any', (node, inputs, backend) => {
  const gpu = gpuOf(backend, node.op);
  const o = optionsOf(node, ConcatenationOptionsT);
  const parts = inputs.map((_, i) => input(node, inputs, i));
  if (!parts.length) throw new RangeError('CONCATENATION: no inputs');
  const first = parts[0]!;
  const axis = normAxis(o.axis, first.shape.length, 'CONCATENATION');
  for (const p of parts) {
    if (p.shape.length !== first.shape.length || p.shape.some((d, i) => i !== axis && d !== first.shape[i])) {
      throw new RangeError(`CONCATENATION: shapes ${parts.map((q) => `[${q.shape}]`).join(', ')} do not join along axis ${axis}`);
    }
  }
  const shape = [...first.shape];
  shape[axis] = parts.reduce((a, p) => a + p.shape[axis]!, 0);
  const dtype = word(first, node.op);
  let y = gpu.empty(dtype, shape);
  const ostr = stridesOf(shape);
  let at = 0;
  for (const p of parts) {
    copyStep(gpu, y, p.tensor, p.shape, 0, stridesOf(p.shape), at * ostr[axis]!, ostr);
    at += p.shape[axis]!;
  }
  if (o.fusedActivationFunction !== 0) {
    if (dtype !== 'float32') throw new RangeError('CONCATENATION: a fused activation on integer data needs the integer kernel');
    const [lo, hi] = activationRange(o.fusedActivationFunction, node.op);
    const z = gpu.empty('float32', shape);
    const n = sizeOf(shape);
    if (n > 0) gpu.dispatch('f32_unary', { count: n, fields: [n, 0, 0].map(u32).concat([{ f32: lo }, { f32: hi }], [0, 0, 0].map(u32)) }, [z], [y]);
    gpu.dispose(y);
    y = z;
  }
  return [outValue(node, 0, y, shape)];
});

/** The 32-bit pattern of PADV2's constant value (input 2), or 0 (PAD, and float/int zero). */
async function padBits(node: Node, inputs: Inputs, backend: Backend): Promise<number> {
  if (node.op !== 'PADV2' || !inputs[2]) return 0;
  const ir = node.inputs[2];
  if (ir?.data && ir.data.byteLength >= 4) return new DataView(ir.data.buffer, ir.data.byteOffset, 4).getUint32(0, true);
  const v = await backend.read(input(node, inputs, 2).tensor);
  return new Uint32Array(v.buffer, v.byteOffset, 1)[0]!;
}

async function pad(node: Node, inputs: Inputs, backend: Backend): Promise<GpuValue[]> {
  const gpu = gpuOf(backend, node.op);
  const x = input(node, inputs, 0);
  const dtype = word(x, node.op);
  const q = node.outputs[0]!.quantization;
  if (q && q.zeroPoint.length && q.zeroPoint[0] !== 0) throw new RangeError(`${node.op}: quantized padding needs the integer kernels`);
  const rank = x.shape.length;
  const p = await intsOf(node, inputs, 1, backend);
  if (p.length !== rank * 2) throw new RangeError(`${node.op}: paddings must be [${rank}, 2], got ${p.length} values`);
  if (p.some((v) => v < 0)) throw new RangeError(`${node.op}: negative padding`);
  const shape = x.shape.map((d, i) => d + p[2 * i]! + p[2 * i + 1]!);
  const y = gpu.empty(dtype, shape);
  const n = sizeOf(shape);
  if (n > 0) gpu.dispatch('move_fill', { count: n, fields: [u32(n), u32(await padBits(node, inputs, backend)), u32(0), u32(0)] }, [y], []);
  const ostr = stridesOf(shape);
  copyStep(gpu, y, x.tensor, x.shape, 0, stridesOf(x.shape), x.shape.reduce((a, _, d) => a + p[2 * d]! * ostr[d]!, 0), ostr);
  return [outValue(node, 0, y, shape)];
}

registerGpuOpKernel('PAD', 'any', pad);
registerGpuOpKernel('PADV2', 'any', pad);

registerGpuOpKernel('GATHER', 'any', async (node, inputs, backend) => {
  const gpu = gpuOf(backend, node.op);
  const x = input(node, inputs, 0);
  const idx = input(node, inputs, 1);
  const o = optionsOf(node, GatherOptionsT);
  if (o.batchDims !== 0) throw new RangeError('GATHER: batch_dims ≠ 0 is not supported on the GPU yet');
  const axis = normAxis(o.axis, x.shape.length, 'GATHER');
  const dim = x.shape[axis]!;
  const ir = node.inputs[1];
  if (ir?.data) for (const i of await intsOf(node, inputs, 1, backend)) if (i < 0 || i >= dim) throw new RangeError(`GATHER: index ${i} out of range [0, ${dim})`);
  if (idx.tensor.dtype !== 'int32') throw new TypeError(`GATHER: ${idx.dtype} indices are not supported on the GPU`);
  const inner = sizeOf(x.shape.slice(axis + 1));
  const nIdx = idx.tensor.size;
  const shape = [...x.shape.slice(0, axis), ...idx.shape, ...x.shape.slice(axis + 1)];
  const y = gpu.empty(word(x, node.op), shape);
  const count = sizeOf(shape);
  if (count > 0) gpu.dispatch('move_gather', { count, fields: [count, dim, nIdx, inner].map(u32) }, [y], [x.tensor, idx.tensor]);
  return [outValue(node, 0, y, shape)];
});
