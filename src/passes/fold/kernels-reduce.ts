/**
 * Folding kernels for reductions and products: Sum, Prod, Mean, Max, Min, All, Any over the axes of their second
 * input (keep_dims honored; an empty axis list is the identity), ArgMax / ArgMin (first index of the extreme),
 * MatMul (transpose_a / transpose_b) and BatchMatMulV2/V3 (adj_x / adj_y, broadcast batch dims), Softmax.
 */
import type { DType } from '../../ir/dtype.ts';
import type { Node } from '../../ir/graph.ts';
import { broadcastShapes, broadcastTo } from './kernels-elementwise.ts';
import type { FoldKernel } from './kernel.ts';
import { normalize, sizeOf, stridesOf, transposeData, type Value } from './values.ts';

const axisOf = (a: number, rank: number): number => (a < 0 ? a + rank : a);

/** Reduces `x` over `axes` with `f(values) → number`. */
export function reduce(x: Value, axes: number[], keep: boolean, f: (vals: number[]) => number, dtype: DType = x.dtype): Value {
  const rank = x.shape.length;
  const red = new Set(axes.map((a) => axisOf(a, rank)));
  const keptShape = x.shape.map((d, i) => (red.has(i) ? 1 : d));
  const n = sizeOf(keptShape);
  const groups: number[][] = Array.from({ length: n }, () => []);
  const outStrides = stridesOf(keptShape);
  const pos = new Array<number>(rank).fill(0);
  for (let s = 0; s < x.data.length; s++) {
    let o = 0;
    for (let i = 0; i < rank; i++) if (!red.has(i)) o += pos[i]! * outStrides[i]!;
    groups[o]!.push(x.data[s]!);
    for (let i = rank - 1; i >= 0; i--) {
      if (++pos[i]! < x.shape[i]!) break;
      pos[i] = 0;
    }
  }
  const shape = keep ? keptShape : x.shape.filter((_, i) => !red.has(i));
  return normalize({ dtype, shape, data: Float64Array.from(groups.map(f)) });
}

function reducer(f: (vals: number[]) => number, boolOut = false): FoldKernel {
  return ([x, axes], node: Node) => {
    if (!x || !axes) return undefined;
    const keep = node.attrs['keep_dims'] === true;
    return [reduce(x, Array.from(axes.data), keep, f, boolOut ? 'bool' : x.dtype)];
  };
}

const sum = (v: number[]): number => v.reduce((a, b) => a + b, 0);

function argReducer(better: (a: number, b: number) => boolean): FoldKernel {
  return ([x, axisV], node) => {
    if (!x || !axisV) return undefined;
    const t = node.attrs['output_type'];
    const dtype = typeof t === 'string' ? (t as DType) : 'int64';
    const axis = axisOf(axisV.data[0]!, x.shape.length);
    const perm = [...x.shape.keys()].filter((i) => i !== axis).concat(axis);
    const moved = transposeData(x.data, x.shape, perm);
    const d = x.shape[axis]!;
    const outShape = x.shape.filter((_, i) => i !== axis);
    const out = new Float64Array(sizeOf(outShape));
    for (let o = 0; o < out.length; o++) {
      let best = 0;
      for (let k = 1; k < d; k++) if (better(moved[o * d + k]!, moved[o * d + best]!)) best = k;
      out[o] = best;
    }
    return [{ dtype, shape: outShape, data: out }];
  };
}

/** [..., m, k] × [..., k, n] with broadcast batch dims; `ta` / `tb` transpose the last two dims first. */
export function batchMatMul(a: Value, b: Value, ta: boolean, tb: boolean): Value | undefined {
  const swap = (v: Value): Value => {
    const r = v.shape.length;
    const perm = [...v.shape.keys()];
    [perm[r - 2], perm[r - 1]] = [r - 1, r - 2];
    return { dtype: v.dtype, shape: perm.map((p) => v.shape[p]!), data: transposeData(v.data, v.shape, perm) };
  };
  if (a.shape.length < 2 || b.shape.length < 2) return undefined;
  const A = ta ? swap(a) : a;
  const B = tb ? swap(b) : b;
  const [m, k] = A.shape.slice(-2) as [number, number];
  const [k2, n] = B.shape.slice(-2) as [number, number];
  if (k !== k2) return undefined;
  const batch = broadcastShapes(A.shape.slice(0, -2), B.shape.slice(0, -2));
  if (!batch) return undefined;
  const Ab = broadcastTo(A, [...batch, m, k]);
  const Bb = broadcastTo(B, [...batch, k, n]);
  const nb = sizeOf(batch);
  const out = new Float64Array(nb * m * n);
  const f32 = a.dtype === 'float32';
  for (let p = 0; p < nb; p++) {
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let acc = 0;
        for (let q = 0; q < k; q++) {
          acc += Ab.data[(p * m + i) * k + q]! * Bb.data[(p * k + q) * n + j]!;
          if (f32) acc = Math.fround(acc);
        }
        out[(p * m + i) * n + j] = acc;
      }
    }
  }
  return normalize({ dtype: a.dtype, shape: [...batch, m, n], data: out });
}

const softmax: FoldKernel = ([x]) => {
  if (!x || x.shape.length === 0) return undefined;
  const d = x.shape[x.shape.length - 1]!;
  const out = new Float64Array(x.data.length);
  for (let o = 0; o < x.data.length; o += d) {
    let max = -Infinity;
    for (let k = 0; k < d; k++) max = Math.max(max, x.data[o + k]!);
    let s = 0;
    for (let k = 0; k < d; k++) s += (out[o + k] = Math.exp(x.data[o + k]! - max));
    for (let k = 0; k < d; k++) out[o + k]! /= s;
  }
  return [normalize({ ...x, data: out })];
};

const bmm: FoldKernel = ([a, b], node) => {
  const r = a && b ? batchMatMul(a, b, node.attrs['adj_x'] === true, node.attrs['adj_y'] === true) : undefined;
  return r ? [r] : undefined;
};

export const REDUCE_KERNELS: Readonly<Record<string, FoldKernel>> = {
  Sum: reducer(sum),
  Prod: reducer((v) => v.reduce((a, b) => a * b, 1)),
  Mean: reducer((v) => sum(v) / v.length),
  Max: reducer((v) => v.reduce((a, b) => Math.max(a, b), -Infinity)),
  Min: reducer((v) => v.reduce((a, b) => Math.min(a, b), Infinity)),
  All: reducer((v) => (v.every(Boolean) ? 1 : 0), true),
  Any: reducer((v) => (v.some(Boolean) ? 1 : 0), true),
  ArgMax: argReducer((a, b) => a > b),
  ArgMin: argReducer((a, b) => a < b),
  MatMul: ([a, b], node) => {
    const r = a && b ? batchMatMul(a, b, node.attrs['transpose_a'] === true, node.attrs['transpose_b'] === true) : undefined;
    return r ? [r] : undefined;
  },
  BatchMatMul: bmm, BatchMatMulV2: bmm, BatchMatMulV3: bmm,
  Softmax: softmax,
};
