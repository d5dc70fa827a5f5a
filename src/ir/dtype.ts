/**
 * Element types of IR tensors: TFLite's TensorType, by lower-case name. The byte size of each is what a tensor's
 * data holds per element; sub-byte types (int4, int2, uint4) are packed and report a fractional size.
 */
import { TensorType } from '../formats/tflite/generated/tflite/tensor-type.ts';

export type DType =
  | 'float32' | 'float16' | 'int32' | 'uint8' | 'int64' | 'string' | 'bool' | 'int16' | 'complex64' | 'int8'
  | 'float64' | 'complex128' | 'uint64' | 'resource' | 'variant' | 'uint32' | 'uint16' | 'int4' | 'bfloat16'
  | 'int2' | 'uint4' | 'float8_e4m3fn' | 'float8_e5m2';

/** Bytes per element; 0 for types with no fixed size (string, resource, variant). */
export const DTYPE_BYTES: Readonly<Record<DType, number>> = {
  float32: 4, float16: 2, int32: 4, uint8: 1, int64: 8, string: 0, bool: 1, int16: 2, complex64: 8, int8: 1,
  float64: 8, complex128: 16, uint64: 8, resource: 0, variant: 0, uint32: 4, uint16: 2, int4: 0.5, bfloat16: 2,
  int2: 0.25, uint4: 0.5, float8_e4m3fn: 1, float8_e5m2: 1,
};

export function dtypeFromTensorType(t: TensorType): DType | undefined {
  const name = TensorType[t] as string | undefined;
  return name === undefined ? undefined : (name.toLowerCase() as DType);
}

export function tensorTypeFromDtype(d: DType): TensorType {
  return TensorType[d.toUpperCase() as keyof typeof TensorType];
}

/** Typed-array view for the dtypes the runtime computes with. */
export type NumericArray = Float32Array | Float64Array | Int32Array | Int16Array | Int8Array | Uint8Array | Uint16Array | Uint32Array | BigInt64Array | BigUint64Array;

const VIEWS = {
  float32: Float32Array, float64: Float64Array, int32: Int32Array, int16: Int16Array, int8: Int8Array, uint8: Uint8Array,
  bool: Uint8Array, uint16: Uint16Array, uint32: Uint32Array, int64: BigInt64Array, uint64: BigUint64Array,
  float16: Uint16Array, bfloat16: Uint16Array,
} as const;

/** A typed-array view over `bytes` (copied first when its offset is not aligned to the element size). */
export function typedView(dtype: DType, bytes: Uint8Array): NumericArray {
  const Ctor = (VIEWS as Partial<Record<DType, (typeof VIEWS)[keyof typeof VIEWS]>>)[dtype];
  if (!Ctor) throw new TypeError(`no typed view for dtype ${dtype}`);
  const size = Ctor.BYTES_PER_ELEMENT;
  const src = bytes.byteOffset % size === 0 ? bytes : bytes.slice();
  return new Ctor(src.buffer as ArrayBuffer, src.byteOffset, Math.floor(src.byteLength / size));
}
