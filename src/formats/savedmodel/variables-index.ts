/**
 * Reader for `variables.index`, the index of a TensorFlow checkpoint (tensor bundle). It is not a protobuf but a
 * TensorFlow table (tsl/lib/io/table_format.h, LevelDB's SSTable format):
 *
 * - the file ends with a 48-byte footer: the metaindex block handle and the index block handle (each a handle =
 *   varint64 offset + varint64 size), zero padding to 40 bytes, then the magic 0xdb4775248b80fb57 (fixed64 LE);
 * - every block is followed by a 5-byte trailer: 1 byte compression type (0 = none, 1 = snappy) and the masked
 *   CRC-32C (fixed32 LE) of the stored (compressed) block contents plus that type byte. TensorFlow's writer uses
 *   snappy by default and keeps a block compressed when that saves 1/8 of it, so both kinds occur (`snappy.ts`);
 * - a block is a run of entries `varint32 shared, varint32 non_shared, varint32 value_length, key[shared..],
 *   value`, where each key shares `shared` leading bytes with the previous key, followed by the restart array
 *   (fixed32 offsets of entries with shared = 0) and its fixed32 length;
 * - the index block maps the last key of each data block to that block's handle; keys are sorted bytewise.
 *
 * In a tensor bundle, key "" holds a BundleHeaderProto (num_shards, endianness, version) and every other key (the
 * checkpoint name of a tensor) a BundleEntryProto (dtype, shape, shard_id, offset, size, masked crc32c, slices).
 * Keys of partitioned-variable slices start with a NUL byte.
 */
import { FormatError } from '../../errors.ts';
import { crc32c, crc32cExtend, unmaskCrc } from './crc32c.ts';
import { snappyDecompress } from './snappy.ts';
import { tensorflow } from './generated/tf-protos.js';
import { decodeProto, int64ToNumber, shapeOf } from './tf-proto.ts';

const FOOTER = 48;
const MAGIC_LO = 0x8b80fb57;
const MAGIC_HI = 0xdb477524;

/** A little-endian cursor that reports overruns as FormatErrors naming the file and offset. */
export class ByteCursor {
  constructor(readonly bytes: Uint8Array, readonly file: string, public pos = 0, readonly end = bytes.length,
    /** File offset of `bytes[0]`, for messages. */
    readonly origin = 0) {}
  fail(detail: string, at = this.pos): never {
    throw new FormatError(this.file, detail, this.origin + at);
  }
  /** Unsigned LEB128 varint (up to 64 bits), as a number; values above 2^53 are rejected. */
  varint(): number {
    let result = 0, scale = 1;
    const start = this.pos;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) this.fail('truncated varint', start);
      const b = this.bytes[this.pos++]!;
      result += (b & 0x7f) * scale;
      if (!(b & 0x80)) {
        if (!Number.isSafeInteger(result)) this.fail('varint too large', start);
        return result;
      }
      scale *= 128;
    }
    return this.fail('varint longer than 10 bytes', start);
  }
  u32(): number {
    if (this.pos + 4 > this.end) this.fail('truncated fixed32');
    const b = this.bytes, p = this.pos;
    this.pos += 4;
    return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
  }
  take(n: number): Uint8Array {
    if (n < 0 || this.pos + n > this.end) this.fail(`${n} bytes needed, ${this.end - this.pos} left`);
    const s = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return s;
  }
}

export interface BlockHandle { offset: number; size: number }

function readHandle(c: ByteCursor): BlockHandle {
  return { offset: c.varint(), size: c.varint() };
}

/** A block's contents (decompressed if need be), after checking its trailer: the CRC, then the compression type. */
function readBlock(bytes: Uint8Array, h: BlockHandle, file: string, what: string): Uint8Array {
  const limit = bytes.length - FOOTER;
  if (h.offset + h.size + 5 > limit) throw new FormatError(file, `${what} block [${h.offset}, +${h.size}] lies outside the file`, h.offset);
  const contents = bytes.subarray(h.offset, h.offset + h.size);
  const type = bytes[h.offset + h.size]!;
  const t = h.offset + h.size + 1;
  const stored = (bytes[t]! | (bytes[t + 1]! << 8) | (bytes[t + 2]! << 16) | (bytes[t + 3]! << 24)) >>> 0;
  const actual = crc32cExtend(crc32c(contents), new Uint8Array([type]));
  if (unmaskCrc(stored) !== actual) throw new FormatError(file, `${what} block checksum mismatch (corrupt file)`, h.offset);
  if (type === 0) return contents;
  if (type === 1) return snappyDecompress(contents, file, h.offset);
  throw new FormatError(file, `unknown block compression type ${type}`, h.offset);
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/**
 * Entries of one block's contents, with full keys; validates prefixes, bounds and restart points. `origin` is the
 * block's file offset, for messages.
 */
function blockEntries(block: Uint8Array, origin: number, file: string): [Uint8Array, Uint8Array][] {
  const end = block.length;
  if (end < 4) throw new FormatError(file, 'block shorter than its restart count', origin);
  const c = new ByteCursor(block, file, end - 4, end, origin);
  const numRestarts = c.u32();
  const restartsAt = end - 4 - 4 * numRestarts;
  if (restartsAt < 0) c.fail(`block claims ${numRestarts} restart points, too many for its size`, end - 4);
  c.pos = restartsAt;
  const restarts = new Set<number>();
  for (let i = 0; i < numRestarts; i++) {
    const r = c.u32();
    if (r >= restartsAt) c.fail(`restart point ${r} outside the block`, c.pos - 4);
    restarts.add(r);
  }

  const out: [Uint8Array, Uint8Array][] = [];
  const body = new ByteCursor(block, file, 0, restartsAt, origin);
  let prev = new Uint8Array(0);
  while (body.pos < restartsAt) {
    const at = body.pos;
    const shared = body.varint(), nonShared = body.varint(), valueLength = body.varint();
    if (shared > prev.length) body.fail(`entry shares ${shared} key bytes, the previous key has ${prev.length}`, at);
    if (restarts.has(at) && shared !== 0) body.fail('restart entry with a shared key prefix', at);
    const key = new Uint8Array(shared + nonShared);
    key.set(prev.subarray(0, shared));
    key.set(body.take(nonShared), shared);
    out.push([key, body.take(valueLength)]);
    prev = key;
  }
  return out;
}

/** Every (key, value) of a TensorFlow table, in key order. Keys must be strictly increasing. */
export function readTable(bytes: Uint8Array, file: string): [Uint8Array, Uint8Array][] {
  if (bytes.length < FOOTER) throw new FormatError(file, `${bytes.length} bytes, shorter than a table footer (${FOOTER})`);
  const foot = new ByteCursor(bytes, file, bytes.length - FOOTER);
  const meta = readHandle(foot);
  const index = readHandle(foot);
  // TF zero-fills the footer after the two handles (LevelDB does not check it; a non-zero byte means damage).
  for (let p = foot.pos; p < bytes.length - 8; p++) if (bytes[p] !== 0) foot.fail('non-zero footer padding', p);
  foot.pos = bytes.length - 8;
  if (foot.u32() !== MAGIC_LO || foot.u32() !== MAGIC_HI) throw new FormatError(file, 'not a TensorFlow table (bad magic number)', bytes.length - 8);
  readBlock(bytes, meta, file, 'metaindex');
  const out: [Uint8Array, Uint8Array][] = [];
  for (const [, handleBytes] of blockEntries(readBlock(bytes, index, file, 'index'), index.offset, file)) {
    const h = readHandle(new ByteCursor(handleBytes, file, 0, handleBytes.length, index.offset));
    for (const kv of blockEntries(readBlock(bytes, h, file, 'data'), h.offset, file)) {
      const last = out[out.length - 1];
      if (last && compareBytes(last[0], kv[0]) >= 0) throw new FormatError(file, 'table keys out of order', h.offset);
      out.push(kv);
    }
  }
  return out;
}

export interface BundleEntry {
  key: string;
  /** TF DataType value. */
  dtype: number;
  /** Dims, or null when the entry has no (known) shape. */
  shape: number[] | null;
  shardId: number;
  offset: number;
  size: number;
  /** Masked CRC-32C of the tensor's bytes, as stored. */
  crc32c: number;
  /** Number of slices; > 0 for a partitioned variable, whose bytes live in slice entries. */
  slices: number;
}

export interface BundleIndex {
  numShards: number;
  entries: Map<string, BundleEntry>;
}

const UTF8 = new TextDecoder();

/** Parses `variables.index`: the bundle header and one entry per checkpoint key (slice keys skipped). */
export function readBundleIndex(bytes: Uint8Array, file: string): BundleIndex {
  let header: tensorflow.BundleHeaderProto | undefined;
  const entries = new Map<string, BundleEntry>();
  for (const [k, v] of readTable(bytes, file)) {
    if (k.length === 0) {
      header = decodeProto((b) => tensorflow.BundleHeaderProto.decode(b), v, file, 'BundleHeaderProto');
      continue;
    }
    if (k[0] === 0) continue; // slice of a partitioned variable (keys built by EncodeTensorNameSlice)
    const key = UTF8.decode(k);
    const e = decodeProto((b) => tensorflow.BundleEntryProto.decode(b), v, file, `BundleEntryProto for "${key}"`);
    const entry: BundleEntry = {
      key, dtype: e.dtype ?? 0, shape: shapeOf(e.shape), shardId: e.shardId ?? 0, offset: int64ToNumber(e.offset),
      size: int64ToNumber(e.size), crc32c: (e.crc32c ?? 0) >>> 0, slices: (e.slices ?? []).length,
    };
    if (entry.offset < 0 || entry.size < 0 || entry.shardId < 0) throw new FormatError(file, `entry "${key}" has a negative offset, size or shard`);
    entries.set(key, entry);
  }
  if (!header) throw new FormatError(file, 'no bundle header (key "") — not a tensor bundle index');
  const numShards = header.numShards ?? 0;
  if (numShards < 1 || numShards > 100_000) throw new FormatError(file, `invalid shard count ${numShards}`);
  if (header.endianness === 1) throw new FormatError(file, 'big-endian checkpoints are not supported');
  for (const e of entries.values()) {
    if (e.slices === 0 && e.shardId >= numShards) throw new FormatError(file, `entry "${e.key}" is in shard ${e.shardId} of ${numShards}`);
  }
  return { numShards, entries };
}
