/**
 * int8 SOFTMAX on the GPU (kernels/i8_softmax_stats.wgsl + i8_softmax.wgsl), bit-identical to the CPU kernel
 * (cpu/kernels/quant/lut-activations.ts, optimized_ops::Softmax with PopulateSoftmaxLookupTable; the same in both
 * integer arithmetic modes):
 *   table[255 − v] = fp32(exp(fp32(−s_in · β · v))), v = 0 … 255 (built here exactly as the CPU builds it, uploaded);
 *   per row (last axis) with max m: Σ = Σ_j table[255 − m + q_j] in float32, in order; inv = fp32(1 / fp32(Σ · s_out));
 *   out_j = clamp(round_half_away(fp32(table[255 − m + q_j] · inv)) + zp_out, −128, 127).
 * Pass 1 computes (m, inv) per row, with an exact reciprocal; pass 2 one output word (4 values) per invocation.
 * int8 in and out only (uint8 / int16 stay on the CPU).
 */
import { SoftmaxOptionsT } from '../../../../formats/tflite/generated/tflite/softmax-options.ts';
import type { Node } from '../../../../ir/graph.ts';
import type { Backend, Tensor as BackendTensor } from '../../../backend.ts';
import { optionsOf } from '../../../cpu/kernels/float/util.ts';
import { registerGpuOpKernel, type GpuValue } from '../registry.ts';
import { gpuOf, i32Field, i8In, i8Out, qp, u32Field } from './util.ts';

const fr = Math.fround;

/** The CPU kernel's exp table: t[255 − v] = fp32(exp(fp32(−s_in · β) · v)). */
export function softmaxTable(inScale: number, beta: number): Float32Array {
  const scale = fr(-inScale * fr(beta));
  const table = new Float32Array(256);
  for (let v = 0; v <= 255; v++) table[255 - v] = fr(Math.exp(fr(scale * v)));
  return table;
}

function softmax(node: Node, inputs: readonly (GpuValue | null)[], backend: Backend): GpuValue[] {
  const gpu = gpuOf(backend, node.op);
  const x = i8In(node, inputs, 0);
  const pi = qp(x.quantization, node.op, 'input');
  const po = qp(node.outputs[0]!.quantization, node.op, 'output');
  const depth = x.shape.length ? x.shape[x.shape.length - 1]! : 1;
  const total = x.shape.reduce((a, b) => a * b, 1);
  const rows = depth === 0 ? 0 : total / depth;
  const y = gpu.empty('int8', x.shape);
  if (total > 0) {
    const table = gpu.upload(softmaxTable(pi.scale, optionsOf(node, SoftmaxOptionsT).beta), [256]);
    const stats = gpu.empty('uint32', [rows, 2]);
    try {
      gpu.dispatchAll([
        { name: 'i8_softmax_stats', params: { count: rows, fields: [u32Field(rows), u32Field(depth), { f32: fr(po.scale) }, u32Field(0)] }, outputs: [stats], inputs: [x.tensor, table as BackendTensor] },
        { name: 'i8_softmax', params: { count: Math.ceil(total / 4), fields: [u32Field(total), u32Field(depth), i32Field(po.zeroPoint), u32Field(0)] }, outputs: [y], inputs: [x.tensor, table as BackendTensor, stats] },
      ]);
    } finally {
      gpu.dispose(table);
      gpu.dispose(stats);
    }
  }
  return [i8Out(node, y, x.shape)];
}

registerGpuOpKernel('SOFTMAX', 'int8', softmax);
