/**
 * What the interpreter tells about its inputs and outputs (`TensorDetails`, TF's `get_input_details()` in camelCase)
 * and how it takes input data: a typed array of the input's dtype (or a plain number array, converted), flat or
 * with a shape.
 *
 * Shape rule (TF `resize_tensor_input(strict=True)` plus batch inference): a dimension may differ from the model's
 * static shape only where the shape signature has −1; a model without a shape signature (TOCO files) may still
 * change its batch dimension (axis 0). Flat data whose length is not the current shape's size fill the one
 * resizable dimension (e.g. 500 MNIST images into [-1, 784]). Anything else is an InterpreterError that names the
 * input and the expected shape.
 */
import type { DType, NumericArray } from '../../ir/dtype.ts';
import type { Tensor } from '../../ir/graph.ts';
import type { HostTensor } from '../cpu/kernel-api.ts';
import { allocArray, sizeOf } from '../cpu/kernels/float/util.ts';
import { castInto } from '../cpu/kernels/float/shape.ts';
import { InterpreterError } from './errors.ts';

export interface QuantizationDetails {
  scale: number[];
  zeroPoint: number[];
  /** Quantized dimension for per-channel parameters (0 for per-tensor). */
  axis: number;
}

export interface TensorDetails {
  /** Tensor name, or the signature's name for it in a signature runner's details. */
  name: string;
  /** Index of the tensor in its subgraph (TFLite's tensor index). */
  index: number;
  dtype: DType;
  /** Current shape (after any resize; for outputs, as of the last invoke, else the model's static shape). */
  shape: number[];
  /** Shape with −1 on dynamic dimensions (the static shape when the model has no signature for it). */
  shapeSignature: number[];
  quantization: QuantizationDetails | null;
}

/** Input data: a typed array (or numbers) in row-major order, optionally with its shape. */
export type InputData = NumericArray | readonly number[] | { data: NumericArray | readonly number[]; shape: readonly number[] };

export function quantizationDetails(t: Tensor): QuantizationDetails | null {
  const q = t.quantization;
  return q && q.scale.length ? { scale: [...q.scale], zeroPoint: [...q.zeroPoint], axis: q.axis } : null;
}

/** Shape signature, falling back to the static shape. */
export function signatureOf(t: Tensor): number[] {
  return t.shapeSignature && t.shapeSignature.length === t.shape.length ? [...t.shapeSignature] : [...t.shape];
}

/** Axes whose size may change: −1 in the signature, else (no signature at all) the batch axis. */
export function resizableAxes(t: Tensor): number[] {
  const sig = signatureOf(t);
  const dyn = sig.flatMap((d, i) => (d < 0 ? [i] : []));
  if (dyn.length) return dyn;
  return !t.shapeSignature && t.shape.length > 0 ? [0] : [];
}

export function details(t: Tensor, index: number, name: string, shape: readonly number[]): TensorDetails {
  return { name, index, dtype: t.dtype, shape: [...shape], shapeSignature: signatureOf(t), quantization: quantizationDetails(t) };
}

function expected(t: Tensor, label: string): string {
  const sig = signatureOf(t);
  const shown = resizableAxes(t).reduce((s, a) => { s[a] = -1; return s; }, sig);
  return `${label} expects shape [${shown.join(', ')}] (${t.dtype})`;
}

/** Checks an explicit shape against the input's signature. */
export function checkShape(t: Tensor, label: string, shape: readonly number[]): number[] {
  const resizable = new Set(resizableAxes(t));
  const ok = shape.length === t.shape.length && shape.every((d, i) => Number.isInteger(d) && d >= 0 && (d === t.shape[i] || resizable.has(i)));
  if (!ok) throw new InterpreterError(`${expected(t, label)}, got [${shape.join(', ')}]`);
  return [...shape];
}

/** The shape that flat data of `length` elements fill: the current shape, or with the resizable axis inferred. */
export function inferInputShape(t: Tensor, label: string, current: readonly number[], length: number): number[] {
  if (sizeOf(current) === length) return [...current];
  const axes = resizableAxes(t);
  if (axes.length === 1) {
    const a = axes[0]!;
    const rest = current.reduce((p, d, i) => (i === a ? p : p * d), 1);
    if (rest > 0 && length % rest === 0) {
      const shape = [...current];
      shape[a] = length / rest;
      return shape;
    }
  }
  throw new InterpreterError(`${expected(t, label)}, got ${length} values`);
}

const ARRAY_OF: Partial<Record<DType, string>> = {
  float32: 'Float32Array', float64: 'Float64Array', int32: 'Int32Array', int16: 'Int16Array', int8: 'Int8Array',
  uint8: 'Uint8Array', bool: 'Uint8Array', int64: 'BigInt64Array', uint64: 'BigUint64Array', uint16: 'Uint16Array',
  uint32: 'Uint32Array', float16: 'Uint16Array',
};

/** Copies `data` into a host tensor for input `t`; a typed array must match the dtype, numbers are converted. */
export function toHostInput(t: Tensor, label: string, data: NumericArray | readonly number[], shape: number[]): HostTensor {
  let array: NumericArray;
  if (Array.isArray(data)) {
    array = allocArray(t.dtype, data.length);
    castInto(Float64Array.from(data as readonly number[]), array, t.dtype);
  } else {
    const typed = data as NumericArray;
    const want = ARRAY_OF[t.dtype];
    if (!want || typed.constructor.name !== want) {
      throw new InterpreterError(`${label} is ${t.dtype} (${want ?? 'unsupported'}), got a ${typed.constructor.name}`);
    }
    array = typed.slice();
  }
  if (array.length !== sizeOf(shape)) throw new InterpreterError(`${expected(t, label)}: shape [${shape.join(', ')}] needs ${sizeOf(shape)} values, got ${array.length}`);
  return { dtype: t.dtype, shape, data: array, quantization: t.quantization };
}

/** Splits InputData into values and an optional shape. */
export function unpackInput(input: InputData): { data: NumericArray | readonly number[]; shape: readonly number[] | null } {
  if (ArrayBuffer.isView(input) || Array.isArray(input)) return { data: input as NumericArray | readonly number[], shape: null };
  const { data, shape } = input as { data: NumericArray | readonly number[]; shape: readonly number[] };
  return { data, shape };
}
