/**
 * int8 CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED on the GPU (kernels/i8_conv2d.wgsl), bit-identical to the CPU
 * integer kernels (cpu/kernels/quant/conv.ts, fully-connected.ts) in both integer arithmetic modes: the per-channel
 * requantization parameters are computed here exactly as the CPU does (QuantizeMultiplier of
 * double(x)·double(w_c)/double(y) for 'reference'; fp32(fp32(x·w_c)/y) for 'litert'), with the int32 bias folded
 * into one [C, 4] int32 table (bias, multiplier, shift, f32 scale bits) uploaded per call. The output clamp is the
 * CPU's `delegatedClamp`. int8 activations and symmetric int8 weights only (legacy uint8 and 16x8 stay on the CPU).
 */
import { Conv2DOptionsT } from '../../../../formats/tflite/generated/tflite/conv2doptions.ts';
import { DepthwiseConv2DOptionsT } from '../../../../formats/tflite/generated/tflite/depthwise-conv2doptions.ts';
import { FullyConnectedOptionsT } from '../../../../formats/tflite/generated/tflite/fully-connected-options.ts';
import type { Node } from '../../../../ir/graph.ts';
import type { Backend, Tensor as BackendTensor } from '../../../backend.ts';
import type { KernelContext } from '../../../cpu/kernel-api.ts';
import { convDim, optionsOf } from '../../../cpu/kernels/float/util.ts';
import { delegatedClamp } from '../../../cpu/kernels/quant/q-util.ts';
import { perChannelMultipliers, type IntegerArithmetic } from '../../../cpu/quant-math.ts';
import { registerGpuOpKernel, type GpuValue } from '../registry.ts';
import { constInts, i8In, i8Out, i32Field, qp, u32Field, gpuOf } from './util.ts';

/** [C, 4] int32: bias, multiplier, shift, bits of the f32 scale. */
function requantTable(node: Node, x: GpuValue, channels: number, mode: IntegerArithmetic): Int32Array {
  const xs = qp(x.quantization, node.op, 'input').scale;
  const ys = qp(node.outputs[0]!.quantization, node.op, 'output').scale;
  const filter = node.inputs[1]!;
  const ws = filter.quantization?.scale ?? [];
  if (ws.length !== 1 && ws.length !== channels) throw new RangeError(`${node.op}: ${ws.length} filter scales for ${channels} channels`);
  if ((filter.quantization?.zeroPoint ?? []).some((z) => z !== 0)) throw new RangeError(`${node.op}: the GPU kernel needs symmetric weights`);
  const bias = node.inputs[2] ? constInts(node, 2) : null;
  const { multipliers, shifts } = perChannelMultipliers(xs, ws, ys, channels);
  const out = new Int32Array(channels * 4);
  const f = new Float32Array(1);
  const bits = new Int32Array(f.buffer);
  const fr = Math.fround;
  for (let c = 0; c < channels; c++) {
    const wc = ws.length === 1 ? ws[0]! : ws[c]!;
    f[0] = fr(fr(xs * wc) / ys);
    out.set([bias ? bias[c]! : 0, mode === 'litert' ? 0 : multipliers[c]!, mode === 'litert' ? 0 : shifts[c]!, bits[0]!], c * 4);
  }
  return out;
}

interface ConvGeometry {
  batches: number; inH: number; inW: number; inC: number; outH: number; outW: number; outC: number;
  kH: number; kW: number; sH: number; sW: number; dH: number; dW: number; padH: number; padW: number;
  filterDepth: number; groupOut: number; depthMult: number; depthwise: boolean; act: number;
}

function run(node: Node, inputs: readonly (GpuValue | null)[], backend: Backend, ctx: KernelContext, g: ConvGeometry, outShape: number[]): GpuValue[] {
  const gpu = gpuOf(backend, node.op);
  const x = i8In(node, inputs, 0);
  const w = i8In(node, inputs, 1);
  if (node.inputs[2] && !node.inputs[2].isConstant) throw new RangeError(`${node.op}: the GPU kernel needs a constant bias`);
  const mode = ctx.integerArithmetic;
  const [lo, hi] = delegatedClamp(node, g.act, mode);
  const yq = qp(node.outputs[0]!.quantization, node.op, 'output');
  const total = g.batches * g.outH * g.outW * g.outC;
  const y = gpu.empty('int8', outShape);
  if (total > 0) {
    const params = gpu.upload(requantTable(node, x, g.outC, mode), [g.outC, 4]);
    try {
      const fields = [
        g.batches, g.inH, g.inW, g.inC, g.outH, g.outW, g.outC, g.kH,
        g.kW, g.sH, g.sW, g.dH, g.dW, g.padH, g.padW, g.filterDepth,
        g.groupOut, g.depthMult, g.depthwise ? 1 : 0, mode === 'litert' ? 1 : 0,
      ].map(u32Field);
      fields.push(...[qp(x.quantization, node.op, 'input').zeroPoint, yq.zeroPoint, lo, hi].map(i32Field), u32Field(total), u32Field(0), u32Field(0), u32Field(0));
      gpu.dispatch('i8_conv2d', { count: Math.ceil(total / 4), fields }, [y], [x.tensor, w.tensor, params as BackendTensor]);
    } finally {
      gpu.dispose(params);
    }
  }
  return [i8Out(node, y, outShape)];
}

function conv2d(node: Node, inputs: readonly (GpuValue | null)[], backend: Backend, ctx: KernelContext): GpuValue[] {
  const o = optionsOf(node, Conv2DOptionsT);
  const x = i8In(node, inputs, 0);
  const w = i8In(node, inputs, 1);
  if (x.shape.length !== 4 || w.shape.length !== 4) throw new RangeError(`${node.op}: input [${x.shape}] and filter [${w.shape}] must be 4-D`);
  const [batches, inH, inW, inC] = x.shape as [number, number, number, number];
  const [outC, kH, kW, filterDepth] = w.shape as [number, number, number, number];
  if (inC % filterDepth !== 0 || outC % (inC / filterDepth) !== 0) throw new RangeError(`${node.op}: input depth ${inC} and filter [${w.shape}] do not form groups`);
  const h = convDim(o.padding, inH, kH, o.strideH, o.dilationHFactor);
  const v = convDim(o.padding, inW, kW, o.strideW, o.dilationWFactor);
  const g: ConvGeometry = {
    batches, inH, inW, inC, outH: h.out, outW: v.out, outC, kH, kW, sH: o.strideH, sW: o.strideW, dH: o.dilationHFactor, dW: o.dilationWFactor,
    padH: h.pad, padW: v.pad, filterDepth, groupOut: outC / (inC / filterDepth), depthMult: 1, depthwise: false, act: o.fusedActivationFunction,
  };
  return run(node, inputs, backend, ctx, g, [batches, h.out, v.out, outC]);
}

function depthwise(node: Node, inputs: readonly (GpuValue | null)[], backend: Backend, ctx: KernelContext): GpuValue[] {
  const o = optionsOf(node, DepthwiseConv2DOptionsT);
  const x = i8In(node, inputs, 0);
  const w = i8In(node, inputs, 1);
  if (x.shape.length !== 4 || w.shape.length !== 4) throw new RangeError(`${node.op}: input [${x.shape}] and filter [${w.shape}] must be 4-D`);
  const [batches, inH, inW, inC] = x.shape as [number, number, number, number];
  const [, kH, kW, outC] = w.shape as [number, number, number, number];
  const mult = outC / inC;
  if (!Number.isInteger(mult) || mult < 1) throw new RangeError(`${node.op}: filter depth ${outC} is not a multiple of the input depth ${inC}`);
  const h = convDim(o.padding, inH, kH, o.strideH, o.dilationHFactor);
  const v = convDim(o.padding, inW, kW, o.strideW, o.dilationWFactor);
  const g: ConvGeometry = {
    batches, inH, inW, inC, outH: h.out, outW: v.out, outC, kH, kW, sH: o.strideH, sW: o.strideW, dH: o.dilationHFactor, dW: o.dilationWFactor,
    padH: h.pad, padW: v.pad, filterDepth: 1, groupOut: outC, depthMult: mult, depthwise: true, act: o.fusedActivationFunction,
  };
  return run(node, inputs, backend, ctx, g, [batches, h.out, v.out, outC]);
}

function fullyConnected(node: Node, inputs: readonly (GpuValue | null)[], backend: Backend, ctx: KernelContext): GpuValue[] {
  const o = optionsOf(node, FullyConnectedOptionsT);
  const x = i8In(node, inputs, 0);
  const w = i8In(node, inputs, 1);
  if (w.shape.length !== 2) throw new RangeError(`${node.op}: weights must be 2-D, got [${w.shape}]`);
  const [units, depth] = w.shape as [number, number];
  const size = x.shape.reduce((a, b) => a * b, 1);
  if (depth === 0 || size % depth !== 0) throw new RangeError(`${node.op}: input [${x.shape}] is not a multiple of the weights' depth ${depth}`);
  const batches = size / depth;
  const outShape = o.keepNumDims ? [...x.shape.slice(0, -1), units] : [batches, units];
  const g: ConvGeometry = {
    batches, inH: 1, inW: 1, inC: depth, outH: 1, outW: 1, outC: units, kH: 1, kW: 1, sH: 1, sW: 1, dH: 1, dW: 1,
    padH: 0, padW: 0, filterDepth: depth, groupOut: units, depthMult: 1, depthwise: false, act: o.fusedActivationFunction,
  };
  return run(node, inputs, backend, ctx, g, outShape);
}

registerGpuOpKernel('CONV_2D', 'int8', conv2d);
registerGpuOpKernel('DEPTHWISE_CONV_2D', 'int8', depthwise);
registerGpuOpKernel('FULLY_CONNECTED', 'int8', fullyConnected);
