/**
 * Bias-add fusion. Rule: adding (or subtracting) a per-output-channel constant c after a weighted op adds it to
 * the op's bias: conv(x) + b + c = conv(x) + (b + c). Two forms:
 * - TF ops: BiasAdd / AddV2 / Add / Sub(·, c) after the bias add (BiasAdd, or Keras 3's AddV2 of a [C] constant)
 *   of a Conv2D / DepthwiseConv2dNative / MatMul → one bias add with b ± c (Keras' unfused batch norm leaves such
 *   an AddV2 once its Mul is folded).
 * - TFLite ops: ADD / SUB(·, c) after CONV_2D / DEPTHWISE_CONV_2D / FULLY_CONNECTED with no fused activation →
 *   the op's bias input becomes b ± c (a missing FULLY_CONNECTED bias counts as 0), and the ADD's fused
 *   activation moves onto the op. When the old bias is zero and c is exactly [C], c itself becomes the bias.
 * Checks: c broadcasts only along the channel axis and has no higher rank than the output; the intermediate tensor
 * has no other reader.
 */
import type { Node, Tensor } from '../ir/graph.ts';
import { ActivationFunctionType } from '../formats/tflite/generated/tflite/activation-function-type.ts';
import { float32Bytes } from './fold/values.ts';
import type { GraphEditor } from './graph-editor.ts';
import { rulePass, type RewriteRule } from './pass.ts';
import { biasValues, channelVector, convChain, setConstant, TFL_WEIGHTED, weightLayout, type WeightLayout } from './weights.ts';

interface AddMatch { add: Node; target: Node; c: Float32Array; cTensor: Tensor; sign: 1 | -1; x: Tensor }

/** The (x, c, sign) readings of a binary add/sub node whose x comes from an op in `producers`. */
function readings(g: GraphEditor, add: Node, producers: string[]): { x: Tensor; cT: Tensor; sign: 1 | -1; p: Node }[] {
  const out: { x: Tensor; cT: Tensor; sign: 1 | -1; p: Node }[] = [];
  const [a, b] = add.inputs;
  if (!a || !b) return out;
  const sub = add.op === 'Sub' || add.op === 'SUB';
  const pairs: [Tensor, Tensor][] = sub || add.op === 'BiasAdd' ? [[a, b]] : [[a, b], [b, a]];
  for (const [x, cT] of pairs) {
    const p = g.producerOf(x, ...producers);
    if (p && cT.data && cT.shape.length <= x.shape.length) out.push({ x, cT, sign: sub ? -1 : 1, p });
  }
  return out;
}

const tfBias: RewriteRule<AddMatch & { biasIndex: number }> = {
  name: 'merge-into-bias-add',
  roots: ['BiasAdd', 'AddV2', 'Add', 'Sub'],
  match(add, g) {
    for (const r of readings(g, add, ['BiasAdd', 'AddV2', 'Add'])) {
      const chain = convChain(g, r.x);
      if (!chain?.biasAdd || chain.biasAdd === add) continue;
      const c = channelVector(r.cT, (weightLayout(chain.conv) as WeightLayout).channels);
      if (c) return { add, target: chain.biasAdd, biasIndex: chain.biasIndex, c, cTensor: r.cT, sign: r.sign, x: r.x };
    }
    return undefined;
  },
  check: ({ x }, g) => (g.singleUse(x) ? undefined : `${x.name} has other readers`),
  rewrite({ add, target, biasIndex, c, sign }, g) {
    const n = c.length;
    const b = biasValues(target.inputs[biasIndex], n)!;
    for (let o = 0; o < n; o++) b[o] = Math.fround(b[o]! + sign * c[o]!);
    setConstant(g, target, biasIndex, float32Bytes(b), [n], `${add.tfName || add.name}/bias`);
    target.outputs[0] = add.outputs[0]!;
    g.touch();
    g.removeNode(add);
  },
};

type ActOptions = { fusedActivationFunction: ActivationFunctionType };
const actOf = (n: Node): ActOptions | undefined => {
  const v = n.options?.value as Partial<ActOptions> | undefined;
  return v && v.fusedActivationFunction !== undefined ? (v as ActOptions) : undefined;
};

const tflBias: RewriteRule<AddMatch> = {
  name: 'add-into-bias',
  roots: ['ADD', 'SUB'],
  match(add, g) {
    for (const r of readings(g, add, TFL_WEIGHTED)) {
      const w = weightLayout(r.p);
      if (typeof w === 'string' || actOf(r.p)?.fusedActivationFunction !== ActivationFunctionType.NONE) continue;
      if (r.x.shape[r.x.shape.length - 1] !== w.channels) continue;
      const c = channelVector(r.cT, w.channels);
      if (c) return { add, target: r.p, c, cTensor: r.cT, sign: r.sign, x: r.x };
    }
    return undefined;
  },
  check({ x, target }, g) {
    if (!g.singleUse(x)) return `${x.name} has other readers`;
    const bias = target.inputs[2];
    if (bias && (!bias.data || bias.dtype !== 'float32')) return `${target.name}'s bias is not a float constant`;
    return undefined;
  },
  rewrite({ add, target, c, cTensor, sign }, g) {
    const n = c.length;
    const old = biasValues(target.inputs[2], n)!;
    const zero = old.every((v) => v === 0);
    if (zero && sign === 1 && cTensor.dtype === 'float32' && cTensor.shape.length === 1) {
      target.inputs[2] = cTensor;
    } else {
      const b = old.map((v, o) => Math.fround(v + sign * c[o]!));
      if (target.inputs.length < 3) target.inputs.push(null);
      setConstant(g, target, 2, float32Bytes(b), [n], zero ? cTensor.name : `${add.name}/bias`);
    }
    const act = actOf(add);
    if (act) actOf(target)!.fusedActivationFunction = act.fusedActivationFunction;
    target.outputs[0] = add.outputs[0]!;
    g.touch();
    g.removeNode(add);
  },
};

export const fuseBiasAddPass = rulePass('fuse-bias-add', 'a per-channel constant added after a conv / matmul is merged into its bias', [tfBias, tflBias]);
