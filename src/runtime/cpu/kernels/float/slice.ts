/**
 * Indexing ops, dtype-generic (kind `any`; quantized data keep their scale, checked).
 *
 * STRIDED_SLICE (x, begin, end, strides) with TF's sparse → dense spec (`BuildDenseSpec` / `ValidateStridedSliceOp`):
 *   the spec's entries map onto x's axes; an ellipsis entry (ellipsis_mask bit) covers as many axes as the other
 *   entries leave (an implicit one closes the spec); a new_axis_mask entry inserts a size-1 output axis and consumes
 *   no input axis. Per axis with size D and stride s ≠ 0: begin_mask → begin = s > 0 ? 0 : D − 1, end_mask → end =
 *   s > 0 ? D : −1, else negative values + D, then clamped to [0, D] (s > 0) or [−1, D − 1] (s < 0);
 *   length = max(0, ⌈(end − begin) / s⌉). shrink_axis_mask takes the single element `begin` (which must exist) and
 *   drops the axis. `offset` = true means end = begin + end.
 * SLICE (x, begin, size): y = x[begin : begin + size] per axis, size −1 = to the end.
 * GATHER (params, indices): axis and batch_dims options; y.shape = params.shape[:axis] + indices.shape[batch_dims:]
 *   + params.shape[axis+1:], y[b, a, k, i] = params[b, a, indices[b, k], i]; an index outside [0, D) is an error.
 * GATHER_ND (params, indices [..., K]): y[i…, j…] = params[indices[i…, 0], …, indices[i…, K−1], j…].
 */
import { GatherOptionsT } from '../../../../formats/tflite/generated/tflite/gather-options.ts';
import { StridedSliceOptionsT } from '../../../../formats/tflite/generated/tflite/strided-slice-options.ts';
import type { Node } from '../../../../ir/graph.ts';
import { registerCpuKernel, type HostTensor } from '../../kernel-api.ts';
import { allocArray, checkSameQuantization, copyBlock, normAxis, optionsOf, outputOf, req, sizeOf, stridesOf, toInts, type Elements } from './util.ts';

/** Copies the box starting at `begin` with `sizes` and `steps` per axis from x into a new array. */
function gatherBox(x: HostTensor, begin: readonly number[], sizes: readonly number[], steps: readonly number[]): HostTensor['data'] {
  const rank = x.shape.length;
  const total = sizeOf(sizes);
  const out = allocArray(x.dtype, total);
  if (total === 0) return out;
  if (rank === 0) {
    copyBlock(out, 0, x.data, 0, 1);
    return out;
  }
  const src: Elements = x.data;
  const dst: Elements = out;
  const str = stridesOf(x.shape);
  const last = sizes[rank - 1]!;
  const lastStep = steps[rank - 1]! * str[rank - 1]!;
  const idx = new Array<number>(rank).fill(0);
  let base = begin.reduce((a, b, d) => a + b * str[d]!, 0);
  for (let o = 0; o < total; o += last) {
    if (lastStep === 1) copyBlock(out, o, x.data, base, last);
    else for (let j = 0; j < last; j++) dst[o + j] = src[base + j * lastStep]!;
    for (let d = rank - 2; d >= 0; d--) {
      base += steps[d]! * str[d]!;
      if (++idx[d]! < sizes[d]!) break;
      base -= steps[d]! * str[d]! * sizes[d]!;
      idx[d] = 0;
    }
  }
  return out;
}

export interface StridedSliceSpec {
  begin: number[]; end: number[]; strides: number[];
  beginMask: number; endMask: number; ellipsisMask: number; newAxisMask: number; shrinkAxisMask: number; offset: boolean;
}

/** Resolves a strided slice of an input of `shape`: per-axis start/size/step and the output shape. */
export function resolveStridedSlice(shape: readonly number[], spec: StridedSliceSpec): { begin: number[]; sizes: number[]; steps: number[]; outShape: number[] } {
  const op = 'STRIDED_SLICE';
  const rank = shape.length;
  let n = spec.begin.length;
  if (spec.end.length !== n || spec.strides.length !== n) throw new RangeError(`${op}: begin, end and strides differ in length`);
  let ellipsis = spec.ellipsisMask;
  if (!ellipsis) ellipsis = 1 << n++; // the implicit ellipsis at the end
  const first = Math.log2(ellipsis & -ellipsis);
  if ((ellipsis & (ellipsis - 1)) !== 0) throw new RangeError(`${op}: more than one ellipsis`);
  let newAfter = 0;
  for (let i = first + 1; i < n; i++) if (spec.newAxisMask & (1 << i)) newAfter++;
  const begin: number[] = [];
  const sizes: number[] = [];
  const steps: number[] = [];
  const outShape: number[] = [];
  let axis = 0;
  const full = (): void => {
    begin.push(0); sizes.push(shape[axis]!); steps.push(1); outShape.push(shape[axis]!); axis++;
  };
  for (let i = 0; i < n; i++) {
    const bit = 1 << i;
    if (ellipsis & bit) {
      const next = Math.min(rank - (n - i) + 1 + newAfter, rank);
      while (axis < next) full();
      continue;
    }
    if (spec.newAxisMask & bit) {
      outShape.push(1);
      continue;
    }
    if (axis >= rank) throw new RangeError(`${op}: the slice spec indexes more axes than the input's ${rank}`);
    const dim = shape[axis]!;
    const s = spec.strides[i]!;
    if (s === 0) throw new RangeError(`${op}: stride 0 on axis ${axis}`);
    let b = spec.begin[i]!;
    let e = spec.offset ? b + spec.end[i]! : spec.end[i]!;
    if (spec.shrinkAxisMask & bit) {
      if (spec.beginMask & bit) b = 0;
      const bb = b < 0 ? b + dim : b;
      if (bb < 0 || bb >= dim) throw new RangeError(`${op}: index ${b} out of range for axis ${axis} of size ${dim}`);
      begin.push(bb); sizes.push(1); steps.push(1); axis++;
      continue;
    }
    const [lo, hi] = s > 0 ? [0, dim] : [-1, dim - 1];
    const clamp = (v: number): number => Math.min(Math.max(v < 0 ? v + dim : v, lo), hi);
    b = spec.beginMask & bit ? (s > 0 ? 0 : dim - 1) : clamp(b);
    e = spec.endMask & bit ? (s > 0 ? dim : -1) : clamp(e);
    const len = Math.max(0, Math.ceil((e - b) / s));
    begin.push(len ? b : 0); sizes.push(len); steps.push(s); outShape.push(len); axis++;
  }
  while (axis < rank) full();
  return { begin, sizes, steps, outShape };
}

registerCpuKernel('STRIDED_SLICE', 'any', (node, inputs) => {
  const x = req(node, inputs, 0);
  checkSameQuantization(node, x);
  const o = optionsOf(node, StridedSliceOptionsT);
  const r = resolveStridedSlice(x.shape, {
    begin: toInts(req(node, inputs, 1)), end: toInts(req(node, inputs, 2)),
    strides: inputs[3] ? toInts(inputs[3]) : new Array<number>(toInts(req(node, inputs, 1)).length).fill(1),
    beginMask: o.beginMask, endMask: o.endMask, ellipsisMask: o.ellipsisMask, newAxisMask: o.newAxisMask,
    shrinkAxisMask: o.shrinkAxisMask, offset: o.offset,
  });
  return [outputOf(node, 0, r.outShape, gatherBox(x, r.begin, r.sizes, r.steps))];
});

registerCpuKernel('SLICE', 'any', (node, inputs) => {
  const x = req(node, inputs, 0);
  checkSameQuantization(node, x);
  const begin = toInts(req(node, inputs, 1));
  const size = toInts(req(node, inputs, 2));
  if (begin.length !== x.shape.length || size.length !== x.shape.length) throw new RangeError(`SLICE: begin/size must have ${x.shape.length} entries`);
  const sizes = size.map((s, d) => (s === -1 ? x.shape[d]! - begin[d]! : s));
  sizes.forEach((s, d) => {
    if (begin[d]! < 0 || s < 0 || begin[d]! + s > x.shape[d]!) throw new RangeError(`SLICE: [${begin[d]}, +${size[d]}) out of range for axis ${d} of size ${x.shape[d]}`);
  });
  return [outputOf(node, 0, sizes, gatherBox(x, begin, sizes, sizes.map(() => 1)))];
});

function gather(node: Node, inputs: readonly (HostTensor | null)[]): HostTensor[] {
  const p = req(node, inputs, 0);
  checkSameQuantization(node, p);
  const ind = toInts(req(node, inputs, 1));
  const indShape = req(node, inputs, 1).shape;
  const o = optionsOf(node, GatherOptionsT);
  const batchDims = o.batchDims < 0 ? o.batchDims + indShape.length : o.batchDims;
  const axis = normAxis(o.axis, p.shape.length, 'GATHER');
  if (batchDims > axis) throw new RangeError(`GATHER: batch_dims ${batchDims} > axis ${axis}`);
  for (let d = 0; d < batchDims; d++) if (p.shape[d] !== indShape[d]) throw new RangeError(`GATHER: batch dimension ${d} differs`);
  const batch = sizeOf(p.shape.slice(0, batchDims));
  const outer = sizeOf(p.shape.slice(batchDims, axis));
  const dim = p.shape[axis]!;
  const inner = sizeOf(p.shape.slice(axis + 1));
  const perBatch = sizeOf(indShape.slice(batchDims));
  const shape = [...p.shape.slice(0, axis), ...indShape.slice(batchDims), ...p.shape.slice(axis + 1)];
  const out = allocArray(p.dtype, sizeOf(shape));
  let w = 0;
  for (let b = 0; b < batch; b++) {
    for (let a = 0; a < outer; a++) {
      for (let k = 0; k < perBatch; k++) {
        const i = ind[b * perBatch + k]!;
        if (i < 0 || i >= dim) throw new RangeError(`GATHER: index ${i} out of range [0, ${dim})`);
        copyBlock(out, w, p.data, ((b * outer + a) * dim + i) * inner, inner);
        w += inner;
      }
    }
  }
  return [outputOf(node, 0, shape, out)];
}

registerCpuKernel('GATHER', 'any', gather);

registerCpuKernel('GATHER_ND', 'any', (node, inputs) => {
  const p = req(node, inputs, 0);
  checkSameQuantization(node, p);
  const it = req(node, inputs, 1);
  const ind = toInts(it);
  const k = it.shape[it.shape.length - 1] ?? 0;
  if (k > p.shape.length) throw new RangeError(`GATHER_ND: index depth ${k} > params rank ${p.shape.length}`);
  const count = sizeOf(it.shape.slice(0, -1));
  const inner = sizeOf(p.shape.slice(k));
  const str = stridesOf(p.shape);
  const shape = [...it.shape.slice(0, -1), ...p.shape.slice(k)];
  const out = allocArray(p.dtype, sizeOf(shape));
  for (let c = 0; c < count; c++) {
    let off = 0;
    for (let d = 0; d < k; d++) {
      const i = ind[c * k + d]!;
      if (i < 0 || i >= p.shape[d]!) throw new RangeError(`GATHER_ND: index ${i} out of range [0, ${p.shape[d]})`);
      off += i * str[d]!;
    }
    copyBlock(out, c * inner, p.data, off, inner);
  }
  return [outputOf(node, 0, shape, out)];
});
