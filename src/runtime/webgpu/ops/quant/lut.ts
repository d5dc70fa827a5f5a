/**
 * int8 → int8 elementwise ops as a 256-entry table on the GPU (kernels/i8_lut.wgsl), and int8 DEQUANTIZE
 * (kernels/i8_dequantize.wgsl). An int8 input takes 256 values, so the table is the CPU integer kernel itself
 * evaluated on −128 … 127 with the node's quantization and the interpreter's arithmetic mode; the GPU output equals
 * the CPU kernel's by construction. The maths of those kernels (cpu/kernels/quant/lut-activations.ts, activations.ts,
 * requantize.ts):
 *   LOGISTIC / TANH / ELU: t[q] = clamp(round(f(s_in·(q − zp_in)) / s_out) + zp_out) in float32 (round half away;
 *     litert: half to even);
 *   RELU / RELU6 / RELU_N1_TO_1: clamp(zp_out + MBQM(q − zp_in, s_in/s_out), lo, hi);
 *   LEAKY_RELU: zp_out + MBQM(d, d ≥ 0 ? s_in/s_out : s_in·α/s_out) (litert: XNNPACK's (d·m + zp_out·256 + 128) >> 8);
 *   HARD_SWISH: TFLite's 16-bit fixed-point reference;
 *   QUANTIZE int8 → int8: clamp(MBQM(q − zp_in, QuantizeMultiplier(s_in/s_out)) + zp_out) (litert, s_in/s_out ∈
 *     [2^−8, 2^7]: ((q − zp_in)·lrintf(256·s_in/s_out) + zp_out·256 + 128) >> 8).
 * DEQUANTIZE int8 → float32: x = fp32(double(s_c)·(q − zp_c)), per tensor or per channel c along the quantized axis;
 *   a [channels, 256] table of the CPU kernel's values, moved as bits.
 * Tables are built once per node and mode.
 */
import type { Node } from '../../../../ir/graph.ts';
import type { Backend, Tensor as BackendTensor } from '../../../backend.ts';
import type { HostTensor, KernelContext } from '../../../cpu/kernel-api.ts';
import { activationKernels } from '../../../cpu/kernels/quant/activations.ts';
import { lutActivationKernels } from '../../../cpu/kernels/quant/lut-activations.ts';
import { requantizeKernels } from '../../../cpu/kernels/quant/requantize.ts';
import { registerGpuOpKernel, type GpuValue } from '../registry.ts';
import { gpuOf, i8In, i8Out, u32Field } from './util.ts';

type CpuUnary = (node: Node, inputs: readonly (HostTensor | null)[], ctx: KernelContext) => HostTensor[];

const tables = new WeakMap<Node, Map<string, Int32Array>>();

/** The CPU kernel's output for every int8 input value, as table[q + 128]. */
function lutOf(node: Node, x: GpuValue, ctx: KernelContext, cpu: CpuUnary): Int32Array {
  let perNode = tables.get(node);
  if (!perNode) tables.set(node, (perNode = new Map()));
  const hit = perNode.get(ctx.integerArithmetic);
  if (hit) return hit;
  const all = new Int8Array(256).map((_, i) => i - 128);
  const [out] = cpu(node, [{ dtype: 'int8', shape: [256], data: all, quantization: x.quantization }], ctx);
  if (!out || out.dtype !== 'int8' || out.data.length !== 256) throw new TypeError(`${node.op}: the GPU table needs an int8 output`);
  const table = Int32Array.from(out.data as Int8Array);
  perNode.set(ctx.integerArithmetic, table);
  return table;
}

function lut(cpu: CpuUnary) {
  return (node: Node, inputs: readonly (GpuValue | null)[], backend: Backend, ctx: KernelContext): GpuValue[] => {
    const gpu = gpuOf(backend, node.op);
    const x = i8In(node, inputs, 0);
    if (node.outputs[0]?.dtype !== 'int8') throw new TypeError(`${node.op}: output ${node.outputs[0]?.dtype}; the GPU integer kernels produce int8`);
    const total = x.shape.reduce((a, b) => a * b, 1);
    const y = gpu.empty('int8', x.shape);
    if (total > 0) {
      const table = gpu.upload(lutOf(node, x, ctx, cpu), [256]);
      try {
        gpu.dispatch('i8_lut', { count: Math.ceil(total / 4), fields: [u32Field(total), u32Field(0), u32Field(0), u32Field(0)] }, [y], [x.tensor, table as BackendTensor]);
      } finally {
        gpu.dispose(table);
      }
    }
    return [i8Out(node, y, x.shape)];
  };
}

const UNARY: [string, CpuUnary][] = [
  ['LOGISTIC', lutActivationKernels.logistic], ['TANH', lutActivationKernels.tanh], ['ELU', lutActivationKernels.elu],
  ['RELU', activationKernels.relu], ['RELU6', activationKernels.relu6], ['RELU_N1_TO_1', activationKernels.reluN1To1],
  ['LEAKY_RELU', activationKernels.leakyRelu], ['HARD_SWISH', activationKernels.hardSwish], ['QUANTIZE', requantizeKernels.requantize],
];
for (const [op, cpu] of UNARY) registerGpuOpKernel(op, 'int8', lut(cpu));

/** [dim, 256] float32: fp32(s_c · (q − zp_c)), as the CPU DEQUANTIZE computes it. */
function dequantizeTable(node: Node, x: GpuValue): { table: Float32Array; inner: number; dim: number } {
  const q = x.quantization;
  if (!q || q.scale.length === 0) throw new RangeError(`${node.op}: input has no quantization parameters`);
  let inner = 1;
  let dim = 1;
  if (q.scale.length > 1) {
    dim = x.shape[q.axis] ?? 0;
    if (dim !== q.scale.length) throw new RangeError(`${node.op}: ${q.scale.length} scales for axis ${q.axis} of [${x.shape}]`);
    inner = x.shape.slice(q.axis + 1).reduce((a, b) => a * b, 1);
  }
  const table = new Float32Array(dim * 256);
  for (let c = 0; c < dim; c++) for (let v = -128; v < 128; v++) table[c * 256 + v + 128] = q.scale[c]! * (v - (q.zeroPoint[c] ?? 0));
  return { table, inner, dim };
}

registerGpuOpKernel('DEQUANTIZE', 'int8', (node, inputs, backend) => {
  const gpu = gpuOf(backend, node.op);
  const x = i8In(node, inputs, 0);
  const t = node.outputs[0];
  if (t?.dtype !== 'float32') throw new TypeError(`${node.op}: output ${t?.dtype}; the GPU kernel produces float32`);
  const total = x.shape.reduce((a, b) => a * b, 1);
  const y = gpu.empty('float32', x.shape);
  if (total > 0) {
    const { table, inner, dim } = dequantizeTable(node, x);
    const tb = gpu.upload(table, [dim, 256]);
    try {
      gpu.dispatch('i8_dequantize', { count: total, fields: [u32Field(total), u32Field(inner), u32Field(dim), u32Field(0)] }, [y], [x.tensor, tb as BackendTensor]);
    } finally {
      gpu.dispose(tb);
    }
  }
  return [{ tensor: y, dtype: t.dtype, shape: [...x.shape], quantization: t.quantization }];
});
