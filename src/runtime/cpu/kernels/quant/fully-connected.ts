/**
 * FULLY_CONNECTED on quantized tensors, TFLite's integer maths (kernels/fully_connected.cc):
 *
 * int8 / uint8 (reference_integer_ops::FullyConnected, reference_ops::FullyConnected for uint8), per batch row b and
 * unit u: acc = Σ_d (w[u,d] − w_zp)·(x[b,d] − x_zp) + bias[u] (int32),
 * y = clamp(MultiplyByQuantizedMultiplier(acc, m_u, s_u) + y_zp, act_min, act_max), with m/s from
 * double(x_scale)·double(w_scale_u)/double(y_scale) (per channel when the weights are, else one value).
 * int16x8 (16-bit activations, int8 weights, int64 bias): the same with an int64 accumulator and the int64
 * MultiplyByQuantizedMultiplier (15-bit reduced multiplier); LiteRT's optimized 16x8 kernel (litert mode) uses the
 * int32 MultiplyByQuantizedMultiplier on an int32 accumulator instead.
 * litert mode, int8: XNNPACK's fp32 requantization (see channelRequantizer) and half-to-even activation bounds.
 *
 * Hybrid / dynamic range (float input, int8 weights; EvalHybrid → tensor_utils): each batch row is quantized on the
 * fly — symmetric: s_b = max|x_b| / 127, q = clamp(round(x · (127 / max|x_b|)), ±127) (SymmetricQuantizeFloats);
 * asymmetric when `asymmetric_quantize_inputs` (AsymmetricQuantizeFloats, zp_b from the row's min/max) — then
 * y[b,u] = bias[u] + (Σ_d w[u,d]·q[b,d] − zp_b·Σ_d w[u,d]) · (s_b · w_scale_u) in float32, then the fused activation.
 * litert mode: XNNPACK's dynamically quantized FC (qd8, `quantizeRowXnnpack`): y = ((Σ w·(q − zp_b)) · (1/m_b)) · w_scale_u
 * + bias[u] in float32 steps.
 */
import { ActivationFunctionType } from '../../../../formats/tflite/generated/tflite/activation-function-type.ts';
import { FullyConnectedOptionsT } from '../../../../formats/tflite/generated/tflite/fully-connected-options.ts';
import type { Node } from '../../../../ir/graph.ts';
import type { HostTensor, KernelContext } from '../../kernel-api.ts';
import { channelRequantizer } from '../../quant-math.ts';
import { applyActivation, f32, optionsOf, req } from '../float/util.ts';
import { filterZeroPoint, int32Bias, newQOutput, outParams, delegatedClamp, qdata, qparams, wideBias } from './q-util.ts';
import { quantizeRowAsymmetric, quantizeRowSymmetric, quantizeRowXnnpack } from './hybrid-util.ts';

interface FcShape { batches: number; depth: number; units: number; outShape: number[] }

function fcShape(node: Node, input: HostTensor, filter: HostTensor, keepNumDims: boolean): FcShape {
  if (filter.shape.length !== 2) throw new RangeError(`${node.op}: weights must be 2-D, got [${filter.shape}]`);
  const [units, depth] = filter.shape as [number, number];
  const size = input.data.length;
  if (depth === 0 || size % depth !== 0) throw new RangeError(`${node.op}: input [${input.shape}] is not a multiple of the weights' depth ${depth}`);
  const batches = size / depth;
  const outShape = keepNumDims ? [...input.shape.slice(0, -1), units] : [batches, units];
  return { batches, depth, units, outShape };
}

function fullyConnectedInt(node: Node, inputs: readonly (HostTensor | null)[], ctx: KernelContext): HostTensor[] {
  const opts = optionsOf(node, FullyConnectedOptionsT);
  const input = req(node, inputs, 0);
  const filter = req(node, inputs, 1);
  const { batches, depth, units, outShape } = fcShape(node, input, filter, opts.keepNumDims);
  const x = qdata(input, node.op);
  const w = qdata(filter, node.op, 'weights');
  const xOff = -qparams(input, node.op, 'input').zeroPoint;
  const wOff = -filterZeroPoint(filter);
  const out = newQOutput(node, outShape);
  const yZp = outParams(node).zeroPoint;
  const [lo, hi] = delegatedClamp(node, opts.fusedActivationFunction, ctx.integerArithmetic);
  const requant = channelRequantizer(ctx.integerArithmetic, qparams(input, node.op, 'input').scale, filter.quantization?.scale ?? [], outParams(node).scale, units, input.dtype === 'int16', true);
  const y = out.data;
  const bias = input.dtype === 'int16' ? wideBias(inputs[2] ?? null, units, node.op) : int32Bias(inputs[2] ?? null, units, node.op);
  for (let b = 0; b < batches; b++) {
    const xo = b * depth;
    for (let u = 0; u < units; u++) {
      const wo = u * depth;
      let acc = 0; // exact: |Σ| < 2^53 (int64 accumulator of 16x8 included)
      for (let d = 0; d < depth; d++) acc += (w[wo + d]! + wOff) * (x[xo + d]! + xOff);
      if (bias) acc += bias[u]!;
      const v = requant(acc, u) + yZp;
      y[b * units + u] = v < lo ? lo : v > hi ? hi : v;
    }
  }
  return [out];
}

function fullyConnectedHybrid(node: Node, inputs: readonly (HostTensor | null)[], ctx: KernelContext): HostTensor[] {
  const opts = optionsOf(node, FullyConnectedOptionsT);
  const input = req(node, inputs, 0);
  const filter = req(node, inputs, 1);
  const { batches, depth, units, outShape } = fcShape(node, input, filter, opts.keepNumDims);
  const x = f32(input, node.op);
  const w = qdata(filter, node.op, 'weights');
  if (!(w instanceof Int8Array)) throw new TypeError(`${node.op}: hybrid weights must be int8, got ${filter.dtype}`);
  const fq = filter.quantization;
  if (!fq || fq.scale.length === 0) throw new RangeError(`${node.op}: hybrid weights have no scale`);
  const biasT = inputs[2] ?? null;
  const bias = biasT ? f32(biasT, node.op, 'bias') : null;
  const y = new Float32Array(batches * units);
  const q = new Int8Array(depth);
  const wScale = (u: number): number => (fq.scale.length === 1 ? fq.scale[0]! : fq.scale[u]!);
  const fr = Math.fround;
  if (ctx.integerArithmetic === 'litert') {
    // XNNPACK's dynamically quantized FC (qd8-f32-qc8w): out = ((acc · (1/m)) · w_scale) + bias, float32 steps.
    for (let b = 0; b < batches; b++) {
      const { invScale, zeroPoint } = quantizeRowXnnpack(x.subarray(b * depth, (b + 1) * depth), q);
      for (let u = 0; u < units; u++) {
        const wo = u * depth;
        let dot = 0;
        for (let d = 0; d < depth; d++) dot += w[wo + d]! * (q[d]! - zeroPoint);
        const v = fr(fr(fr(dot) * invScale) * wScale(u));
        y[b * units + u] = bias ? fr(v + bias[u]!) : v;
      }
    }
  } else {
    // Σ_d w[u,d] for the asymmetric input offset (row sums, computed once per invoke as TFLite caches them).
    let rowSums: Int32Array | null = null;
    if (opts.asymmetricQuantizeInputs) {
      rowSums = new Int32Array(units);
      for (let u = 0; u < units; u++) { let s = 0; for (let d = 0; d < depth; d++) s += w[u * depth + d]!; rowSums[u] = s; }
    }
    for (let b = 0; b < batches; b++) {
      const row = x.subarray(b * depth, (b + 1) * depth);
      const { scale, zeroPoint } = opts.asymmetricQuantizeInputs ? quantizeRowAsymmetric(row, q) : quantizeRowSymmetric(row, q);
      const yo = b * units;
      if (bias) for (let u = 0; u < units; u++) y[yo + u] = bias[u]!;
      for (let u = 0; u < units; u++) {
        const wo = u * depth;
        let dot = 0;
        for (let d = 0; d < depth; d++) dot += w[wo + d]! * q[d]!;
        if (rowSums) dot -= zeroPoint * rowSums[u]!;
        y[yo + u] = y[yo + u]! + fr(fr(dot) * fr(scale * wScale(u)));
      }
    }
  }
  applyActivation(y, opts.fusedActivationFunction as ActivationFunctionType, node.op);
  const t = node.outputs[0]!;
  return [{ dtype: t.dtype, shape: outShape, data: y, quantization: t.quantization }];
}

export const fullyConnectedKernels = { int: fullyConnectedInt, hybrid: fullyConnectedHybrid };
