/**
 * A minimal TensorFlow-table writer for tests (the inverse of `variables-index.ts`): uncompressed blocks with
 * prefix-compressed keys and a restart point every `restartInterval` entries, one index block, an empty metaindex
 * block and the 48-byte footer. Also a tiny protobuf encoder for BundleHeaderProto / BundleEntryProto values.
 */
import { crc32c, crc32cExtend, maskCrc } from '../../../src/formats/savedmodel/crc32c.ts';

export function varint(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) b |= 0x80;
    out.push(b);
  } while (n > 0);
  return out;
}

const u32 = (n: number): number[] => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];

function block(entries: [Uint8Array, Uint8Array][], restartInterval: number): number[] {
  const out: number[] = [];
  const restarts: number[] = [];
  let prev: Uint8Array = new Uint8Array(0);
  entries.forEach(([k, v], i) => {
    let shared = 0;
    if (i % restartInterval === 0) restarts.push(out.length);
    else while (shared < prev.length && shared < k.length && prev[shared] === k[shared]) shared++;
    out.push(...varint(shared), ...varint(k.length - shared), ...varint(v.length), ...k.subarray(shared), ...v);
    prev = k;
  });
  if (!restarts.length) restarts.push(0);
  for (const r of restarts) out.push(...u32(r));
  out.push(...u32(restarts.length));
  return out;
}

export interface TableOptions {
  blockEntries?: number;
  restartInterval?: number;
  /** Trailer type byte to write (the contents stay uncompressed). */
  compressionType?: number;
  /** Store every block snappy-compressed (literal-only encoding), type 1. */
  snappy?: boolean;
}

/** Snappy encoding with literals only (valid, never smaller): varint length, then ≤ 60-byte literal runs. */
export function snappyLiterals(data: number[]): number[] {
  const out = varint(data.length);
  for (let i = 0; i < data.length; i += 60) {
    const run = data.slice(i, i + 60);
    out.push((run.length - 1) << 2, ...run);
  }
  return out;
}

/** Writes a table of `entries` (sorted by key by the caller). */
export function writeTable(entries: [string | Uint8Array, Uint8Array][], opts: TableOptions = {}): Uint8Array {
  const enc = new TextEncoder();
  const kv = entries.map(([k, v]) => [typeof k === 'string' ? enc.encode(k) : k, v] as [Uint8Array, Uint8Array]);
  const per = opts.blockEntries ?? 3, interval = opts.restartInterval ?? 2;
  const file: number[] = [];
  const put = (raw: number[]): [number, number] => {
    const offset = file.length;
    const contents = opts.snappy ? snappyLiterals(raw) : raw;
    const type = opts.snappy ? 1 : opts.compressionType ?? 0;
    const crc = maskCrc(crc32cExtend(crc32c(new Uint8Array(contents)), new Uint8Array([type])));
    file.push(...contents, type, ...u32(crc));
    return [offset, contents.length];
  };
  const index: [Uint8Array, Uint8Array][] = [];
  for (let i = 0; i < kv.length; i += per) {
    const chunk = kv.slice(i, i + per);
    const [off, size] = put(block(chunk, interval));
    index.push([chunk[chunk.length - 1]![0], new Uint8Array([...varint(off), ...varint(size)])]);
  }
  const meta = put(block([], interval));
  const idx = put(block(index, 1));
  const footer = [...varint(meta[0]), ...varint(meta[1]), ...varint(idx[0]), ...varint(idx[1])];
  while (footer.length < 40) footer.push(0);
  footer.push(...u32(0x8b80fb57), ...u32(0xdb477524));
  file.push(...footer);
  return new Uint8Array(file);
}

/** Protobuf field encoders, enough for bundle protos. */
export const pb = {
  varintField: (field: number, v: number): number[] => [...varint(field << 3), ...varint(v)],
  bytesField: (field: number, b: number[] | Uint8Array): number[] => [...varint((field << 3) | 2), ...varint(b.length), ...b],
  fixed32Field: (field: number, v: number): number[] => [...varint((field << 3) | 5), ...u32(v)],
};

/** A BundleEntryProto: dtype, shape dims, shard, offset, size, masked crc, and `slices` empty slice messages. */
export function bundleEntry(e: { dtype: number; dims: number[]; shard?: number; offset: number; size: number; crc: number; slices?: number }): Uint8Array {
  const shape = e.dims.flatMap((d) => pb.bytesField(2, pb.varintField(1, d)));
  return new Uint8Array([
    ...pb.varintField(1, e.dtype), ...pb.bytesField(2, shape), ...(e.shard ? pb.varintField(3, e.shard) : []),
    ...pb.varintField(4, e.offset), ...pb.varintField(5, e.size), ...pb.fixed32Field(6, e.crc),
    ...Array.from({ length: e.slices ?? 0 }).flatMap(() => pb.bytesField(7, [])),
  ]);
}

export const bundleHeader = (numShards: number, endianness = 0): Uint8Array =>
  new Uint8Array([...pb.varintField(1, numShards), ...(endianness ? pb.varintField(2, endianness) : [])]);
