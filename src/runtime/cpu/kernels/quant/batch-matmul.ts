/**
 * BATCH_MATMUL on quantized tensors (batch_matmul.cc → reference_ops::BatchMatMul, int8 and int16): with adj_x/adj_y
 * transposing the last two axes and the batch axes broadcast, out[.., i, j] =
 * clamp(requantize(Σ_k (x[.., i, k] − zp_x)·(y[.., k, j] − zp_y)) + zp_out) over the full integer range (no fused
 * activation); requantize = MultiplyByQuantizedMultiplier with double(s_x)·double(s_y)/double(s_out) (int64 variant
 * for int16), or XNNPACK's fp32 requantization in litert mode.
 */
import { BatchMatMulOptionsT } from '../../../../formats/tflite/generated/tflite/batch-mat-mul-options.ts';
import type { Node } from '../../../../ir/graph.ts';
import type { HostTensor, KernelContext } from '../../kernel-api.ts';
import { channelRequantizer } from '../../quant-math.ts';
import { broadcastShapes, optionsOf, req, stridesOf } from '../float/util.ts';
import { newQOutput, outParams, qdata, qparams, quantizedRange } from './q-util.ts';

function batchMatMul(node: Node, inputs: readonly (HostTensor | null)[], ctx: KernelContext): HostTensor[] {
  const opts = optionsOf(node, BatchMatMulOptionsT);
  const a = req(node, inputs, 0);
  const b = req(node, inputs, 1);
  if (a.shape.length < 2 || b.shape.length < 2) throw new RangeError(`${node.op}: operands must be at least 2-D`);
  const xa = qdata(a, node.op, 'lhs');
  const xb = qdata(b, node.op, 'rhs');
  const pa = qparams(a, node.op, 'lhs');
  const pb = qparams(b, node.op, 'rhs');
  const po = outParams(node);
  const [ar, ac] = a.shape.slice(-2) as [number, number];
  const [br, bc] = b.shape.slice(-2) as [number, number];
  const rows = opts.adjX ? ac : ar;
  const depth = opts.adjX ? ar : ac;
  const cols = opts.adjY ? br : bc;
  if ((opts.adjY ? bc : br) !== depth) throw new RangeError(`${node.op}: inner dimensions ${depth} and ${opts.adjY ? bc : br} differ`);
  const batchShape = broadcastShapes(a.shape.slice(0, -2), b.shape.slice(0, -2), node.op);
  const outShape = [...batchShape, rows, cols];
  const out = newQOutput(node, outShape);
  const y = out.data;
  const [qmin, qmax] = quantizedRange(node.outputs[0]!.dtype);
  const requant = channelRequantizer(ctx.integerArithmetic, pa.scale, [pb.scale], po.scale, 1, a.dtype === 'int16');
  const rank = batchShape.length;
  const aBatch = a.shape.slice(0, -2);
  const bBatch = b.shape.slice(0, -2);
  const sa = stridesOf(aBatch);
  const sb = stridesOf(bBatch);
  const nBatch = batchShape.reduce((p, d) => p * d, 1);
  const idx = new Array<number>(rank).fill(0);
  // element (i, k) of the (transposed) operands
  const aAt = opts.adjX ? (base: number, i: number, k: number) => base + k * ac + i : (base: number, i: number, k: number) => base + i * ac + k;
  const bAt = opts.adjY ? (base: number, k: number, j: number) => base + j * bc + k : (base: number, k: number, j: number) => base + k * bc + j;
  let o = 0;
  for (let n = 0; n < nBatch; n++) {
    let offA = 0;
    let offB = 0;
    for (let d = 0; d < rank; d++) {
      const ia = d - (rank - aBatch.length);
      const ib = d - (rank - bBatch.length);
      if (ia >= 0 && aBatch[ia]! > 1) offA += idx[d]! * sa[ia]!;
      if (ib >= 0 && bBatch[ib]! > 1) offB += idx[d]! * sb[ib]!;
    }
    const baseA = offA * ar * ac;
    const baseB = offB * br * bc;
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++, o++) {
        let acc = 0;
        for (let k = 0; k < depth; k++) acc += (xa[aAt(baseA, i, k)]! - pa.zeroPoint) * (xb[bAt(baseB, k, j)]! - pb.zeroPoint);
        const v = requant(acc, 0) + po.zeroPoint;
        y[o] = v < qmin ? qmin : v > qmax ? qmax : v;
      }
    }
    for (let d = rank - 1; d >= 0; d--) { if (++idx[d]! < batchShape[d]!) break; idx[d] = 0; }
  }
  return [out];
}

export const batchMatMulKernels = { batchMatMul };
