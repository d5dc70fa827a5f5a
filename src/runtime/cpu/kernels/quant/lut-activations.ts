/**
 * Quantized activations computed through float math, as TFLite's optimized (default) int8 kernels do:
 *
 * LOGISTIC / TANH / ELU (activations.cc, LUTPopulate): a 256-entry table, for every int8 q:
 * t[q] = clamp((int)(round(f(s_in · (q − zp_in)) · (1 / s_out)) + zp_out)) in float32 (round half away from zero),
 * f = 1 / (1 + exp(−x)), tanh, or x < 0 ? expm1(x) : x; then out = t[in].
 * litert mode rounds the table half to even (lrintf of f(x) / s_out + zp_out) as XNNPACK's qs8 tables do; for
 * LOGISTIC and TANH both roundings agree with LiteRT.js on every input value of the tested scales. ELU follows
 * TFLite's table but is NOT verified: LiteRT.js and tfjs-tflite (both via XNNPACK, different versions) disagree with
 * each other and with it by 1 LSB on some inputs.
 *
 * SOFTMAX int8/uint8 → int8/uint8 (optimized_ops::Softmax with PopulateSoftmaxLookupTable, the kernel every non-aarch64
 * TFLite build runs): table[255 − v] = expf(−s_in · β · v); per row with max m, e_j = table[255 − m + q_j],
 * Σ = Σ e_j (float, in order), p_j = e_j · (1 / (Σ · s_out)), out = clamp(round(p_j) + zp_out) (int8; uint8 uses
 * (int)(p + 0.5)). Math.exp in double rounded to float32 stands in for the C library's expf (both are within an ulp;
 * the outputs agree with LiteRT.js on the tested scales and every fixture). XNNPACK does not take int8 SOFTMAX, and
 * TFLite's reference_ops fixed-point softmax (gemmlowp exp) is not what any default TFLite build runs, so both
 * arithmetic modes compute this.
 */
import { LeakyReluOptionsT } from '../../../../formats/tflite/generated/tflite/leaky-relu-options.ts';
import { SoftmaxOptionsT } from '../../../../formats/tflite/generated/tflite/softmax-options.ts';
import type { Node } from '../../../../ir/graph.ts';
import type { HostTensor, KernelContext } from '../../kernel-api.ts';
import { roundHalfEven, tfliteRound } from '../../quant-math.ts';
import { optionsOf, req } from '../float/util.ts';
import { newQOutput, outParams, qdata, qparams, quantizedRange } from './q-util.ts';

const fr = Math.fround;

/** The 256-entry table of an 8-bit activation `f` (index: the input value + 128 for int8, the value for uint8). */
export function activationTable(dtype: string, inScale: number, inZp: number, outScale: number, outZp: number, f: (x: number) => number, halfEven: boolean): Int32Array {
  const [qmin, qmax] = quantizedRange(dtype);
  const inv = fr(1 / outScale);
  const table = new Int32Array(256);
  for (let v = qmin; v <= qmax; v++) {
    const x = fr(inScale * (v - inZp));
    const t = fr(f(x));
    const q = halfEven ? roundHalfEven(fr(fr(t / outScale) + outZp)) : tfliteRound(fr(t * inv)) + outZp;
    table[v - qmin] = q < qmin ? qmin : q > qmax ? qmax : q;
  }
  return table;
}

const sigmoid = (x: number): number => fr(1 / fr(1 + fr(Math.exp(-x))));
const tanh = (x: number): number => fr(Math.tanh(x));
const elu = (x: number): number => (x < 0 ? fr(Math.expm1(x)) : x);

function lutKernel(f: (x: number) => number) {
  return (node: Node, inputs: readonly (HostTensor | null)[], ctx: KernelContext): HostTensor[] => {
    const input = req(node, inputs, 0);
    const x = qdata(input, node.op);
    if (input.dtype === 'int16') throw new RangeError(`${node.op}: int16 activations are not supported yet`);
    const pi = qparams(input, node.op, 'input');
    const po = outParams(node);
    const table = activationTable(input.dtype, pi.scale, pi.zeroPoint, po.scale, po.zeroPoint, f, ctx.integerArithmetic === 'litert');
    const off = input.dtype === 'int8' ? 128 : 0;
    const out = newQOutput(node, [...input.shape]);
    const y = out.data;
    for (let i = 0; i < x.length; i++) y[i] = table[x[i]! + off]!;
    return [out];
  };
}

function softmax(node: Node, inputs: readonly (HostTensor | null)[]): HostTensor[] {
  const input = req(node, inputs, 0);
  const x = qdata(input, node.op);
  if (input.dtype === 'int16') throw new RangeError(`${node.op}: int16 softmax is not supported yet`);
  const beta = fr(optionsOf(node, SoftmaxOptionsT).beta);
  const pi = qparams(input, node.op, 'input');
  const po = outParams(node);
  const outDtype = node.outputs[0]!.dtype;
  const [qmin, qmax] = quantizedRange(outDtype);
  const scale = fr(-pi.scale * beta);
  const table = new Float32Array(256);
  for (let v = 0; v <= 255; v++) table[255 - v] = fr(Math.exp(fr(scale * v)));
  const depth = input.shape.length ? input.shape[input.shape.length - 1]! : 1;
  const rows = depth === 0 ? 0 : x.length / depth;
  const out = newQOutput(node, [...input.shape]);
  const y = out.data;
  const uint8Out = outDtype === 'uint8';
  for (let r = 0; r < rows; r++) {
    const o = r * depth;
    let max = -Infinity;
    for (let j = 0; j < depth; j++) if (x[o + j]! > max) max = x[o + j]!;
    const base = 255 - max;
    let sum = 0;
    for (let j = 0; j < depth; j++) sum = fr(sum + table[base + x[o + j]!]!);
    const inv = fr(1 / fr(sum * po.scale));
    for (let j = 0; j < depth; j++) {
      const p = fr(table[base + x[o + j]!]! * inv);
      const q = (uint8Out ? Math.trunc(fr(p + 0.5)) : tfliteRound(p)) + po.zeroPoint;
      y[o + j] = q < qmin ? qmin : q > qmax ? qmax : q;
    }
  }
  return [out];
}

export const lutActivationKernels = {
  logistic: lutKernel(sigmoid),
  tanh: lutKernel(tanh),
  elu: lutKernel(elu),
  softmax,
};

/** LEAKY_RELU alpha as TFLite reads it (float32). */
export function leakyAlpha(node: Node): number {
  return fr(optionsOf(node, LeakyReluOptionsT).alpha);
}
