/**
 * Reductions over the axes given by input 1 (int32/int64, negative counted from the end, duplicates ignored),
 * keep_dims keeping them as size 1 (TFLite reference `ReduceGeneric`, `Mean`), on float32 and unquantized int32:
 *   SUM Σ x · MEAN Σ x / count · REDUCE_PROD Π x · REDUCE_MAX max (from the lowest finite value; in > cur) ·
 *   REDUCE_MIN min (from the highest; in < cur) · REDUCE_ANY / REDUCE_ALL on bool.
 * Sums and products accumulate in float64. No axes = identity.
 *
 * ARG_MAX / ARG_MIN (kind `any`: raw integer values order like the reals they quantize, scales being positive):
 *   the index of the first extreme value along the axis (input 1, one value); output int32 or int64 per
 *   output_type, the axis removed from the shape.
 */
import { ReducerOptionsT } from '../../../../formats/tflite/generated/tflite/reducer-options.ts';
import type { Node } from '../../../../ir/graph.ts';
import { registerCpuKernel, type HostTensor } from '../../kernel-api.ts';
import { allocArray, isNumberArray, normAxis, optionsOf, outputOf, req, sizeOf, stridesOf, toInts } from './util.ts';

type Kind = 'sum' | 'mean' | 'prod' | 'max' | 'min' | 'any' | 'all';
const F32_MAX = 3.4028234663852886e38;

function reduce(node: Node, inputs: readonly (HostTensor | null)[], kind: Kind): HostTensor[] {
  const op = node.op;
  const x = req(node, inputs, 0);
  const xd = x.data;
  if (!isNumberArray(xd)) throw new TypeError(`${op}: ${x.dtype} is not supported`);
  const rank = x.shape.length;
  const axes = new Set(toInts(req(node, inputs, 1)).map((a) => normAxis(a, rank, op)));
  const keep = optionsOf(node, ReducerOptionsT).keepDims;
  const outShape: number[] = [];
  const reducedShape = x.shape.map((d, i) => (axes.has(i) ? 1 : d));
  x.shape.forEach((d, i) => { if (!axes.has(i)) outShape.push(d); else if (keep) outShape.push(1); });
  const outSize = sizeOf(reducedShape);
  const count = outSize === 0 ? 0 : xd.length / outSize;
  const isFloat = xd instanceof Float32Array;
  const init = kind === 'sum' || kind === 'mean' || kind === 'any' ? 0 : kind === 'prod' || kind === 'all' ? 1
    : kind === 'max' ? (isFloat ? -F32_MAX : -2147483648) : (isFloat ? F32_MAX : 2147483647);
  const acc = new Float64Array(outSize).fill(init);
  // output offset of each input element: strides of the reduced shape, 0 on reduced axes
  const rs = stridesOf(reducedShape).map((s, i) => (axes.has(i) ? 0 : s));
  const idx = new Array<number>(rank).fill(0);
  let o = 0;
  for (let i = 0; i < xd.length; i++) {
    const v = xd[i]!;
    switch (kind) {
      case 'sum': case 'mean': acc[o]! += v; break;
      case 'prod': acc[o]! *= v; break;
      case 'max': if (v > acc[o]!) acc[o] = v; break;
      case 'min': if (v < acc[o]!) acc[o] = v; break;
      case 'any': if (v !== 0) acc[o] = 1; break;
      case 'all': if (v === 0) acc[o] = 0; break;
    }
    for (let d = rank - 1; d >= 0; d--) {
      o += rs[d]!;
      if (++idx[d]! < x.shape[d]!) break;
      o -= rs[d]! * x.shape[d]!;
      idx[d] = 0;
    }
  }
  const out = allocArray(node.outputs[0]!.dtype, outSize);
  if (!isNumberArray(out)) throw new TypeError(`${op}: ${node.outputs[0]!.dtype} output is not supported`);
  for (let i = 0; i < outSize; i++) {
    const v = kind === 'mean' ? (isFloat ? Math.fround(acc[i]!) / count : Math.trunc(acc[i]! / count)) : acc[i]!;
    out[i] = v;
  }
  return [outputOf(node, 0, outShape, out)];
}

const reductions: [string, Kind][] = [
  ['SUM', 'sum'], ['MEAN', 'mean'], ['REDUCE_PROD', 'prod'], ['REDUCE_MAX', 'max'], ['REDUCE_MIN', 'min'],
  ['REDUCE_ANY', 'any'], ['REDUCE_ALL', 'all'],
];
for (const [op, kind] of reductions) registerCpuKernel(op, 'float', (node, inputs) => reduce(node, inputs, kind));

function argExtreme(node: Node, inputs: readonly (HostTensor | null)[], max: boolean): HostTensor[] {
  const op = node.op;
  const x = req(node, inputs, 0);
  const xd = x.data;
  const axisValues = toInts(req(node, inputs, 1));
  if (axisValues.length !== 1) throw new RangeError(`${op}: axis must hold one value, got [${axisValues}]`);
  const axis = normAxis(axisValues[0]!, x.shape.length, op);
  const outer = sizeOf(x.shape.slice(0, axis));
  const n = x.shape[axis]!;
  const inner = sizeOf(x.shape.slice(axis + 1));
  const out = allocArray(node.outputs[0]!.dtype, outer * inner);
  for (let a = 0; a < outer; a++) {
    for (let c = 0; c < inner; c++) {
      const base = a * n * inner + c;
      let best = 0;
      let bv = xd[base]!;
      for (let j = 1; j < n; j++) {
        const v = xd[base + j * inner]!;
        if (max ? v > bv : v < bv) { bv = v; best = j; }
      }
      if (out instanceof BigInt64Array) out[a * inner + c] = BigInt(best);
      else if (isNumberArray(out)) out[a * inner + c] = best;
    }
  }
  return [outputOf(node, 0, x.shape.filter((_, i) => i !== axis), out)];
}

registerCpuKernel('ARG_MAX', 'any', (node, inputs) => argExtreme(node, inputs, true));
registerCpuKernel('ARG_MIN', 'any', (node, inputs) => argExtreme(node, inputs, false));
