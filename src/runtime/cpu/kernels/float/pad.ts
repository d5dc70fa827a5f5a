/**
 * Padding, dtype-generic (kind `any`). Paddings = input 1, shape [rank, 2] (int32/int64): before, after per axis.
 *   PAD: the new cells hold 0 — the output's zero point for quantized tensors (the real value 0), as TFLite does.
 *   PADV2: the new cells hold input 2 (a scalar in the input's dtype and quantization), default as PAD.
 *   MIRROR_PAD: REFLECT mirrors without the edge (x[1], x[0] | x[0], x[1] …), SYMMETRIC with it.
 */
import { MirrorPadOptionsT } from '../../../../formats/tflite/generated/tflite/mirror-pad-options.ts';
import { MirrorPadMode } from '../../../../formats/tflite/generated/tflite/mirror-pad-mode.ts';
import type { Node } from '../../../../ir/graph.ts';
import { registerCpuKernel, type HostTensor } from '../../kernel-api.ts';
import { allocArray, checkSameQuantization, copyBlock, isBigArray, optionsOf, outputOf, req, sizeOf, stridesOf, toInts, type Elements, zeroPointOf } from './util.ts';

function paddings(node: Node, inputs: readonly (HostTensor | null)[], rank: number): [number, number][] {
  const p = toInts(req(node, inputs, 1));
  if (p.length !== rank * 2) throw new RangeError(`${node.op}: paddings must be [${rank}, 2], got ${p.length} values`);
  const out: [number, number][] = [];
  for (let d = 0; d < rank; d++) {
    const [a, b] = [p[2 * d]!, p[2 * d + 1]!];
    if (a < 0 || b < 0) throw new RangeError(`${node.op}: negative padding on axis ${d}`);
    out.push([a, b]);
  }
  return out;
}

function constantPad(node: Node, inputs: readonly (HostTensor | null)[], value: number | bigint): HostTensor[] {
  const x = req(node, inputs, 0);
  checkSameQuantization(node, x);
  const rank = x.shape.length;
  const pads = paddings(node, inputs, rank);
  const shape = x.shape.map((d, i) => d + pads[i]![0] + pads[i]![1]);
  const out = allocArray(x.dtype, sizeOf(shape));
  if (isBigArray(out)) out.fill(typeof value === 'bigint' ? value : BigInt(value));
  else if (value !== 0) out.fill(Number(value));
  const total = x.data.length;
  if (total === 0) return [outputOf(node, 0, shape, out)];
  if (rank === 0) {
    copyBlock(out, 0, x.data, 0, 1);
    return [outputOf(node, 0, shape, out)];
  }
  const ostr = stridesOf(shape);
  const last = x.shape[rank - 1]!;
  const idx = new Array<number>(rank).fill(0);
  let o = pads.reduce((a, [before], d) => a + before * ostr[d]!, 0);
  for (let i = 0; i < total; i += last) {
    copyBlock(out, o, x.data, i, last);
    for (let d = rank - 2; d >= 0; d--) {
      o += ostr[d]!;
      if (++idx[d]! < x.shape[d]!) break;
      o -= ostr[d]! * x.shape[d]!;
      idx[d] = 0;
    }
  }
  return [outputOf(node, 0, shape, out)];
}

registerCpuKernel('PAD', 'any', (node, inputs) => constantPad(node, inputs, zeroPointOf(node.outputs[0]!.quantization)));

registerCpuKernel('PADV2', 'any', (node, inputs) => {
  const v = inputs[2];
  if (v && v.data.length !== 1) throw new RangeError('PADV2: constant_values must be a scalar');
  return constantPad(node, inputs, v ? v.data[0]! : zeroPointOf(node.outputs[0]!.quantization));
});

registerCpuKernel('MIRROR_PAD', 'any', (node, inputs) => {
  const x = req(node, inputs, 0);
  checkSameQuantization(node, x);
  const rank = x.shape.length;
  const pads = paddings(node, inputs, rank);
  const reflect = optionsOf(node, MirrorPadOptionsT).mode === MirrorPadMode.REFLECT;
  const shape = x.shape.map((d, i) => d + pads[i]![0] + pads[i]![1]);
  pads.forEach(([a, b], d) => {
    const limit = reflect ? x.shape[d]! - 1 : x.shape[d]!;
    if (a > limit || b > limit) throw new RangeError(`MIRROR_PAD: padding ${Math.max(a, b)} too large for axis ${d} of size ${x.shape[d]}`);
  });
  const out = allocArray(x.dtype, sizeOf(shape));
  const src: Elements = x.data;
  const dst: Elements = out;
  const str = stridesOf(x.shape);
  const idx = new Array<number>(rank).fill(0);
  const map = (i: number, d: number): number => {
    const n = x.shape[d]!;
    const j = i - pads[d]![0];
    if (j < 0) return reflect ? -j : -j - 1;
    if (j >= n) return reflect ? 2 * n - 2 - j : 2 * n - 1 - j;
    return j;
  };
  for (let o = 0; o < out.length; o++) {
    let off = 0;
    for (let d = 0; d < rank; d++) off += map(idx[d]!, d) * str[d]!;
    dst[o] = src[off]!;
    for (let d = rank - 1; d >= 0; d--) {
      if (++idx[d]! < shape[d]!) break;
      idx[d] = 0;
    }
  }
  return [outputOf(node, 0, shape, out)];
});
