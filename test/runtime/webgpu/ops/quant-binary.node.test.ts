/**
 * int8 ADD / SUB / MUL on the GPU (kernels/i8_binary.wgsl) vs the CPU integer kernels, bit for bit, in both integer
 * arithmetic modes: one-op models through Interpreter, seeded data, broadcasting over odd shapes, different input
 * scales and zero points, fused activations, and scale ratios outside XNNPACK's range (litert falls back to TFLite's
 * arithmetic).
 */
import { describe, it } from 'node:test';
import { ActivationFunctionType as Act } from '../../../../src/formats/tflite/generated/tflite/activation-function-type.ts';
import { AddOptionsT } from '../../../../src/formats/tflite/generated/tflite/add-options.ts';
import { MulOptionsT } from '../../../../src/formats/tflite/generated/tflite/mul-options.ts';
import { SubOptionsT } from '../../../../src/formats/tflite/generated/tflite/sub-options.ts';
import type { Quantization } from '../../../../src/ir/graph.ts';
import { act, BuiltinOptions, constant, q, rng, type OneOp } from '../../quant/single-op.ts';
import { gpuEqualsCpu, MODES } from './quant-harness.ts';

function spec(op: 'ADD' | 'SUB' | 'MUL', sa: number[], sb: number[], so: number[], qa: Quantization, qb: Quantization, qo: Quantization, fused: Act = Act.NONE): OneOp {
  const options = op === 'ADD' ? { type: BuiltinOptions.AddOptions, value: new AddOptionsT(fused, false) }
    : op === 'SUB' ? { type: BuiltinOptions.SubOptions, value: new SubOptionsT(fused, false) }
      : { type: BuiltinOptions.MulOptions, value: new MulOptionsT(fused) };
  return { op, version: 2, inputs: [act('a', 'int8', sa, qa), act('b', 'int8', sb, qb)], outputs: [act('y', 'int8', so, qo)], options };
}

const n = (s: number[]) => s.reduce((x, y) => x * y, 1);

describe('int8 ADD / SUB / MUL GPU kernels equal the CPU integer kernels', () => {
  for (const mode of MODES) {
    it(`ADD [2, 5, 7, 3] + [2, 5, 7, 3], different scales, RELU (${mode})`, async () => {
      const r = rng(41);
      const s = [2, 5, 7, 3];
      await gpuEqualsCpu(spec('ADD', s, s, s, q(0.05, -3), q(0.031, 7), q(0.07, -10), Act.RELU), [r.int8Array(n(s)), r.int8Array(n(s))], mode);
    });
    it(`ADD broadcast [3, 1, 5] + [4, 1] (${mode})`, async () => {
      const r = rng(42);
      await gpuEqualsCpu(spec('ADD', [3, 1, 5], [4, 1], [3, 4, 5], q(0.02, 11), q(0.09, -4), q(0.1, 2)), [r.int8Array(15), r.int8Array(4)], mode);
    });
    it(`ADD with a tiny scale ratio (XNNPACK range exceeded) (${mode})`, async () => {
      const r = rng(43);
      const s = [37];
      await gpuEqualsCpu(spec('ADD', s, s, s, q(0.5, 1), q(0.0001, 0), q(0.6, -5)), [r.int8Array(37), r.int8Array(37)], mode);
    });
    it(`SUB [6, 7] − [7], RELU6 (${mode})`, async () => {
      const r = rng(44);
      await gpuEqualsCpu(spec('SUB', [6, 7], [7], [6, 7], q(0.04, 5), q(0.03, -8), q(0.05, 0), Act.RELU6), [r.int8Array(42), r.int8Array(7)], mode);
    });
    it(`MUL [2, 3, 11] · [1, 3, 1] (${mode})`, async () => {
      const r = rng(45);
      await gpuEqualsCpu(spec('MUL', [2, 3, 11], [1, 3, 1], [2, 3, 11], q(0.05, 3), q(0.04, -6), q(0.02, 1)), [r.int8Array(66), r.int8Array(3)], mode);
    });
    it(`MUL [5, 9] · constant [9], RELU_N1_TO_1 (${mode})`, async () => {
      const r = rng(46);
      const s: OneOp = spec('MUL', [5, 9], [9], [5, 9], q(0.01, -2), q(0.02, 4), q(0.01, 0), Act.RELU_N1_TO_1);
      s.inputs[1] = constant('b', 'int8', [9], r.int8Array(9), q(0.02, 4));
      await gpuEqualsCpu(s, [r.int8Array(45)], mode);
    });
  }
});
