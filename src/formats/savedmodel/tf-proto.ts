/**
 * Helpers over the decoded TensorFlow protos (static protobufjs code in `generated/`): decoding with errors that name
 * the file, `DataType` → `DType`, int64 (`number | Long`) → number, `TensorShapeProto` → dims, `TensorProto` → IR
 * `Tensor` and `AttrValue` → IR attribute values.
 *
 * Format facts relied on (tensorflow/core/framework/tensor.proto, types.proto, attr_value.proto):
 * - a TensorProto holds either `tensor_content` (the raw little-endian array) or one typed repeated field
 *   (`float_val`, `int_val` for int32/int16/int8/uint8/uint16/qint*, `half_val` holding the 16-bit patterns of
 *   half/bfloat16, `int64_val`, `bool_val`, `string_val`, …); when that field has fewer values than the shape needs,
 *   the last value repeats (an empty field means zeros).
 * - dims of size -1 are unknown; `unknown_rank` means the rank itself is unknown. `*_REF` dtypes are value + 100.
 * - string tensors become TFLite's string buffer layout (int32 count, count+1 int32 offsets, then the bytes).
 */
import { Tensor, type AttrValue } from '../../ir/graph.ts';
import { DTYPE_BYTES, type DType } from '../../ir/dtype.ts';
import { FormatError } from '../../errors.ts';
import type { tensorflow } from './generated/tf-protos.js';

export type TensorProto = tensorflow.TensorProto.$Properties;
export type TensorShapeProto = tensorflow.TensorShapeProto.$Properties;
export type AttrProto = tensorflow.AttrValue.$Properties;
export type NodeDef = tensorflow.NodeDef.$Properties;

/** protobufjs int64 values: a number, or a Long when the `long` package is loaded. */
export interface LongLike { low: number; high: number; unsigned: boolean }
export type Int64 = number | LongLike;

/** Decodes with `decode`, turning any decoder failure into a FormatError naming `file`. */
export function decodeProto<T>(decode: (bytes: Uint8Array) => T, bytes: Uint8Array, file: string, what: string): T {
  try {
    return decode(bytes);
  } catch (e) {
    throw new FormatError(file, `not a valid ${what}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export function int64ToBigInt(v: Int64 | null | undefined): bigint {
  if (v === null || v === undefined) return 0n;
  if (typeof v === 'number') return BigInt(Math.trunc(v));
  const lo = BigInt(v.low >>> 0), hi = BigInt(v.high >>> 0);
  const u = (hi << 32n) | lo;
  return v.unsigned ? u : BigInt.asIntN(64, u);
}

/** An int64 as a number (exact up to 2^53; larger magnitudes lose precision, callers range-check). */
export function int64ToNumber(v: Int64 | null | undefined): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'number') return v;
  return (v.unsigned ? v.high >>> 0 : v.high | 0) * 4294967296 + (v.low >>> 0);
}

const DTYPES: Readonly<Record<number, DType>> = {
  1: 'float32', 2: 'float64', 3: 'int32', 4: 'uint8', 5: 'int16', 6: 'int8', 7: 'string', 8: 'complex64', 9: 'int64',
  10: 'bool', 11: 'int8', 12: 'uint8', 13: 'int32', 14: 'bfloat16', 15: 'int16', 16: 'uint16', 17: 'uint16',
  18: 'complex128', 19: 'float16', 20: 'resource', 21: 'variant', 22: 'uint32', 23: 'uint64', 24: 'float8_e5m2',
  25: 'float8_e4m3fn', 29: 'int4', 30: 'uint4',
};

/** The IR dtype of a TF `DataType` value (`*_REF` types as their value type); undefined when there is none. */
export function dtypeOf(t: number | null | undefined): DType | undefined {
  if (t === null || t === undefined) return undefined;
  return DTYPES[t >= 100 ? t - 100 : t];
}

/** Like `dtypeOf`, but a FormatError naming `file` and `where` when the type is invalid or unsupported. */
export function requireDtype(t: number | null | undefined, file: string, where: string): DType {
  const d = dtypeOf(t);
  if (!d) throw new FormatError(file, `unsupported or invalid TensorFlow dtype ${t ?? 'none'}`, undefined, where);
  return d;
}

/** Dims of a shape (-1 = unknown), or null when the rank is unknown or no shape is given. */
export function shapeOf(s: TensorShapeProto | null | undefined): number[] | null {
  if (!s || s.unknownRank) return null;
  return (s.dim ?? []).map((d) => int64ToNumber(d.size));
}

const MAX_ELEMENTS = 2 ** 31 - 1;
const TEXT = new TextDecoder();

/** Element count of a fully known shape; a FormatError for unknown or absurd dims. */
export function elementCount(dims: readonly number[], file: string, where: string): number {
  let n = 1;
  for (const d of dims) {
    if (!Number.isSafeInteger(d) || d < 0) throw new FormatError(file, `invalid dimension ${d} in shape [${dims.join(',')}]`, undefined, where);
    n *= d;
    if (n > MAX_ELEMENTS) throw new FormatError(file, `tensor of shape [${dims.join(',')}] is too large`, undefined, where);
  }
  return n;
}

/** TFLite's string tensor buffer: int32 count, count+1 int32 offsets from the buffer start, then the bytes. */
export function encodeStrings(strings: readonly Uint8Array[]): Uint8Array {
  const head = 4 * (strings.length + 2);
  const total = strings.reduce((a, s) => a + s.length, head);
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  dv.setInt32(0, strings.length, true);
  let off = head;
  strings.forEach((s, i) => {
    dv.setInt32(4 * (i + 1), off, true);
    out.set(s, off);
    off += s.length;
  });
  dv.setInt32(4 * (strings.length + 1), off, true);
  return out;
}

type Setter = (dv: DataView, byteOffset: number, i: number) => void;

/** Writes n elements of `bytes` each, taking values by index from `count` given values, the last one repeating. */
function fill(n: number, bytes: number, count: number, set: Setter): Uint8Array {
  const out = new Uint8Array(n * bytes);
  if (count === 0) return out;
  const dv = new DataView(out.buffer);
  for (let i = 0; i < n; i++) set(dv, i * bytes, Math.min(i, count - 1));
  return out;
}

/** The bytes of a TensorProto of `n` elements from its typed value field. */
function typedValues(p: TensorProto, dtype: DType, n: number, file: string, where: string): Uint8Array {
  const tooMany = (count: number): void => {
    if (count > n) throw new FormatError(file, `${count} values for a tensor of ${n} elements`, undefined, where);
  };
  const numbers = (vals: readonly number[], bytes: number, write: (dv: DataView, o: number, v: number) => void): Uint8Array => {
    tooMany(vals.length);
    return fill(n, bytes, vals.length, (dv, o, i) => write(dv, o, vals[i]!));
  };
  const longs = (vals: readonly Int64[]): Uint8Array => {
    tooMany(vals.length);
    return fill(n, 8, vals.length, (dv, o, i) => dv.setBigInt64(o, BigInt.asIntN(64, int64ToBigInt(vals[i]!)), true));
  };
  switch (dtype) {
    case 'float32': return numbers(p.floatVal ?? [], 4, (dv, o, v) => dv.setFloat32(o, v, true));
    case 'float64': return numbers(p.doubleVal ?? [], 8, (dv, o, v) => dv.setFloat64(o, v, true));
    case 'int32': return numbers(p.intVal ?? [], 4, (dv, o, v) => dv.setInt32(o, v, true));
    case 'int16': case 'uint16': return numbers(p.intVal ?? [], 2, (dv, o, v) => dv.setUint16(o, v & 0xffff, true));
    case 'int8': case 'uint8': return numbers(p.intVal ?? [], 1, (dv, o, v) => dv.setUint8(o, v & 0xff));
    case 'float16': case 'bfloat16': return numbers(p.halfVal ?? [], 2, (dv, o, v) => dv.setUint16(o, v & 0xffff, true));
    case 'uint32': return numbers(p.uint32Val ?? [], 4, (dv, o, v) => dv.setUint32(o, v >>> 0, true));
    case 'bool': return numbers((p.boolVal ?? []).map(Number), 1, (dv, o, v) => dv.setUint8(o, v));
    case 'int64': return longs(p.int64Val ?? []);
    case 'uint64': return longs(p.uint64Val ?? []);
    case 'complex64': {
      const v = p.scomplexVal ?? [];
      tooMany(v.length / 2);
      return fill(n, 8, Math.floor(v.length / 2), (dv, o, i) => { dv.setFloat32(o, v[2 * i]!, true); dv.setFloat32(o + 4, v[2 * i + 1]!, true); });
    }
    case 'complex128': {
      const v = p.dcomplexVal ?? [];
      tooMany(v.length / 2);
      return fill(n, 16, Math.floor(v.length / 2), (dv, o, i) => { dv.setFloat64(o, v[2 * i]!, true); dv.setFloat64(o + 8, v[2 * i + 1]!, true); });
    }
    default:
      throw new FormatError(file, `constant of dtype ${dtype} is not supported`, undefined, where);
  }
}

/** The IR tensor (with data) of a TensorProto, named `name`. */
export function tensorFromProto(p: TensorProto, name: string, file: string, where: string): Tensor {
  const dtype = requireDtype(p.dtype, file, where);
  const dims = shapeOf(p.tensorShape);
  if (!dims || dims.some((d) => d < 0)) throw new FormatError(file, 'constant tensor without a full shape', undefined, where);
  const n = elementCount(dims, file, where);
  let data: Uint8Array;
  if (dtype === 'string') {
    const vals = p.stringVal ?? [];
    if (vals.length > n) throw new FormatError(file, `${vals.length} strings for a tensor of ${n} elements`, undefined, where);
    const empty = new Uint8Array(0);
    data = encodeStrings(Array.from({ length: n }, (_, i) => (vals.length ? vals[Math.min(i, vals.length - 1)]! : empty)));
  } else if (p.tensorContent && p.tensorContent.length > 0) {
    const bytes = DTYPE_BYTES[dtype];
    if (bytes < 1) throw new FormatError(file, `constant of dtype ${dtype} is not supported`, undefined, where);
    if (p.tensorContent.length !== n * bytes) {
      throw new FormatError(file, `tensor_content has ${p.tensorContent.length} bytes, shape [${dims.join(',')}] of ${dtype} needs ${n * bytes}`, undefined, where);
    }
    data = p.tensorContent.slice();
  } else {
    data = typedValues(p, dtype, n, file, where);
  }
  const t = new Tensor(name, dtype, dims, data);
  t.hasRank = true;
  return t;
}

export function utf8(bytes: Uint8Array | null | undefined): string {
  return bytes ? TEXT.decode(bytes) : '';
}

/** A TF dtype as an attribute value: the DType name, or TF's own enum name when litelab has no such dtype. */
function dtypeAttr(t: number): string {
  return dtypeOf(t) ?? `DT_${t}`;
}

/** An AttrValue proto as an IR attribute value (`undefined` for a placeholder or an empty value). */
export function attrFromProto(a: AttrProto, file: string, where: string): AttrValue | undefined {
  if (a.s !== null && a.s !== undefined) return utf8(a.s);
  if (a.i !== null && a.i !== undefined) return int64Attr(a.i);
  if (a.f !== null && a.f !== undefined) return a.f;
  if (a.b !== null && a.b !== undefined) return a.b;
  if (a.type !== null && a.type !== undefined) return dtypeAttr(a.type);
  if (a.shape) return { shape: shapeOf(a.shape) };
  if (a.tensor) return tensorFromProto(a.tensor, where, file, where);
  if (a.func) return funcAttr(a.func, file, where);
  if (a.list) {
    const l = a.list;
    if (l.s?.length) return l.s.map(utf8);
    if (l.i?.length) return l.i.map(int64Attr).map(Number);
    if (l.f?.length) return l.f.slice();
    if (l.b?.length) return l.b.slice();
    if (l.type?.length) return l.type.map(dtypeAttr);
    if (l.shape?.length) return l.shape.map((s) => ({ shape: shapeOf(s) }));
    if (l.tensor?.length) return l.tensor.map((t, k) => tensorFromProto(t, `${where}[${k}]`, file, where));
    if (l.func?.length) return l.func.map((f) => funcAttr(f, file, where));
    return [];
  }
  return undefined;
}

function int64Attr(v: Int64): number | bigint {
  const n = int64ToNumber(v);
  return Number.isSafeInteger(n) ? n : int64ToBigInt(v);
}

function funcAttr(f: tensorflow.NameAttrList.$Properties, file: string, where: string): AttrValue {
  const attrs: Record<string, AttrValue> = {};
  for (const [k, v] of Object.entries(f.attr ?? {})) {
    const c = attrFromProto(v, file, `${where}.${k}`);
    if (c !== undefined) attrs[k] = c;
  }
  return Object.keys(attrs).length ? { func: f.name ?? '', attrs } : { func: f.name ?? '' };
}
