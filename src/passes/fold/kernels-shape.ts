/**
 * Folding kernels for the shape-computing and data-movement TF ops TF2 graphs are full of: Shape, Size, Rank
 * (need only the input's static shape), Reshape (one −1 resolved from the element count), ExpandDims, Squeeze,
 * Transpose, ConcatV2 / Concat, Pack, Unpack, Fill, Range, ZerosLike, OnesLike, StridedSlice, Slice (size −1 = to
 * the end), GatherV2 (with batch_dims), Tile, BroadcastTo, BroadcastArgs, Pad / PadV2, Split, SplitV.
 */
import type { DType } from '../../ir/dtype.ts';
import type { Node } from '../../ir/graph.ts';
import { broadcastShapes, broadcastTo } from './kernels-elementwise.ts';
import type { FoldKernel } from './kernel.ts';
import { denseSlice, masksFromAttrs } from './strided-slice.ts';
import { normalize, sizeOf, stridesOf, transposeData, value, type Value } from './values.ts';

const outType = (node: Node, fallback: DType = 'int32'): DType => {
  const t = node.attrs['out_type'];
  return typeof t === 'string' ? (t as DType) : fallback;
};

const axisOf = (a: number, rank: number): number => (a < 0 ? a + rank : a);

/** The output shape of Reshape(x of `size` elements, `target`), or undefined. */
export function reshapeTarget(size: number, target: readonly number[]): number[] | undefined {
  const unknown = target.filter((d) => d === -1).length;
  if (unknown > 1 || target.some((d) => d < -1)) return undefined;
  const known = target.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
  if (unknown === 0) return known === size ? [...target] : undefined;
  if (known === 0 || size % known !== 0) return undefined;
  return target.map((d) => (d === -1 ? size / known : d));
}

const reshape: FoldKernel = ([x, s]) => {
  if (!x || !s) return undefined;
  const shape = reshapeTarget(x.data.length, Array.from(s.data));
  return shape ? [{ ...x, shape }] : undefined;
};

const expandDims: FoldKernel = ([x, d]) => {
  if (!x || !d || d.data.length !== 1) return undefined;
  const a = d.data[0]!;
  const pos = a < 0 ? x.shape.length + 1 + a : a;
  const shape = [...x.shape];
  shape.splice(pos, 0, 1);
  return [{ ...x, shape }];
};

const squeeze: FoldKernel = ([x], node) => {
  if (!x) return undefined;
  const dims = ((node.attrs['squeeze_dims'] as number[] | undefined) ?? []).map((a) => axisOf(a, x.shape.length));
  const shape = x.shape.filter((d, i) => (dims.length ? !dims.includes(i) : d !== 1));
  return [{ ...x, shape }];
};

const transpose: FoldKernel = ([x, p]) => {
  if (!x || !p) return undefined;
  const perm = Array.from(p.data);
  if (perm.length !== x.shape.length) return undefined;
  return [{ dtype: x.dtype, shape: perm.map((i) => x.shape[i]!), data: transposeData(x.data, x.shape, perm) }];
};

function concat(values: Value[], axisValue: number): Value[] | undefined {
  const first = values[0];
  if (!first) return undefined;
  const rank = first.shape.length;
  const axis = axisOf(axisValue, rank);
  if (values.some((v) => v.shape.length !== rank || v.shape.some((d, i) => i !== axis && d !== first.shape[i]))) return undefined;
  const outer = sizeOf(first.shape.slice(0, axis));
  const shape = [...first.shape];
  shape[axis] = values.reduce((s, v) => s + v.shape[axis]!, 0);
  const data = new Float64Array(sizeOf(shape));
  let o = 0;
  for (let i = 0; i < outer; i++) {
    for (const v of values) {
      const chunk = sizeOf(v.shape.slice(axis));
      data.set(v.data.subarray(i * chunk, (i + 1) * chunk), o);
      o += chunk;
    }
  }
  return [{ dtype: first.dtype, shape, data }];
}

const concatV2: FoldKernel = (ins) => {
  const axis = ins[ins.length - 1];
  return axis ? concat(ins.slice(0, -1), axis.data[0]!) : undefined;
};

const concatV1: FoldKernel = ([axis, ...rest]) => (axis ? concat(rest, axis.data[0]!) : undefined);

const pack: FoldKernel = (ins, node) => {
  const first = ins[0];
  if (!first) return undefined;
  const axis = axisOf((node.attrs['axis'] as number | undefined) ?? 0, first.shape.length + 1);
  const expanded = ins.map((v) => {
    const shape = [...v.shape];
    shape.splice(axis, 0, 1);
    return { ...v, shape };
  });
  return concat(expanded, axis);
};

const unpack: FoldKernel = ([x], node) => {
  if (!x) return undefined;
  const axis = axisOf((node.attrs['axis'] as number | undefined) ?? 0, x.shape.length);
  const n = x.shape[axis]!;
  const outShape = x.shape.filter((_, i) => i !== axis);
  return Array.from({ length: n }, (_, k) => slice(x, x.shape.map((_, i) => (i === axis ? k : 0)), x.shape.map((d, i) => (i === axis ? 1 : d))))
    .map((v) => ({ ...v, shape: outShape }));
};

/** x[begin : begin + size] (static). */
function slice(x: Value, begin: number[], size: number[]): Value {
  return strided(x, begin, size.map(() => 1), size);
}

function strided(x: Value, begin: number[], stride: number[], size: number[]): Value {
  const inStrides = stridesOf(x.shape);
  const n = sizeOf(size);
  const data = new Float64Array(n);
  const rank = size.length;
  const pos = new Array<number>(rank).fill(0);
  for (let o = 0; o < n; o++) {
    let src = 0;
    for (let i = 0; i < rank; i++) src += (begin[i]! + pos[i]! * stride[i]!) * inStrides[i]!;
    data[o] = x.data[src]!;
    for (let i = rank - 1; i >= 0; i--) {
      if (++pos[i]! < size[i]!) break;
      pos[i] = 0;
    }
  }
  return { dtype: x.dtype, shape: [...size], data };
}

const stridedSlice: FoldKernel = ([x, b, e, s], node) => {
  if (!x || !b || !e || !s) return undefined;
  const d = denseSlice(x.shape, Array.from(b.data), Array.from(e.data), Array.from(s.data), masksFromAttrs(node.attrs));
  if (typeof d === 'string') return undefined;
  return [{ ...strided(x, d.begin, d.stride, d.size), shape: d.shape }];
};

const sliceOp: FoldKernel = ([x, b, s]) => {
  if (!x || !b || !s) return undefined;
  const begin = Array.from(b.data);
  const size = Array.from(s.data).map((v, i) => (v === -1 ? x.shape[i]! - begin[i]! : v));
  if (size.some((v, i) => v < 0 || begin[i]! < 0 || begin[i]! + v > x.shape[i]!)) return undefined;
  return [slice(x, begin, size)];
};

const gather: FoldKernel = ([params, indices, axisV], node) => {
  if (!params || !indices) return undefined;
  const batchDims = (node.attrs['batch_dims'] as number | undefined) ?? 0;
  const axis = axisOf(axisV ? axisV.data[0]! : 0, params.shape.length);
  const bd = axisOf(batchDims, indices.shape.length);
  const outer = params.shape.slice(0, axis);
  const inner = sizeOf(params.shape.slice(axis + 1));
  const axisDim = params.shape[axis]!;
  const idxShape = indices.shape.slice(bd);
  const shape = [...outer, ...idxShape, ...params.shape.slice(axis + 1)];
  const batch = sizeOf(params.shape.slice(0, bd));
  const outerPerBatch = sizeOf(outer.slice(bd));
  const nIdx = sizeOf(idxShape);
  const data = new Float64Array(sizeOf(shape));
  let o = 0;
  for (let b = 0; b < batch; b++) {
    for (let p = 0; p < outerPerBatch; p++) {
      for (let k = 0; k < nIdx; k++) {
        let j = indices.data[b * nIdx + k]!;
        if (j < 0 || j >= axisDim) return undefined;
        j = ((b * outerPerBatch + p) * axisDim + j) * inner;
        data.set(params.data.subarray(j, j + inner), o);
        o += inner;
      }
    }
  }
  return [{ dtype: params.dtype, shape, data }];
};

const tile: FoldKernel = ([x, m]) => {
  if (!x || !m) return undefined;
  const mult = Array.from(m.data);
  const shape = x.shape.map((d, i) => d * mult[i]!);
  const inStrides = stridesOf(x.shape);
  const data = new Float64Array(sizeOf(shape));
  const pos = new Array<number>(shape.length).fill(0);
  for (let o = 0; o < data.length; o++) {
    let src = 0;
    for (let i = 0; i < shape.length; i++) src += (pos[i]! % x.shape[i]!) * inStrides[i]!;
    data[o] = x.data[src]!;
    for (let i = shape.length - 1; i >= 0; i--) {
      if (++pos[i]! < shape[i]!) break;
      pos[i] = 0;
    }
  }
  return [{ dtype: x.dtype, shape, data }];
};

const pad: FoldKernel = ([x, p, c]) => {
  if (!x || !p) return undefined;
  const pads = Array.from(p.data);
  const shape = x.shape.map((d, i) => d + pads[2 * i]! + pads[2 * i + 1]!);
  const data = new Float64Array(sizeOf(shape)).fill(c ? c.data[0]! : 0);
  const outStrides = stridesOf(shape);
  const pos = new Array<number>(x.shape.length).fill(0);
  for (let s = 0; s < x.data.length; s++) {
    let o = 0;
    for (let i = 0; i < pos.length; i++) o += (pos[i]! + pads[2 * i]!) * outStrides[i]!;
    data[o] = x.data[s]!;
    for (let i = pos.length - 1; i >= 0; i--) {
      if (++pos[i]! < x.shape[i]!) break;
      pos[i] = 0;
    }
  }
  return [{ dtype: x.dtype, shape, data }];
};

function splitAt(x: Value, axis: number, sizes: number[]): Value[] {
  let at = 0;
  return sizes.map((n) => {
    const begin = x.shape.map((_, i) => (i === axis ? at : 0));
    const size = x.shape.map((d, i) => (i === axis ? n : d));
    at += n;
    return slice(x, begin, size);
  });
}

const split: FoldKernel = ([a, x], node) => {
  const n = node.attrs['num_split'];
  if (!a || !x || typeof n !== 'number') return undefined;
  const axis = axisOf(a.data[0]!, x.shape.length);
  if (x.shape[axis]! % n !== 0) return undefined;
  return splitAt(x, axis, new Array<number>(n).fill(x.shape[axis]! / n));
};

const splitV: FoldKernel = ([x, s, a]) => {
  if (!x || !s || !a) return undefined;
  const axis = axisOf(a.data[0]!, x.shape.length);
  const sizes = Array.from(s.data);
  const rest = x.shape[axis]! - sizes.filter((v) => v !== -1).reduce((p, q) => p + q, 0);
  return splitAt(x, axis, sizes.map((v) => (v === -1 ? rest : v)));
};

const range: FoldKernel = ([s, l, d], node) => {
  if (!s || !l || !d) return undefined;
  const [start, limit, delta] = [s.data[0]!, l.data[0]!, d.data[0]!];
  if (delta === 0) return undefined;
  const n = Math.max(0, Math.ceil((limit - start) / delta));
  if (n > 1 << 24) return undefined;
  const t = node.attrs['Tidx'];
  return [value(typeof t === 'string' ? (t as DType) : s.dtype, [n], Array.from({ length: n }, (_, i) => start + i * delta))];
};

const fill: FoldKernel = ([dims, v]) => {
  if (!dims || !v) return undefined;
  const shape = Array.from(dims.data);
  return [{ dtype: v.dtype, shape, data: new Float64Array(sizeOf(shape)).fill(v.data[0]!) }];
};

export const SHAPE_KERNELS: Readonly<Record<string, FoldKernel>> = {
  Shape: ([x], node) => (x ? [value(outType(node), [x.shape.length], x.shape)] : undefined),
  Size: ([x], node) => (x ? [value(outType(node), [], [sizeOf(x.shape)])] : undefined),
  Rank: ([x]) => (x ? [value('int32', [], [x.shape.length])] : undefined),
  Reshape: reshape, ExpandDims: expandDims, Squeeze: squeeze, Transpose: transpose,
  ConcatV2: concatV2, Concat: concatV1, Pack: pack, Unpack: unpack,
  Fill: fill, Range: range,
  ZerosLike: ([x]) => (x ? [{ ...x, data: new Float64Array(x.data.length) }] : undefined),
  OnesLike: ([x]) => (x ? [{ ...x, data: new Float64Array(x.data.length).fill(1) }] : undefined),
  StridedSlice: stridedSlice, Slice: sliceOp, GatherV2: gather, Tile: tile,
  BroadcastTo: ([x, s]) => (x && s ? [broadcastTo(x, Array.from(s.data))] : undefined),
  BroadcastArgs: ([a, b]) => {
    const shape = a && b ? broadcastShapes(Array.from(a.data), Array.from(b.data)) : undefined;
    return a && shape ? [normalize(value(a.dtype, [shape.length], shape))] : undefined;
  },
  Pad: pad, PadV2: pad, Split: split, SplitV: splitV,
};

/** Ops whose folding needs only the static shape of their (first) input, not its data. */
export const SHAPE_ONLY_OPS: ReadonlySet<string> = new Set(['Shape', 'Size', 'Rank']);
