/**
 * Float elementwise kernels on hand-computed values: broadcasting shapes (both sides, scalars, rank differences),
 * fused activations, int32 semantics (truncating DIV, flooring FLOOR_DIV/FLOOR_MOD, wrapping MUL), activation
 * functions at their edges (LOGISTIC cut-offs, GELU both forms, HARD_SWISH corners), SOFTMAX with β, reductions
 * with negative / repeated axes and keep_dims, ARG_MAX ties, QUANTIZE rounding and DEQUANTIZE (per channel, fp16).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BuiltinOptions } from '../../../src/formats/tflite/generated/tflite/builtin-options.ts';
import { ActivationFunctionType as Act } from '../../../src/formats/tflite/generated/tflite/activation-function-type.ts';
import { AddOptionsT } from '../../../src/formats/tflite/generated/tflite/add-options.ts';
import { MulOptionsT } from '../../../src/formats/tflite/generated/tflite/mul-options.ts';
import { SoftmaxOptionsT } from '../../../src/formats/tflite/generated/tflite/softmax-options.ts';
import { GeluOptionsT } from '../../../src/formats/tflite/generated/tflite/gelu-options.ts';
import { LeakyReluOptionsT } from '../../../src/formats/tflite/generated/tflite/leaky-relu-options.ts';
import { ReducerOptionsT } from '../../../src/formats/tflite/generated/tflite/reducer-options.ts';
import { erfc } from '../../../src/runtime/cpu/kernels/float/unary.ts';
import { close, f32, i32, range, run, same, t } from './kernel-harness.ts';

const add = (act = Act.NONE) => ({ type: BuiltinOptions.AddOptions, value: new AddOptionsT(act) });
const keep = (k: boolean) => ({ type: BuiltinOptions.ReducerOptions, value: new ReducerOptionsT(k) });

describe('binary ops with broadcasting', () => {
  test('ADD [2,1,3] + [4,1] → [2,4,3]', () => {
    const [y] = run('ADD', [t(range(6), [2, 1, 3]), t(f32(0, 10, 20, 30), [4, 1])]);
    const expected: number[] = [];
    for (let a = 0; a < 2; a++) for (let b = 0; b < 4; b++) for (let c = 0; c < 3; c++) expected.push(a * 3 + c + b * 10);
    close(y!, expected, [2, 4, 3]);
  });
  test('scalar on either side, fused RELU6', () => {
    close(run('ADD', [t(f32(-9, 1, 9), [3]), t(f32(2), [])], { options: add(Act.RELU6) })[0]!, [0, 3, 6], [3]);
    close(run('SUB', [t(f32(5), []), t(f32(1, 2, 3), [3])])[0]!, [4, 3, 2], [3]);
  });
  test('MUL with RELU_N1_TO_1, DIV by zero gives ±Inf', () => {
    const mul = { type: BuiltinOptions.MulOptions, value: new MulOptionsT(Act.RELU_N1_TO_1) };
    close(run('MUL', [t(f32(0.5, 2, -3), [3]), t(f32(1, 1, 1), [3])], { options: mul })[0]!, [0.5, 1, -1], [3]);
    close(run('DIV', [t(f32(1, -1, 6), [3]), t(f32(0, 0, 4), [3])])[0]!, [Infinity, -Infinity, 1.5], [3]);
  });
  test('SQUARED_DIFFERENCE, MAXIMUM, MINIMUM broadcast', () => {
    close(run('SQUARED_DIFFERENCE', [t(f32(1, 2, 3, 4), [2, 2]), t(f32(1, 5), [2])])[0]!, [0, 9, 4, 1], [2, 2]);
    close(run('MAXIMUM', [t(f32(1, 7, 3, 4), [2, 2]), t(f32(2, 5), [1, 2])])[0]!, [2, 7, 3, 5], [2, 2]);
    close(run('MINIMUM', [t(f32(1, 7, 3, 4), [2, 2]), t(f32(2, 5), [2, 1])])[0]!, [1, 2, 3, 4], [2, 2]);
  });
  test('incompatible shapes are an error naming both', () => {
    assert.throws(() => run('ADD', [t(range(6), [2, 3]), t(range(4), [4])]), /\[2,3\] and \[4\] do not broadcast/);
  });
  test('int32: DIV truncates, FLOOR_DIV floors, FLOOR_MOD takes the divisor’s sign, MUL wraps', () => {
    same(run('DIV', [t(i32(-7, 7, 7), [3]), t(i32(2, -2, 2), [3])])[0]!, [-3, -3, 3], [3]);
    same(run('FLOOR_DIV', [t(i32(-7, 7, 7), [3]), t(i32(2, -2, 2), [3])])[0]!, [-4, -4, 3], [3]);
    same(run('FLOOR_MOD', [t(i32(-7, 7, 7), [3]), t(i32(3, -3, 3), [3])])[0]!, [2, -2, 1], [3]);
    same(run('MUL', [t(i32(65536, 3), [2]), t(i32(65536, -4), [2])])[0]!, [0, -12], [2]);
    same(run('ADD', [t(i32(1, 2), [2]), t(i32(10), [])])[0]!, [11, 12], [2]);
  });
  test('comparisons give bool', () => {
    const [y] = run('LESS', [t(f32(1, 2, 3), [3]), t(f32(2), [])], { out: ['bool'] });
    assert.equal(y!.dtype, 'bool');
    same(y!, [1, 0, 0], [3]);
  });
});

describe('activations', () => {
  test('RELU family', () => {
    const x = t(f32(-2, -0.5, 0.5, 7), [4]);
    close(run('RELU', [x])[0]!, [0, 0, 0.5, 7], [4]);
    close(run('RELU6', [x])[0]!, [0, 0, 0.5, 6], [4]);
    close(run('RELU_N1_TO_1', [x])[0]!, [-1, -0.5, 0.5, 1], [4]);
  });
  test('LOGISTIC with TFLite’s cut-offs, TANH', () => {
    close(run('LOGISTIC', [t(f32(0, 2, -10, 17), [4])])[0]!, [0.5, 1 / (1 + Math.exp(-2)), Math.exp(-10), 1], [4], 1e-7);
    close(run('TANH', [t(f32(0, 0.5, -3), [3])])[0]!, [0, Math.tanh(0.5), Math.tanh(-3)], [3], 1e-7);
  });
  test('HARD_SWISH x·relu6(x + 3)/6 at its corners', () => {
    close(run('HARD_SWISH', [t(f32(-4, -3, -1, 0, 1, 3, 4), [7])])[0]!, [0, 0, -1 / 3, 0, 2 / 3, 3, 4], [7], 1e-7);
  });
  test('ELU, LEAKY_RELU (α), PRELU (broadcast α)', () => {
    close(run('ELU', [t(f32(-1, 2), [2])])[0]!, [Math.expm1(-1), 2], [2], 1e-7);
    const leaky = { type: BuiltinOptions.LeakyReluOptions, value: new LeakyReluOptionsT(0.2) };
    close(run('LEAKY_RELU', [t(f32(-1, 3), [2])], { options: leaky })[0]!, [-0.2, 3], [2], 1e-7);
    close(run('PRELU', [t(f32(-1, -1, 2, -4), [1, 2, 2]), t(f32(0.5, 0.25), [1, 1, 2])])[0]!, [-0.5, -0.25, 2, -1], [1, 2, 2]);
  });
  test('GELU exact (erfc form) and tanh approximation', () => {
    const exact = { type: BuiltinOptions.GeluOptions, value: new GeluOptionsT(false) };
    const approx = { type: BuiltinOptions.GeluOptions, value: new GeluOptionsT(true) };
    // exact: ½x(1 + erf(x/√2)); values from the normal CDF
    close(run('GELU', [t(f32(-3, -1, 0, 1, 2), [5])], { options: exact })[0]!,
      [-0.0040496937, -0.15865525393, 0, 0.84134474607, 1.95449973610], [5], 1e-6);
    const tanhGelu = (x: number) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
    close(run('GELU', [t(f32(-3, -1, 0, 1, 2), [5])], { options: approx })[0]!, [-3, -1, 0, 1, 2].map(tanhGelu), [5], 1e-6);
  });
  test('erfc to 1e-12 relative across its range', () => {
    const known: [number, number][] = [[0, 1], [0.5, 0.4795001221869535], [1, 0.15729920705028513], [2, 0.004677734981047266],
      [3, 2.209049699858544e-5], [5, 1.5374597944280349e-12], [-1, 1.8427007929497148], [10, 2.088487583762545e-45]];
    for (const [x, v] of known) assert.ok(Math.abs(erfc(x) - v) <= 1e-12 * v, `erfc(${x}) = ${erfc(x)}, expected ${v}`);
  });
});

describe('SOFTMAX and friends', () => {
  const softmax = (beta: number) => ({ type: BuiltinOptions.SoftmaxOptions, value: new SoftmaxOptionsT(beta) });
  const ref = (row: number[], beta: number) => {
    const m = Math.max(...row);
    const e = row.map((v) => Math.exp((v - m) * beta));
    const s = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / s);
  };
  test('rows of the last axis, β = 1 and β = 0.5, large inputs do not overflow', () => {
    close(run('SOFTMAX', [t(f32(1, 2, 3, 1000, 1000, 999), [2, 3])], { options: softmax(1) })[0]!, [...ref([1, 2, 3], 1), ...ref([1000, 1000, 999], 1)], [2, 3], 1e-6);
    close(run('SOFTMAX', [t(f32(1, 2, 3), [1, 3])], { options: softmax(0.5) })[0]!, ref([1, 2, 3], 0.5), [1, 3], 1e-6);
  });
  test('LOG_SOFTMAX and L2_NORMALIZATION', () => {
    close(run('LOG_SOFTMAX', [t(f32(1, 2, 3), [3])])[0]!, ref([1, 2, 3], 1).map(Math.log), [3], 1e-6);
    close(run('L2_NORMALIZATION', [t(f32(3, 4, 0, 0), [2, 2])])[0]!, [0.6, 0.8, 0, 0], [2, 2], 1e-6);
  });
});

describe('reductions', () => {
  const x = t(f32(1, 2, 3, 4, 5, 6), [2, 3]);
  test('MEAN keep_dims, SUM over all axes, REDUCE_MAX with a negative axis', () => {
    close(run('MEAN', [x, t(i32(1), [1])], { options: keep(true) })[0]!, [2, 5], [2, 1]);
    close(run('SUM', [x, t(i32(0, 1), [2])], { options: keep(false) })[0]!, [21], []);
    close(run('REDUCE_MAX', [x, t(i32(-1), [])], { options: keep(false) })[0]!, [3, 6], [2]);
    close(run('REDUCE_MIN', [x, t(i32(0, 0), [2])], { options: keep(false) })[0]!, [1, 2, 3], [3]);
    close(run('REDUCE_PROD', [x, t(i32(1), [1])], { options: keep(false) })[0]!, [6, 120], [2]);
  });
  test('MEAN over the middle axes of NHWC (global average pool)', () => {
    const [y] = run('MEAN', [t(range(8), [1, 2, 2, 2]), t(i32(1, 2), [2])], { options: keep(true) });
    close(y!, [3, 4], [1, 1, 1, 2]);
  });
  test('ARG_MAX / ARG_MIN: first index of the extreme, int32 or int64 output, int8 input', () => {
    same(run('ARG_MAX', [t(f32(1, 3, 3, 4, 0, 2), [2, 3]), t(i32(1), [1])], { out: ['int32'] })[0]!, [1, 0], [2]);
    same(run('ARG_MIN', [t(f32(1, 3, 3, 4, 0, 2), [2, 3]), t(i32(0), [1])], { out: ['int64'] })[0]!, [0n, 1n, 1n], [3]);
    same(run('ARG_MAX', [t(Int8Array.from([-5, 7, 7, -128]), [4]), t(i32(0), [1])], { out: ['int32'] })[0]!, [1], []);
  });
});

describe('QUANTIZE / DEQUANTIZE', () => {
  const q = (scale: number, zp: number, axis = 0) => ({ scale: [Math.fround(scale)], zeroPoint: [zp], axis });
  const litert = { ctx: { integerArithmetic: 'litert' as const } };
  test('litert, int8: x·(1/scale) rounded half to even, + zero point, saturated', () => {
    const [y] = run('QUANTIZE', [t(f32(0.25, 0.75, -0.25, -0.75, 100, -100, 1.24), [7])], { out: ['int8'], outQuant: [q(0.5, 1)], ...litert });
    assert.equal(y!.dtype, 'int8');
    same(y!, [1, 3, 1, -1, 127, -128, 3], [7]);
  });
  test('litert, uint8 and int16 (int16: division, half away from zero)', () => {
    same(run('QUANTIZE', [t(f32(0, 0.25, 300), [3])], { out: ['uint8'], outQuant: [q(0.5, 128)], ...litert })[0]!, [128, 128, 255], [3]);
    same(run('QUANTIZE', [t(f32(0.25, 0.75, -0.25, 1e9), [4])], { out: ['int16'], outQuant: [q(0.5, 0)], ...litert })[0]!, [1, 2, -1, 32767], [4]);
  });
  test('reference (default): round half away from zero of f32(x / scale), every dtype', () => {
    same(run('QUANTIZE', [t(f32(0.25, 0.75, -0.25, -0.75, 100, -100, 1.24), [7])], { out: ['int8'], outQuant: [q(0.5, 1)] })[0]!, [2, 3, 0, -1, 127, -128, 3], [7]);
    same(run('QUANTIZE', [t(f32(0, 0.25, 300), [3])], { out: ['uint8'], outQuant: [q(0.5, 128)] })[0]!, [128, 129, 255], [3]);
    same(run('QUANTIZE', [t(f32(0.25, 0.75, -0.25, 1e9), [4])], { out: ['int16'], outQuant: [q(0.5, 0)] })[0]!, [1, 2, -1, 32767], [4]);
  });
  test('DEQUANTIZE int8 per tensor and per channel (axis 1)', () => {
    const [y] = run('DEQUANTIZE', [t(Int8Array.from([-128, 0, 127]), [3], { quantization: q(0.1, -1) })], { out: ['float32'] });
    close(y!, [Math.fround(0.1) * -127, Math.fround(0.1), Math.fround(0.1) * 128], [3], 1e-7);
    const pc = { scale: [1, 0.5].map(Math.fround), zeroPoint: [0, 2], axis: 1 };
    const [z] = run('DEQUANTIZE', [t(Int8Array.from([1, 2, 3, 4]), [2, 2], { quantization: pc })], { out: ['float32'] });
    close(z!, [1, 0, 3, 1], [2, 2]);
  });
  test('DEQUANTIZE float16 → float32 is exact (normals, subnormals, Inf)', () => {
    const [y] = run('DEQUANTIZE', [t(Uint16Array.from([0x3c00, 0xb800, 0x7c00, 0x0001, 0x7bff]), [5], { dtype: 'float16' })], { out: ['float32'] });
    same(y!, [1, -0.5, Infinity, 2 ** -24, 65504], [5]);
  });
});
