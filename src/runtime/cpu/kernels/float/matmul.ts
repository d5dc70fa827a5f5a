/**
 * Float matrix products (TFLite reference `FullyConnected`, `BatchMatMul`).
 *
 * FULLY_CONNECTED: x is read as [B, K] with K = weights.shape[1] and B = size(x) / K; weights [O, K]; bias [O]?
 *   y[b, o] = act(b[o] + Σ_k x[b, k] · w[o, k]). Output shape [B, O], or x.shape[:-1] + [O] with keep_num_dims.
 * BATCH_MATMUL: a [..., M, K] (adj_x: [..., K, M], used transposed), b [..., K, N] (adj_y: [..., N, K]); the batch
 *   dimensions broadcast (NumPy rules). y[..., m, n] = Σ_k a[..., m, k] · b[..., k, n].
 *
 * Sums are accumulated in float64, then rounded to float32 once (see conv.ts on accuracy).
 */
import { BatchMatMulOptionsT } from '../../../../formats/tflite/generated/tflite/batch-mat-mul-options.ts';
import { FullyConnectedOptionsT } from '../../../../formats/tflite/generated/tflite/fully-connected-options.ts';
import { registerCpuKernel } from '../../kernel-api.ts';
import { activationRange, broadcastShapes, f32, optionsOf, outputOf, req, sizeOf, stridesOf } from './util.ts';

registerCpuKernel('FULLY_CONNECTED', 'float', (node, inputs) => {
  const op = 'FULLY_CONNECTED';
  const o = optionsOf(node, FullyConnectedOptionsT);
  const x = req(node, inputs, 0);
  const w = req(node, inputs, 1);
  if (w.shape.length !== 2) throw new RangeError(`${op}: weights must be rank 2, got [${w.shape}]`);
  const [units, depth] = w.shape as [number, number];
  const xd = f32(x, op);
  const wd = f32(w, op, 'weights');
  const bias = inputs[2] ? f32(inputs[2], op, 'bias') : null;
  if (bias && bias.length !== units) throw new RangeError(`${op}: bias has ${bias.length} values, expected ${units}`);
  if (depth === 0 ? xd.length !== 0 : xd.length % depth !== 0) {
    throw new RangeError(`${op}: input [${x.shape}] does not flatten to rows of ${depth} (weights [${w.shape}])`);
  }
  const batch = depth === 0 ? 0 : xd.length / depth;
  const [lo, hi] = activationRange(o.fusedActivationFunction, op);
  const out = new Float32Array(batch * units);
  for (let b = 0; b < batch; b++) {
    const xOff = b * depth;
    for (let u = 0; u < units; u++) {
      const wOff = u * depth;
      let acc = 0;
      for (let k = 0; k < depth; k++) acc += xd[xOff + k]! * wd[wOff + k]!;
      const v = Math.fround(acc) + (bias ? bias[u]! : 0);
      out[b * units + u] = v < lo ? lo : v > hi ? hi : v;
    }
  }
  const shape = o.keepNumDims ? [...x.shape.slice(0, -1), units] : [batch, units];
  return [outputOf(node, 0, shape, out)];
});

registerCpuKernel('BATCH_MATMUL', 'float', (node, inputs) => {
  const op = 'BATCH_MATMUL';
  const o = optionsOf(node, BatchMatMulOptionsT);
  const a = req(node, inputs, 0);
  const b = req(node, inputs, 1);
  if (a.shape.length < 2 || b.shape.length < 2) throw new RangeError(`${op}: operands must be rank ≥ 2, got [${a.shape}] and [${b.shape}]`);
  const ar = a.shape.length;
  const br = b.shape.length;
  const m = o.adjX ? a.shape[ar - 1]! : a.shape[ar - 2]!;
  const k = o.adjX ? a.shape[ar - 2]! : a.shape[ar - 1]!;
  const kb = o.adjY ? b.shape[br - 1]! : b.shape[br - 2]!;
  const n = o.adjY ? b.shape[br - 2]! : b.shape[br - 1]!;
  if (k !== kb) throw new RangeError(`${op}: inner dimensions differ: [${a.shape}]${o.adjX ? 'ᵀ' : ''} × [${b.shape}]${o.adjY ? 'ᵀ' : ''}`);
  const aBatch = a.shape.slice(0, -2);
  const bBatch = b.shape.slice(0, -2);
  const batch = broadcastShapes(aBatch, bBatch, op);
  const ad = f32(a, op);
  const bd = f32(b, op);
  // element strides within one matrix: a[m, k] at m·sam + k·sak
  const sam = o.adjX ? 1 : k;
  const sak = o.adjX ? m : 1;
  const sbk = o.adjY ? 1 : n;
  const sbn = o.adjY ? k : 1;
  const count = sizeOf(batch);
  const out = new Float32Array(count * m * n);
  const aStr = stridesOf(aBatch);
  const bStr = stridesOf(bBatch);
  const idx = new Array<number>(batch.length).fill(0);
  for (let t = 0; t < count; t++) {
    let aOff = 0;
    let bOff = 0;
    for (let d = 0; d < batch.length; d++) {
      const ai = d - (batch.length - aBatch.length);
      const bi = d - (batch.length - bBatch.length);
      if (ai >= 0 && aBatch[ai]! !== 1) aOff += idx[d]! * aStr[ai]!;
      if (bi >= 0 && bBatch[bi]! !== 1) bOff += idx[d]! * bStr[bi]!;
    }
    aOff *= m * k;
    bOff *= k * n;
    const oOff = t * m * n;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let acc = 0;
        for (let p = 0; p < k; p++) acc += ad[aOff + i * sam + p * sak]! * bd[bOff + p * sbk + j * sbn]!;
        out[oOff + i * n + j] = acc;
      }
    }
    for (let d = batch.length - 1; d >= 0; d--) {
      if (++idx[d]! < batch[d]!) break;
      idx[d] = 0;
    }
  }
  return [outputOf(node, 0, [...batch, m, n], out)];
});
