/**
 * GPU kernels vs the CPU reference: RESIZE_BILINEAR (1e-5 relative) and RESIZE_NEAREST_NEIGHBOR (exact) under every
 * align_corners / half_pixel_centers combination, ARG_MAX / ARG_MIN (int32 and int64 outputs, exact), int32 binary
 * arithmetic (exact, with negative operands for the floor ops), DEQUANTIZE of a float16 constant (exact), and a
 * profiled interpreter run (per-operator submission) agreeing with the batched one.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { ActivationFunctionType } from '../../../../src/formats/tflite/generated/tflite/activation-function-type.ts';
import { AddOptionsT } from '../../../../src/formats/tflite/generated/tflite/add-options.ts';
import { BuiltinOptions } from '../../../../src/formats/tflite/generated/tflite/builtin-options.ts';
import { ResizeBilinearOptionsT } from '../../../../src/formats/tflite/generated/tflite/resize-bilinear-options.ts';
import { ResizeNearestNeighborOptionsT } from '../../../../src/formats/tflite/generated/tflite/resize-nearest-neighbor-options.ts';
import { Node, Tensor } from '../../../../src/ir/graph.ts';
import { DEFAULT_KERNEL_CONTEXT, getCpuKernel } from '../../../../src/runtime/cpu/kernel-api.ts';
import { Interpreter } from '../../../../src/runtime/interpreter/index.ts';
import { WebGpuExecutor } from '../../../../src/runtime/interpreter/webgpu-executor.ts';
import { getGpuOpKernel } from '../../../../src/runtime/webgpu/ops/registry.ts';
import { fixture } from '../../interpreter/fixtures.ts';
import { checkOp, gpuBackend, ints, rand, Rng, type OpIn } from './gpu-op-harness.ts';

after(async () => (await gpuBackend()).destroy());

const iota = (shape: number[], f: (i: number) => number): OpIn => ({ data: Int32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => f(i)), shape, constant: false });
const MODES: [boolean, boolean][] = [[false, false], [true, false], [false, true]];

describe('GPU resize, arg max, int32 arithmetic, float16 dequantize vs CPU', () => {
  test('RESIZE_BILINEAR up and down, every corner mode', async () => {
    const rng = new Rng(11);
    for (const [align, half] of MODES) {
      const options = { type: BuiltinOptions.ResizeBilinearOptions, value: new ResizeBilinearOptionsT(align, half) };
      await checkOp('RESIZE_BILINEAR', [rand(rng, [2, 5, 7, 3]), ints([2], [9, 12])], { options });
      await checkOp('RESIZE_BILINEAR', [rand(rng, [1, 8, 9, 2]), ints([2], [3, 4])], { options });
    }
  });
  test('RESIZE_NEAREST_NEIGHBOR float32 and int32, every corner mode', async () => {
    const rng = new Rng(12);
    for (const [align, half] of MODES) {
      const options = { type: BuiltinOptions.ResizeNearestNeighborOptions, value: new ResizeNearestNeighborOptionsT(align, half) };
      await checkOp('RESIZE_NEAREST_NEIGHBOR', [rand(rng, [2, 5, 7, 3]), ints([2], [11, 4])], { options }, 0);
      await checkOp('RESIZE_NEAREST_NEIGHBOR', [iota([1, 4, 3, 2], (i) => i * 3 - 7), ints([2], [7, 9])], { options, out: ['int32'] }, 0);
    }
  });
  test('ARG_MAX / ARG_MIN, int32 and int64 outputs, float and int32 data', async () => {
    const rng = new Rng(13);
    await checkOp('ARG_MAX', [rand(rng, [4, 9, 5]), ints([1], [1])], { out: ['int32'] }, 0);
    await checkOp('ARG_MAX', [rand(rng, [3, 10]), ints([1], [-1])], { out: ['int64'] }, 0);
    await checkOp('ARG_MIN', [rand(rng, [6, 4]), ints([1], [0])], { out: ['int32'] }, 0);
    await checkOp('ARG_MAX', [iota([5, 6], (i) => ((i * 37) % 11) - 5), ints([1], [1])], { out: ['int32'] }, 0);
  });
  test('int32 ADD / SUB / MUL / DIV / FLOOR_DIV / FLOOR_MOD / MAXIMUM / MINIMUM / POW / SQUARED_DIFFERENCE, broadcast', async () => {
    const a = iota([3, 4], (i) => i * 5 - 27);
    const b: OpIn = { data: Int32Array.of(3, -4, 7, -2), shape: [4], constant: false };
    for (const op of ['ADD', 'SUB', 'MUL', 'DIV', 'FLOOR_DIV', 'FLOOR_MOD', 'MAXIMUM', 'MINIMUM', 'SQUARED_DIFFERENCE']) {
      await checkOp(op, [a, b], { out: ['int32'], kind: 'float' }, 0);
    }
    await checkOp('POW', [iota([6], (i) => i - 3), { data: Int32Array.of(3), shape: [], constant: true }], { out: ['int32'], kind: 'float' }, 0);
    await checkOp('MUL', [iota([4], (i) => 70000 + i), { data: Int32Array.of(70001), shape: [1], constant: false }], { out: ['int32'], kind: 'float' }, 0);
    const relu = { type: BuiltinOptions.AddOptions, value: new AddOptionsT(ActivationFunctionType.RELU6) };
    await checkOp('ADD', [a, b], { out: ['int32'], kind: 'float', options: relu }, 0);
  });
  test('DEQUANTIZE of a float16 constant (widened at upload) equals the CPU', async () => {
    const backend = await gpuBackend();
    const bits = Uint16Array.of(0x0000, 0x8000, 0x3c00, 0xc000, 0x7bff, 0x0001, 0x03ff, 0x3555, 0x7c00, 0xfc00);
    const x = new Tensor('w', 'float16', [2, 5], new Uint8Array(bits.buffer.slice(0)));
    const node = new Node('DEQUANTIZE', [x], [new Tensor('y', 'float32', [2, 5], null)]);
    const host = { dtype: 'float16' as const, shape: [2, 5], data: bits, quantization: null };
    const cpu = getCpuKernel('DEQUANTIZE', 'float')!(node, [host], DEFAULT_KERNEL_CONTEXT)[0]!;
    const ex = new WebGpuExecutor(backend);
    const v = ex.constant(host);
    const k = getGpuOpKernel('DEQUANTIZE', 'float');
    assert.ok(k);
    const [y] = await k(node, [v], backend, DEFAULT_KERNEL_CONTEXT);
    const out = await ex.download(y!);
    assert.deepEqual(Array.from(out.data as Float32Array), Array.from(cpu.data as Float32Array));
    ex.release(y!);
    ex.release(v);
  });
  test('profiled run (per-op submission) equals the batched run and times every operator', async () => {
    const backend = await gpuBackend();
    const bytes = fixture('gitadi_mnist_cnn_keras/model_fp32_28.tflite');
    const plain = await Interpreter.create(bytes, { backend });
    const profiled = await Interpreter.create(bytes, { backend, profile: true });
    const feed = new Rng(14).float32Array(28 * 28, 0, 1);
    const [a] = await plain.run([feed]);
    const [b] = await profiled.run([feed]);
    assert.deepEqual(Array.from(b!.data as Float32Array), Array.from(a!.data as Float32Array));
    assert.ok(profiled.lastProfile.length > 3 && profiled.lastProfile.every((p) => p.ms >= 0));
    plain.dispose();
    profiled.dispose();
  });
});
