/**
 * Shape-only and conversion ops, dtype-generic (kind `any`): the data are reused or copied unchanged.
 *   RESHAPE: new shape from input 1 when it is a 1-D tensor, else the `new_shape` option; one −1 entry is inferred
 *     as size / Π(other entries). The data are shared (kernels never mutate inputs).
 *   SQUEEZE: drops the size-1 axes listed in squeeze_dims (all size-1 axes when the list is empty).
 *   EXPAND_DIMS: inserts a size-1 axis at input 1 (a ∈ [−rank−1, rank], negative counted from the end).
 *   SHAPE: the input's shape as int32 or int64 (out_type). RANK: its rank as an int32 scalar.
 *   CAST: value conversion as C++ static_cast: float → int truncates toward zero and wraps to the width,
 *     anything → bool is x ≠ 0, bool → number is 0/1; quantization parameters are ignored, as in TFLite.
 *   FILL (dims, value) · ZEROS_LIKE · ONES_LIKE.
 * Quantized inputs pass through only when input and output share scale and zero point (checked).
 */
import { ReshapeOptionsT } from '../../../../formats/tflite/generated/tflite/reshape-options.ts';
import { SqueezeOptionsT } from '../../../../formats/tflite/generated/tflite/squeeze-options.ts';
import type { NumericArray } from '../../../../ir/dtype.ts';
import { registerCpuKernel } from '../../kernel-api.ts';
import { allocArray, checkSameQuantization, isBigArray, normAxis, optionsOf, outputOf, req, sizeOf, toInts } from './util.ts';

/** Resolves one −1 in `shape` so it holds `size` elements. */
export function inferShape(shape: readonly number[], size: number, op: string): number[] {
  const out = [...shape];
  const unknown = out.indexOf(-1);
  if (unknown !== out.lastIndexOf(-1)) throw new RangeError(`${op}: more than one -1 in shape [${shape}]`);
  if (unknown >= 0) {
    const known = out.reduce((a, d, i) => (i === unknown ? a : a * d), 1);
    if (known === 0 || size % known !== 0) throw new RangeError(`${op}: cannot reshape ${size} elements to [${shape}]`);
    out[unknown] = size / known;
  }
  if (sizeOf(out) !== size) throw new RangeError(`${op}: cannot reshape ${size} elements to [${shape}]`);
  return out;
}

registerCpuKernel('RESHAPE', 'any', (node, inputs) => {
  const x = req(node, inputs, 0);
  checkSameQuantization(node, x);
  const s = inputs[1];
  const target = s && s.shape.length === 1 ? toInts(s) : optionsOf(node, ReshapeOptionsT).newShape;
  return [outputOf(node, 0, inferShape(target, x.data.length, 'RESHAPE'), x.data)];
});

registerCpuKernel('SQUEEZE', 'any', (node, inputs) => {
  const x = req(node, inputs, 0);
  checkSameQuantization(node, x);
  const dims = optionsOf(node, SqueezeOptionsT).squeezeDims.map((d) => normAxis(d, x.shape.length, 'SQUEEZE'));
  for (const d of dims) if (x.shape[d] !== 1) throw new RangeError(`SQUEEZE: axis ${d} of [${x.shape}] is not 1`);
  const shape = x.shape.filter((d, i) => (dims.length ? !dims.includes(i) : d !== 1));
  return [outputOf(node, 0, shape, x.data)];
});

registerCpuKernel('EXPAND_DIMS', 'any', (node, inputs) => {
  const x = req(node, inputs, 0);
  checkSameQuantization(node, x);
  const a = toInts(req(node, inputs, 1));
  if (a.length !== 1) throw new RangeError(`EXPAND_DIMS: axis must hold one value, got [${a}]`);
  const rank = x.shape.length;
  const axis = a[0]! < 0 ? a[0]! + rank + 1 : a[0]!;
  if (axis < 0 || axis > rank) throw new RangeError(`EXPAND_DIMS: axis ${a[0]} out of range for rank ${rank}`);
  const shape = [...x.shape];
  shape.splice(axis, 0, 1);
  return [outputOf(node, 0, shape, x.data)];
});

registerCpuKernel('SHAPE', 'any', (node, inputs) => {
  const x = req(node, inputs, 0);
  const out = allocArray(node.outputs[0]!.dtype, x.shape.length);
  x.shape.forEach((d, i) => { out[i] = isBigArray(out) ? BigInt(d) : d; });
  return [outputOf(node, 0, [x.shape.length], out)];
});

registerCpuKernel('RANK', 'any', (node, inputs) => [outputOf(node, 0, [], Int32Array.of(req(node, inputs, 0).shape.length))]);

const WIDTH: Record<string, (v: number) => number> = {
  int8: (v) => (v << 24) >> 24, uint8: (v) => v & 0xff, int16: (v) => (v << 16) >> 16, uint16: (v) => v & 0xffff,
  int32: (v) => v | 0, uint32: (v) => v >>> 0,
};

/** Converts every element of `src` into `dst` with C++ static_cast semantics. */
export function castInto(src: NumericArray, dst: NumericArray, dstDtype: string): void {
  const n = src.length;
  if (dstDtype === 'bool') {
    for (let i = 0; i < n; i++) dst[i] = Number(src[i]) !== 0 ? 1 : 0;
  } else if (isBigArray(dst)) {
    for (let i = 0; i < n; i++) {
      const v = src[i]!;
      dst[i] = typeof v === 'bigint' ? v : BigInt(Math.trunc(Number.isFinite(v) ? v : 0));
    }
  } else if (dst instanceof Float32Array || dst instanceof Float64Array) {
    for (let i = 0; i < n; i++) dst[i] = Number(src[i]!);
  } else {
    const wrap = WIDTH[dstDtype];
    if (!wrap) throw new TypeError(`CAST: cannot cast to ${dstDtype}`);
    for (let i = 0; i < n; i++) {
      const v = src[i]!;
      if (typeof v === 'bigint') dst[i] = Number(BigInt.asIntN(32, v)) | 0;
      else dst[i] = wrap(Number.isFinite(v) ? Math.trunc(v) % 4294967296 : 0);
    }
  }
}

registerCpuKernel('CAST', 'any', (node, inputs) => {
  const x = req(node, inputs, 0);
  const dtype = node.outputs[0]!.dtype;
  const out = allocArray(dtype, x.data.length);
  if (x.dtype === 'float16' || dtype === 'float16') throw new TypeError('CAST: float16 casts are not supported');
  castInto(x.data, out, dtype);
  return [outputOf(node, 0, [...x.shape], out)];
});

registerCpuKernel('FILL', 'any', (node, inputs) => {
  const shape = toInts(req(node, inputs, 0));
  const v = req(node, inputs, 1);
  if (v.data.length !== 1) throw new RangeError('FILL: value must be a scalar');
  const out = allocArray(node.outputs[0]!.dtype, sizeOf(shape));
  const value = v.data[0]!;
  if (isBigArray(out)) out.fill(typeof value === 'bigint' ? value : BigInt(value));
  else out.fill(Number(value));
  return [outputOf(node, 0, shape, out)];
});

for (const [op, value] of [['ZEROS_LIKE', 0], ['ONES_LIKE', 1]] as const) {
  registerCpuKernel(op, 'any', (node, inputs) => {
    const x = req(node, inputs, 0);
    const out = allocArray(node.outputs[0]!.dtype, x.data.length);
    if (isBigArray(out)) out.fill(BigInt(value));
    else out.fill(value);
    return [outputOf(node, 0, [...x.shape], out)];
  });
}
