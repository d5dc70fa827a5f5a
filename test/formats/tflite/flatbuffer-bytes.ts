/**
 * Test helpers for the flatbuffers verifier tests: the fixture .tflite files, raw little-endian reads and writes,
 * navigation to a field's bytes by schema name (via the generated layout), and a bounds-checking ByteBuffer for the
 * flatc-generated accessors (any read outside the bytes throws instead of silently yielding undefined/NaN).
 */
import fs from 'node:fs';
import path from 'node:path';
import * as flatbuffers from 'flatbuffers';
import { tfliteLayout } from '../../../src/formats/tflite/generated/layout.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** Every fixture .tflite (multi_add.bin is one too), repo-relative, sorted. */
export function fixtureTflites(): string[] {
  const dir = path.join(ROOT, 'test/fixtures');
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.tflite') || f.endsWith('multi_add.bin'))
    .map((f) => path.join('test/fixtures', f))
    .sort();
}

export function readFixture(rel: string): Uint8Array {
  return new Uint8Array(fs.readFileSync(path.join(ROOT, rel)));
}

const dv = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
export const u16 = (b: Uint8Array, at: number) => dv(b).getUint16(at, true);
export const u32 = (b: Uint8Array, at: number) => dv(b).getUint32(at, true);
export const setU32 = (b: Uint8Array, at: number, v: number) => dv(b).setUint32(at, v >>> 0, true);
export const setU16 = (b: Uint8Array, at: number, v: number) => dv(b).setUint16(at, v, true);

/** vtable slot of `table.field` in the TFLite schema. */
export function slotOf(table: string, field: string): number {
  const i = tfliteLayout.tables[table]?.findIndex((f) => f.name === field) ?? -1;
  if (i < 0) throw new Error(`no ${table}.${field}`);
  return i;
}

/** Position of the root table. */
export const rootTable = (b: Uint8Array) => u32(b, 0);
/** Position of the vtable of the table at `table`. */
export const vtableOf = (b: Uint8Array, table: number) => table - dv(b).getInt32(table, true);

/** Absolute position of `table.field`'s inline bytes in the table at `pos`, or throws if absent. */
export function fieldAt(b: Uint8Array, pos: number, table: string, field: string): number {
  const slot = slotOf(table, field);
  const vt = vtableOf(b, pos);
  const vo = 4 + 2 * slot < u16(b, vt) ? u16(b, vt + 4 + 2 * slot) : 0;
  if (!vo) throw new Error(`${table}.${field} absent at ${pos}`);
  return pos + vo;
}

/** Follows the uoffset at `at`. */
export const deref = (b: Uint8Array, at: number) => at + u32(b, at);

/** Position of element `i`'s target in the vector of tables/strings at `vec`. */
export const elementAt = (b: Uint8Array, vec: number, i: number) => deref(b, vec + 4 + 4 * i);

/** A ByteBuffer whose reads throw when they leave the bytes (the stock one returns undefined and reads on). */
export class CheckedByteBuffer extends flatbuffers.ByteBuffer {
  private check(offset: number, n: number): void {
    if (!(offset >= 0 && offset + n <= this.capacity())) throw new RangeError(`read of ${n} bytes at ${offset} outside 0..${this.capacity()}`);
  }
  override readUint8(offset: number): number {
    this.check(offset, 1);
    return super.readUint8(offset);
  }
  override readUint16(offset: number): number {
    this.check(offset, 2);
    return super.readUint16(offset);
  }
  override readInt32(offset: number): number {
    this.check(offset, 4);
    return super.readInt32(offset);
  }
  override __string(offset: number, enc?: flatbuffers.Encoding): string | Uint8Array {
    const start = offset + this.readInt32(offset);
    this.check(start, 4 + this.readInt32(start));
    return super.__string(offset, enc);
  }
}
