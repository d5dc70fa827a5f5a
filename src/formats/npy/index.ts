/**
 * NumPy `.npy` files (format versions 1.0, 2.0, 3.0): `\x93NUMPY`, major, minor, header length (u16 LE for v1, u32
 * LE for v2/v3), the header dict (latin-1; UTF-8 in v3, see header.ts), then the raw C-order data.
 *
 * Supported element types: little-endian (or byte-order-free) float16/32/64, int8/16/32/64, uint8/16/32/64 and
 * bool. Fortran order, big-endian data, structured and object dtypes are refused with a FormatError naming the file
 * and what is wrong, as are truncated or oversized data. `writeNpy` writes version 1.0 (2.0 when the header would
 * not fit in 65535 bytes) with the 64-byte alignment NumPy uses.
 */
import { FormatError } from '../../errors.ts';
import type { NumericArray } from '../../ir/dtype.ts';
import { formatHeader, parseHeader } from './header.ts';

export type NpyDType = 'float16' | 'float32' | 'float64' | 'int8' | 'int16' | 'int32' | 'int64' | 'uint8' | 'uint16' | 'uint32' | 'uint64' | 'bool';

export interface NpyArray {
  dtype: NpyDType;
  shape: number[];
  /** C-order data; float16 as raw Uint16Array bits, bool as Uint8Array 0/1. */
  data: NumericArray;
}

type Ctor = new (buffer: ArrayBuffer, byteOffset?: number, length?: number) => NumericArray;

const TYPES: Record<NpyDType, { code: string; ctor: Ctor; bytes: number }> = {
  float16: { code: 'f2', ctor: Uint16Array, bytes: 2 },
  float32: { code: 'f4', ctor: Float32Array, bytes: 4 },
  float64: { code: 'f8', ctor: Float64Array, bytes: 8 },
  int8: { code: 'i1', ctor: Int8Array, bytes: 1 },
  int16: { code: 'i2', ctor: Int16Array, bytes: 2 },
  int32: { code: 'i4', ctor: Int32Array, bytes: 4 },
  int64: { code: 'i8', ctor: BigInt64Array, bytes: 8 },
  uint8: { code: 'u1', ctor: Uint8Array, bytes: 1 },
  uint16: { code: 'u2', ctor: Uint16Array, bytes: 2 },
  uint32: { code: 'u4', ctor: Uint32Array, bytes: 4 },
  uint64: { code: 'u8', ctor: BigUint64Array, bytes: 8 },
  bool: { code: 'b1', ctor: Uint8Array, bytes: 1 },
};

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** True when `bytes` start with the .npy magic string. */
export function sniffNpy(bytes: Uint8Array): boolean {
  return bytes.length >= 6 && MAGIC.every((b, i) => bytes[i] === b);
}

function dtypeOfDescr(descr: string, file: string): NpyDType {
  const m = /^([<>|=]?)([a-z])(\d+)$/.exec(descr);
  const order = m?.[1] ?? '';
  const code = m ? `${m[2]}${m[3]}` : '';
  const found = (Object.keys(TYPES) as NpyDType[]).find((k) => TYPES[k].code === code || (k === 'bool' && code === '?1'));
  if (descr === '?' || descr === '|?') return 'bool';
  if (!found) throw new FormatError(file, `dtype '${descr}' is not supported (float16/32/64, int8/16/32/64, uint8/16/32/64, bool)`, undefined, 'header.descr');
  if (order === '>' && TYPES[found].bytes > 1) throw new FormatError(file, `big-endian data ('${descr}') is not supported; save with '<${code}'`, undefined, 'header.descr');
  return found;
}

/** Reads a `.npy` file; the returned data are a copy (aligned, owned by the caller). */
export function readNpy(bytes: Uint8Array, file = 'array.npy'): NpyArray {
  if (!sniffNpy(bytes)) throw new FormatError(file, 'not a .npy file (no \\x93NUMPY magic string)', 0);
  if (bytes.length < 10) throw new FormatError(file, `truncated: ${bytes.length} bytes, the header length alone needs 10`);
  const major = bytes[6]!;
  const minor = bytes[7]!;
  if (major < 1 || major > 3) throw new FormatError(file, `format version ${major}.${minor} is not supported (1.0, 2.0, 3.0)`, 6);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lenBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lenBytes) throw new FormatError(file, 'truncated in the header length', 8);
  const headerLen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = 8 + lenBytes;
  if (start + headerLen > bytes.length) throw new FormatError(file, `truncated: the header needs ${headerLen} bytes, the file has ${bytes.length - start} after the preamble`, start);
  const raw = bytes.subarray(start, start + headerLen);
  const text = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(raw);
  let header;
  try {
    header = parseHeader(text);
  } catch (e) {
    throw new FormatError(file, `bad header: ${e instanceof Error ? e.message : String(e)}`, start, 'header');
  }
  if (header.fortranOrder) throw new FormatError(file, 'fortran_order True is not supported: save a C-order array (np.ascontiguousarray)', start, 'header.fortran_order');
  const dtype = dtypeOfDescr(header.descr, file);
  const { ctor, bytes: size } = TYPES[dtype];
  const count = header.shape.reduce((a, b) => a * b, 1);
  const dataStart = start + headerLen;
  const need = count * size;
  const have = bytes.length - dataStart;
  if (have < need) throw new FormatError(file, `truncated: shape (${header.shape.join(', ')}) ${dtype} needs ${need} data bytes, the file has ${have}`, dataStart);
  if (have > need) throw new FormatError(file, `${have - need} bytes after the data of shape (${header.shape.join(', ')}) ${dtype}`, dataStart + need);
  const copy = bytes.slice(dataStart, dataStart + need);
  return { dtype, shape: header.shape, data: new ctor(copy.buffer, 0, count) };
}

const DTYPE_OF_ARRAY: [new (n: number) => NumericArray, NpyDType][] = [
  [Float32Array, 'float32'], [Float64Array, 'float64'], [Int8Array, 'int8'], [Int16Array, 'int16'], [Int32Array, 'int32'],
  [BigInt64Array, 'int64'], [Uint8Array, 'uint8'], [Uint16Array, 'uint16'], [Uint32Array, 'uint32'], [BigUint64Array, 'uint64'],
];

/** The .npy dtype that stores a typed array as it is. */
export function npyDtypeOf(data: NumericArray): NpyDType {
  const hit = DTYPE_OF_ARRAY.find(([c]) => data instanceof c);
  if (!hit) throw new TypeError(`no .npy dtype for ${data.constructor.name}`);
  return hit[1];
}

/**
 * Writes an array as `.npy` bytes. `dtype` defaults to the typed array's own (give 'bool' or 'float16' explicitly
 * for Uint8Array / Uint16Array data that mean those). Little-endian, C order.
 */
export function writeNpy(array: { data: NumericArray; shape: readonly number[]; dtype?: NpyDType }): Uint8Array {
  const dtype = array.dtype ?? npyDtypeOf(array.data);
  const t = TYPES[dtype];
  const count = array.shape.reduce((a, b) => a * b, 1);
  if (count !== array.data.length) throw new RangeError(`writeNpy: shape (${array.shape.join(', ')}) holds ${count} values, the data have ${array.data.length}`);
  if (array.data.BYTES_PER_ELEMENT !== t.bytes) throw new TypeError(`writeNpy: ${array.data.constructor.name} data cannot be written as ${dtype}`);
  const descr = `${t.bytes === 1 ? '|' : '<'}${t.code}`;
  let major = 1;
  let header = formatHeader({ descr, fortranOrder: false, shape: [...array.shape] }, 10);
  if (header.length > 0xffff) {
    major = 2;
    header = formatHeader({ descr, fortranOrder: false, shape: [...array.shape] }, 12);
  }
  const pre = major === 1 ? 10 : 12;
  const out = new Uint8Array(pre + header.length + count * t.bytes);
  out.set(MAGIC, 0);
  out[6] = major;
  out[7] = 0;
  const view = new DataView(out.buffer);
  if (major === 1) view.setUint16(8, header.length, true);
  else view.setUint32(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[pre + i] = header.charCodeAt(i);
  const d = array.data;
  out.set(new Uint8Array(d.buffer, d.byteOffset, count * t.bytes), pre + header.length);
  return out;
}
