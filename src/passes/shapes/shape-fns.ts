/**
 * Output shapes of TF ops from their input shapes (−1 = unknown dim) and, where the shape depends on them, the
 * values of constant inputs (Reshape's shape, reduction axes, paddings, slice bounds, …). One function per op
 * family; `SHAPE_FNS` maps every op the converter supports to one. A function returns undefined when it cannot say
 * (unknown rank, a non-constant shape input), and the stored shape is kept.
 */
import type { Node, Tensor } from '../../ir/graph.ts';
import { reshapeTarget } from '../fold/kernels-shape.ts';
import { denseSlice, masksFromAttrs } from '../fold/strided-slice.ts';
import { intsOf } from '../fold/values.ts';
import { windowOutput, type PaddingKind } from './window.ts';

export type ShapeFn = (node: Node, shapes: number[][]) => number[][] | undefined;

const axisOf = (a: number, rank: number): number => (a < 0 ? a + rank : a);
const numList = (node: Node, key: string): number[] => (Array.isArray(node.attrs[key]) ? (node.attrs[key] as number[]) : []);
const ranked = (t: Tensor | null | undefined): boolean => !!t && (t.hasRank || t.shape.length > 0 || t.isConstant);

/** Broadcast with unknown dims: a known non-1 dim wins, 1 yields the other, two unknowns stay unknown. */
export function broadcastUnknown(a: readonly number[], b: readonly number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1;
    const y = b[b.length - n + i] ?? 1;
    out.push(x === 1 ? y : y === 1 ? x : x === -1 ? y : x);
  }
  return out;
}

const same: ShapeFn = (_n, [x]) => (x ? [x] : undefined);

const elementwise: ShapeFn = (node, shapes) => {
  if (!node.inputs.every(ranked)) return undefined;
  return [shapes.reduce((acc, s) => broadcastUnknown(acc, s), [] as number[])];
};

function conv(node: Node, x: number[], kh: number, kw: number, outC: number, dilated = true): number[][] | undefined {
  if (x.length !== 4 || node.attrs['data_format'] === 'NCHW') return undefined;
  const s = numList(node, 'strides');
  const d = dilated ? numList(node, 'dilations') : [];
  const pad = String(node.attrs['padding'] ?? 'VALID') as PaddingKind;
  const ep = numList(node, 'explicit_paddings');
  const h = windowOutput(x[1]!, kh, s[1] ?? 1, d[1] ?? 1, pad, ep[2], ep[3]);
  const w = windowOutput(x[2]!, kw, s[2] ?? 1, d[2] ?? 1, pad, ep[4], ep[5]);
  return [[x[0]!, h, w, outC]];
}

const conv2d: ShapeFn = (node, [x, f]) => (x && f?.length === 4 ? conv(node, x, f[0]!, f[1]!, f[3]!) : undefined);
const depthwise: ShapeFn = (node, [x, f]) => (x && f?.length === 4 ? conv(node, x, f[0]!, f[1]!, f[2]! < 0 || f[3]! < 0 ? -1 : f[2]! * f[3]!) : undefined);
const pool: ShapeFn = (node, [x]) => {
  const k = numList(node, 'ksize');
  return x && k.length === 4 ? conv(node, x, k[1]!, k[2]!, x[3]!, false) : undefined;
};

const matmul: ShapeFn = (node, [a, b]) => {
  if (!a || !b || a.length !== 2 || b.length !== 2) return undefined;
  const m = node.attrs['transpose_a'] === true ? a[1]! : a[0]!;
  const n = node.attrs['transpose_b'] === true ? b[0]! : b[1]!;
  return [[m, n]];
};

const batchMatmul: ShapeFn = (node, [a, b]) => {
  if (!a || !b || a.length < 2 || b.length < 2) return undefined;
  const m = node.attrs['adj_x'] === true ? a[a.length - 1]! : a[a.length - 2]!;
  const n = node.attrs['adj_y'] === true ? b[b.length - 2]! : b[b.length - 1]!;
  return [[...broadcastUnknown(a.slice(0, -2), b.slice(0, -2)), m, n]];
};

const reduce: ShapeFn = (node, [x]) => {
  const axes = intsOf(node.inputs[1]);
  if (!x || !axes) return undefined;
  const red = new Set(axes.map((a) => axisOf(a, x.length)));
  const keep = node.attrs['keep_dims'] === true;
  return [keep ? x.map((d, i) => (red.has(i) ? 1 : d)) : x.filter((_, i) => !red.has(i))];
};

const argReduce: ShapeFn = (node, [x]) => {
  const a = intsOf(node.inputs[1]);
  return x && a?.length === 1 ? [x.filter((_, i) => i !== axisOf(a[0]!, x.length))] : undefined;
};

const reshape: ShapeFn = (node, [x]) => {
  const target = intsOf(node.inputs[1]);
  if (!target) return undefined;
  if (x && x.every((d) => d >= 0) && ranked(node.inputs[0])) {
    const out = reshapeTarget(x.reduce((a, b) => a * b, 1), target);
    return out ? [out] : undefined;
  }
  // Unknown input size: the −1 of the target stays unknown.
  return [target.map((d) => (d < 0 ? -1 : d))];
};

const expandDims: ShapeFn = (node, [x]) => {
  const d = intsOf(node.inputs[1]);
  if (!x || d?.length !== 1) return undefined;
  const out = [...x];
  out.splice(d[0]! < 0 ? x.length + 1 + d[0]! : d[0]!, 0, 1);
  return [out];
};

const squeeze: ShapeFn = (node, [x]) => {
  if (!x) return undefined;
  const dims = numList(node, 'squeeze_dims').map((a) => axisOf(a, x.length));
  if (!dims.length && x.some((d) => d < 0)) return undefined;
  return [x.filter((d, i) => (dims.length ? !dims.includes(i) : d !== 1))];
};

const transpose: ShapeFn = (node, [x]) => {
  const perm = intsOf(node.inputs[1]);
  return x && perm && perm.length === x.length ? [perm.map((p) => x[p]!)] : undefined;
};

const concat: ShapeFn = (node, shapes) => {
  const a = intsOf(node.inputs[node.inputs.length - 1]);
  const parts = shapes.slice(0, -1);
  const first = parts[0];
  if (!a || !first) return undefined;
  const axis = axisOf(a[0]!, first.length);
  const out = first.map((_, i) => {
    if (i === axis) return parts.some((p) => p[i]! < 0) ? -1 : parts.reduce((s, p) => s + p[i]!, 0);
    return parts.map((p) => p[i]!).find((d) => d >= 0) ?? -1;
  });
  return [out];
};

const pack: ShapeFn = (node, shapes) => {
  const first = shapes[0];
  if (!first) return undefined;
  const out = first.map((_, i) => shapes.map((s) => s[i]!).find((d) => d >= 0) ?? -1);
  out.splice(axisOf((node.attrs['axis'] as number | undefined) ?? 0, first.length + 1), 0, shapes.length);
  return [out];
};

const unpack: ShapeFn = (node, [x]) => {
  if (!x) return undefined;
  const axis = axisOf((node.attrs['axis'] as number | undefined) ?? 0, x.length);
  return node.outputs.map(() => x.filter((_, i) => i !== axis));
};

const pad: ShapeFn = (node, [x]) => {
  const p = intsOf(node.inputs[1]);
  return x && p && p.length === 2 * x.length ? [x.map((d, i) => (d < 0 ? -1 : d + p[2 * i]! + p[2 * i + 1]!))] : undefined;
};

const stridedSlice: ShapeFn = (node, [x]) => {
  const [b, e, s] = [intsOf(node.inputs[1]), intsOf(node.inputs[2]), intsOf(node.inputs[3])];
  if (!x || !b || !e || !s) return undefined;
  const d = denseSlice(x, b, e, s, masksFromAttrs(node.attrs));
  return typeof d === 'string' ? undefined : [d.shape];
};

const slice: ShapeFn = (node, [x]) => {
  const [b, s] = [intsOf(node.inputs[1]), intsOf(node.inputs[2])];
  if (!x || !b || !s) return undefined;
  return [s.map((v, i) => (v === -1 ? (x[i]! < 0 ? -1 : x[i]! - b[i]!) : v))];
};

const gather: ShapeFn = (node, [p, idx]) => {
  const a = intsOf(node.inputs[2]);
  if (!p || !idx || !a) return undefined;
  const axis = axisOf(a[0]!, p.length);
  const bd = axisOf((node.attrs['batch_dims'] as number | undefined) ?? 0, idx.length);
  return [[...p.slice(0, axis), ...idx.slice(bd), ...p.slice(axis + 1)]];
};

const resize: ShapeFn = (node, [x]) => {
  const size = intsOf(node.inputs[1]);
  return x?.length === 4 && size?.length === 2 ? [[x[0]!, size[0]!, size[1]!, x[3]!]] : undefined;
};

const tile: ShapeFn = (node, [x]) => {
  const m = intsOf(node.inputs[1]);
  return x && m && m.length === x.length ? [x.map((d, i) => (d < 0 ? -1 : d * m[i]!))] : undefined;
};

const split: ShapeFn = (node, shapes) => {
  const isV = node.op === 'SplitV';
  const x = isV ? shapes[0] : shapes[1];
  const a = intsOf(node.inputs[isV ? 2 : 0]);
  if (!x || !a) return undefined;
  const axis = axisOf(a[0]!, x.length);
  const n = node.outputs.length;
  let sizes: number[];
  if (isV) {
    const s = intsOf(node.inputs[1]);
    if (!s) return undefined;
    const rest = x[axis]! < 0 ? -1 : x[axis]! - s.filter((v) => v >= 0).reduce((p, q) => p + q, 0);
    sizes = s.map((v) => (v === -1 ? rest : v));
  } else {
    sizes = new Array<number>(n).fill(x[axis]! < 0 ? -1 : x[axis]! / n);
  }
  return sizes.map((sz) => x.map((d, i) => (i === axis ? sz : d)));
};

const spaceDepth = (up: boolean): ShapeFn => (node, [x]) => {
  const b = node.attrs['block_size'];
  if (!x || x.length !== 4 || typeof b !== 'number') return undefined;
  const [n, h, w, c] = x as [number, number, number, number];
  const k = (v: number, f: (v: number) => number): number => (v < 0 ? -1 : f(v));
  return up ? [[n, k(h, (v) => v * b), k(w, (v) => v * b), k(c, (v) => v / (b * b))]] : [[n, k(h, (v) => v / b), k(w, (v) => v / b), k(c, (v) => v * b * b)]];
};

const fusedBatchNorm: ShapeFn = (node, [x, scale]) => (x ? node.outputs.map((_, i) => (i === 0 ? x : scale ?? [-1])) : undefined);

const valueShape: ShapeFn = (node) => {
  const dims = intsOf(node.inputs[node.op === 'Fill' ? 0 : 1]);
  return dims ? [dims] : undefined;
};

const SAME_SHAPE = ['Relu', 'Relu6', 'Elu', 'Selu', 'LeakyRelu', 'Sigmoid', 'Tanh', 'Softmax', 'LogSoftmax', 'Sqrt', 'Rsqrt',
  'Exp', 'Log', 'Neg', 'Abs', 'Square', 'Floor', 'Ceil', 'Round', 'Sin', 'Cos', 'Reciprocal', 'Sign', 'Erf', 'Softplus',
  'Softsign', 'Cast', 'LogicalNot', 'ZerosLike', 'OnesLike', 'Identity', 'StopGradient', 'Snapshot', 'BiasAdd',
  '_Gelu', '_HardSwish', '_Prelu'];
const ELEMENTWISE = ['Add', 'AddV2', 'Sub', 'Mul', 'RealDiv', 'Div', 'DivNoNan', 'FloorDiv', 'FloorMod', 'Maximum', 'Minimum',
  'Pow', 'SquaredDifference', 'Equal', 'NotEqual', 'Less', 'LessEqual', 'Greater', 'GreaterEqual', 'LogicalAnd',
  'LogicalOr', 'SelectV2'];

export const SHAPE_FNS: ReadonlyMap<string, ShapeFn> = new Map<string, ShapeFn>([
  ...SAME_SHAPE.map((op) => [op, same] as const),
  ...ELEMENTWISE.map((op) => [op, elementwise] as const),
  ['MirrorPad', pad], ['Select', (n, s) => (s[1] ? [s[1]] : same(n, s))],
  ['Conv2D', conv2d], ['DepthwiseConv2dNative', depthwise], ['AvgPool', pool], ['MaxPool', pool],
  ['MatMul', matmul], ['BatchMatMul', batchMatmul], ['BatchMatMulV2', batchMatmul], ['BatchMatMulV3', batchMatmul],
  ...['Mean', 'Sum', 'Max', 'Min', 'Prod', 'All', 'Any'].map((op) => [op, reduce] as const),
  ['ArgMax', argReduce], ['ArgMin', argReduce],
  ['Reshape', reshape], ['ExpandDims', expandDims], ['Squeeze', squeeze], ['Transpose', transpose],
  ['ConcatV2', concat], ['Pack', pack], ['Unpack', unpack], ['Pad', pad], ['PadV2', pad],
  ['StridedSlice', stridedSlice], ['Slice', slice], ['GatherV2', gather],
  ['ResizeBilinear', resize], ['ResizeNearestNeighbor', resize], ['Tile', tile], ['Split', split], ['SplitV', split],
  ['SpaceToDepth', spaceDepth(false)], ['DepthToSpace', spaceDepth(true)],
  ['FusedBatchNorm', fusedBatchNorm], ['FusedBatchNormV2', fusedBatchNorm], ['FusedBatchNormV3', fusedBatchNorm],
  ['Shape', (_n, [x]) => (x ? [[x.length]] : undefined)], ['Size', () => [[]]], ['Rank', () => [[]]],
  ['Fill', valueShape], ['BroadcastTo', valueShape],
]);
