/**
 * Reads tensors from a TensorFlow checkpoint (tensor bundle): `<prefix>.index` (see `variables-index.ts`) plus the
 * data shards `<prefix>.data-NNNNN-of-MMMMM` (5-digit, zero-padded shard id and count).
 *
 * Format facts relied on (tensorflow/core/util/tensor_bundle/tensor_bundle.cc):
 * - an entry's bytes are `size` bytes at `offset` in shard `shard_id`; `crc32c` is the masked CRC-32C of exactly
 *   those bytes (checked here for every entry when the checkpoint is opened, like TF does when it reads one);
 * - numeric tensors are the raw little-endian row-major array;
 * - DT_STRING tensors are `varint64 length` × N, a fixed32 masked CRC-32C of the lengths (each taken as a
 *   little-endian uint32, checked on every fixture from TF 2.0 to 2.14), then the N strings' bytes back to back;
 *   the entry CRC covers the lengths (as uint32s), that checksum and the bytes;
 * - an entry with `slices` is a partitioned variable whose pieces live under other keys: not supported here.
 */
import { FormatError } from '../../errors.ts';
import { DTYPE_BYTES, type DType } from '../../ir/dtype.ts';
import { displayPath, type ModelFiles } from '../model-source.ts';
import { crc32c, crc32cExtend, maskCrc, unmaskCrc } from './crc32c.ts';
import { elementCount, encodeStrings, requireDtype } from './tf-proto.ts';
import { ByteCursor, readBundleIndex, type BundleEntry, type BundleIndex } from './variables-index.ts';

export interface CheckpointTensor {
  key: string;
  dtype: DType;
  shape: number[];
  /** Raw little-endian contents; for strings TFLite's string buffer layout. */
  data: Uint8Array;
}

const pad5 = (n: number): string => String(n).padStart(5, '0');

export class Checkpoint {
  private readonly shards = new Map<number, Promise<Uint8Array>>();

  private constructor(
    private readonly files: ModelFiles,
    readonly prefix: string,
    readonly index: BundleIndex,
    /** Display name of the index file, for messages. */
    readonly indexFile: string,
  ) {}

  /** Opens `<prefix>.index`; null when the model has no such file (a SavedModel without variables). */
  static async open(files: ModelFiles, prefix = 'variables/variables'): Promise<Checkpoint | null> {
    const path = `${prefix}.index`;
    if (!files.list().includes(path)) return null;
    const indexFile = displayPath(files, path);
    const index = readBundleIndex(await files.read(path), indexFile);
    return new Checkpoint(files, prefix, index, indexFile);
  }

  keys(): string[] {
    return [...this.index.entries.keys()];
  }

  has(key: string): boolean {
    return this.index.entries.has(key);
  }

  shardPath(id: number): string {
    return `${this.prefix}.data-${pad5(id)}-of-${pad5(this.index.numShards)}`;
  }

  private shard(id: number): Promise<Uint8Array> {
    let p = this.shards.get(id);
    if (!p) {
      const path = this.shardPath(id);
      p = this.files.list().includes(path)
        ? this.files.read(path)
        : Promise.reject(new FormatError(displayPath(this.files, path), `missing checkpoint data shard (${this.index.numShards} expected)`));
      this.shards.set(id, p);
    }
    return p;
  }

  private entry(key: string): BundleEntry {
    const e = this.index.entries.get(key);
    if (!e) throw new FormatError(this.indexFile, `no checkpoint entry "${key}"`);
    if (e.slices > 0) throw new FormatError(this.indexFile, `variable "${key}" is partitioned into ${e.slices} slices, which is not supported`);
    return e;
  }

  /** The bytes of an entry, after checking their range and CRC (strings: see `strings`). */
  private async bytes(e: BundleEntry): Promise<Uint8Array> {
    const shard = await this.shard(e.shardId);
    const file = this.dataFile(e.key);
    if (e.offset + e.size > shard.length) {
      throw new FormatError(file, `tensor "${e.key}" [${e.offset}, +${e.size}] lies beyond the end of the shard (${shard.length} bytes)`, e.offset);
    }
    const bytes = shard.subarray(e.offset, e.offset + e.size);
    if (e.dtype === 7) {
      this.strings(e, bytes);
    } else if (crc32c(bytes) !== unmaskCrc(e.crc32c)) {
      throw new FormatError(file, `checksum mismatch for tensor "${e.key}" (corrupt data)`, e.offset);
    }
    return bytes;
  }

  /** Display name of the data shard holding `key`. */
  dataFile(key: string): string {
    return displayPath(this.files, this.shardPath(this.index.entries.get(key)?.shardId ?? 0));
  }

  /** Checks the CRC of every (unsliced) entry, so a damaged data file is reported even where no op reads it. */
  async verifyAll(): Promise<void> {
    for (const e of this.index.entries.values()) if (e.slices === 0) await this.bytes(e);
  }

  /** One tensor, decoded. */
  async read(key: string): Promise<CheckpointTensor> {
    const e = this.entry(key);
    const where = `checkpoint entry ${key}`;
    const dtype = requireDtype(e.dtype, this.indexFile, where);
    if (!e.shape || e.shape.some((d) => d < 0)) throw new FormatError(this.indexFile, 'entry without a full shape', undefined, where);
    const n = elementCount(e.shape, this.indexFile, where);
    const bytes = await this.bytes(e);
    if (dtype === 'string') return { key, dtype, shape: e.shape, data: encodeStrings(this.strings(e, bytes)) };
    const per = DTYPE_BYTES[dtype];
    if (per < 1) throw new FormatError(this.indexFile, `dtype ${dtype} cannot be read from a checkpoint`, undefined, where);
    if (e.size !== n * per) {
      throw new FormatError(this.indexFile, `${e.size} bytes for shape [${e.shape.join(',')}] of ${dtype} (${n * per} expected)`, undefined, where);
    }
    return { key, dtype, shape: e.shape, data: bytes.slice() };
  }

  /** The elements of a DT_STRING entry. */
  async readStrings(key: string): Promise<Uint8Array[]> {
    const e = this.entry(key);
    if (e.dtype !== 7) throw new FormatError(this.indexFile, `checkpoint entry "${key}" is not a string tensor`);
    return this.strings(e, await this.bytes(e));
  }

  /**
   * Parses and checks a DT_STRING entry. TF's CRC covers each length as a little-endian uint32 (not its varint
   * bytes), then the stored 4-byte masked checksum of those lengths, then the string bytes.
   */
  private strings(e: BundleEntry, bytes: Uint8Array): Uint8Array[] {
    const file = this.dataFile(e.key);
    const n = elementCount(e.shape ?? [], this.indexFile, `checkpoint entry ${e.key}`);
    const c = new ByteCursor(bytes, file, 0, bytes.length, e.offset);
    const lengths: number[] = [];
    let crc = 0;
    const u32 = new Uint8Array(4);
    const dv = new DataView(u32.buffer);
    for (let i = 0; i < n; i++) {
      const len = c.varint();
      if (len > 0xffffffff) c.fail(`string of ${len} bytes in "${e.key}"`);
      lengths.push(len);
      dv.setUint32(0, len, true);
      crc = crc32cExtend(crc, u32);
    }
    const stored = c.take(4);
    if (new DataView(stored.buffer, stored.byteOffset, 4).getUint32(0, true) !== maskCrc(crc)) {
      c.fail(`string lengths checksum mismatch in "${e.key}" (corrupt data)`, c.pos - 4);
    }
    crc = crc32cExtend(crc, stored);
    const out = lengths.map((len) => c.take(len));
    for (const s of out) crc = crc32cExtend(crc, s);
    if (c.pos !== bytes.length) c.fail(`${bytes.length - c.pos} stray bytes after the strings of "${e.key}"`);
    if (crc !== unmaskCrc(e.crc32c)) c.fail(`checksum mismatch for tensor "${e.key}" (corrupt data)`, 0);
    return out.map((s) => s.slice());
  }
}
