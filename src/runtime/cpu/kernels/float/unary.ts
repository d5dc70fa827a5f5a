/**
 * Elementwise unary ops on float32 (TFLite reference formulas; computed in f64, rounded to f32 once):
 *   RELU max(0, x) · RELU6 min(max(0, x), 6) · RELU_N1_TO_1 min(max(−1, x), 1) · RELU_0_TO_1 min(max(0, x), 1)
 *   LOGISTIC: 1 for x > 16.619047164916992, eˣ for x < −9, else 1 / (1 + e⁻ˣ) (TFLite's cut-offs)
 *   TANH tanh x · ELU x < 0 ? eˣ − 1 : x · LEAKY_RELU x > 0 ? x : α·x (α the f32 option)
 *   HARD_SWISH x · min(max(x + 3, 0), 6) / 6
 *   GELU exact ½·x·erfc(−x/√2) (TFLite's erfc form); approximate ½·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))
 *   PRELU (binary, broadcast α): x ≥ 0 ? x : α·x
 *   ABS, NEG, SQUARE also on int32 (wrapping); EXP, LOG, SQRT, RSQRT 1/√x, SIN, COS, FLOOR, CEIL, SIGN,
 *   ROUND (half to even, TFLite `RoundToNearest`), LOGICAL_NOT (bool).
 */
import { GeluOptionsT } from '../../../../formats/tflite/generated/tflite/gelu-options.ts';
import { LeakyReluOptionsT } from '../../../../formats/tflite/generated/tflite/leaky-relu-options.ts';
import type { Node } from '../../../../ir/graph.ts';
import { registerCpuKernel, type HostTensor } from '../../kernel-api.ts';
import { allocArray, broadcastShapes, f32, forEachBroadcastRow, isNumberArray, optionsOf, outputOf, req, roundHalfEven, sizeOf } from './util.ts';

type Fn = (x: number) => number;

function unary(node: Node, inputs: readonly (HostTensor | null)[], fn: Fn): HostTensor[] {
  const x = req(node, inputs, 0);
  const xd = x.data;
  const dtype = node.outputs[0]!.dtype;
  const out = allocArray(dtype, xd.length);
  if (!isNumberArray(xd) || !isNumberArray(out)) throw new TypeError(`${node.op}: ${x.dtype} is not supported`);
  for (let i = 0; i < xd.length; i++) out[i] = fn(xd[i]!);
  return [outputOf(node, 0, [...x.shape], out)];
}

/** Float-only unary op: refuses other dtypes with a clear message. */
function unaryF32(node: Node, inputs: readonly (HostTensor | null)[], fn: Fn): HostTensor[] {
  f32(req(node, inputs, 0), node.op);
  return unary(node, inputs, fn);
}

const SQRT1_2 = Math.SQRT1_2;
const SQRT_2_PI = Math.fround(Math.sqrt(2 / Math.PI));
const GELU_C = Math.fround(0.044715);
const LOGISTIC_HI = 16.619047164916992;

/**
 * erfc in float64, to ~1e-13 relative: 1 − erf by its Maclaurin series below 2.5, the Laplace continued fraction
 * erfc(x) = e^(−x²)/√π · 1/(x + ½/(x + 1/(x + 3/2/(x + …)))) above, erfc(−x) = 2 − erfc(x).
 */
export function erfc(x: number): number {
  if (x !== x) return x;
  if (x < 0) return 2 - erfc(-x);
  if (x < 2.5) {
    // erf(x) = 2/√π · Σ (−1)ⁿ x^(2n+1) / (n! (2n + 1))
    const x2 = x * x;
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= -x2 / n;
      const t = term / (2 * n + 1);
      sum += t;
      if (Math.abs(t) < 1e-17 * Math.abs(sum)) break;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * sum;
  }
  if (x > 27) return 0;
  let k = x;
  for (let n = x < 4 ? 120 : 60; n >= 1; n--) k = x + n / 2 / k;
  return Math.exp(-x * x) / (Math.sqrt(Math.PI) * k);
}

const floatOps: [string, Fn][] = [
  ['RELU', (x) => (x < 0 ? 0 : x)],
  ['RELU6', (x) => (x < 0 ? 0 : x > 6 ? 6 : x)],
  ['RELU_N1_TO_1', (x) => (x < -1 ? -1 : x > 1 ? 1 : x)],
  ['RELU_0_TO_1', (x) => (x < 0 ? 0 : x > 1 ? 1 : x)],
  ['LOGISTIC', (x) => (x > LOGISTIC_HI ? 1 : x < -9 ? Math.exp(x) : 1 / (1 + Math.exp(-x)))],
  ['TANH', Math.tanh],
  ['ELU', (x) => (x < 0 ? Math.expm1(x) : x)],
  ['HARD_SWISH', (x) => Math.fround(x * Math.min(Math.max(Math.fround(x + 3), 0), 6)) / 6],
  ['EXP', Math.exp],
  ['LOG', Math.log],
  ['SQRT', Math.sqrt],
  ['RSQRT', (x) => 1 / Math.sqrt(x)],
  ['SIN', Math.sin],
  ['COS', Math.cos],
  ['FLOOR', Math.floor],
  ['CEIL', Math.ceil],
  ['ROUND', roundHalfEven],
];
for (const [op, fn] of floatOps) registerCpuKernel(op, 'float', (node, inputs) => unaryF32(node, inputs, fn));

const genericOps: [string, Fn, Fn][] = [
  // [op, float fn, int32 fn]
  ['ABS', Math.abs, Math.abs],
  ['NEG', (x) => -x, (x) => -x],
  ['SQUARE', (x) => x * x, (x) => Math.imul(x, x)],
  ['SIGN', Math.sign, Math.sign],
  ['LOGICAL_NOT', (x) => +(x === 0), (x) => +(x === 0)],
];
for (const [op, fn, intFn] of genericOps) {
  registerCpuKernel(op, 'float', (node, inputs) => unary(node, inputs, req(node, inputs, 0).data instanceof Float32Array ? fn : intFn));
}

registerCpuKernel('LEAKY_RELU', 'float', (node, inputs) => {
  const alpha = Math.fround(optionsOf(node, LeakyReluOptionsT).alpha);
  return unaryF32(node, inputs, (x) => (x > 0 ? x : x * alpha));
});

registerCpuKernel('GELU', 'float', (node, inputs) => unaryF32(node, inputs, optionsOf(node, GeluOptionsT).approximate
  ? (x) => 0.5 * x * (1 + Math.tanh(SQRT_2_PI * Math.fround(x + Math.fround(Math.fround(Math.fround(GELU_C * x) * x) * x))))
  : (x) => 0.5 * x * erfc(x * -SQRT1_2)));

registerCpuKernel('PRELU', 'float', (node, inputs) => {
  const x = req(node, inputs, 0);
  const a = req(node, inputs, 1);
  const xd = f32(x, 'PRELU');
  const ad = f32(a, 'PRELU', 'alpha');
  const shape = broadcastShapes(x.shape, a.shape, 'PRELU');
  const out = new Float32Array(sizeOf(shape));
  forEachBroadcastRow(x.shape, a.shape, shape, (ox, oa, oo, n, sx, sa) => {
    for (let j = 0; j < n; j++) {
      const v = xd[ox + j * sx]!;
      out[oo + j] = v >= 0 ? v : v * ad[oa + j * sa]!;
    }
  });
  return [outputOf(node, 0, shape, out)];
});
