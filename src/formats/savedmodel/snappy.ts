/**
 * Snappy decompression (raw block format, github.com/google/snappy format_description.txt), for the table blocks
 * TensorFlow writes compressed: TF's table builder uses snappy by default and keeps a block compressed when that
 * saves at least 1/8 of it, so small `variables.index` files (e.g. TF 1.x checkpoints) often have snappy blocks.
 *
 * Format: varint32 uncompressed length, then elements by the low 2 bits of a tag byte:
 * 00 literal (length-1 in the upper 6 bits, or 60..63 → length-1 in the next 1..4 bytes LE), 01 copy with
 * length 4..11 and an 11-bit offset, 10 copy with length 1..64 and a 16-bit LE offset, 11 the same with a 32-bit
 * offset. Copies may overlap their output (offset < length repeats a pattern).
 */
import { FormatError } from '../../errors.ts';

/** Decompresses `src`; every inconsistency is a FormatError naming `file` at `origin` (the block's offset). */
export function snappyDecompress(src: Uint8Array, file: string, origin: number): Uint8Array {
  const fail = (what: string): never => {
    throw new FormatError(file, `corrupt snappy block: ${what}`, origin);
  };
  let pos = 0;
  let length = 0;
  for (let shift = 0; ; shift += 7) {
    if (pos >= src.length || shift > 28) fail('bad length header');
    const b = src[pos++]!;
    length += (b & 0x7f) * 2 ** shift;
    if (!(b & 0x80)) break;
  }
  // No element expands more than 64 bytes from 3 (a 2-byte-offset copy), so a longer claim is corrupt.
  if (length > src.length * 22 + 64) fail(`claims ${length} bytes from ${src.length}`);
  const out = new Uint8Array(length);
  let o = 0;
  const le = (n: number): number => {
    if (pos + n > src.length) fail('truncated element');
    let v = 0;
    for (let i = 0; i < n; i++) v += src[pos + i]! * 2 ** (8 * i);
    pos += n;
    return v;
  };
  while (pos < src.length) {
    const tag = src[pos++]!;
    const kind = tag & 3;
    if (kind === 0) {
      let len = tag >>> 2;
      len = len < 60 ? len + 1 : le(len - 59) + 1;
      if (pos + len > src.length || o + len > length) fail('literal overruns');
      out.set(src.subarray(pos, pos + len), o);
      pos += len;
      o += len;
      continue;
    }
    let len: number, offset: number;
    if (kind === 1) {
      len = ((tag >>> 2) & 7) + 4;
      offset = ((tag >>> 5) << 8) | le(1);
    } else {
      len = (tag >>> 2) + 1;
      offset = le(kind === 2 ? 2 : 4);
    }
    if (offset === 0 || offset > o || o + len > length) fail('copy out of range');
    for (let i = 0; i < len; i++, o++) out[o] = out[o - offset]!;
  }
  if (o !== length) fail(`decoded ${o} of ${length} bytes`);
  return out;
}
