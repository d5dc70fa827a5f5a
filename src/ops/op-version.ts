/**
 * TFLite operator versions, by builtin: the rules of TFLite's `GetBuiltinOperatorVersion`
 * (tensorflow/lite/tools/versioning/op_version.cc), restated over the IR node the converter writes. A version is
 * decided by the operand types (float, int8, int16, hybrid = float activations with int8 weights), operand ranks and
 * a few options; an optional input left out (`null`, written as −1) still counts as an input, as in TFLite's op
 * signature. Builtins without a rule here are version 1.
 */
import type { DType } from '../ir/dtype.ts';
import type { Node } from '../ir/graph.ts';
import type { DepthwiseConv2DOptionsT } from '../formats/tflite/generated/tflite/depthwise-conv2doptions.ts';
import type { FullyConnectedOptionsT } from '../formats/tflite/generated/tflite/fully-connected-options.ts';
import type { GatherOptionsT } from '../formats/tflite/generated/tflite/gather-options.ts';
import type { ResizeBilinearOptionsT } from '../formats/tflite/generated/tflite/resize-bilinear-options.ts';
import type { ResizeNearestNeighborOptionsT } from '../formats/tflite/generated/tflite/resize-nearest-neighbor-options.ts';
import type { StridedSliceOptionsT } from '../formats/tflite/generated/tflite/strided-slice-options.ts';
import type { TransposeConvOptionsT } from '../formats/tflite/generated/tflite/transpose-conv-options.ts';
import type { BatchMatMulOptionsT } from '../formats/tflite/generated/tflite/batch-mat-mul-options.ts';
import type { AddOptionsT } from '../formats/tflite/generated/tflite/add-options.ts';
import type { SubOptionsT } from '../formats/tflite/generated/tflite/sub-options.ts';
import { ActivationFunctionType } from '../formats/tflite/generated/tflite/activation-function-type.ts';

export type VersionFn = (node: Node) => number;

const inType = (n: Node, i: number): DType | undefined => n.inputs[i]?.dtype;
const outType = (n: Node, i = 0): DType | undefined => n.outputs[i]?.dtype;
const rank = (n: Node, i: number): number => n.inputs[i]?.shape.length ?? 0;
const opts = <T>(n: Node): T | undefined => n.options?.value as T | undefined;
const perChannel = (n: Node, i: number): boolean => (n.inputs[i]?.quantization?.scale.length ?? 0) > 1;
const hybrid = (n: Node): boolean => inType(n, 0) === 'float32' && inType(n, 1) === 'int8' && outType(n) === 'float32';
const needsBroadcast = (n: Node): boolean => {
  const [a, b] = [n.inputs[0]?.shape, n.inputs[1]?.shape];
  return !!a && !!b && (a.length !== b.length || a.some((d, i) => d !== b[i]));
};
const maxRank = (n: Node): number => Math.max(0, ...n.inputs.map((t) => t?.shape.length ?? 0));

/** The usual ladder: int16 → `i16`, int8 → 2, else 1. */
function simple(i16?: number): VersionFn {
  return (n) => (i16 !== undefined && inType(n, 0) === 'int16' ? i16 : inType(n, 0) === 'int8' ? 2 : 1);
}

export const conv2d: VersionFn = (n) => {
  const input = n.inputs[0]?.shape;
  const filter = n.inputs[1]?.shape;
  if (input && filter && input.length === 4 && filter.length === 4 && input[3]! > 0 && input[3] !== filter[3]) return 6;
  if (inType(n, 0) === 'int16' && inType(n, 1) === 'int16') return 4;
  if (inType(n, 0) === 'int16' && inType(n, 1) === 'int8' && outType(n) === 'int16') return 4;
  if (inType(n, 0) === 'int8' && inType(n, 1) === 'int8' && outType(n) === 'int8') return 3;
  if (inType(n, 0) === 'int8' && inType(n, 1) === 'int4') return 7;
  if (hybrid(n)) return perChannel(n, 1) ? 5 : 2;
  return 1;
};

export const depthwiseConv2d: VersionFn = (n) => {
  if (inType(n, 0) === 'int16') return 5;
  if (hybrid(n)) return perChannel(n, 1) ? 6 : 4;
  if (inType(n, 0) === 'int8' && inType(n, 1) === 'int8') return 3;
  if (inType(n, 0) === 'int8' && inType(n, 1) === 'int4') return 7;
  const o = opts<DepthwiseConv2DOptionsT>(n);
  return o && (o.dilationWFactor !== 1 || o.dilationHFactor !== 1) ? 2 : 1;
};

export const fullyConnected: VersionFn = (n) => {
  if (n.inputs[1]?.sparsity) return 8;
  if (inType(n, 0) === 'int16' && inType(n, 1) === 'int16') return 7;
  if (n.inputs.length === 2) return 6;
  const o = opts<FullyConnectedOptionsT>(n);
  if (o?.keepNumDims) return 5;
  if (inType(n, 0) === 'int8' && inType(n, 1) === 'int8' && outType(n) === 'int8') return 4;
  if (inType(n, 0) === 'int8' && inType(n, 1) === 'int4') return 10;
  if (hybrid(n)) return o?.asymmetricQuantizeInputs ? 9 : 3;
  return o?.weightsFormat ? 2 : 1;
};

export const add: VersionFn = (n) => {
  if (inType(n, 0) === 'int64') return 4;
  if (inType(n, 0) === 'int16' && outType(n) === 'int16' && opts<AddOptionsT>(n)?.potScaleInt16 === false) return 3;
  return inType(n, 0) === 'int8' ? 2 : 1;
};

export const sub: VersionFn = (n) => {
  if (inType(n, 0) === 'int16' && outType(n) === 'int16' && opts<SubOptionsT>(n)?.potScaleInt16 === false) return 5;
  if (inType(n, 0) === 'int64') return 4;
  if (needsBroadcast(n) && maxRank(n) > 4) return 3;
  return inType(n, 0) === 'int8' ? 2 : 1;
};

export const mul: VersionFn = (n) => {
  const t = inType(n, 0);
  if (t === 'complex64') return 6;
  if (t === 'int64') return 5;
  if (t === 'int16') return 4;
  const [a, b, o] = [n.inputs[0]?.quantization?.scale[0], n.inputs[1]?.quantization?.scale[0], n.outputs[0]?.quantization?.scale[0]];
  if (a && b && o && (a * b) / o >= 1) return 3;
  return t === 'int8' ? 2 : 1;
};

export const div: VersionFn = (n) => (needsBroadcast(n) && maxRank(n) > 4 ? 2 : 1);
export const maxMin: VersionFn = (n) => (inType(n, 0) === 'int16' ? 4 : needsBroadcast(n) && maxRank(n) > 4 ? 3 : inType(n, 0) === 'int8' ? 2 : 1);
export const pool: VersionFn = (n) => (inType(n, 0) === 'int16' ? 3 : inType(n, 0) === 'int8' ? 2 : 1);

export const transpose: VersionFn = (n) => {
  if (rank(n, 0) > 5) return 6;
  if (inType(n, 0) === 'int16') return 5;
  if (rank(n, 0) > 4) return 4;
  if (inType(n, 0) === 'bool') return 3;
  return inType(n, 0) === 'int8' ? 2 : 1;
};

export const slice: VersionFn = (n) => (rank(n, 0) > 4 ? 5 : inType(n, 0) === 'int16' ? 4 : inType(n, 0) === 'string' ? 3 : inType(n, 0) === 'int8' ? 2 : 1);

export const stridedSlice: VersionFn = (n) => {
  const o = opts<StridedSliceOptionsT>(n);
  if (o?.offset) return 8;
  if (inType(n, 0) === 'uint32') return 7;
  if (o && (o.ellipsisMask || o.newAxisMask)) return 6;
  if (inType(n, 0) === 'string') return 5;
  if (rank(n, 0) > 4) return 4;
  if (inType(n, 0) === 'bool') return 3;
  return inType(n, 0) === 'int8' ? 2 : 1;
};

export const gather: VersionFn = (n) => {
  if ((opts<GatherOptionsT>(n)?.batchDims ?? 0) !== 0) return 5;
  const t = inType(n, 0);
  return t === 'int16' ? 4 : t === 'bool' ? 3 : t === 'int8' ? 2 : 1;
};

export const resizeBilinear: VersionFn = (n) => {
  if (inType(n, 0) === 'int16') return 4;
  if (opts<ResizeBilinearOptionsT>(n)?.halfPixelCenters) return 3;
  return inType(n, 0) === 'int8' ? 2 : 1;
};

export const resizeNearest: VersionFn = (n) => {
  if (inType(n, 0) === 'int16') return 4;
  const o = opts<ResizeNearestNeighborOptionsT>(n);
  if (o?.halfPixelCenters || o?.alignCorners) return 3;
  return inType(n, 0) === 'int8' ? 2 : 1;
};

export const pad: VersionFn = (n) => (rank(n, 0) > 4 ? 4 : inType(n, 0) === 'int16' ? 3 : inType(n, 0) === 'int8' ? 2 : 1);

export const batchMatmul: VersionFn = (n) => {
  if (inType(n, 0) === 'int16') return 3;
  if (inType(n, 0) === 'int8') return 2;
  return hybrid(n) && opts<BatchMatMulOptionsT>(n)?.asymmetricQuantizeInputs ? 4 : 1;
};

export const transposeConv: VersionFn = (n) => {
  if ((opts<TransposeConvOptionsT>(n)?.fusedActivationFunction ?? ActivationFunctionType.NONE) !== ActivationFunctionType.NONE) return 4;
  if (n.inputs.length === 4 && n.inputs[3]) return 3;
  return inType(n, 1) === 'int8' ? 2 : 1;
};

export const cast: VersionFn = (n) => {
  const t = [inType(n, 0), outType(n)];
  if (t.includes('float64') || t.includes('float16')) return 5;
  if (t.includes('uint16')) return 4;
  if (t.includes('int8')) return 3;
  if (t.includes('uint32')) return 2;
  return 1;
};

export const squeeze: VersionFn = (n) => (inType(n, 0) === 'string' ? 2 : 1);
export const pack: VersionFn = (n) => (inType(n, 0) === 'int8' ? 2 : inType(n, 0) === 'int16' ? 3 : 1);
export const unpack: VersionFn = (n) => (inType(n, 0) === 'int8' || inType(n, 0) === 'uint8' ? 2 : inType(n, 0) === 'bool' ? 3 : inType(n, 0) === 'int16' ? 4 : 1);
export const tile: VersionFn = (n) => (inType(n, 0) === 'int16' ? 4 : inType(n, 0) === 'int8' ? 3 : inType(n, 0) === 'string' ? 2 : 1);
export const relu: VersionFn = (n) => (inType(n, 0) === 'int16' ? 3 : inType(n, 0) === 'int8' || inType(n, 0) === 'uint8' ? 2 : 1);
export const logisticTanh: VersionFn = (n) => (inType(n, 0) === 'int16' && outType(n) === 'int16' ? 3 : inType(n, 0) === 'int8' ? 2 : 1);
export const leakyRelu: VersionFn = (n) => (inType(n, 0) === 'int16' ? 2 : 1);
export const gelu: VersionFn = (n) => (inType(n, 0) === 'int8' || inType(n, 0) === 'uint8' ? 2 : 1);
export const argMinMax: VersionFn = (n) => (inType(n, 0) === 'bool' ? 3 : inType(n, 0) === 'int8' ? 2 : 1);
export const split: VersionFn = (n) => (inType(n, 1) === 'int16' ? 4 : inType(n, 1) === 'int32' ? 3 : inType(n, 1) === 'int8' ? 2 : 1);
export const spaceBatch: VersionFn = (n) => (rank(n, 0) !== 4 ? 3 : inType(n, 0) === 'int8' ? 2 : 1);
export const abs: VersionFn = (n) => (inType(n, 0) === 'int32' ? 5 : inType(n, 0) === 'int16' ? 4 : inType(n, 0) === 'int8' || inType(n, 0) === 'uint8' ? 2 : 1);
export const equality: VersionFn = (n) => (inType(n, 0) === 'string' ? 3 : inType(n, 0) === 'int8' ? 2 : 1);
export const select: VersionFn = (n) => ([0, 1, 2].some((i) => rank(n, i) === 5) ? 3 : inType(n, 0) === 'int8' ? 2 : 1);
export const fill: VersionFn = (n) => {
  const t = inType(n, 1);
  return t === 'float16' ? 4 : t === 'int8' || t === 'int16' ? 3 : t === 'bool' || t === 'string' ? 2 : 1;
};
export const broadcastTo: VersionFn = (n) => (inType(n, 0) === 'int8' || inType(n, 0) === 'int16' ? 3 : 2);
export const reduceProd: VersionFn = (n) => (inType(n, 0) === 'int8' || inType(n, 0) === 'int16' ? 2 : 1);
export const one: VersionFn = () => 1;
/** CONCATENATION, SOFTMAX, MEAN, MIRROR_PAD, REDUCE_MAX, REDUCE_MIN, RELU6: int16 → 3, int8 → 2. */
export const int16Three = simple(3);
/** SUM, LOG_SOFTMAX, RSQRT, SQUARED_DIFFERENCE, SPACE/DEPTH_TO_SPACE, comparisons, TOPK_V2, SPLIT_V: int8 → 2. */
export const int8Two = simple();

export const quantize: VersionFn = (n) => {
  if (inType(n, 0) === 'int4' || outType(n) === 'int4') return 4;
  if ((n.outputs[0]?.quantization?.scale.length ?? 0) > 1) return 3;
  return outType(n) === 'int16' ? 2 : 1;
};

export const dequantize: VersionFn = (n) => {
  const t = inType(n, 0);
  if (t === 'int4') return 6;
  if (t === 'int16' || t === 'float16') return 3;
  if (t === 'int8') return perChannel(n, 0) ? 5 : 2;
  return 1;
};

export const unidirectionalLstm: VersionFn = (n) => {
  if (inType(n, 0) === 'int16' && inType(n, 2) === 'int8' && outType(n) === 'int16') return 5;
  const o = opts<{ diagonalRecurrentTensors?: boolean; asymmetricQuantizeInputs?: boolean }>(n);
  if (o?.diagonalRecurrentTensors) return 4;
  if (inType(n, 0) === 'float32' && inType(n, 2) === 'int8' && outType(n) === 'float32') return o?.asymmetricQuantizeInputs ? 3 : 2;
  return 1;
};
