/**
 * Reshape / transpose clean-up, on TF ops (Reshape, Transpose) and TFLite ops (RESHAPE, TRANSPOSE) alike:
 * - `reshape-of-reshape`: Reshape(Reshape(x, s1), s2) = Reshape(x, s2) (a reshape only sees the element order).
 * - `identity-reshape`: a reshape whose output shape equals its input shape (static, or the same single unknown
 *   dim) is removed; likewise `identity-transpose` (perm 0, 1, …, n − 1).
 * - `transpose-of-transpose`: Transpose(Transpose(x, p), q) = Transpose(x, r) with r[i] = p[q[i]].
 * - `dynamic-reshape-shape`: Reshape(x, Pack(StridedSlice(Shape(x))[0], c1, …)) — Keras' Flatten / Reshape with a
 *   dynamic batch — gets the constant shape [−1, c1', …] (a −1 among the c resolved from x's static dims), which
 *   folds away the Shape/StridedSlice/Pack chain.
 * - `hoist-through-reshape`: x·c, x + c (BiasAdd, AddV2, Sub, per-channel or scalar c), Relu, Relu6 applied after a
 *   Squeeze / ExpandDims / Reshape of a conv's output that keeps the last (channel) dim move in front of it, where
 *   the bias / batch-norm / activation fusions can reach the conv (Keras' Conv1D adds bias and activation after the
 *   Squeeze of tf.nn.conv1d); element-wise ops commute with a reshape that keeps the channel axis.
 * - `fc-keep-num-dims`: Keras' Dense on a rank > 2 input (RESHAPE x → [−1, in], FULLY_CONNECTED, RESHAPE →
 *   […x.shape[:−1], out]) becomes one FULLY_CONNECTED(x) with keep_num_dims = true, as the official converter folds
 *   it. A lone RESHAPE in front of a FULLY_CONNECTED (Flatten) stays, as the official converter keeps it.
 * Checks: intermediate tensors have no other reader (where a node would disappear).
 */
import type { Node, Tensor } from '../ir/graph.ts';
import type { FullyConnectedOptionsT } from '../formats/tflite/generated/tflite/fully-connected-options.ts';
import { int32Bytes, intsOf } from './fold/values.ts';
import type { GraphEditor } from './graph-editor.ts';
import { rulePass, type RewriteRule } from './pass.ts';

const RESHAPE = ['Reshape', 'RESHAPE'];
const TRANSPOSE = ['Transpose', 'TRANSPOSE'];

const sameShape = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((d, i) => d === b[i]) && a.filter((d) => d < 0).length <= 1;

const reshapeOfReshape: RewriteRule<{ outer: Node; x: Tensor }> = {
  name: 'reshape-of-reshape',
  roots: RESHAPE,
  match(outer, g) {
    const inner = g.producerOf(outer.inputs[0], ...RESHAPE);
    return inner?.inputs[0] ? { outer, x: inner.inputs[0] } : undefined;
  },
  rewrite({ outer, x }, g) {
    outer.inputs[0] = x;
    g.touch();
  },
};

function collapseRule(name: string, roots: string[], isIdentity: (n: Node) => boolean): RewriteRule<Node> {
  return {
    name,
    roots,
    match: (n) => (n.inputs[0] && n.outputs[0] && isIdentity(n) ? n : undefined),
    check: (n, g) => (g.canCollapse(n.inputs[0]!, n.outputs[0]!) ? undefined : `${n.outputs[0]!.name} is a graph output fed by a graph input or constant`),
    rewrite(n, g) {
      g.collapse(n.inputs[0]!, n.outputs[0]!, n);
      g.removeNode(n);
    },
  };
}

const identityReshape = collapseRule('identity-reshape', RESHAPE, (n) => sameShape(n.inputs[0]!.shape, n.outputs[0]!.shape) && n.inputs[0]!.dtype === n.outputs[0]!.dtype);
const identityTranspose = collapseRule('identity-transpose', TRANSPOSE, (n) => {
  const perm = intsOf(n.inputs[1]);
  return !!perm && perm.every((p, i) => p === i);
});

const transposeOfTranspose: RewriteRule<{ outer: Node; x: Tensor; perm: number[] }> = {
  name: 'transpose-of-transpose',
  roots: TRANSPOSE,
  match(outer, g) {
    const inner = g.producerOf(outer.inputs[0], outer.op);
    const p = inner && intsOf(inner.inputs[1]);
    const q = intsOf(outer.inputs[1]);
    if (!inner?.inputs[0] || !p || !q || p.length !== q.length) return undefined;
    return { outer, x: inner.inputs[0], perm: q.map((i) => p[i]!) };
  },
  rewrite({ outer, x, perm }, g) {
    outer.inputs[0] = x;
    outer.inputs[1] = g.constant(`${outer.tfName || outer.name}/perm`, 'int32', [perm.length], int32Bytes(perm));
    g.touch();
  },
};

/** The dim index i when `t` = StridedSlice(Shape(x), [i], [i+1], [1], shrink) for the given x. */
function shapeDimOf(g: GraphEditor, t: Tensor | null | undefined, x: Tensor): number | undefined {
  const ss = g.producerOf(t, 'StridedSlice');
  const shape = ss && g.producerOf(ss.inputs[0], 'Shape');
  if (!ss || !shape || shape.inputs[0] !== x || ss.attrs['shrink_axis_mask'] !== 1) return undefined;
  const [b, e, s] = [intsOf(ss.inputs[1]), intsOf(ss.inputs[2]), intsOf(ss.inputs[3])];
  return b?.length === 1 && s?.[0] === 1 && e?.[0] === b[0]! + 1 ? b[0] : undefined;
}

const dynamicReshape: RewriteRule<{ reshape: Node; target: number[] }> = {
  name: 'dynamic-reshape-shape',
  roots: ['Reshape'],
  match(reshape, g) {
    const x = reshape.inputs[0];
    const pack = g.producerOf(reshape.inputs[1], 'Pack');
    if (!x || !pack || (pack.attrs['axis'] ?? 0) !== 0) return undefined;
    const parts = pack.inputs.map((t) => intsOf(t));
    const dyn = pack.inputs.map((t) => shapeDimOf(g, t, x));
    const dynAt = dyn.findIndex((d) => d !== undefined);
    if (dynAt < 0 || dyn.filter((d) => d !== undefined).length !== 1 || parts.some((p, i) => i !== dynAt && p?.length !== 1)) return undefined;
    const dim = dyn[dynAt]!;
    const target = parts.map((p, i) => (i === dynAt ? -1 : p![0]!));
    const minus = target.findIndex((d, i) => d === -1 && i !== dynAt);
    if (minus >= 0) {
      // Two unknowns: resolve the constant −1 from x's other dims, assuming the dynamic entry is x's dim `dim`.
      const rest = x.shape.filter((_, i) => i !== dim);
      if (rest.some((d) => d < 0)) return undefined;
      const known = target.filter((d, i) => i !== dynAt && i !== minus).reduce((a, b) => a * b, 1);
      const total = rest.reduce((a, b) => a * b, 1);
      if (known === 0 || total % known !== 0) return undefined;
      target[minus] = total / known;
    }
    return { reshape, target };
  },
  rewrite({ reshape, target }, g) {
    reshape.inputs[1] = g.constant(`${reshape.tfName || reshape.name}/shape`, 'int32', [target.length], int32Bytes(target));
    g.touch();
  },
};

const HOISTABLE_BINARY = ['BiasAdd', 'AddV2', 'Add', 'Sub', 'Mul'];
const HOISTABLE_UNARY = ['Relu', 'Relu6'];

interface Hoist { op: Node; reshape: Node; y: Tensor; k: number }

/**
 * An element-wise op by a per-channel constant (or Relu / Relu6) reading a Squeeze / ExpandDims / Reshape that keeps
 * the last (channel) dim moves in front of it, next to the conv that can absorb it (Keras' Conv1D adds its bias and
 * activation after the Squeeze of tf.nn.conv1d).
 */
const hoistThroughReshape: RewriteRule<Hoist> = {
  name: 'hoist-through-reshape',
  roots: [...HOISTABLE_BINARY, ...HOISTABLE_UNARY],
  match(op, g) {
    const unary = HOISTABLE_UNARY.includes(op.op);
    for (const k of unary ? [0] : op.op === 'Sub' || op.op === 'BiasAdd' ? [0] : [0, 1]) {
      const reshape = g.producerOf(op.inputs[k], 'Squeeze', 'ExpandDims', 'Reshape');
      const y = reshape?.inputs[0];
      const out = op.inputs[k];
      if (!reshape || !y || !out) continue;
      const c = y.shape[y.shape.length - 1];
      if (c === undefined || c < 0 || out.shape[out.shape.length - 1] !== c || !isBiasOfConv(g, y)) continue;
      if (!unary) {
        const cT = op.inputs[1 - k];
        if (!cT?.data || cT.shape.length > 1 || (cT.shape.length === 1 && cT.shape[0] !== c)) continue;
      }
      return { op, reshape, y, k };
    }
    return undefined;
  },
  check: ({ reshape }, g) => (g.singleUse(reshape.outputs[0]!) ? undefined : `${reshape.outputs[0]!.name} has other readers`),
  rewrite({ op, reshape, y, k }, g) {
    const moved = g.tensor(`${op.tfName || op.name}:0`, y.dtype, y.shape);
    const final = op.outputs[0]!;
    op.inputs[k] = y;
    op.outputs[0] = moved;
    reshape.inputs[0] = moved;
    reshape.outputs[0] = final;
    g.removeNode(op);
    g.insertBefore(reshape, op);
  },
};

const TF_CONV = ['Conv2D', 'DepthwiseConv2dNative', 'MatMul'];

/** True when `t` is the output of a conv's bias add (or activation) chain: BiasAdd / AddV2 / Relu over a conv. */
function isBiasOfConv(g: GraphEditor, t: Tensor): boolean {
  for (let p = g.producerOf(t), depth = 0; p && depth < 3; p = g.producerOf(p.inputs[0]), depth++) {
    if (TF_CONV.includes(p.op)) return true;
    if (![...HOISTABLE_BINARY, ...HOISTABLE_UNARY].includes(p.op)) return false;
  }
  return false;
}

interface KeepDims { fc: Node; reshape: Node; x: Tensor }

const fcKeepNumDims: RewriteRule<KeepDims> = {
  name: 'fc-keep-num-dims',
  roots: ['RESHAPE'],
  match(reshape, g) {
    const fc = g.producerOf(reshape.inputs[0], 'FULLY_CONNECTED');
    const opts = fc?.options?.value as FullyConnectedOptionsT | undefined;
    const y = reshape.outputs[0];
    if (!fc || !opts || opts.keepNumDims || !fc.inputs[0] || !y) return undefined;
    // FC's input, or the input of the RESHAPE that flattened it for the FC.
    let x = fc.inputs[0];
    const flatten = g.producerOf(x, 'RESHAPE');
    if (x.shape.length <= 2 && flatten?.inputs[0] && flatten.inputs[0].shape[flatten.inputs[0].shape.length - 1] === x.shape[x.shape.length - 1]) x = flatten.inputs[0];
    if (x.shape.length <= 2 || y.shape.length !== x.shape.length) return undefined;
    const same = x.shape.slice(0, -1).every((d, i) => d === y.shape[i] && (d >= 0 || i === 0));
    return same && y.shape[y.shape.length - 1] === fc.inputs[1]?.shape[0] ? { fc, reshape, x } : undefined;
  },
  check({ fc }, g) {
    if (!g.singleUse(fc.outputs[0]!)) return `${fc.outputs[0]!.name} has other readers`;
    if (fc.inputs[0]!.shape.length <= 2 && !g.singleUse(fc.inputs[0]!)) return `${fc.inputs[0]!.name} has other readers`;
    return undefined;
  },
  rewrite({ fc, reshape, x }, g) {
    (fc.options!.value as FullyConnectedOptionsT).keepNumDims = true;
    fc.inputs[0] = x;
    fc.outputs[0] = reshape.outputs[0]!;
    g.touch();
    g.removeNode(reshape);
  },
};

export const reshapeCleanupPass = rulePass('reshape-cleanup', 'redundant reshapes and transposes are removed or merged',
  [reshapeOfReshape, identityReshape, identityTranspose, transposeOfTranspose, dynamicReshape, hoistThroughReshape, fcKeepNumDims]);
