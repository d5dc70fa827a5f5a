/**
 * BatchNorm folding into the preceding Conv2D / DepthwiseConv2dNative / MatMul (optionally through its bias add:
 * BiasAdd, or Keras 3's AddV2 of a [C] constant).
 *
 * Inference batch norm is y = (x − μ)·γ/√(σ² + ε) + β = x·s + t with s = γ/√(σ² + ε), t = β − μ·s per output
 * channel. With x = conv(w) + b it is conv(w·s) + (b·s + t), so
 *   w' = w·γ/√(σ² + ε)   (each output channel's filter scaled),   b' = (b − μ)·γ/√(σ² + ε) + β.
 * Rules:
 * - `fused-batch-norm`: FusedBatchNorm/V2/V3 (is_training = false, NHWC, constant γ β μ σ², only output 0 read);
 *   the BN becomes the conv's BiasAdd (a new one holding t when the conv had none).
 * - `mul-into-weights`: Mul(x, c) with c a per-output-channel constant (what Keras' unfused chain
 *   Rsqrt/Mul/Sub/AddV2 constant-folds to): w' = w·c, b' = b·c. The chain's AddV2(c') is then merged into the
 *   bias by the bias-add fusion pass.
 * Checks: the filter is a float constant, the conv (and BiasAdd) output has no other reader, the scale is per
 * output channel (shape [C], [1,…,1,C] or a single value).
 */
import type { Node, Tensor } from '../ir/graph.ts';
import { floatsOf, float32Bytes } from './fold/values.ts';
import { GraphEditor } from './graph-editor.ts';
import { rulePass, type RewriteRule } from './pass.ts';
import { biasValues, channelVector, convChain, scaledFilter, setConstant, weightLayout, type ConvChain } from './weights.ts';

/** Why the chain cannot absorb a per-channel affine map, or undefined. */
function chainProblem(g: GraphEditor, c: ConvChain): string | undefined {
  const w = weightLayout(c.conv);
  if (typeof w === 'string') return `${c.conv.name}: ${w}`;
  if (c.biasAdd) {
    if (!g.singleUse(c.conv.outputs[0]!)) return `${c.conv.name}'s output has other readers`;
    if (c.biasAdd.attrs['data_format'] === 'NCHW') return `${c.biasAdd.name} is NCHW`;
  }
  if (!g.singleUse(c.out)) return `${c.out.name} has other readers`;
  return undefined;
}

/** Applies y = x·s + t to the chain's weights and bias; `final` becomes the chain's output tensor. */
function applyAffine(g: GraphEditor, c: ConvChain, s: Float32Array, t: Float32Array | undefined, final: Tensor, name: string): Node | undefined {
  const w = weightLayout(c.conv) as Exclude<ReturnType<typeof weightLayout>, string>;
  setConstant(g, c.conv, 1, scaledFilter(w, s), w.filter.shape, `${w.filter.name}/scaled`);
  const n = w.channels;
  if (c.biasAdd) {
    const b = biasValues(c.biasAdd.inputs[c.biasIndex], n)!;
    for (let o = 0; o < n; o++) b[o] = Math.fround(Math.fround(b[o]! * s[o]!) + (t ? t[o]! : 0));
    setConstant(g, c.biasAdd, c.biasIndex, float32Bytes(b), [n], `${name}/bias`);
    c.biasAdd.outputs[0] = final;
    g.touch();
    return undefined;
  }
  if (!t) {
    c.conv.outputs[0] = final;
    g.touch();
    return undefined;
  }
  // No BiasAdd yet: a new one holding t reads the conv's output and writes `final`.
  const bias = g.constant(`${name}/bias`, 'float32', [n], float32Bytes(t));
  const add = GraphEditor.node('BiasAdd', [c.out, bias], [final], `${name}/BiasAdd`);
  add.attrs = { T: 'float32', data_format: 'NHWC' };
  return add;
}

interface BnMatch { bn: Node; chain: ConvChain }

const fusedBn: RewriteRule<BnMatch> = {
  name: 'fused-batch-norm',
  roots: ['FusedBatchNorm', 'FusedBatchNormV2', 'FusedBatchNormV3'],
  match(bn, g) {
    const chain = convChain(g, bn.inputs[0]);
    return chain ? { bn, chain } : undefined;
  },
  check({ bn, chain }, g) {
    if (bn.attrs['is_training'] !== false) return 'is_training is set (training-mode batch norm)';
    if (bn.attrs['data_format'] !== undefined && bn.attrs['data_format'] !== 'NHWC') return `data_format ${String(bn.attrs['data_format'])}`;
    if (bn.outputs.slice(1).some((t) => g.useCount(t) > 0)) return 'its batch statistics outputs are read';
    const w = weightLayout(chain.conv);
    const n = typeof w === 'string' ? 0 : w.channels;
    for (const i of [1, 2, 3, 4]) if (!channelVector(bn.inputs[i], n) || bn.inputs[i]!.size !== n) return `input ${i} is not a constant of ${n} channels`;
    return chainProblem(g, chain);
  },
  rewrite({ bn, chain }, g) {
    const [gamma, beta, mean, variance] = [1, 2, 3, 4].map((i) => floatsOf(bn.inputs[i])!) as [Float32Array, Float32Array, Float32Array, Float32Array];
    const eps = typeof bn.attrs['epsilon'] === 'number' ? bn.attrs['epsilon'] : 1e-4;
    const s = gamma.map((gm, o) => Math.fround(gm * Math.fround(1 / Math.sqrt(Math.fround(variance[o]! + eps)))));
    const t = beta.map((b, o) => Math.fround(b - Math.fround(mean[o]! * s[o]!)));
    const add = applyAffine(g, chain, s, t, bn.outputs[0]!, bn.tfName || bn.name);
    if (add) g.replaceNode(bn, add);
    else g.removeNode(bn);
  },
};

interface MulMatch { mul: Node; chain: ConvChain; scale: Float32Array }

const mulIntoWeights: RewriteRule<MulMatch> = {
  name: 'mul-into-weights',
  roots: ['Mul'],
  match(mul, g) {
    for (const k of [0, 1]) {
      const x = mul.inputs[k];
      const c = mul.inputs[1 - k];
      const chain = convChain(g, x);
      if (!chain || !c?.data || !x || c.shape.length > x.shape.length) continue;
      const w = weightLayout(chain.conv);
      const scale = typeof w === 'string' ? undefined : channelVector(c, w.channels);
      if (scale) return { mul, chain, scale };
    }
    return undefined;
  },
  check: ({ chain }, g) => chainProblem(g, chain),
  rewrite({ mul, chain, scale }, g) {
    const add = applyAffine(g, chain, scale, undefined, mul.outputs[0]!, mul.tfName || mul.name);
    if (add) g.replaceNode(mul, add);
    else g.removeNode(mul);
  },
};

export const foldBatchNormPass = rulePass('fold-batch-norm', 'batch norm (and per-channel scaling) after a conv / matmul is folded into its weights and bias', [fusedBn, mulIntoWeights]);
