/**
 * int8 activation parameters from a calibrated range, as TensorFlow's converter computes them (MLIR quantizer
 * `fakeQuantAttrsToType` + `DownCastScale` with `legacy_float_scale`; the older `GetAsymmetricQuantizationParams`
 * gives the same numbers), storage [qmin, qmax] = [−128, 127], not narrow:
 *
 *   min' = min(min, 0), max' = max(max, 0)                     (the range must contain 0: zero is exact)
 *   max' − min' < 2^−52   ⇒ scale 1, zero point −128            (an all-zero tensor)
 *   scale = f32( (f32(max') − f32(min')) / 255 )               (float32 arithmetic: the legacy float scale)
 *   zp    = qmin − min'/s  or  qmax − max'/s  (s the double scale (max' − min')/255), whichever has the smaller
 *           error term (|qmin| + |min'/s| vs |qmax| + |max'/s|); below −128 → −128, above 127 → 127, else
 *           round half away from zero.
 *
 * Ops whose output TFLite fixes (their int8 kernels require it): SOFTMAX and LOGISTIC output scale 1/256,
 * zero point −128 (range [0, 1)); TANH 1/128, 0 (range [−1, 1)). Ops that move values without arithmetic share
 * their input's parameters (the converter's same-scale constraint, resolved from the single operand).
 */
import type { TensorRange } from './observers/observer.ts';
import { roundHalfAway } from './weight-quant.ts';

export interface AffineParams {
  scale: number;
  zeroPoint: number;
}

const QMIN = -128;
const QMAX = 127;

export function asymmetricInt8Params(range: TensorRange): AffineParams {
  const rmin = Math.min(range.min, 0);
  const rmax = Math.max(range.max, 0);
  if (Math.abs(rmax - rmin) < Number.EPSILON) return { scale: 1, zeroPoint: QMIN };
  const s = (rmax - rmin) / (QMAX - QMIN);
  const fromMin = QMIN - rmin / s;
  const fromMax = QMAX - rmax / s;
  const zp = Math.abs(QMIN) + Math.abs(rmin / s) < Math.abs(QMAX) + Math.abs(rmax / s) ? fromMin : fromMax;
  const zeroPoint = zp < QMIN ? QMIN : zp > QMAX ? QMAX : roundHalfAway(zp);
  const scale = Math.fround((Math.fround(rmax) - Math.fround(rmin)) / (QMAX - QMIN));
  return { scale, zeroPoint };
}

/** Fixed output parameters of int8 SOFTMAX / LOGISTIC / TANH. */
export const FIXED_OUTPUT_PARAMS: ReadonlyMap<string, AffineParams> = new Map([
  ['SOFTMAX', { scale: 1 / 256, zeroPoint: -128 }],
  ['LOGISTIC', { scale: 1 / 256, zeroPoint: -128 }],
  ['TANH', { scale: 1 / 128, zeroPoint: 0 }],
]);

/** Ops whose int8 output takes input 0's parameters. */
export const SAME_SCALE_OPS: ReadonlySet<string> = new Set([
  'RESHAPE', 'SQUEEZE', 'EXPAND_DIMS', 'MAX_POOL_2D', 'AVERAGE_POOL_2D', 'TRANSPOSE', 'PAD', 'SLICE', 'STRIDED_SLICE',
]);

/** Ops whose int8 output gets parameters from its own calibrated range. */
export const OWN_RANGE_OPS: ReadonlySet<string> = new Set([
  'FULLY_CONNECTED', 'CONV_2D', 'DEPTHWISE_CONV_2D', 'ADD', 'SUB', 'MUL', 'RELU', 'RELU6', 'MEAN',
]);

/** Channel axis of the weights (input 1) of the ops with int8 weights + int32 bias. */
export const WEIGHT_AXIS: ReadonlyMap<string, number> = new Map([['FULLY_CONNECTED', 0], ['CONV_2D', 0], ['DEPTHWISE_CONV_2D', 3]]);
