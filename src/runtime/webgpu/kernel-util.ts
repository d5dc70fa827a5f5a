/**
 * Helpers kernel descriptors share: packing a uniform block, and folding a 1-D workgroup count into the
 * 65535-per-dimension dispatch limit.
 */
import type { Dispatch } from './kernel.ts';

/** Packs u32/f32 fields into a uniform block padded to 16 bytes. */
export function uniformBlock(fields: ReadonlyArray<{ u32: number } | { f32: number }>): ArrayBuffer {
  const words = Math.max(4, Math.ceil(fields.length / 4) * 4);
  const buf = new ArrayBuffer(words * 4);
  const view = new DataView(buf);
  fields.forEach((f, i) => {
    if ('u32' in f) view.setUint32(i * 4, f.u32 >>> 0, true);
    else view.setFloat32(i * 4, f.f32, true);
  });
  return buf;
}

/** Workgroup counts for `count` items, `perGroup` per workgroup, folded into (x, y) so x stays ≤ maxPerDim. */
export function grid1d(count: number, perGroup: number, maxPerDim = 65535): Dispatch {
  const groups = Math.max(1, Math.ceil(count / perGroup));
  if (groups <= maxPerDim) return [groups, 1, 1];
  const y = Math.ceil(groups / maxPerDim);
  return [Math.ceil(groups / y), y, 1];
}
