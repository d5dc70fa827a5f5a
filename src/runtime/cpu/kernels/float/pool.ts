/**
 * Float 2-D pooling, NHWC (TFLite reference `AveragePool`, `MaxPool`, `L2Pool`).
 *
 * For output (n, oy, ox, c) the window is the taps (iy, ix) = (oy·sh − ph + fy, ox·sw − pw + fx), 0 ≤ fy < FH,
 * 0 ≤ fx < FW, that fall inside the input (padding cells are excluded, not counted as zeros); output size and
 * pads per `convDim` (util.ts, dilation 1).
 *   AVERAGE_POOL_2D: y = act(Σ x / count)     MAX_POOL_2D: y = act(max x)     L2_POOL_2D: y = act(√(Σ x² / count))
 * A window with no valid tap (only possible with extreme padding) gives 0, as TFLite's reference leaves it.
 */
import { Pool2DOptionsT } from '../../../../formats/tflite/generated/tflite/pool2doptions.ts';
import type { Node } from '../../../../ir/graph.ts';
import { registerCpuKernel, type HostTensor } from '../../kernel-api.ts';
import { activationRange, convDim, f32, optionsOf, outputOf, req } from './util.ts';

type Mode = 'avg' | 'max' | 'l2';
const F32_MAX = 3.4028234663852886e38;

function pool(node: Node, inputs: readonly (HostTensor | null)[], mode: Mode): HostTensor[] {
  const op = node.op;
  const o = optionsOf(node, Pool2DOptionsT);
  const x = req(node, inputs, 0);
  if (x.shape.length !== 4) throw new RangeError(`${op}: input must be rank 4, got [${x.shape}]`);
  const [n, h, w, c] = x.shape as [number, number, number, number];
  const fh = o.filterHeight;
  const fw = o.filterWidth;
  const rows = convDim(o.padding, h, fh, o.strideH, 1);
  const cols = convDim(o.padding, w, fw, o.strideW, 1);
  const [lo, hi] = activationRange(o.fusedActivationFunction, op);
  const xd = f32(x, op);
  const out = new Float32Array(n * rows.out * cols.out * c);
  const acc = new Float64Array(c);
  let p = 0;
  for (let b = 0; b < n; b++) {
    for (let oy = 0; oy < rows.out; oy++) {
      const y0 = oy * o.strideH - rows.pad;
      const fy0 = Math.max(0, -y0);
      const fy1 = Math.min(fh, h - y0);
      for (let ox = 0; ox < cols.out; ox++) {
        const x0 = ox * o.strideW - cols.pad;
        const fx0 = Math.max(0, -x0);
        const fx1 = Math.min(fw, w - x0);
        acc.fill(mode === 'max' ? -F32_MAX : 0); // TFLite starts from numeric_limits<float>::lowest()
        let count = 0;
        for (let fy = fy0; fy < fy1; fy++) {
          for (let fx = fx0; fx < fx1; fx++) {
            const base = ((b * h + y0 + fy) * w + x0 + fx) * c;
            count++;
            if (mode === 'max') {
              for (let k = 0; k < c; k++) {
                const v = xd[base + k]!;
                if (acc[k]! < v) acc[k] = v; // std::max: a NaN tap is skipped
              }
            } else if (mode === 'avg') {
              for (let k = 0; k < c; k++) acc[k]! += xd[base + k]!;
            } else {
              for (let k = 0; k < c; k++) acc[k]! += xd[base + k]! * xd[base + k]!;
            }
          }
        }
        for (let k = 0; k < c; k++) {
          let v: number;
          if (count === 0) v = 0;
          else if (mode === 'max') v = acc[k]!;
          else if (mode === 'avg') v = Math.fround(acc[k]!) / count;
          else v = Math.sqrt(Math.fround(acc[k]!) / count);
          out[p++] = v < lo ? lo : v > hi ? hi : v;
        }
      }
    }
  }
  return [outputOf(node, 0, [n, rows.out, cols.out, c], out)];
}

registerCpuKernel('AVERAGE_POOL_2D', 'float', (node, inputs) => pool(node, inputs, 'avg'));
registerCpuKernel('MAX_POOL_2D', 'float', (node, inputs) => pool(node, inputs, 'max'));
registerCpuKernel('L2_POOL_2D', 'float', (node, inputs) => pool(node, inputs, 'l2'));
