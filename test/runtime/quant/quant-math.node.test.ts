// quant-math against exact BigInt transcriptions of TFLite's / gemmlowp's C++ (int64 products, C++ truncating
// division, arithmetic shifts) on seeded random and edge inputs, plus known vectors from TFLite's
// quantization_util_test / kernel_util behaviour.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ActivationFunctionType } from '../../../src/formats/tflite/generated/tflite/activation-function-type.ts';
import {
  activationRangeQuantized, frexp, INT32_MAX, INT32_MIN, multiplyByQuantizedMultiplier, multiplyByQuantizedMultiplierGreaterThanOne,
  multiplyByQuantizedMultiplierInt64, multiplyByQuantizedMultiplierSingleRounding, multiplyByQuantizedMultiplierSmallerThanOneExp,
  quantizeMultiplier, quantizeMultiplierSmallerThanOneExp, roundHalfEven, roundingDivideByPOT, saturatingRoundingDoublingHighMul,
  tfliteRound,
} from '../../../src/runtime/cpu/quant-math.ts';
import { Rng } from '../../../src/util/random.ts';

// ---------------------------------------------------------------- BigInt transcriptions of the C++

const i32 = (v: bigint): number => Number(BigInt.asIntN(32, v));
/** C++ int64 division (truncates toward zero) — BigInt division does the same. */
function srdhmRef(a: number, b: number): number {
  if (a === INT32_MIN && b === INT32_MIN) return INT32_MAX;
  const ab = BigInt(a) * BigInt(b);
  const nudge = ab >= 0n ? 1n << 30n : 1n - (1n << 30n);
  return i32((ab + nudge) / (1n << 31n));
}
function rdbpotRef(x: number, e: number): number {
  const mask = (1n << BigInt(e)) - 1n;
  const xb = BigInt(x);
  const remainder = xb & mask;
  const threshold = (mask >> 1n) + (xb < 0n ? 1n : 0n);
  return i32((xb >> BigInt(e)) + (remainder > threshold ? 1n : 0n));
}
function mbqmRef(x: number, m: number, shift: number): number {
  const left = shift > 0 ? shift : 0;
  const right = shift > 0 ? 0 : -shift;
  return rdbpotRef(srdhmRef(i32(BigInt(x) * (1n << BigInt(left))), m), right);
}
function singleRef(x: number, m: number, shift: number): number {
  const ts = BigInt(31 - shift);
  return i32((BigInt(x) * BigInt(m) + (1n << (ts - 1n))) >> ts);
}
function int64Ref(x: bigint, m: number, shift: number): number {
  const reduced = m < 0x7fff0000 ? (BigInt(m) + (1n << 15n)) >> 16n : 0x7fffn;
  const ts = BigInt(15 - shift);
  return i32((x * reduced + (1n << (ts - 1n))) >> ts);
}

const rng = new Rng(20260101);
const anyInt32 = (): number => rng.int(INT32_MIN, INT32_MAX) >> rng.int(0, 31);
const EDGES = [0, 1, -1, 2, -2, 3, -3, 7, -7, 255, -256, 1 << 20, -(1 << 20), (1 << 30) - 1, 1 << 30, -(1 << 30), INT32_MAX, INT32_MIN, INT32_MIN + 1];

describe('fixed-point primitives vs BigInt transcriptions', () => {
  it('SaturatingRoundingDoublingHighMul on edges and 200k random pairs', () => {
    for (const a of EDGES) for (const b of EDGES) assert.equal(saturatingRoundingDoublingHighMul(a, b), srdhmRef(a, b), `${a}·${b}`);
    for (let i = 0; i < 200_000; i++) {
      const a = anyInt32();
      const b = anyInt32();
      assert.equal(saturatingRoundingDoublingHighMul(a, b), srdhmRef(a, b), `${a}·${b}`);
    }
    assert.equal(saturatingRoundingDoublingHighMul(INT32_MIN, INT32_MIN), INT32_MAX, 'the one overflow saturates');
  });

  it('RoundingDivideByPOT rounds half away from zero for every exponent 0…31', () => {
    for (let e = 0; e <= 31; e++) {
      for (const x of EDGES) assert.equal(roundingDivideByPOT(x, e), rdbpotRef(x, e), `${x} >> ${e}`);
      for (let i = 0; i < 3000; i++) { const x = anyInt32(); assert.equal(roundingDivideByPOT(x, e), rdbpotRef(x, e), `${x} >> ${e}`); }
    }
    assert.deepEqual([5, 6, 7, -5, -6, -7].map((x) => roundingDivideByPOT(x, 1)), [3, 3, 4, -3, -3, -4]);
  });

  it('MultiplyByQuantizedMultiplier (double rounding, TFLite default build)', () => {
    for (let i = 0; i < 200_000; i++) {
      const m = rng.int(1 << 30, INT32_MAX);
      const shift = rng.int(-31, 6);
      const x = shift > 0 ? rng.int(-(2 ** (30 - shift)), 2 ** (30 - shift)) : anyInt32();
      assert.equal(multiplyByQuantizedMultiplier(x, m, shift), mbqmRef(x, m, shift), `${x}, ${m}, ${shift}`);
    }
  });

  it('the SmallerThanOneExp / GreaterThanOne forms are the same maths split by shift sign', () => {
    for (let i = 0; i < 20_000; i++) {
      const m = rng.int(1 << 30, INT32_MAX);
      const x = anyInt32();
      const s = rng.int(-31, 0);
      assert.equal(multiplyByQuantizedMultiplierSmallerThanOneExp(x, m, s), mbqmRef(x, m, s));
      const l = rng.int(0, 8);
      const y = rng.int(-(2 ** (30 - l)), 2 ** (30 - l));
      assert.equal(multiplyByQuantizedMultiplierGreaterThanOne(y, m, l), mbqmRef(y, m, l));
    }
  });

  it('MultiplyByQuantizedMultiplier with TFLITE_SINGLE_ROUNDING, and where it differs from the default', () => {
    for (let i = 0; i < 200_000; i++) {
      const m = rng.int(1 << 30, INT32_MAX);
      const shift = rng.int(-31, 6);
      const x = shift > 0 ? rng.int(-(2 ** (30 - shift)), 2 ** (30 - shift)) : anyInt32();
      assert.equal(multiplyByQuantizedMultiplierSingleRounding(x, m, shift), singleRef(x, m, shift), `${x}, ${m}, ${shift}`);
    }
    // m = 2^30, shift −2 is ×1/8: ties at x ≡ 4 (mod 8). Double rounding: half away from zero, and the first rounding
    // at bit 31 can create a tie (3/8 → 1); single rounding: half up.
    assert.deepEqual([4, -4, 12, -12, 3, -3].map((x) => multiplyByQuantizedMultiplier(x, 1 << 30, -2)), [1, -1, 2, -2, 1, 0]);
    assert.deepEqual([4, -4, 12, -12, 3, -3].map((x) => multiplyByQuantizedMultiplierSingleRounding(x, 1 << 30, -2)), [1, 0, 2, -1, 0, 0]);
  });

  it('the int64-accumulator MultiplyByQuantizedMultiplier (16x8 kernels)', () => {
    for (let i = 0; i < 100_000; i++) {
      const m = rng.int(1 << 30, INT32_MAX);
      const shift = rng.int(-31, 7);
      const x = (rng.next() < 0.5 ? -1 : 1) * Math.floor(rng.next() * 2 ** rng.int(0, 47));
      const want = int64Ref(BigInt(x), m, shift);
      assert.equal(multiplyByQuantizedMultiplierInt64(x, m, shift), want, `${x}, ${m}, ${shift}`);
    }
    assert.equal(multiplyByQuantizedMultiplierInt64(1000, 0x7fffffff, 0), int64Ref(1000n, 0x7fffffff, 0), 'saturated 15-bit multiplier');
  });
});

describe('QuantizeMultiplier', () => {
  it('matches TFLite quantization_util_test vectors', () => {
    const cases: [number, number, number][] = [
      [-4, -1073741824, 3], [-2, -1073741824, 2], [-1, -1073741824, 1], [-0.5, -1073741824, 0], [-0.25, -1073741824, -1],
      [-0.125, -1073741824, -2], [0, 0, 0], [0.125, 1073741824, -2], [0.25, 1073741824, -1], [0.5, 1073741824, 0],
      [1, 1073741824, 1], [2, 1073741824, 2], [4, 1073741824, 3],
      [0.75, 1610612736, 0], [1e-10, 0, 0], [0.99999999999, 1073741824, 1], [2 ** -31, 1073741824, -30],
      [2 ** -32, 1073741824, -31], [2 ** -33, 0, 0],
    ];
    for (const [d, m, s] of cases) assert.deepEqual(quantizeMultiplier(d), { multiplier: m, shift: s }, String(d));
  });

  it('rounds the 31-bit mantissa half away from zero and reconstructs the double to 2^-31', () => {
    for (let i = 0; i < 20_000; i++) {
      const d = rng.uniform(1e-6, 50);
      const { multiplier, shift } = quantizeMultiplier(d);
      assert.ok(multiplier >= 2 ** 30 && multiplier < 2 ** 31);
      const [q, e] = frexp(d);
      assert.equal(shift, multiplier === 2 ** 30 && Math.round(q * 2 ** 31) === 2 ** 31 ? e + 1 : e);
      assert.ok(Math.abs(multiplier * 2 ** (shift - 31) - d) <= 2 ** (shift - 32), String(d));
    }
  });

  it('single-rounding builds saturate shifts above 30; SmallerThanOneExp refuses ≥ 1', () => {
    assert.deepEqual(quantizeMultiplier(2 ** 40, true), { multiplier: 2 ** 31 - 1, shift: 30 });
    assert.deepEqual(quantizeMultiplier(2 ** 40), { multiplier: 2 ** 30, shift: 41 });
    assert.deepEqual(quantizeMultiplierSmallerThanOneExp(0.3), quantizeMultiplier(0.3));
    assert.throws(() => quantizeMultiplierSmallerThanOneExp(1), RangeError);
  });

  it('frexp is exact, including subnormals', () => {
    for (const x of [1, 0.5, 3, -3, 1e-310, 5e-324, 1.7e308, 0.1]) {
      const [f, e] = frexp(x);
      assert.ok(Math.abs(f) >= 0.5 && Math.abs(f) < 1, String(x));
      assert.equal(f * 2 ** e === x || f * 2 ** (e - 600) * 2 ** 600 === x, true, String(x));
    }
  });
});

describe('rounding and activation ranges', () => {
  it('tfliteRound is half away from zero, roundHalfEven is banker\'s rounding', () => {
    assert.deepEqual([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 0.49999999999999994].map(tfliteRound), [1, 2, 3, -1, -2, -3, 0]);
    assert.deepEqual([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4999].map(roundHalfEven), [0, 2, 2, 0, -2, -2, 2]);
  });

  it('CalculateActivationRangeQuantized quantizes 0, 6 and ±1 in float32', () => {
    assert.deepEqual(activationRangeQuantized(ActivationFunctionType.NONE, 'int8', 0.1, 3), [-128, 127]);
    assert.deepEqual(activationRangeQuantized(ActivationFunctionType.RELU, 'int8', 0.1, -3), [-3, 127]);
    assert.deepEqual(activationRangeQuantized(ActivationFunctionType.RELU6, 'int8', 0.05, -128), [-128, -8]);
    assert.deepEqual(activationRangeQuantized(ActivationFunctionType.RELU6, 'int8', 0.01, 0), [0, 127]);
    assert.deepEqual(activationRangeQuantized(ActivationFunctionType.RELU_N1_TO_1, 'int8', 0.25, 10), [6, 14]);
    assert.deepEqual(activationRangeQuantized(ActivationFunctionType.RELU, 'uint8', 0.1, 3), [3, 255]);
    assert.deepEqual(activationRangeQuantized(ActivationFunctionType.RELU6, 'int16', 0.001, 0), [0, 6000]);
    assert.throws(() => activationRangeQuantized(ActivationFunctionType.TANH, 'int8', 0.1, 0), RangeError);
  });
});
