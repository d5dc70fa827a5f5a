/**
 * Normalisations along the last axis, float32 (TFLite reference `Softmax`, `LogSoftmax`, `L2Normalization`):
 *   SOFTMAX: m = max_j x_j; y_i = e^((x_i − m)·β) / Σ_j e^((x_j − m)·β)   (β the f32 option; subtracting m keeps
 *     the exponentials ≤ 1)
 *   LOG_SOFTMAX: y_i = (x_i − m) − log Σ_j e^(x_j − m)
 *   L2_NORMALIZATION: y_i = x_i / max(√(Σ_j x_j²), 1e-6)
 */
import { SoftmaxOptionsT } from '../../../../formats/tflite/generated/tflite/softmax-options.ts';
import type { Node } from '../../../../ir/graph.ts';
import { registerCpuKernel, type HostTensor } from '../../kernel-api.ts';
import { f32, optionsOf, outputOf, req } from './util.ts';

type RowFn = (x: Float32Array, y: Float32Array, off: number, n: number) => void;

function rows(node: Node, inputs: readonly (HostTensor | null)[], fn: RowFn): HostTensor[] {
  const x = req(node, inputs, 0);
  const xd = f32(x, node.op);
  const n = x.shape.length ? x.shape[x.shape.length - 1]! : 1;
  const out = new Float32Array(xd.length);
  if (n > 0) for (let off = 0; off < xd.length; off += n) fn(xd, out, off, n);
  return [outputOf(node, 0, [...x.shape], out)];
}

function rowMax(x: Float32Array, off: number, n: number): number {
  let m = -Infinity;
  for (let j = 0; j < n; j++) if (x[off + j]! > m) m = x[off + j]!;
  return m;
}

registerCpuKernel('SOFTMAX', 'float', (node, inputs) => {
  const beta = Math.fround(optionsOf(node, SoftmaxOptionsT).beta);
  return rows(node, inputs, (x, y, off, n) => {
    const m = rowMax(x, off, n);
    let sum = 0;
    for (let j = 0; j < n; j++) {
      const e = Math.fround(Math.exp(Math.fround((x[off + j]! - m) * beta)));
      y[off + j] = e;
      sum += e;
    }
    const s = Math.fround(sum);
    for (let j = 0; j < n; j++) y[off + j] = y[off + j]! / s;
  });
});

registerCpuKernel('LOG_SOFTMAX', 'float', (node, inputs) => rows(node, inputs, (x, y, off, n) => {
  const m = rowMax(x, off, n);
  let sum = 0;
  for (let j = 0; j < n; j++) sum += Math.exp(x[off + j]! - m);
  const log = Math.log(sum);
  for (let j = 0; j < n; j++) y[off + j] = Math.fround(x[off + j]! - m) - log;
}));

registerCpuKernel('L2_NORMALIZATION', 'float', (node, inputs) => rows(node, inputs, (x, y, off, n) => {
  let sq = 0;
  for (let j = 0; j < n; j++) sq += x[off + j]! * x[off + j]!;
  const norm = Math.max(Math.sqrt(Math.fround(sq)), 1e-6);
  for (let j = 0; j < n; j++) y[off + j] = x[off + j]! / norm;
}));
