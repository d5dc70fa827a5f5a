/**
 * Float32 GPU convolutions and pooling, NHWC (kernels/f32_conv2d.wgsl, f32_depthwise_conv2d.wgsl, f32_pool2d.wgsl),
 * one invocation per output; shapes, pads (TFLite `ComputePaddingHeightWidth`, via the CPU's `convDim`) and the fused
 * activation's clamp range travel in the uniforms. Semantics as src/runtime/cpu/kernels/float/conv.ts, pool.ts.
 */
import type { Node } from '../../../../ir/graph.ts';
import { Conv2DOptionsT } from '../../../../formats/tflite/generated/tflite/conv2doptions.ts';
import { DepthwiseConv2DOptionsT } from '../../../../formats/tflite/generated/tflite/depthwise-conv2doptions.ts';
import { Pool2DOptionsT } from '../../../../formats/tflite/generated/tflite/pool2doptions.ts';
import type { Backend } from '../../../backend.ts';
import { registerGpuOpKernel, type GpuValue } from '../registry.ts';
import { activationRange, convDim, f32, f32In, gpuOf, optionsOf, outValue, sizeOf, u32 } from './util.ts';

type Inputs = readonly (GpuValue | null)[];

function dims4(shape: readonly number[], op: string, what: string): [number, number, number, number] {
  if (shape.length !== 4) throw new RangeError(`${op}: ${what} must be rank 4, got [${shape}]`);
  return shape as [number, number, number, number];
}

function bias(node: Node, inputs: Inputs, n: number) {
  const b = inputs[2] ? f32In(node, inputs, 2) : null;
  if (b && b.size !== n) throw new RangeError(`${node.op}: bias has ${b.size} values, expected ${n}`);
  return b;
}

registerGpuOpKernel('CONV_2D', 'float', (node, inputs, backend) => {
  const op = node.op;
  const gpu = gpuOf(backend, op);
  const o = optionsOf(node, Conv2DOptionsT);
  const x = f32In(node, inputs, 0);
  const w = f32In(node, inputs, 1);
  const [n, h, wd, c] = dims4(x.shape, op, 'input');
  const [oc, kh, kw, cg] = dims4(w.shape, op, 'filter');
  if (cg === 0 || c % cg !== 0 || oc % (c / cg) !== 0) throw new RangeError(`${op}: input channels ${c} do not fit filter [${w.shape}]`);
  const perGroup = oc / (c / cg);
  const rows = convDim(o.padding, h, kh, o.strideH, o.dilationHFactor);
  const cols = convDim(o.padding, wd, kw, o.strideW, o.dilationWFactor);
  const [lo, hi] = activationRange(o.fusedActivationFunction, op);
  const b = bias(node, inputs, oc);
  const shape = [n, rows.out, cols.out, oc];
  const y = gpu.empty('float32', shape);
  const count = sizeOf(shape);
  if (count > 0) {
    gpu.dispatch('f32_conv2d', {
      count,
      fields: [count, h, wd, c, rows.out, cols.out, oc, kh, kw, cg, o.strideH, o.strideW, o.dilationHFactor, o.dilationWFactor,
        rows.pad, cols.pad, perGroup, b ? 1 : 0].map(u32).concat([f32(lo), f32(hi)]),
    }, [y], [x, w, b ?? w]);
  }
  return [outValue(node, 0, y, shape)];
});

registerGpuOpKernel('DEPTHWISE_CONV_2D', 'float', (node, inputs, backend) => {
  const op = node.op;
  const gpu = gpuOf(backend, op);
  const o = optionsOf(node, DepthwiseConv2DOptionsT);
  const x = f32In(node, inputs, 0);
  const w = f32In(node, inputs, 1);
  const [n, h, wd, c] = dims4(x.shape, op, 'input');
  const [one, kh, kw, oc] = dims4(w.shape, op, 'filter');
  if (one !== 1 || c === 0 || oc % c !== 0) throw new RangeError(`${op}: filter [${w.shape}] does not fit ${c} input channels`);
  const rows = convDim(o.padding, h, kh, o.strideH, o.dilationHFactor);
  const cols = convDim(o.padding, wd, kw, o.strideW, o.dilationWFactor);
  const [lo, hi] = activationRange(o.fusedActivationFunction, op);
  const b = bias(node, inputs, oc);
  const shape = [n, rows.out, cols.out, oc];
  const y = gpu.empty('float32', shape);
  const count = sizeOf(shape);
  if (count > 0) {
    gpu.dispatch('f32_depthwise_conv2d', {
      count,
      fields: [count, h, wd, c, rows.out, cols.out, oc, kh, kw, oc / c, o.strideH, o.strideW, o.dilationHFactor, o.dilationWFactor,
        rows.pad, cols.pad, b ? 1 : 0].map(u32).concat([f32(lo), f32(hi), u32(0)]),
    }, [y], [x, w, b ?? w]);
  }
  return [outValue(node, 0, y, shape)];
});

function pool(node: Node, inputs: Inputs, backend: Backend, mode: number): GpuValue[] {
  const op = node.op;
  const gpu = gpuOf(backend, op);
  const o = optionsOf(node, Pool2DOptionsT);
  const x = f32In(node, inputs, 0);
  const [n, h, w, c] = dims4(x.shape, op, 'input');
  const rows = convDim(o.padding, h, o.filterHeight, o.strideH, 1);
  const cols = convDim(o.padding, w, o.filterWidth, o.strideW, 1);
  const [lo, hi] = activationRange(o.fusedActivationFunction, op);
  const shape = [n, rows.out, cols.out, c];
  const y = gpu.empty('float32', shape);
  const count = sizeOf(shape);
  if (count > 0) {
    gpu.dispatch('f32_pool2d', {
      count,
      fields: [count, h, w, c, rows.out, cols.out, o.filterHeight, o.filterWidth, o.strideH, o.strideW, rows.pad, cols.pad, mode]
        .map(u32).concat([f32(lo), f32(hi), u32(0)]),
    }, [y], [x]);
  }
  return [outValue(node, 0, y, shape)];
}

registerGpuOpKernel('AVERAGE_POOL_2D', 'float', (node, inputs, backend) => pool(node, inputs, backend, 0));
registerGpuOpKernel('MAX_POOL_2D', 'float', (node, inputs, backend) => pool(node, inputs, backend, 1));
registerGpuOpKernel('L2_POOL_2D', 'float', (node, inputs, backend) => pool(node, inputs, backend, 2));
