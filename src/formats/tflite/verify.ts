/**
 * Flatbuffers verifier for `.tflite` files: the checks of flatbuffers' C++ `Verifier` + TFLite's `VerifyModelBuffer`,
 * driven by the layout descriptor generated from the official schema (`generated/layout.ts`, made by
 * scripts/gen-tflite-layout.mjs). The flatc-generated TypeScript accessors do no bounds checking, so the reader calls
 * `verifyTflite` first: a truncated or damaged file becomes one `FormatError` naming the file, the byte offset and the
 * field path at fault (e.g. `Model.subgraphs[0].tensors[12].shape`) instead of garbage, a crash, a hang or an OOM.
 *
 * Checks, as flatbuffers does them (all offsets relative to the start of `bytes`):
 * - buffer: at least 12 bytes (FLATBUFFERS_MIN_BUFFER_SIZE), file identifier `TFL3` at bytes 4..8, root uoffset
 *   non-zero, non-negative as int32 and in bounds;
 * - table: 4-aligned soffset in bounds; vtable in bounds and 2-aligned, its size even; each table visited counts
 *   against `maxDepth` (nesting, default 64) and `maxTables` (total, default 1,000,000);
 * - each present field: aligned to its size (structs: their alignment) and inside the buffer; uoffsets to strings,
 *   vectors and tables non-zero, < 2^31, in bounds; vectors: 4-aligned length, length × element size < 2^31 and in
 *   bounds; strings: terminating 0 byte in bounds; union with a known type code: member table verified; an unknown
 *   type code is accepted, as flatbuffers does for forward compatibility (the generated `unionTo…` returns null);
 *   vectors of unions: type and value vectors both present or both absent, same length; `required` fields present.
 * - deprecated fields are skipped, as flatc's generated `Verify()` does (the TS accessors never read them).
 *
 * Stricter than C++, because the JS runtime reads vtable entries as *signed* int16 and would otherwise follow a
 * voffset ≥ 0x8000 backwards: vtable size ≥ 4 and < 0x8000, the table's inline size (vtable[1]) ≥ 4 and in bounds,
 * and each field's bytes in the table's inline size past the soffset. Members of deprecated union entries are
 * verified like any other (the TS code still unpacks them).
 *
 * TFLite extensions: `Buffer.offset/size` and `Operator.large_custom_options_offset/size` locate data after the
 * flatbuffer (models > 2 GB); when the offset is > 1, offset + size must be ≤ the file length. The flatbuffer itself
 * must lie in the first 2^31 − 2 bytes (int32 offsets); a longer input is verified over that prefix.
 *
 * Cost: O(tables + fields + vector-of-table/string elements); buffer data is never scanned byte by byte.
 */
import { FormatError } from '../../errors.ts';
import type { FieldLayout, SchemaLayout, ValueLayout } from './generated/layout.ts';
import { tfliteLayout } from './generated/layout.ts';

export interface VerifyOptions {
  /** Maximum nesting of tables (flatbuffers `max_depth`, default 64). */
  maxDepth?: number;
  /** Maximum number of tables visited, shared ones counted each time (flatbuffers `max_tables`, default 1,000,000). */
  maxTables?: number;
}

/** Verifies a `.tflite` flatbuffer; throws `FormatError(file, what, offset, fieldPath)` on the first problem. */
export function verifyTflite(bytes: Uint8Array, file: string, options: VerifyOptions = {}): void {
  verifyFlatbuffer(bytes, file, tfliteLayout, options, TFLITE_EXTERNAL_RANGES);
}

/** Verifies any flatbuffer described by a generated layout (e.g. `conversionMetadataLayout`). */
export function verifyFlatbuffer(bytes: Uint8Array, file: string, layout: SchemaLayout, options: VerifyOptions = {},
  externalRanges: Readonly<Record<string, readonly (readonly [string, string])[]>> = {}): void {
  const v = new Verifier(bytes, file, compile(layout, externalRanges), options);
  v.verifyRoot(layout.fileIdentifier);
}

/** TFLite: (offset, size) ulong field pairs that locate data outside the flatbuffer, valid when offset > 1. */
const TFLITE_EXTERNAL_RANGES = {
  Buffer: [['offset', 'size']],
  Operator: [['large_custom_options_offset', 'large_custom_options_size']],
} as const;

/** flatbuffers' FLATBUFFERS_MAX_BUFFER_SIZE (2^31 − 1); a verified buffer is strictly smaller. */
const MAX_SIZE = 0x7fffffff;
const MIN_BUFFER_SIZE = 12;

// Slot kinds, compiled from the layout for a switch on small integers.
const SCALAR = 0, STRUCT = 1, STRING = 2, TABLE = 3, UNION = 4;
const VECTOR = 8; // | element kind

interface Slot {
  name: string;
  code: number;
  /** Inline size in the table (scalar/struct size, else 4). */
  size: number;
  /** Alignment in the table. */
  align: number;
  /** Element size for vectors. */
  elemSize: number;
  required: boolean;
  table?: Table;
  union?: (Table | null)[];
}
interface Table {
  name: string;
  slots: (Slot | null)[];
  /** Slot indices of (offset, size) pairs checked against the file length, and the offset field's name. */
  external: [number, number, string][];
}

const cache = new WeakMap<SchemaLayout, Table>();

/** Resolves names to objects once per layout; returns the root table. */
function compile(layout: SchemaLayout, externalRanges: Readonly<Record<string, readonly (readonly [string, string])[]>>): Table {
  const hit = cache.get(layout);
  if (hit) return hit;
  const tables = new Map<string, Table>();
  for (const name of Object.keys(layout.tables)) tables.set(name, { name, slots: [], external: [] });
  const tableRef = (name: string): Table => {
    const t = tables.get(name);
    if (!t) throw new Error(`layout: unknown table ${name}`);
    return t;
  };
  const value = (v: ValueLayout): Pick<Slot, 'code' | 'size' | 'align' | 'table' | 'union'> => {
    switch (v.kind) {
      case 'scalar': return { code: SCALAR, size: v.size, align: v.size };
      case 'struct': return { code: STRUCT, size: v.size, align: v.align };
      case 'string': return { code: STRING, size: 4, align: 4 };
      case 'table': return { code: TABLE, size: 4, align: 4, table: tableRef(v.table) };
      case 'union': {
        const members = layout.unions[v.union];
        if (!members) throw new Error(`layout: unknown union ${v.union}`);
        return { code: UNION, size: 4, align: 4, union: members.map((m) => (m === null ? null : tableRef(m))) };
      }
    }
  };
  for (const [name, fields] of Object.entries(layout.tables)) {
    const t = tableRef(name);
    t.slots = fields.map((f: FieldLayout): Slot | null => {
      if (f.deprecated) return null;
      const base = { name: f.name, required: f.required === true };
      if (f.kind !== 'vector') return { ...base, ...value(f), elemSize: 0 };
      const e = value(f.elem);
      return { ...base, code: VECTOR | e.code, size: 4, align: 4, elemSize: e.size, table: e.table, union: e.union };
    });
    for (const [off, size] of externalRanges[name] ?? []) {
      const i = fields.findIndex((f) => f.name === off), j = fields.findIndex((f) => f.name === size);
      if (i < 0 || j < 0) throw new Error(`layout: ${name} has no ${off}/${size}`);
      t.external.push([i, j, off]);
    }
  }
  const root = tableRef(layout.rootType);
  cache.set(layout, root);
  return root;
}

class Verifier {
  private readonly dv: DataView;
  /** Size of the flatbuffer region (all flatbuffers checks are against it). */
  private readonly size: number;
  private readonly maxDepth: number;
  private readonly maxTables: number;
  private depth = 0;
  private tables = 0;
  /** Field path: names (strings) and vector indices (numbers), formatted only on failure. */
  private readonly path: (string | number)[] = [];

  constructor(private readonly bytes: Uint8Array, private readonly file: string, private readonly root: Table, options: VerifyOptions) {
    this.dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.size = Math.min(bytes.byteLength, MAX_SIZE - 1);
    this.maxDepth = options.maxDepth ?? 64;
    this.maxTables = options.maxTables ?? 1_000_000;
  }

  private fail(detail: string, offset: number): never {
    let field = '';
    for (const p of this.path) field += typeof p === 'number' ? `[${p}]` : field ? `.${p}` : p;
    throw new FormatError(this.file, detail, offset, field || undefined);
  }

  /** flatbuffers `Verify(elem, len)`: the range [elem, elem + len) lies in the buffer. */
  private inBounds(elem: number, len: number): boolean {
    return len < this.size && elem >= 0 && elem <= this.size - len;
  }

  verifyRoot(identifier: string | undefined): void {
    const n = this.bytes.byteLength;
    if (n < MIN_BUFFER_SIZE) this.fail(`file is ${n} bytes, too short for a flatbuffer (at least ${MIN_BUFFER_SIZE})`, 0);
    if (identifier !== undefined) {
      let id = '';
      for (let i = 4; i < 8; i++) id += String.fromCharCode(this.bytes[i]!);
      if (id !== identifier) this.fail(`file identifier is ${JSON.stringify(id)}, expected ${JSON.stringify(identifier)}`, 4);
    }
    this.path.push(this.root.name);
    this.table(this.root, this.offset(0, 'root offset'));
  }

  /** flatbuffers `VerifyOffset`: the uoffset at `at` (already in bounds and aligned) points inside the buffer. */
  private offset(at: number, what: string): number {
    const o = this.dv.getUint32(at, true);
    if (o === 0) this.fail(`${what} is 0`, at);
    if (o > 0x7fffffff) this.fail(`${what} 0x${o.toString(16)} is negative as int32`, at);
    if (!this.inBounds(at + o, 1)) this.fail(`${what} points to ${at + o}, past the end (${this.size} bytes)`, at);
    return at + o;
  }

  /** Verifies the table at `pos` (absolute) and everything reachable from it. */
  private table(t: Table, pos: number): void {
    const dv = this.dv;
    if (pos & 3) this.fail(`${t.name} table is not 4-byte aligned`, pos);
    if (!this.inBounds(pos, 4)) this.fail(`${t.name} table starts past the end of the buffer`, pos);
    if (++this.depth > this.maxDepth) this.fail(`tables nested deeper than ${this.maxDepth}`, pos);
    if (++this.tables > this.maxTables) this.fail(`more than ${this.maxTables} tables`, pos);
    const vt = pos - dv.getInt32(pos, true);
    if ((vt & 1) !== 0 || !this.inBounds(vt, 2)) this.fail(`${t.name} table: vtable offset points to ${vt}, out of bounds or misaligned`, pos);
    const vsize = dv.getUint16(vt, true);
    if ((vsize & 1) !== 0 || vsize < 4 || vsize >= 0x8000) this.fail(`${t.name} table: vtable size ${vsize} is invalid (must be even, ≥ 4 and < 32768)`, vt);
    if (!this.inBounds(vt, vsize)) this.fail(`${t.name} table: vtable (${vsize} bytes at ${vt}) runs past the end`, vt);
    const tsize = dv.getUint16(vt + 2, true);
    if (tsize < 4 || !this.inBounds(pos, tsize)) this.fail(`${t.name} table: inline size ${tsize} is invalid or runs past the end`, vt + 2);
    const present = (vsize - 4) >> 1;
    const slots = t.slots;
    for (let i = 0; i < slots.length; i++) {
      const s = slots[i];
      if (!s) continue;
      const vo = i < present ? dv.getUint16(vt + 4 + 2 * i, true) : 0;
      if (vo === 0) {
        if (s.required) { this.path.push(s.name); this.fail('required field is missing', pos); }
        if (s.code === (VECTOR | UNION) && this.slotOffset(vt, present, i - 1)) {
          this.path.push(s.name);
          this.fail('vector of unions has a _type vector but no values', pos);
        }
        continue;
      }
      const at = pos + vo;
      if (vo < 4 || vo + s.size > tsize) { this.path.push(s.name); this.fail(`field at voffset ${vo} (${s.size} bytes) is outside the ${tsize}-byte table`, at); }
      if ((at & (s.align - 1)) !== 0) { this.path.push(s.name); this.fail(`field is not ${s.align}-byte aligned`, at); }
      if (s.code <= STRUCT) continue;
      this.path.push(s.name);
      const target = this.offset(at, `offset to ${s.code === STRING ? 'string' : s.code === TABLE || s.code === UNION ? 'table' : 'vector'}`);
      switch (s.code) {
        case STRING: this.string(target); break;
        case TABLE: this.table(s.table!, target); break;
        case UNION: {
          const type = this.slotScalar8(pos, vt, present, i - 1);
          const member = s.union![type];
          if (member) this.table(member, target); // NONE / unknown type code: accepted (forward compatibility)
          break;
        }
        default: this.vector(s, target, pos, vt, present, i);
      }
      this.path.pop();
    }
    for (const [oi, si, name] of t.external) this.external(t, pos, vt, present, oi, si, name);
    this.depth--;
  }

  /** The voffset of slot `i` (0 when absent). */
  private slotOffset(vt: number, present: number, i: number): number {
    return i >= 0 && i < present ? this.dv.getUint16(vt + 4 + 2 * i, true) : 0;
  }

  /** Value of the ubyte (union type) in slot `i`, 0 when absent; its bounds were checked when the slot was visited. */
  private slotScalar8(pos: number, vt: number, present: number, i: number): number {
    const vo = this.slotOffset(vt, present, i);
    return vo ? this.dv.getUint8(pos + vo) : 0;
  }

  /** flatbuffers `VerifyVectorOrString`: returns the element count; `vec` is the vector's absolute position. */
  private vectorHeader(vec: number, elemSize: number, what: string): number {
    if ((vec & 3) !== 0 || !this.inBounds(vec, 4)) this.fail(`${what} length prefix is misaligned or out of bounds`, vec);
    const n = this.dv.getUint32(vec, true);
    if (n >= Math.floor(MAX_SIZE / elemSize)) this.fail(`${what} length ${n} is too large`, vec);
    if (!this.inBounds(vec, 4 + n * elemSize)) this.fail(`${what} of ${n} × ${elemSize} bytes runs past the end of the buffer (${this.size} bytes)`, vec);
    return n;
  }

  private string(pos: number): void {
    const n = this.vectorHeader(pos, 1, 'string');
    const end = pos + 4 + n;
    if (!this.inBounds(end, 1)) this.fail('string has no terminating 0 byte (past the end)', end);
    if (this.bytes[end] !== 0) this.fail('string is not 0-terminated', end);
  }

  private vector(s: Slot, pos: number, tablePos: number, vt: number, present: number, slot: number): void {
    const elem = s.code & ~VECTOR;
    const n = this.vectorHeader(pos, s.elemSize, 'vector');
    if (elem <= STRUCT) return;
    const dv = this.dv;
    let types = -1;
    if (elem === UNION) {
      // The `_type` vector (slot - 1) was verified as a [ubyte] before this slot.
      const tvo = this.slotOffset(vt, present, slot - 1);
      if (!tvo) this.fail('vector of unions has values but no _type vector', pos);
      types = tablePos + tvo + dv.getUint32(tablePos + tvo, true);
      if (dv.getUint32(types, true) !== n) this.fail(`vector of unions has ${n} values but ${dv.getUint32(types, true)} types`, pos);
    }
    const path = this.path;
    for (let i = 0; i < n; i++) {
      const at = pos + 4 + 4 * i;
      path.push(i);
      // Like C++ `vec->Get(i)`: no VerifyOffset on elements (0 is allowed); the string/table checks bound the target.
      const target = at + dv.getUint32(at, true);
      const member = elem === UNION ? s.union![dv.getUint8(types + 4 + i)] : s.table;
      if (elem !== UNION || member) {
        if (!this.inBounds(target, 1)) this.fail(`element offset points to ${target}, past the end (${this.size} bytes)`, at);
        if (elem === STRING) this.string(target);
        else this.table(member!, target);
      } // a NONE / unknown union type code: accepted, its value unchecked (as in C++)
      path.pop();
    }
  }

  /** TFLite: data stored after the flatbuffer (offset > 1) must end within the file. */
  private external(t: Table, pos: number, vt: number, present: number, oi: number, si: number, name: string): void {
    const off = this.ulong(pos, vt, present, oi), size = this.ulong(pos, vt, present, si);
    if (off <= 1) return;
    const len = this.bytes.byteLength;
    if (off > len || size > len - off) {
      this.path.push(name);
      const exact = (i: number) => this.dv.getBigUint64(pos + this.slotOffset(vt, present, i), true);
      this.fail(`${t.name} data at offset ${exact(oi)} + size ${size ? exact(si) : 0} lies past the end of the file (${len} bytes)`, pos);
    }
  }

  /** A ulong slot as a number (values ≥ 2^53 become Infinity: they are past any file anyway); 0 when absent. */
  private ulong(pos: number, vt: number, present: number, i: number): number {
    const vo = this.slotOffset(vt, present, i);
    if (!vo) return 0;
    const lo = this.dv.getUint32(pos + vo, true), hi = this.dv.getUint32(pos + vo + 4, true);
    return hi >= 0x200000 ? Infinity : hi * 0x100000000 + lo;
  }
}
