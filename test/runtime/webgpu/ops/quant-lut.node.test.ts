/**
 * int8 → int8 table ops (kernels/i8_lut.wgsl: LOGISTIC, TANH, ELU, RELU family, LEAKY_RELU, HARD_SWISH, QUANTIZE
 * int8 → int8) and int8 DEQUANTIZE (kernels/i8_dequantize.wgsl, per tensor and per channel) on the GPU vs the CPU
 * kernels, bit for bit, in both integer arithmetic modes: one-op models through Interpreter, seeded data, sizes not
 * multiples of 4.
 */
import { describe, it } from 'node:test';
import { LeakyReluOptionsT } from '../../../../src/formats/tflite/generated/tflite/leaky-relu-options.ts';
import type { Quantization } from '../../../../src/ir/graph.ts';
import { act, BuiltinOptions, q, rng, type OneOp } from '../../quant/single-op.ts';
import { gpuEqualsCpu, MODES } from './quant-harness.ts';

const unary = (op: string, shape: number[], qi: Quantization, qo: Quantization): OneOp => ({
  op, inputs: [act('x', 'int8', shape, qi)], outputs: [act('y', 'int8', shape, qo)],
});

// [name, spec, minimum distinct outputs]
const CASES: [string, OneOp, number?][] = [
  ['LOGISTIC', unary('LOGISTIC', [3, 37], q(0.06, -5), q(1 / 256, -128))],
  ['TANH', unary('TANH', [2, 5, 7], q(0.03, 4), q(1 / 128, 0))],
  ['ELU', unary('ELU', [41], q(0.04, 10), q(0.03, -30))],
  ['RELU6', unary('RELU6', [6, 11], q(0.05, -3), q(0.03, -128))],
  ['HARD_SWISH', unary('HARD_SWISH', [5, 13], q(0.04, 2), q(0.025, -20))],
  ['QUANTIZE int8 → int8', unary('QUANTIZE', [3, 29], q(0.05, 7), q(0.03, -9))],
  ['QUANTIZE int8 → int8, ratio above 2^7 (XNNPACK falls back)', unary('QUANTIZE', [43], q(0.05, 7), q(0.05 / 131, 1)), 1],
  ['LEAKY_RELU', { ...unary('LEAKY_RELU', [7, 9], q(0.05, 3), q(0.04, -6)), options: { type: BuiltinOptions.LeakyReluOptions, value: new LeakyReluOptionsT(0.2) } }],
];

describe('int8 table ops and DEQUANTIZE on the GPU equal the CPU kernels', () => {
  for (const mode of MODES) {
    for (const [name, spec, distinct] of CASES) {
      it(`${name} (${mode})`, async () => {
        const r = rng(51);
        const n = spec.inputs[0]!.shape.reduce((a, b) => a * b, 1);
        await gpuEqualsCpu(spec, [r.int8Array(n)], mode, distinct ?? 8);
      });
    }
    it(`DEQUANTIZE per tensor [3, 13] (${mode})`, async () => {
      const r = rng(52);
      await gpuEqualsCpu({ op: 'DEQUANTIZE', inputs: [act('x', 'int8', [3, 13], q(0.0371, -7))], outputs: [act('y', 'float32', [3, 13])] }, [r.int8Array(39)], mode);
    });
    it(`DEQUANTIZE per channel (axis 1) [2, 3, 5] (${mode})`, async () => {
      const r = rng(53);
      await gpuEqualsCpu({ op: 'DEQUANTIZE', inputs: [act('x', 'int8', [2, 3, 5], q([0.01, 0.3, 0.07], [1, -4, 0], 1))], outputs: [act('y', 'float32', [2, 3, 5])] }, [r.int8Array(30)], mode);
    });
  }
});
