/**
 * Batch-norm lowering. Rule: an inference FusedBatchNorm/V2/V3 (is_training = false, NHWC, constant γ β μ σ², only
 * output 0 read) that did not fold into a conv becomes y = x·s + t, with s = γ/√(σ² + ε) and t = β − μ·s
 * computed here (a Mul and an AddV2 by per-channel constants, legalized to MUL and ADD).
 */
import type { Node } from '../ir/graph.ts';
import { float32Bytes, floatsOf } from './fold/values.ts';
import { GraphEditor } from './graph-editor.ts';
import { rulePass, type RewriteRule } from './pass.ts';

const lower: RewriteRule<Node> = {
  name: 'lower-fused-batch-norm',
  roots: ['FusedBatchNorm', 'FusedBatchNormV2', 'FusedBatchNormV3'],
  match: (bn) => bn,
  check(bn, g) {
    if (bn.attrs['is_training'] !== false) return 'is_training is set (training-mode batch norm)';
    if (bn.attrs['data_format'] !== undefined && bn.attrs['data_format'] !== 'NHWC') return `data_format ${String(bn.attrs['data_format'])}`;
    if (bn.outputs.slice(1).some((t) => g.useCount(t) > 0)) return 'its batch statistics outputs are read';
    const c = bn.inputs[1]?.size ?? 0;
    for (const i of [1, 2, 3, 4]) {
      const t = bn.inputs[i];
      if (!t?.data || t.dtype !== 'float32' || t.size !== c) return `input ${i} is not a float constant of ${c} channels`;
    }
    return undefined;
  },
  rewrite(bn, g) {
    const [gamma, beta, mean, variance] = [1, 2, 3, 4].map((i) => floatsOf(bn.inputs[i])!) as [Float32Array, Float32Array, Float32Array, Float32Array];
    const eps = typeof bn.attrs['epsilon'] === 'number' ? bn.attrs['epsilon'] : 1e-4;
    const s = gamma.map((gm, o) => Math.fround(gm * Math.fround(1 / Math.sqrt(Math.fround(variance[o]! + eps)))));
    const t = beta.map((b, o) => Math.fround(b - Math.fround(mean[o]! * s[o]!)));
    const x = bn.inputs[0]!;
    const y = bn.outputs[0]!;
    const name = bn.tfName || bn.name;
    const scaledT = g.tensor(`${name}/mul`, y.dtype, y.shape);
    const mul = GraphEditor.node('Mul', [x, g.constant(`${name}/scale`, 'float32', [s.length], float32Bytes(s))], [scaledT], `${name}/mul`);
    const add = GraphEditor.node('AddV2', [scaledT, g.constant(`${name}/shift`, 'float32', [t.length], float32Bytes(t))], [y], `${name}/add`);
    mul.attrs = { T: 'float32' };
    add.attrs = { T: 'float32' };
    g.replaceNode(bn, mul, add);
  },
};

export const lowerBatchNormPass = rulePass('lower-batch-norm', 'a batch norm that did not fold becomes x·s + t', [lower]);
