/**
 * TF's StridedSlice semantics (tensorflow/core/util/strided_slice_op.cc), shared by folding and shape inference:
 * the sparse spec (begin/end/strides with ellipsis, new-axis and shrink-axis masks; an implicit ellipsis at the end
 * when there is none) becomes a dense spec with one [begin, end, stride) per input dim; masked bounds take the
 * full range, negative bounds count from the end and are clamped to [0, dim] (stride > 0) or [−1, dim − 1]
 * (stride < 0); a shrunk dim takes the single element `begin`. The final shape drops shrunk dims and inserts 1 for
 * new axes. Unknown input dims (−1) give unknown sizes unless shrunk.
 */

export interface SliceMasks {
  beginMask: number;
  endMask: number;
  ellipsisMask: number;
  newAxisMask: number;
  shrinkAxisMask: number;
}

export interface DenseSlice {
  /** Per input dim: first index, stride, and element count (−1 when unknown). */
  begin: number[];
  stride: number[];
  size: number[];
  /** Output shape after shrinking / adding axes. */
  shape: number[];
}

const NEW_AXIS = -1;
const SHRINK = -2;

/** The dense slice of an input of `shape`, or a string saying why the spec is invalid. */
export function denseSlice(shape: readonly number[], begin: readonly number[], end: readonly number[], strides: readonly number[], m: SliceMasks): DenseSlice | string {
  let sparseDims = begin.length;
  if (end.length !== sparseDims || strides.length !== sparseDims) return 'begin, end and strides differ in length';
  let ellipsis = m.ellipsisMask;
  if (!ellipsis) {
    ellipsis = 1 << sparseDims;
    sparseDims++;
  }
  const rank = shape.length;
  const dBegin = new Array<number>(rank).fill(0);
  const dEnd = new Array<number>(rank).fill(0);
  const dStride = new Array<number>(rank).fill(1);
  let bMask = 0;
  let eMask = 0;
  let sMask = 0;
  const gather: number[] = [];
  let ellipsisSeen = false;
  let newAxesAfterEllipsis = 0;
  for (let i = 0; i < sparseDims; i++) {
    if ((1 << i) & ellipsis) ellipsisSeen = true;
    else if (ellipsisSeen && (1 << i) & m.newAxisMask) newAxesAfterEllipsis++;
  }
  let full = 0;
  for (let i = 0; i < sparseDims; i++) {
    const bit = 1 << i;
    if (bit & ellipsis) {
      const next = Math.min(rank - (sparseDims - i) + 1 + newAxesAfterEllipsis, rank);
      for (; full < next; full++) {
        bMask |= 1 << full;
        eMask |= 1 << full;
        gather.push(full);
      }
    } else if (bit & m.newAxisMask) {
      gather.push(NEW_AXIS);
    } else {
      if (full >= rank) return `index ${i} is out of range for an input of rank ${rank}`;
      dBegin[full] = begin[i]!;
      dEnd[full] = end[i]!;
      dStride[full] = strides[i]!;
      if (m.beginMask & bit) bMask |= 1 << full;
      if (m.endMask & bit) eMask |= 1 << full;
      if (m.shrinkAxisMask & bit) {
        sMask |= 1 << full;
        gather.push(SHRINK);
      } else {
        gather.push(full);
      }
      full++;
    }
  }
  const out: DenseSlice = { begin: [], stride: [], size: [], shape: [] };
  for (let i = 0; i < rank; i++) {
    const dim = shape[i]!;
    const stride = dStride[i]!;
    if (stride === 0) return 'a stride is 0';
    const shrink = (sMask >> i) & 1;
    if (shrink) {
      let x = dBegin[i]!;
      if (dim >= 0) {
        if (x < 0) x += dim;
        if (x < 0 || x >= dim) return `shrunk index ${dBegin[i]} is out of range for a dim of ${dim}`;
      } else if (x < 0) {
        x = -1;
      }
      out.begin.push(x);
      out.stride.push(1);
      out.size.push(1);
      continue;
    }
    if (dim < 0) {
      out.begin.push(-1);
      out.stride.push(stride);
      out.size.push(-1);
      continue;
    }
    const canonical = (x: number, masked: boolean, isEnd: boolean): number => {
      if (masked) return stride > 0 ? (isEnd ? dim : 0) : (isEnd ? -1 : dim - 1);
      const fwd = x < 0 ? dim + x : x;
      return stride > 0 ? Math.min(Math.max(fwd, 0), dim) : Math.min(Math.max(fwd, -1), dim - 1);
    };
    const b = canonical(dBegin[i]!, ((bMask >> i) & 1) === 1, false);
    const e = canonical(dEnd[i]!, ((eMask >> i) & 1) === 1, true);
    const len = e - b;
    const size = (len < 0) !== (stride < 0) || len === 0 ? 0 : Math.ceil(len / stride);
    out.begin.push(b);
    out.stride.push(stride);
    out.size.push(size);
  }
  for (const gi of gather) {
    if (gi === NEW_AXIS) out.shape.push(1);
    else if (gi !== SHRINK) out.shape.push(out.size[gi]!);
  }
  return out;
}

/** TF attr names of the masks → SliceMasks (missing = 0). */
export function masksFromAttrs(attrs: Record<string, unknown>): SliceMasks {
  const n = (k: string): number => (typeof attrs[k] === 'number' ? (attrs[k] as number) : 0);
  return { beginMask: n('begin_mask'), endMask: n('end_mask'), ellipsisMask: n('ellipsis_mask'), newAxisMask: n('new_axis_mask'), shrinkAxisMask: n('shrink_axis_mask') };
}
