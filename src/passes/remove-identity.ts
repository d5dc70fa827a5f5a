/**
 * Identity removal. Rule: an op that forwards its input unchanged at inference — Identity, IdentityN (output k =
 * input k), StopGradient, PreventGradient, Snapshot, EnsureShape, CheckNumerics, an unfed PlaceholderWithDefault
 * left as a node, Cast to the same dtype — is deleted and its readers read the input instead. When the forwarded
 * tensor is a graph output, the producer of the input writes the output tensor directly instead, so the output keeps
 * its name (`StatefulPartitionedCall/Identity:0`, TF1's `y:0`). NoOp (no outputs) is deleted.
 * Not removed (check fails): an identity from a graph input or a constant straight to a graph output, whose name
 * could not survive.
 */
import type { Node, Tensor } from '../ir/graph.ts';
import type { GraphEditor } from './graph-editor.ts';
import { rulePass, type RewriteRule } from './pass.ts';

const FORWARDING = ['Identity', 'IdentityN', 'StopGradient', 'PreventGradient', 'Snapshot', 'EnsureShape', 'CheckNumerics', 'PlaceholderWithDefault'];

interface Forward { node: Node; pairs: [Tensor, Tensor][] }

function pairsOf(node: Node): [Tensor, Tensor][] | undefined {
  if (node.op === 'Cast') {
    const x = node.inputs[0];
    const dst = node.attrs['DstT'];
    return x && node.outputs[0] && x.dtype === dst && node.outputs[0].dtype === x.dtype ? [[x, node.outputs[0]]] : undefined;
  }
  const n = node.op === 'IdentityN' ? node.outputs.length : 1;
  const pairs: [Tensor, Tensor][] = [];
  for (let k = 0; k < n; k++) {
    const i = node.inputs[k];
    const o = node.outputs[k];
    if (!i || !o) return undefined;
    pairs.push([i, o]);
  }
  return pairs;
}

/** Shape merge: the known dims of either (the forwarded tensor may know more, e.g. after EnsureShape). */
function mergeShape(a: number[], b: number[]): number[] {
  if (a.length !== b.length) return b.length ? b : a;
  return a.map((d, i) => (d >= 0 ? d : b[i]!));
}

const forward: RewriteRule<Forward> = {
  name: 'forward-identity',
  roots: [...FORWARDING, 'Cast'],
  match(node) {
    const pairs = pairsOf(node);
    return pairs ? { node, pairs } : undefined;
  },
  check({ pairs }, g) {
    for (const [i, o] of pairs) {
      if (g.canCollapse(i, o)) continue;
      if (g.isGraphOutput(i)) return `${i.name} and ${o.name} are both graph outputs`;
      return `forwards ${g.isGraphInput(i) ? 'graph input' : 'constant'} ${i.name} to graph output ${o.name}`;
    }
    return undefined;
  },
  rewrite({ node, pairs }, g: GraphEditor) {
    for (const [i, o] of pairs) {
      if (!g.isGraphOutput(o)) i.shape = mergeShape(i.shape, o.shape);
      g.collapse(i, o, node);
    }
    g.removeNode(node);
  },
};

const noOp: RewriteRule<Node> = {
  name: 'remove-noop',
  roots: ['NoOp'],
  match: (node) => (node.outputs.length === 0 ? node : undefined),
  rewrite: (node, g) => g.removeNode(node),
};

export const removeIdentityPass = rulePass('remove-identity', 'ops that forward their input unchanged at inference are removed', [forward, noOp]);
