/**
 * Weighted ops (convolutions, depthwise convolutions, matrix products) as folding passes see them, in both IR
 * forms: where the constant filter is, which of its axes is the output channel, and where the bias is.
 *
 * TF layouts: Conv2D filter HWIO and DepthwiseConv2dNative filter HW·C·M (output channel c·M + m is the flattened
 * last two axes) both have the output channel last; MatMul's [in, out] has it last, [out, in] (transpose_b) first.
 * TFLite layouts: CONV_2D OHWI and FULLY_CONNECTED [out, in] have it first; DEPTHWISE_CONV_2D [1, H, W, C·M] last.
 * Scaling output channel o by s[o] multiplies every filter element of that channel: w'[…o…] = w[…o…]·s[o].
 */
import type { Node, Tensor } from '../ir/graph.ts';
import { floatsOf, float32Bytes, valueOf } from './fold/values.ts';
import type { GraphEditor } from './graph-editor.ts';

export const TF_WEIGHTED = ['Conv2D', 'DepthwiseConv2dNative', 'MatMul'];
export const TFL_WEIGHTED = ['CONV_2D', 'DEPTHWISE_CONV_2D', 'FULLY_CONNECTED'];

export interface WeightLayout {
  filter: Tensor;
  /** Number of output channels. */
  channels: number;
  /** True when the output channel is the first axis (else the last / flattened last two). */
  channelFirst: boolean;
}

/** The constant float filter of a weighted op and its output-channel layout, or a reason it has none. */
export function weightLayout(node: Node): WeightLayout | string {
  const filter = node.inputs[1];
  if (!filter?.data) return 'its filter is not a constant';
  if (filter.dtype !== 'float32') return `its filter is ${filter.dtype}, not float32`;
  const s = filter.shape;
  switch (node.op) {
    case 'Conv2D': return { filter, channels: s[3]!, channelFirst: false };
    case 'DepthwiseConv2dNative': return { filter, channels: s[2]! * s[3]!, channelFirst: false };
    case 'MatMul':
      if (node.attrs['transpose_a'] === true) return 'transpose_a is set';
      return node.attrs['transpose_b'] === true ? { filter, channels: s[0]!, channelFirst: true } : { filter, channels: s[1]!, channelFirst: false };
    case 'CONV_2D': case 'FULLY_CONNECTED': return { filter, channels: s[0]!, channelFirst: true };
    case 'DEPTHWISE_CONV_2D': return { filter, channels: s[3]!, channelFirst: false };
    default: return `${node.op} is not a weighted op`;
  }
}

/**
 * `t` as a per-output-channel float vector of length `channels`: a constant that broadcasts only along the last
 * axis ([C], [1, …, 1, C]) or a single value (replicated). Undefined otherwise.
 */
export function channelVector(t: Tensor | null | undefined, channels: number): Float32Array | undefined {
  if (!t?.data || t.dtype !== 'float32') return undefined;
  const v = floatsOf(t);
  if (!v) return undefined;
  if (v.length === 1) return new Float32Array(channels).fill(v[0]!);
  const s = t.shape;
  if (v.length !== channels || s[s.length - 1] !== channels || s.slice(0, -1).some((d) => d !== 1)) return undefined;
  return v;
}

/** The filter scaled per output channel, as new float32 bytes. */
export function scaledFilter(w: WeightLayout, scale: Float32Array): Uint8Array {
  const data = floatsOf(w.filter)!;
  const c = w.channels;
  const per = data.length / c;
  for (let i = 0; i < data.length; i++) {
    const o = w.channelFirst ? Math.floor(i / per) : i % c;
    data[i] = Math.fround(data[i]! * scale[o]!);
  }
  return float32Bytes(data);
}

/**
 * Stores new bytes for a constant used by `node`: in place when `node` is its only reader (the tensor keeps its
 * name), else as a new constant named after `name`, which `node` reads instead.
 */
export function setConstant(g: GraphEditor, node: Node, index: number, bytes: Uint8Array, shape: number[], name: string): Tensor {
  const t = node.inputs[index];
  if (t && t.data && g.consumers(t).length === 1 && !g.isGraphOutput(t)) {
    t.data = bytes;
    t.shape = [...shape];
    return t;
  }
  const fresh = g.constant(name, 'float32', shape, bytes);
  node.inputs[index] = fresh;
  g.touch();
  return fresh;
}

/** Float values of a constant (copy), or zeros of `n` when `t` is null. */
export function biasValues(t: Tensor | null | undefined, n: number): Float32Array | undefined {
  if (!t) return new Float32Array(n);
  const v = valueOf(t);
  return v && v.data.length === n ? Float32Array.from(v.data) : undefined;
}

export interface ConvChain {
  conv: Node;
  /** The conv's bias add (BiasAdd, or AddV2 / Add of a [C] float constant), when the chain goes through one. */
  biasAdd?: Node;
  /** Input index of the bias constant on `biasAdd`. */
  biasIndex: number;
  /** The chain's output (the bias add's, else the conv's). */
  out: Tensor;
}

/** The TF weighted op (+ its bias add) producing `t`, if any. */
export function convChain(g: GraphEditor, t: Tensor | null | undefined): ConvChain | undefined {
  const p = g.producerOf(t);
  if (!p || !t) return undefined;
  if (TF_WEIGHTED.includes(p.op)) return { conv: p, biasIndex: -1, out: t };
  const adds: [number, number][] = p.op === 'BiasAdd' ? [[0, 1]] : p.op === 'AddV2' || p.op === 'Add' ? [[0, 1], [1, 0]] : [];
  for (const [xi, bi] of adds) {
    const conv = g.producerOf(p.inputs[xi], ...TF_WEIGHTED);
    const bias = p.inputs[bi];
    const w = conv && weightLayout(conv);
    if (!conv || !w || typeof w === 'string' || !bias?.data || bias.dtype !== 'float32') continue;
    if (bias.shape.length === 1 && bias.shape[0] === w.channels) return { conv, biasAdd: p, biasIndex: bi, out: t };
  }
  return undefined;
}
