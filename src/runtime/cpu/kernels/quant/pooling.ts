/**
 * AVERAGE_POOL_2D and MAX_POOL_2D on quantized NHWC tensors (reference_integer_ops::AveragePool / MaxPool; input and
 * output share scale and zero point, so pooling works on the raw integers).
 *
 * Average: over the window clamped to the input (padding cells are not counted), acc = Σ q, n = #cells,
 * out = clamp(acc > 0 ? (acc + ⌊n/2⌋) / n : (acc − ⌊n/2⌋) / n) with C++ integer division (truncation), i.e. the
 * mean rounded half away from zero. Max: out = clamp(max q). The clamp is the fused activation's quantized range.
 */
import { Pool2DOptionsT } from '../../../../formats/tflite/generated/tflite/pool2doptions.ts';
import type { Node } from '../../../../ir/graph.ts';
import type { HostTensor } from '../../kernel-api.ts';
import { convDim, optionsOf, req } from '../float/util.ts';
import { newQOutput, outputClamp, qdata } from './q-util.ts';

function pool(node: Node, inputs: readonly (HostTensor | null)[], average: boolean): HostTensor[] {
  const opts = optionsOf(node, Pool2DOptionsT);
  const input = req(node, inputs, 0);
  if (input.shape.length !== 4) throw new RangeError(`${node.op}: input must be 4-D, got [${input.shape}]`);
  const [batches, inH, inW, depth] = input.shape as [number, number, number, number];
  const h = convDim(opts.padding, inH, opts.filterHeight, opts.strideH, 1);
  const w = convDim(opts.padding, inW, opts.filterWidth, opts.strideW, 1);
  const x = qdata(input, node.op);
  const out = newQOutput(node, [batches, h.out, w.out, depth]);
  const y = out.data;
  const [lo, hi] = outputClamp(node, opts.fusedActivationFunction);
  let o = 0;
  for (let b = 0; b < batches; b++) {
    for (let oy = 0; oy < h.out; oy++) {
      const y0 = oy * opts.strideH - h.pad;
      const fy0 = Math.max(0, -y0);
      const fy1 = Math.min(opts.filterHeight, inH - y0);
      for (let ox = 0; ox < w.out; ox++) {
        const x0 = ox * opts.strideW - w.pad;
        const fx0 = Math.max(0, -x0);
        const fx1 = Math.min(opts.filterWidth, inW - x0);
        const count = Math.max(0, fy1 - fy0) * Math.max(0, fx1 - fx0);
        if (count === 0) throw new RangeError(`${node.op}: a pooling window lies entirely in the padding`);
        for (let c = 0; c < depth; c++, o++) {
          let acc = average ? 0 : -Infinity;
          for (let fy = fy0; fy < fy1; fy++) {
            const row = ((b * inH + y0 + fy) * inW + x0) * depth + c;
            for (let fx = fx0; fx < fx1; fx++) {
              const v = x[row + fx * depth]!;
              if (average) acc += v;
              else if (v > acc) acc = v;
            }
          }
          if (average) {
            const half = Math.floor(count / 2);
            acc = Math.trunc(acc > 0 ? (acc + half) / count : (acc - half) / count);
          }
          y[o] = acc < lo ? lo : acc > hi ? hi : acc;
        }
      }
    }
  }
  return [out];
}

export const poolingKernels = {
  averagePool: (node: Node, inputs: readonly (HostTensor | null)[]) => pool(node, inputs, true),
  maxPool: (node: Node, inputs: readonly (HostTensor | null)[]) => pool(node, inputs, false),
};
