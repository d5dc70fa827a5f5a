/**
 * Elementwise binary ops with NumPy broadcasting, on unquantized tensors: float32, and int32 / bool where TFLite
 * has them (shape arithmetic, masks). Registered as kind `float` (the interpreter routes unquantized integer
 * tensors there too); quantized int8/int16 versions are the integer kernels' business.
 *
 * Formulas (TFLite reference, float: each result rounded to f32 — computing one +, −, ×, ÷ in f64 and rounding
 * once gives the correctly rounded f32 result):
 *   ADD a + b · SUB a − b · MUL a · b (int32: wrapping, Math.imul) · DIV a / b (int32: truncating; ÷0 is an error)
 *   SQUARED_DIFFERENCE (a − b)² with d = f32(a − b) then d·d · MAXIMUM a > b ? a : b · MINIMUM a < b ? a : b
 *   POW pow(a, b) (int32: repeated product, b ≥ 0) · FLOOR_DIV ⌊a / b⌋ · FLOOR_MOD m = fmod(a, b), + b when m ≠ 0
 *   and sign(m) ≠ sign(b) · ATAN2 atan2(a, b)
 *   EQUAL, NOT_EQUAL, LESS, LESS_EQUAL, GREATER, GREATER_EQUAL → bool · LOGICAL_AND, LOGICAL_OR on bool.
 * ADD, SUB, MUL, DIV then apply their fused activation (util.ts).
 */
import { AddOptionsT } from '../../../../formats/tflite/generated/tflite/add-options.ts';
import { DivOptionsT } from '../../../../formats/tflite/generated/tflite/div-options.ts';
import { MulOptionsT } from '../../../../formats/tflite/generated/tflite/mul-options.ts';
import { SubOptionsT } from '../../../../formats/tflite/generated/tflite/sub-options.ts';
import { ActivationFunctionType } from '../../../../formats/tflite/generated/tflite/activation-function-type.ts';
import type { Node } from '../../../../ir/graph.ts';
import { registerCpuKernel, type HostTensor } from '../../kernel-api.ts';
import { activationRange, allocArray, broadcastShapes, forEachBroadcastRow, isNumberArray, optionsOf, req, sizeOf } from './util.ts';

type Fn = (a: number, b: number) => number;

function binary(node: Node, inputs: readonly (HostTensor | null)[], fn: Fn, act: ActivationFunctionType = ActivationFunctionType.NONE): HostTensor[] {
  const op = node.op;
  const a = req(node, inputs, 0);
  const b = req(node, inputs, 1);
  const ad = a.data;
  const bd = b.data;
  if (!isNumberArray(ad) || !isNumberArray(bd)) throw new TypeError(`${op}: ${a.dtype} operands are not supported`);
  const shape = broadcastShapes(a.shape, b.shape, op);
  const t = node.outputs[0]!;
  const out = allocArray(t.dtype, sizeOf(shape));
  if (!isNumberArray(out)) throw new TypeError(`${op}: ${t.dtype} output is not supported`);
  const [lo, hi] = activationRange(act, op);
  const clamp = act !== ActivationFunctionType.NONE;
  forEachBroadcastRow(a.shape, b.shape, shape, (oa, ob, oo, n, sa, sb) => {
    for (let j = 0; j < n; j++) {
      const v = fn(ad[oa + j * sa]!, bd[ob + j * sb]!);
      out[oo + j] = clamp ? (v < lo ? lo : v > hi ? hi : v) : v;
    }
  });
  return [{ dtype: t.dtype, shape, data: out, quantization: t.quantization }];
}

const isInt = (node: Node) => node.outputs[0]!.dtype !== 'float32' && node.outputs[0]!.dtype !== 'float64' && node.outputs[0]!.dtype !== 'float16';

function intPow(a: number, b: number): number {
  if (b < 0) throw new RangeError('POW: negative integer exponent');
  let r = 1;
  for (let i = 0; i < b; i++) r = Math.imul(r, a);
  return r;
}

function floorMod(a: number, b: number): number {
  const m = a % b;
  return m !== 0 && (b < 0) !== (m < 0) ? m + b : m;
}

function intDiv(a: number, b: number): number {
  if (b === 0) throw new RangeError('DIV: integer division by zero');
  return Math.trunc(a / b);
}

registerCpuKernel('ADD', 'float', (node, inputs) => binary(node, inputs, (a, b) => a + b, optionsOf(node, AddOptionsT).fusedActivationFunction));
registerCpuKernel('SUB', 'float', (node, inputs) => binary(node, inputs, (a, b) => a - b, optionsOf(node, SubOptionsT).fusedActivationFunction));
registerCpuKernel('MUL', 'float', (node, inputs) =>
  binary(node, inputs, isInt(node) ? Math.imul : (a, b) => a * b, optionsOf(node, MulOptionsT).fusedActivationFunction));
registerCpuKernel('DIV', 'float', (node, inputs) =>
  binary(node, inputs, isInt(node) ? intDiv : (a, b) => a / b, optionsOf(node, DivOptionsT).fusedActivationFunction));
registerCpuKernel('SQUARED_DIFFERENCE', 'float', (node, inputs) => binary(node, inputs, isInt(node)
  ? (a, b) => Math.imul(a - b, a - b)
  : (a, b) => { const d = Math.fround(a - b); return d * d; }));
registerCpuKernel('MAXIMUM', 'float', (node, inputs) => binary(node, inputs, (a, b) => (a > b ? a : b)));
registerCpuKernel('MINIMUM', 'float', (node, inputs) => binary(node, inputs, (a, b) => (a < b ? a : b)));
registerCpuKernel('POW', 'float', (node, inputs) => binary(node, inputs, isInt(node) ? intPow : Math.pow));
registerCpuKernel('FLOOR_DIV', 'float', (node, inputs) => binary(node, inputs, isInt(node)
  ? (a, b) => { if (b === 0) throw new RangeError('FLOOR_DIV: integer division by zero'); return Math.floor(a / b); }
  : (a, b) => Math.floor(Math.fround(a / b))));
registerCpuKernel('FLOOR_MOD', 'float', (node, inputs) => binary(node, inputs, floorMod));
registerCpuKernel('ATAN2', 'float', (node, inputs) => binary(node, inputs, Math.atan2));

const compare: [string, Fn][] = [
  ['EQUAL', (a, b) => +(a === b)], ['NOT_EQUAL', (a, b) => +(a !== b)], ['LESS', (a, b) => +(a < b)],
  ['LESS_EQUAL', (a, b) => +(a <= b)], ['GREATER', (a, b) => +(a > b)], ['GREATER_EQUAL', (a, b) => +(a >= b)],
  ['LOGICAL_AND', (a, b) => +(a !== 0 && b !== 0)], ['LOGICAL_OR', (a, b) => +(a !== 0 || b !== 0)],
];
for (const [op, fn] of compare) registerCpuKernel(op, 'float', (node, inputs) => binary(node, inputs, fn));
