/**
 * Float32 GPU matrix products (kernels/f32_matmul.wgsl, one invocation per output), semantics as
 * src/runtime/cpu/kernels/float/matmul.ts:
 *   FULLY_CONNECTED: x read as [B, K] (K = weights.shape[1]), weights [O, K] read transposed (sbk = 1, sbn = K),
 *     bias [O]?, fused activation; output [B, O] or x.shape[:-1] + [O] with keep_num_dims.
 *   BATCH_MATMUL: adj_x / adj_y as strides; batch dims broadcast (≤ 4 of them).
 */
import { BatchMatMulOptionsT } from '../../../../formats/tflite/generated/tflite/batch-mat-mul-options.ts';
import { FullyConnectedOptionsT } from '../../../../formats/tflite/generated/tflite/fully-connected-options.ts';
import { registerGpuOpKernel } from '../registry.ts';
import { activationRange, broadcastShapes, f32, f32In, gpuOf, optionsOf, outValue, sizeOf, stridesOf, u32 } from './util.ts';

registerGpuOpKernel('FULLY_CONNECTED', 'float', (node, inputs, backend) => {
  const op = node.op;
  const gpu = gpuOf(backend, op);
  const o = optionsOf(node, FullyConnectedOptionsT);
  const x = f32In(node, inputs, 0);
  const w = f32In(node, inputs, 1);
  if (w.shape.length !== 2) throw new RangeError(`${op}: weights must be rank 2, got [${w.shape}]`);
  const [units, depth] = w.shape as [number, number];
  const b = inputs[2] ? f32In(node, inputs, 2) : null;
  if (b && b.size !== units) throw new RangeError(`${op}: bias has ${b.size} values, expected ${units}`);
  if (depth === 0 ? x.size !== 0 : x.size % depth !== 0) throw new RangeError(`${op}: input [${x.shape}] does not flatten to rows of ${depth}`);
  const batch = depth === 0 ? 0 : x.size / depth;
  const [lo, hi] = activationRange(o.fusedActivationFunction, op);
  const shape = o.keepNumDims ? [...x.shape.slice(0, -1), units] : [batch, units];
  const y = gpu.empty('float32', shape);
  const count = batch * units;
  if (count > 0) {
    gpu.dispatch('f32_matmul', {
      count,
      fields: [count, batch, units, depth, depth, 1, 1, depth, b ? 1 : 0].map(u32)
        .concat([f32(lo), f32(hi), u32(0)], [1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0].map(u32)),
    }, [y], [x, w, b ?? w]);
  }
  return [outValue(node, 0, y, shape)];
});

registerGpuOpKernel('BATCH_MATMUL', 'float', (node, inputs, backend) => {
  const op = node.op;
  const gpu = gpuOf(backend, op);
  const o = optionsOf(node, BatchMatMulOptionsT);
  const a = f32In(node, inputs, 0);
  const b = f32In(node, inputs, 1);
  const ar = a.shape.length;
  const br = b.shape.length;
  if (ar < 2 || br < 2) throw new RangeError(`${op}: operands must be rank ≥ 2, got [${a.shape}] and [${b.shape}]`);
  const m = o.adjX ? a.shape[ar - 1]! : a.shape[ar - 2]!;
  const k = o.adjX ? a.shape[ar - 2]! : a.shape[ar - 1]!;
  const kb = o.adjY ? b.shape[br - 1]! : b.shape[br - 2]!;
  const n = o.adjY ? b.shape[br - 2]! : b.shape[br - 1]!;
  if (k !== kb) throw new RangeError(`${op}: inner dimensions differ: [${a.shape}] × [${b.shape}]`);
  const aBatch = a.shape.slice(0, -2);
  const bBatch = b.shape.slice(0, -2);
  const batch = broadcastShapes(aBatch, bBatch, op);
  if (batch.length > 4) throw new RangeError(`${op}: more than 4 batch dimensions are not supported on the GPU`);
  const strides = (own: readonly number[], mat: number): number[] => {
    const s = stridesOf(own);
    const full = batch.map((_, d) => {
      const i = d - (batch.length - own.length);
      return i < 0 || own[i] === 1 ? 0 : s[i]! * mat;
    });
    return [...new Array<number>(4 - batch.length).fill(0), ...full];
  };
  const shape = [...batch, m, n];
  const y = gpu.empty('float32', shape);
  const count = sizeOf(shape);
  if (count > 0) {
    gpu.dispatch('f32_matmul', {
      count,
      fields: [count, m, n, k, o.adjX ? 1 : k, o.adjX ? m : 1, o.adjY ? 1 : n, o.adjY ? k : 1, 0].map(u32)
        .concat([f32(-Infinity), f32(Infinity), u32(0)],
          [...new Array<number>(4 - batch.length).fill(1), ...batch].map(u32), strides(aBatch, m * k).map(u32), strides(bBatch, k * n).map(u32)),
    }, [y], [a, b, a]);
  }
  return [outValue(node, 0, y, shape)];
});
