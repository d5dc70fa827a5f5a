// Which MultiplyByQuantizedMultiplier do the real runtimes use? Established by running one-op models whose outputs
// separate the candidates, in LiteRT.js 2.5.3 and tfjs-tflite:
//
// 1. TFLite's own kernels use the DEFAULT (double-rounding) build, not TFLITE_SINGLE_ROUNDING: int16 → int16 QUANTIZE
//    (reference_ops::Requantize → MultiplyByQuantizedMultiplier; XNNPACK takes no int16 op) with s_in/s_out = 3/7
//    (shift −1: the second rounding of the double-rounding form changes ~30 % of the results).
// 2. int8 FULLY_CONNECTED with constant weights runs in the XNNPACK delegate: power-of-two scales make exact ties,
//    and they are rounded half to EVEN (fp32 requantization) — neither MultiplyByQuantizedMultiplier.
// 3. int8 FULLY_CONNECTED with non-constant weights (XNNPACK refuses, TFLite's optimized kernel → ruy) rounds ONCE,
//    half up: ruy's MultiplyByQuantizedMultiplier is the single-rounding one regardless of the TFLite build flag.
// So `reference` arithmetic uses the double-rounding form (TFLite's reference kernels, TFLM), and `litert` arithmetic
// reproduces what the runtime actually does per op (XNNPACK where it delegates).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FullyConnectedOptionsT } from '../../../src/formats/tflite/generated/tflite/fully-connected-options.ts';
import {
  multiplyByQuantizedMultiplier, multiplyByQuantizedMultiplierSingleRounding, quantizeMultiplier, roundHalfEven,
} from '../../../src/runtime/cpu/quant-math.ts';
import { runLiteRt, runTfjsTflite, type RuntimeArray } from '../../harness/reference-runtime.ts';
import { act, BuiltinOptions, constant, int16Array, int32Array, oneOpModel, q, rng } from './single-op.ts';

const r = rng(7004);
const RUNTIMES = [['LiteRT.js', runLiteRt], ['tfjs-tflite', runTfjsTflite]] as const;
const count = (n: number, f: (i: number) => boolean): number => { let c = 0; for (let i = 0; i < n; i++) if (f(i)) c++; return c; };

describe('MultiplyByQuantizedMultiplier variant of the real runtimes', () => {
  it('TFLite\'s own kernels: double rounding (int16 requantize, multiplier 3/7)', async () => {
    const x = int16Array(r, 4096, -3000, 3000);
    const spec = { op: 'QUANTIZE', version: 3, inputs: [act('x', 'int16', [4096], q(0.3))], outputs: [act('y', 'int16', [4096], q(0.7))] };
    const { multiplier, shift } = quantizeMultiplier(Math.fround(0.3) / Math.fround(0.7));
    assert.equal(shift, -1);
    const dbl = Array.from(x, (v) => multiplyByQuantizedMultiplier(v, multiplier, shift));
    const single = Array.from(x, (v) => multiplyByQuantizedMultiplierSingleRounding(v, multiplier, shift));
    assert.ok(count(x.length, (i) => dbl[i] !== single[i]) > 500, 'the candidates differ on this input');
    for (const [name, run] of RUNTIMES) {
      const out = Array.from((await run(oneOpModel(spec), [x]))[0]!.data as Int16Array);
      assert.deepEqual(out, dbl, `${name} = double rounding`);
    }
  });

  const tieModel = (constantWeights: boolean) => {
    const [B, D, U] = [4, 3, 64];
    const w = r.int8Array(U * D, -20, 20);
    const bias = int32Array(r, U, -300, 300);
    const x = r.int8Array(B * D, -30, 30);
    const spec = {
      op: 'FULLY_CONNECTED', version: 4,
      inputs: [act('x', 'int8', [B, D], q(0.5)), constantWeights ? constant('w', 'int8', [U, D], w, q(0.25)) : act('w', 'int8', [U, D], q(0.25)), constant('b', 'int32', [U], bias, q(0.125))],
      outputs: [act('y', 'int8', [B, U], q(1))], options: { type: BuiltinOptions.FullyConnectedOptions, value: new FullyConnectedOptionsT() },
    };
    // real multiplier 0.5·0.25/1 = 2^−3 exactly: m = 2^30, shift −2; ties whenever acc ≡ 4 (mod 8)
    const acc = Array.from({ length: B * U }, (_, i) => {
      const b = Math.floor(i / U);
      const u = i % U;
      let s = bias[u]!;
      for (let d = 0; d < D; d++) s += w[u * D + d]! * x[b * D + d]!;
      return s;
    });
    const feeds: RuntimeArray[] = constantWeights ? [x] : [x, w];
    return { spec, acc, feeds };
  };
  const clamp = (v: number): number => Math.max(-128, Math.min(127, v));

  it('int8 FC with constant weights (XNNPACK delegate): exact ties round half to even', async () => {
    const { spec, acc, feeds } = tieModel(true);
    assert.ok(acc.filter((a) => ((a % 8) + 8) % 8 === 4).length >= 10, 'enough exact ties');
    const even = acc.map((a) => clamp(roundHalfEven(a / 8)));
    for (const [name, run] of RUNTIMES) {
      const out = Array.from((await run(oneOpModel(spec), feeds))[0]!.data as Int8Array);
      assert.deepEqual(out, even, `${name} = round half to even`);
      assert.notDeepEqual(out, acc.map((a) => clamp(multiplyByQuantizedMultiplier(a, 1 << 30, -2))));
      assert.notDeepEqual(out, acc.map((a) => clamp(multiplyByQuantizedMultiplierSingleRounding(a, 1 << 30, -2))));
    }
  });

  it('int8 FC with non-constant weights (TFLite optimized kernel, ruy): single rounding', async () => {
    const { spec, acc, feeds } = tieModel(false);
    const single = acc.map((a) => clamp(multiplyByQuantizedMultiplierSingleRounding(a, 1 << 30, -2)));
    for (const [name, run] of RUNTIMES) {
      const out = Array.from((await run(oneOpModel(spec), feeds))[0]!.data as Int8Array);
      assert.deepEqual(out, single, `${name} = ruy's single rounding`);
      assert.notDeepEqual(out, acc.map((a) => clamp(multiplyByQuantizedMultiplier(a, 1 << 30, -2))));
    }
  });
});
