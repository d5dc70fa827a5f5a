/**
 * Float16 quantization (`optimizations: ['DEFAULT']`, `supportedTypes: ['float16']`; TFLite's PTQ_FLOAT16): every
 * float32 constant an operator reads (weights, biases, other float constants, whatever their size) is stored as
 * IEEE float16, and one DEQUANTIZE operator per constant turns it back into float32 for its consumers, which stay
 * float32 ops with unchanged versions. The model is about half the size; the runtime (or a GPU delegate that
 * computes in half precision) dequantizes once at preparation.
 *
 * The maths: w16 = fp16(w) (round to nearest even, `floatToHalf`), DEQUANTIZE computes w' = float32(w16) exactly,
 * so |w − w'| ≤ 2^−11·|w| for |w| ≥ 2^−14 (normal halves) and ≤ 2^−25 below; |w| > 65504 becomes ±Infinity
 * (TensorFlow's converter does the same; a warning is not ours to give here).
 *
 * The rewrite, per subgraph: constant float32 tensor T (name N) read by any operator ⇒ new constant `N` (float16, T's
 * shape and data converted); T becomes the non-constant float32 output `N_dequantize` of a new DEQUANTIZE (version 3,
 * float16 input) placed before the first operator (all DEQUANTIZEs lead the operator list, in order of first use, as
 * the official converter emits them). Constants that are subgraph outputs, or already read by a DEQUANTIZE, are left
 * alone. Each converted constant counts one rewrite.
 */
import { Node, Tensor, type Graph, type Subgraph } from '../ir/graph.ts';
import type { Pass, PassResult } from '../passes/pass.ts';
import { TFLITE_VERSIONS } from '../ops/tf-to-tflite.ts';
import { float16Bytes, float32Values } from './weight-quant.ts';

export interface Float16Result extends PassResult {
  /** The new float16 constants, in order of first use. */
  converted: Tensor[];
}

function float16Subgraph(sub: Subgraph): Tensor[] {
  const candidates: Tensor[] = [];
  const seen = new Set<Tensor>();
  const excluded = new Set<Tensor>(sub.outputs);
  for (const n of sub.nodes) if (n.op === 'DEQUANTIZE') for (const t of n.inputs) if (t) excluded.add(t);
  for (const n of sub.nodes) {
    for (const t of n.inputs) {
      if (!t || seen.has(t)) continue;
      seen.add(t);
      if (t.isConstant && t.dtype === 'float32' && !t.isVariable && !excluded.has(t)) candidates.push(t);
    }
  }
  const converted: Tensor[] = [];
  const dequantizes: Node[] = [];
  const names = new Set(sub.tensors.map((t) => t.name));
  for (const t of candidates) {
    const half = new Tensor(t.name, 'float16', [...t.shape], float16Bytes(float32Values(t.data!)));
    if (t.shapeSignature) half.shapeSignature = [...t.shapeSignature];
    half.hasRank = t.hasRank;
    let name = `${t.name}_dequantize`;
    for (let k = 1; names.has(name); k++) name = `${t.name}_dequantize_${k}`;
    names.add(name);
    t.name = name;
    t.data = null;
    t.quantization = null;
    const dq = new Node('DEQUANTIZE', [half], [t]);
    dq.version = TFLITE_VERSIONS.get('DEQUANTIZE')?.(dq) ?? 3;
    dequantizes.push(dq);
    const at = sub.tensors.indexOf(t);
    sub.tensors.splice(at < 0 ? sub.tensors.length : at, 0, half);
    if (at < 0) sub.tensors.push(t);
    converted.push(half);
  }
  sub.nodes.unshift(...dequantizes);
  return converted;
}

/** Converts every float32 constant operand of a float TFLite graph to float16 + DEQUANTIZE (in place). */
export function quantizeFloat16(graph: Graph): Float16Result {
  const converted = graph.subgraphs.flatMap(float16Subgraph);
  return { graph, changed: converted.length > 0, rewrites: converted.length, converted };
}

export const FLOAT16_PASS_NAME = 'quantize-float16';

/** The pass form (for the pass manager and notebook cells). */
export const float16Pass: Pass = {
  name: FLOAT16_PASS_NAME,
  description: 'float32 constants stored as float16, each read through one DEQUANTIZE to float32',
  run: (graph) => {
    const r = quantizeFloat16(graph);
    return { graph: r.graph, changed: r.changed, rewrites: r.rewrites };
  },
};
