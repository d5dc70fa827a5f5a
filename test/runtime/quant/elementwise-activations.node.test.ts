// ADD, SUB, MUL, SQUARED_DIFFERENCE (broadcast), RELU/RELU6/RELU_N1_TO_1, LEAKY_RELU, PRELU, HARD_SWISH, LOGISTIC,
// TANH, SOFTMAX: one-op int8/int16 models in LiteRT.js vs our kernels. `litert` mode is bit identical everywhere;
// `reference` mode is identical where LiteRT.js runs TFLite's own kernel and within 1 LSB where the XNNPACK delegate
// takes the op (named per case).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AddOptionsT } from '../../../src/formats/tflite/generated/tflite/add-options.ts';
import { HardSwishOptionsT } from '../../../src/formats/tflite/generated/tflite/hard-swish-options.ts';
import { LeakyReluOptionsT } from '../../../src/formats/tflite/generated/tflite/leaky-relu-options.ts';
import { MulOptionsT } from '../../../src/formats/tflite/generated/tflite/mul-options.ts';
import { SoftmaxOptionsT } from '../../../src/formats/tflite/generated/tflite/softmax-options.ts';
import { SubOptionsT } from '../../../src/formats/tflite/generated/tflite/sub-options.ts';
import { act, BuiltinOptions, checkOp, constant, int16Array, q, rng, type ReferenceRelation } from './single-op.ts';

const r = rng(7002);
const XNN = (what: string): ReferenceRelation => ({ departs: `XNNPACK delegate: ${what}`, maxLsb: 1 });

describe('binary element-wise, int8 with broadcasting', () => {
  const shape = [40, 25, 21];
  const a = r.int8Array(40 * 25 * 21);
  const b = r.int8Array(25 * 21);
  const ops = [
    ['ADD', BuiltinOptions.AddOptions, () => new AddOptionsT(3), 'qs8 add: 20-bit multipliers, single arithmetic shift'],
    ['SUB', BuiltinOptions.SubOptions, () => new SubOptionsT(0), 'qs8 add with a negated b multiplier'],
    ['MUL', BuiltinOptions.MulOptions, () => new MulOptionsT(1), 'fp32 requantization of the product'],
  ] as const;
  for (const [sa, sb, so] of [[0.037, 0.051, 0.071], [0.25, 0.5, 1], [0.0113, 0.0097, 0.3]]) {
    for (const [op, type, opts, why] of ops) {
      it(`${op} scales ${sa}/${sb} → ${op === 'MUL' ? so * 4 : so}`, async () => {
        const spec = {
          op, version: 2, options: { type, value: opts() },
          inputs: [act('a', 'int8', shape, q(sa, 3)), act('b', 'int8', [25, 21], q(sb, -11))],
          outputs: [act('y', 'int8', shape, q(op === 'MUL' ? so * 4 : so, -2))],
        };
        await checkOp(spec, 'int8', [a, b], XNN(why));
      });
    }
    it(`SQUARED_DIFFERENCE scales ${sa}/${sb} (not delegated: TFLite's own kernel)`, async () => {
      const spec = { op: 'SQUARED_DIFFERENCE', version: 2, inputs: [act('a', 'int8', shape, q(sa, 3)), act('b', 'int8', [25, 21], q(sb, -11))], outputs: [act('y', 'int8', shape, q(so * 4, -128))] };
      await checkOp(spec, 'int8', [a, b], 'same');
    });
  }

  it('ADD/MUL 16x8 general scales (TFLite kernels: left shift 15, int32 product)', async () => {
    const x = int16Array(r, 200);
    const y = int16Array(r, 50);
    for (const [op, type, value] of [['ADD', BuiltinOptions.AddOptions, new AddOptionsT(0, false)], ['MUL', BuiltinOptions.MulOptions, new MulOptionsT()]] as const) {
      const spec = { op, version: op === 'ADD' ? 3 : 4, options: { type, value }, inputs: [act('a', 'int16', [4, 50], q(0.0003)), act('b', 'int16', [50], q(0.0005))], outputs: [act('y', 'int16', [4, 50], q(0.0007))] };
      await checkOp(spec, 'int16', [x, y], 'same');
    }
  });
});

describe('activations, int8 (every input value, four scale pairs)', () => {
  const all = new Int8Array(768);
  for (let i = 0; i < all.length; i++) all[i] = (i % 256) - 128;
  const sh = [3, 256];
  const pairs = [[0.05, -3, 0.04, 7], [0.1, 10, 1 / 256, -128], [0.02, 0, 0.02, 0], [0.25, 0, 0.5, -1]] as const;
  for (const [si, zi, so, zo] of pairs) {
    const tag = `${si}/${zi} → ${so}/${zo}`;
    it(`RELU, RELU6, RELU_N1_TO_1 ${tag} (TFLite's ReluX, multiplier from the float32 ratio)`, async () => {
      for (const op of ['RELU', 'RELU6', 'RELU_N1_TO_1']) {
        await checkOp({ op, version: op === 'RELU_N1_TO_1' ? 1 : 2, inputs: [act('x', 'int8', sh, q(si, zi))], outputs: [act('y', 'int8', sh, q(so, zo))] }, 'int8', [all], 'same');
      }
    });
    it(`LEAKY_RELU α=0.2 ${tag}`, async () => {
      const spec = { op: 'LEAKY_RELU', version: 2, inputs: [act('x', 'int8', sh, q(si, zi))], outputs: [act('y', 'int8', sh, q(so, zo))], options: { type: BuiltinOptions.LeakyReluOptions, value: new LeakyReluOptionsT(0.2) } };
      await checkOp(spec, 'int8', [all], XNN('qs8 leaky relu: 8-bit multipliers lrintf(256·s_in/s_out)'));
    });
    it(`PRELU with a per-channel int8 alpha ${tag}`, async () => {
      const spec = { op: 'PRELU', version: 1, inputs: [act('x', 'int8', sh, q(si, zi)), constant('a', 'int8', [256], r.int8Array(256, -100, 100), q(0.004, 3))], outputs: [act('y', 'int8', sh, q(so, zo))] };
      await checkOp(spec, 'int8', [all], 'same');
    });
    it(`HARD_SWISH ${tag} (16-bit fixed point)`, async () => {
      const spec = { op: 'HARD_SWISH', version: 1, inputs: [act('x', 'int8', sh, q(si, zi))], outputs: [act('y', 'int8', sh, q(so, zo))], options: { type: BuiltinOptions.HardSwishOptions, value: new HardSwishOptionsT() } };
      await checkOp(spec, 'int8', [all], 'same');
    });
    it(`LOGISTIC and TANH ${tag} (256-entry tables)`, async () => {
      await checkOp({ op: 'LOGISTIC', version: 2, inputs: [act('x', 'int8', sh, q(si, zi))], outputs: [act('y', 'int8', sh, q(1 / 256, -128))] }, 'int8', [all], 'same');
      await checkOp({ op: 'TANH', version: 2, inputs: [act('x', 'int8', sh, q(si, zi))], outputs: [act('y', 'int8', sh, q(1 / 128, 0))] }, 'int8', [all], 'same');
    });
  }

  it('SOFTMAX rows of 33 with several input scales and β', async () => {
    const x = r.int8Array(7 * 33);
    for (const [si, beta] of [[0.1, 1], [0.05, 1], [0.3, 0.7], [0.02, 1], [0.5, 1]] as const) {
      const spec = { op: 'SOFTMAX', version: 2, inputs: [act('x', 'int8', [7, 33], q(si, 5))], outputs: [act('y', 'int8', [7, 33], q(1 / 256, -128))], options: { type: BuiltinOptions.SoftmaxOptions, value: new SoftmaxOptionsT(beta) } };
      const c = await checkOp(spec, 'int8', [x], 'same');
      assert.equal(c.size, 231);
    }
  });
});
