/**
 * Data-movement ops, dtype-generic (kind `any`; quantized tensors must keep one scale/zero point, checked):
 *   TRANSPOSE: y[i₀…] = x[j] with y.shape[d] = x.shape[perm[d]] and j_{perm[d]} = i_d.
 *   CONCATENATION: joins along `axis` (negative from the end); the fused activation applies to float outputs.
 *   PACK: stacks N equal shapes along a new axis · UNPACK: splits along an axis into `num` outputs without it.
 *   SPLIT (axis, x): num_splits equal parts · SPLIT_V (x, sizes, axis): parts of the given sizes (one −1 inferred).
 *   TILE (x, multiples): y[i] = x[i mod shape] · BROADCAST_TO (x, shape): NumPy broadcast to `shape`.
 *   REVERSE_V2 (x, axes): reverses the listed axes.
 *   SELECT_V2 (cond, a, b): y = cond ? a : b with NumPy broadcasting of all three. SELECT (v1): the same, where a
 *     rank-1 cond may also pick whole rows of a and b (TF1 semantics).
 */
import { ConcatenationOptionsT } from '../../../../formats/tflite/generated/tflite/concatenation-options.ts';
import { PackOptionsT } from '../../../../formats/tflite/generated/tflite/pack-options.ts';
import { UnpackOptionsT } from '../../../../formats/tflite/generated/tflite/unpack-options.ts';
import { SplitOptionsT } from '../../../../formats/tflite/generated/tflite/split-options.ts';
import type { Node } from '../../../../ir/graph.ts';
import { registerCpuKernel, type HostTensor } from '../../kernel-api.ts';
import {
  allocArray, applyActivation, broadcastShapes, checkSameQuantization, copyBlock, normAxis, optionsOf, outputOf, req,
  sizeOf, stridesOf, toInts, type Elements,
} from './util.ts';

registerCpuKernel('TRANSPOSE', 'any', (node, inputs) => {
  const x = req(node, inputs, 0);
  checkSameQuantization(node, x);
  const rank = x.shape.length;
  const perm = toInts(req(node, inputs, 1)).map((p) => normAxis(p, rank, 'TRANSPOSE'));
  if (perm.length !== rank || new Set(perm).size !== rank) throw new RangeError(`TRANSPOSE: perm [${perm}] is not a permutation of rank ${rank}`);
  const shape = perm.map((p) => x.shape[p]!);
  const out = allocArray(x.dtype, x.data.length);
  const src: Elements = x.data;
  const dst: Elements = out;
  const inStr = stridesOf(x.shape);
  const str = perm.map((p) => inStr[p]!);
  const total = out.length;
  if (rank === 0 || total === 0) return [outputOf(node, 0, shape, x.data.slice())];
  const last = shape[rank - 1]!;
  const lastStride = str[rank - 1]!;
  const idx = new Array<number>(rank).fill(0);
  let off = 0;
  for (let o = 0; o < total; o += last) {
    for (let j = 0; j < last; j++) dst[o + j] = src[off + j * lastStride]!;
    for (let d = rank - 2; d >= 0; d--) {
      off += str[d]!;
      if (++idx[d]! < shape[d]!) break;
      off -= str[d]! * shape[d]!;
      idx[d] = 0;
    }
  }
  return [outputOf(node, 0, shape, out)];
});

/** Joins `parts` along `axis` into a new array of `dtype`. */
function concat(parts: readonly HostTensor[], axis: number, dtype: HostTensor['dtype'], op: string): { shape: number[]; data: HostTensor['data'] } {
  const first = parts[0]!;
  const rank = first.shape.length;
  for (const p of parts) {
    if (p.shape.length !== rank || p.shape.some((d, i) => i !== axis && d !== first.shape[i])) {
      throw new RangeError(`${op}: shapes ${parts.map((q) => `[${q.shape}]`).join(', ')} do not join along axis ${axis}`);
    }
  }
  const shape = [...first.shape];
  shape[axis] = parts.reduce((a, p) => a + p.shape[axis]!, 0);
  const outer = sizeOf(shape.slice(0, axis));
  const inner = sizeOf(shape.slice(axis + 1));
  const out = allocArray(dtype, sizeOf(shape));
  let o = 0;
  for (let a = 0; a < outer; a++) {
    for (const p of parts) {
      const n = p.shape[axis]! * inner;
      copyBlock(out, o, p.data, a * n, n);
      o += n;
    }
  }
  return { shape, data: out };
}

function present(node: Node, inputs: readonly (HostTensor | null)[]): HostTensor[] {
  return inputs.map((t, i) => t ?? req(node, inputs, i));
}

registerCpuKernel('CONCATENATION', 'any', (node, inputs) => {
  const o = optionsOf(node, ConcatenationOptionsT);
  const parts = present(node, inputs);
  if (!parts.length) throw new RangeError('CONCATENATION: no inputs');
  for (const p of parts) checkSameQuantization(node, p);
  const axis = normAxis(o.axis, parts[0]!.shape.length, 'CONCATENATION');
  const { shape, data } = concat(parts, axis, node.outputs[0]!.dtype, 'CONCATENATION');
  if (data instanceof Float32Array) applyActivation(data, o.fusedActivationFunction, 'CONCATENATION');
  else if (o.fusedActivationFunction !== 0) throw new RangeError('CONCATENATION: a fused activation on integer data needs the integer kernel');
  return [outputOf(node, 0, shape, data)];
});

registerCpuKernel('PACK', 'any', (node, inputs) => {
  const parts = present(node, inputs);
  if (!parts.length) throw new RangeError('PACK: no inputs');
  for (const p of parts) checkSameQuantization(node, p);
  const rank = parts[0]!.shape.length;
  const axis = normAxis(optionsOf(node, PackOptionsT).axis, rank + 1, 'PACK');
  const expanded = parts.map((p) => ({ ...p, shape: [...p.shape.slice(0, axis), 1, ...p.shape.slice(axis)] }));
  const { shape, data } = concat(expanded, axis, node.outputs[0]!.dtype, 'PACK');
  return [outputOf(node, 0, shape, data)];
});

/** Splits `x` along `axis` into parts of `sizes`. */
function split(node: Node, x: HostTensor, axis: number, sizes: readonly number[]): HostTensor[] {
  const outer = sizeOf(x.shape.slice(0, axis));
  const inner = sizeOf(x.shape.slice(axis + 1));
  const dim = x.shape[axis]!;
  let start = 0;
  return sizes.map((size, i) => {
    const shape = [...x.shape];
    shape[axis] = size;
    const out = allocArray(x.dtype, outer * size * inner);
    for (let a = 0; a < outer; a++) copyBlock(out, a * size * inner, x.data, (a * dim + start) * inner, size * inner);
    start += size;
    return outputOf(node, i, shape, out);
  });
}

registerCpuKernel('UNPACK', 'any', (node, inputs) => {
  const x = req(node, inputs, 0);
  const axis = normAxis(optionsOf(node, UnpackOptionsT).axis, x.shape.length, 'UNPACK');
  const n = x.shape[axis]!;
  return split(node, x, axis, new Array<number>(n).fill(1)).map((t) => ({ ...t, shape: t.shape.filter((_, i) => i !== axis) }));
});

registerCpuKernel('SPLIT', 'any', (node, inputs) => {
  const x = req(node, inputs, 1);
  const axis = normAxis(toInts(req(node, inputs, 0))[0] ?? 0, x.shape.length, 'SPLIT');
  const n = optionsOf(node, SplitOptionsT).numSplits || node.outputs.length;
  if (x.shape[axis]! % n !== 0) throw new RangeError(`SPLIT: axis ${axis} of [${x.shape}] does not split into ${n}`);
  return split(node, x, axis, new Array<number>(n).fill(x.shape[axis]! / n));
});

registerCpuKernel('SPLIT_V', 'any', (node, inputs) => {
  const x = req(node, inputs, 0);
  const sizes = toInts(req(node, inputs, 1));
  const axis = normAxis(toInts(req(node, inputs, 2))[0] ?? 0, x.shape.length, 'SPLIT_V');
  const unknown = sizes.indexOf(-1);
  if (unknown >= 0) sizes[unknown] = x.shape[axis]! - sizes.reduce((a, s, i) => (i === unknown ? a : a + s), 0);
  if (sizes.reduce((a, s) => a + s, 0) !== x.shape[axis]) throw new RangeError(`SPLIT_V: sizes [${sizes}] do not add up to ${x.shape[axis]}`);
  return split(node, x, axis, sizes);
});

/** y[i] = x[j] with j_d = i_d mod x.shape[d] (x broadcast or tiled to `shape`, same rank). */
function tileTo(x: HostTensor, shape: readonly number[]): HostTensor['data'] {
  const rank = shape.length;
  const out = allocArray(x.dtype, sizeOf(shape));
  const src: Elements = x.data;
  const dst: Elements = out;
  const str = stridesOf(x.shape);
  const idx = new Array<number>(rank).fill(0);
  for (let o = 0; o < out.length; o++) {
    let off = 0;
    for (let d = 0; d < rank; d++) off += (idx[d]! % x.shape[d]!) * str[d]!;
    dst[o] = src[off]!;
    for (let d = rank - 1; d >= 0; d--) {
      if (++idx[d]! < shape[d]!) break;
      idx[d] = 0;
    }
  }
  return out;
}

registerCpuKernel('TILE', 'any', (node, inputs) => {
  const x = req(node, inputs, 0);
  checkSameQuantization(node, x);
  const m = toInts(req(node, inputs, 1));
  if (m.length !== x.shape.length) throw new RangeError(`TILE: ${m.length} multiples for rank ${x.shape.length}`);
  const shape = x.shape.map((d, i) => d * m[i]!);
  return [outputOf(node, 0, shape, tileTo(x, shape))];
});

registerCpuKernel('BROADCAST_TO', 'any', (node, inputs) => {
  const x = req(node, inputs, 0);
  checkSameQuantization(node, x);
  const target = toInts(req(node, inputs, 1));
  const shape = broadcastShapes(x.shape, target, 'BROADCAST_TO');
  if (shape.some((d, i) => d !== target[i])) throw new RangeError(`BROADCAST_TO: [${x.shape}] does not broadcast to [${target}]`);
  const padded = { ...x, shape: [...new Array<number>(shape.length - x.shape.length).fill(1), ...x.shape] };
  return [outputOf(node, 0, shape, tileTo(padded, shape))];
});

registerCpuKernel('REVERSE_V2', 'any', (node, inputs) => {
  const x = req(node, inputs, 0);
  checkSameQuantization(node, x);
  const rank = x.shape.length;
  const axes = new Set(toInts(req(node, inputs, 1)).map((a) => normAxis(a, rank, 'REVERSE_V2')));
  const out = allocArray(x.dtype, x.data.length);
  const src: Elements = x.data;
  const dst: Elements = out;
  const str = stridesOf(x.shape);
  const idx = new Array<number>(rank).fill(0);
  for (let o = 0; o < out.length; o++) {
    let off = 0;
    for (let d = 0; d < rank; d++) off += (axes.has(d) ? x.shape[d]! - 1 - idx[d]! : idx[d]!) * str[d]!;
    dst[o] = src[off]!;
    for (let d = rank - 1; d >= 0; d--) {
      if (++idx[d]! < x.shape[d]!) break;
      idx[d] = 0;
    }
  }
  return [outputOf(node, 0, [...x.shape], out)];
});

function select(node: Node, inputs: readonly (HostTensor | null)[]): HostTensor[] {
  const c = req(node, inputs, 0);
  const a = req(node, inputs, 1);
  const b = req(node, inputs, 2);
  checkSameQuantization(node, a);
  checkSameQuantization(node, b);
  // SELECT v1 with a rank-1 condition over rows: view it as [n, 1, …, 1]
  const cShape = node.op === 'SELECT' && c.shape.length === 1 && a.shape.length > 1 && c.shape[0] === a.shape[0]
    ? [c.shape[0]!, ...new Array<number>(a.shape.length - 1).fill(1)] : c.shape;
  const shape = broadcastShapes(broadcastShapes(cShape, a.shape, node.op), b.shape, node.op);
  const rank = shape.length;
  const strides = [cShape, a.shape, b.shape].map((s) => {
    const str = stridesOf(s);
    return shape.map((d, i) => {
      const j = i - (rank - s.length);
      return j < 0 || s[j] === 1 ? 0 : str[j]!;
    });
  });
  const [sc, sa, sb] = strides as [number[], number[], number[]];
  const out = allocArray(a.dtype, sizeOf(shape));
  const cond: Elements = c.data;
  const av: Elements = a.data;
  const bv: Elements = b.data;
  const dst: Elements = out;
  const idx = new Array<number>(rank).fill(0);
  for (let o = 0; o < out.length; o++) {
    let oc = 0;
    let oa = 0;
    let ob = 0;
    for (let d = 0; d < rank; d++) {
      oc += idx[d]! * sc[d]!;
      oa += idx[d]! * sa[d]!;
      ob += idx[d]! * sb[d]!;
    }
    dst[o] = Number(cond[oc]) !== 0 ? av[oa]! : bv[ob]!;
    for (let d = rank - 1; d >= 0; d--) {
      if (++idx[d]! < shape[d]!) break;
      idx[d] = 0;
    }
  }
  return [outputOf(node, 0, shape, out)];
}

registerCpuKernel('SELECT', 'any', select);
registerCpuKernel('SELECT_V2', 'any', select);
