/**
 * CRC-32C (Castagnoli: reflected polynomial 0x82F63B78, init and final xor 0xFFFFFFFF), table-driven with
 * slicing-by-8, as TensorFlow's `tsl/lib/hash/crc32c` computes it for table blocks and checkpoint tensors.
 *
 * TensorFlow (like LevelDB) stores "masked" CRCs, because a CRC computed over bytes that themselves contain CRCs is
 * weak: mask(c) = rotate_right(c, 15) + 0xa282ead8 (mod 2^32); unmask inverts it.
 */

const POLY = 0x82f63b78;

/** TABLES[k][b]: CRC of byte b followed by k zero bytes (slicing-by-8). */
const TABLES: Uint32Array[] = (() => {
  const t = Array.from({ length: 8 }, () => new Uint32Array(256));
  const t0 = t[0]!;
  for (let b = 0; b < 256; b++) {
    let c = b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
    t0[b] = c >>> 0;
  }
  for (let b = 0; b < 256; b++) {
    let c = t0[b]!;
    for (let k = 1; k < 8; k++) {
      c = t0[c & 0xff]! ^ (c >>> 8);
      t[k]![b] = c >>> 0;
    }
  }
  return t;
})();

/** Continues `crc` (a finished CRC-32C, 0 for none yet) over `data`; `extend(extend(0, a), b) = crc32c(a ‖ b)`. */
export function crc32cExtend(crc: number, data: Uint8Array): number {
  const [t0, t1, t2, t3, t4, t5, t6, t7] = TABLES as [Uint32Array, Uint32Array, Uint32Array, Uint32Array,
    Uint32Array, Uint32Array, Uint32Array, Uint32Array];
  let c = ~crc >>> 0;
  let i = 0;
  const n = data.length;
  const end8 = n - (n % 8);
  for (; i < end8; i += 8) {
    const lo = (c ^ (data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24))) >>> 0;
    c = t7[lo & 0xff]! ^ t6[(lo >>> 8) & 0xff]! ^ t5[(lo >>> 16) & 0xff]! ^ t4[lo >>> 24]! ^
      t3[data[i + 4]!]! ^ t2[data[i + 5]!]! ^ t1[data[i + 6]!]! ^ t0[data[i + 7]!]!;
  }
  for (; i < n; i++) c = t0[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

/** CRC-32C of `data`. */
export function crc32c(data: Uint8Array): number {
  return crc32cExtend(0, data);
}

const MASK_DELTA = 0xa282ead8;

/** TensorFlow's stored form of a CRC. */
export function maskCrc(crc: number): number {
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + MASK_DELTA) >>> 0;
}

export function unmaskCrc(masked: number): number {
  const rot = (masked - MASK_DELTA) >>> 0;
  return ((rot >>> 17) | (rot << 15)) >>> 0;
}
