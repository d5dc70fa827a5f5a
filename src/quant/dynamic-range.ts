/**
 * Dynamic-range quantization (`optimizations: ['DEFAULT']` without a representative dataset; TFLite's
 * PTQ_DYNAMIC_RANGE): the constant float32 weights of the ops that have hybrid kernels become int8, activations and
 * biases stay float32, and the ops run as "hybrid" kernels (float in, float out, the input quantized on the fly).
 *
 * Which weights (as TensorFlow's converter chooses them):
 * - the filter / weights operand (input 1) of CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED whose input 0 and
 *   output are float32;
 * - with at least `minElements` (1024, TFLite's `weights_min_num_elements`) elements: smaller weights stay float32
 *   as they are (no DEQUANTIZE), since int8 would save little and cost accuracy;
 * - every consumer of the constant must be such an op at input 1 with the same channel axis (a constant shared with
 *   another use stays float); nodes or op types in `denylist` keep their weights float.
 *
 * The maths (`weight-quant.ts`): symmetric int8, zero point 0, q = round(w × 127 / max|w|) clamped to ±127,
 * scale = max|w| / 127, the max taken per output channel — axis 0 of CONV_2D's OHWI filter, axis 3 of
 * DEPTHWISE_CONV_2D's 1HW(C·M) filter — or over the whole tensor. FULLY_CONNECTED weights are per tensor, as in
 * TensorFlow (its FC has no per-axis dynamic-range scheme). Two schemes, as TensorFlow's two quantizers:
 * - default (`perChannel` true; TF ≥ 2.4's "updated hybrid scheme"): CONV_2D per channel, DEPTHWISE_CONV_2D per
 *   channel, FULLY_CONNECTED with `asymmetric_quantize_inputs = true` (inputs quantized on the fly with a zero
 *   point). Versions by the rules of `op-version.ts`: CONV_2D 5, DEPTHWISE_CONV_2D 6, FULLY_CONNECTED 9.
 * - `perChannel: false` (TF ≤ 2.3, what made the official MLPerf Tiny files): CONV_2D and FULLY_CONNECTED weights
 *   per tensor, symmetric input quantization, DEPTHWISE_CONV_2D left float (that scheme had no per-tensor hybrid
 *   depthwise kernel). TF 2.3 set the version of the operator CODE (`UpdateInt8OperatorVersions`), so every
 *   CONV_2D is version 2 and every FULLY_CONNECTED version 3, also those whose weights stayed float (below the
 *   threshold) — we write the same.
 * Each quantized weight counts one rewrite; a weight left float records why through `ctx.reject` (shown by the
 * notebook).
 */
import type { Graph, Node, Subgraph, Tensor } from '../ir/graph.ts';
import type { FullyConnectedOptionsT } from '../formats/tflite/generated/tflite/fully-connected-options.ts';
import type { Pass, PassContext, PassResult } from '../passes/pass.ts';
import { TFLITE_VERSIONS } from '../ops/tf-to-tflite.ts';
import { float32Values, quantizeSymmetricInt8 } from './weight-quant.ts';

export const DYNAMIC_RANGE_MIN_ELEMENTS = 1024;

export interface DynamicRangeOptions {
  /** Per-channel CONV_2D filters (default true). */
  perChannel?: boolean;
  /** Weights with fewer elements stay float (default 1024). */
  minElements?: number;
  /** Node names (first output's tensor name or TF name) or op types whose weights stay float. */
  denylist?: readonly string[];
}

/** Channel axis of the weights of a hybrid-capable op (null: per tensor), or undefined for other ops. */
function weightAxis(op: string, perChannel: boolean): number | null | undefined {
  switch (op) {
    case 'CONV_2D': return perChannel ? 0 : null;
    case 'DEPTHWISE_CONV_2D': return perChannel ? 3 : undefined;
    case 'FULLY_CONNECTED': return null;
    default: return undefined;
  }
}

interface Use { node: Node; index: number }

function usesOf(sub: Subgraph): Map<Tensor, Use[]> {
  const uses = new Map<Tensor, Use[]>();
  for (const node of sub.nodes) {
    node.inputs.forEach((t, index) => {
      if (!t) return;
      const list = uses.get(t);
      if (list) list.push({ node, index });
      else uses.set(t, [{ node, index }]);
    });
  }
  return uses;
}

const isFloatHybridCandidate = (n: Node): boolean => n.inputs[0]?.dtype === 'float32' && n.outputs[0]?.dtype === 'float32';

/** Why `t` (input 1 of `node`) must stay float, or undefined when it is quantized with axis `axis`. */
function whyFloat(t: Tensor, uses: readonly Use[], axis: number | null, o: Required<DynamicRangeOptions>, sub: Subgraph): string | undefined {
  if (t.dtype !== 'float32') return `weights are ${t.dtype}`;
  if (sub.outputs.includes(t)) return 'the weights are also a model output';
  if (t.size < o.minElements) return `${t.size} elements, below the ${o.minElements}-element threshold`;
  for (const u of uses) {
    if (u.index !== 1 || weightAxis(u.node.op, o.perChannel) !== axis || !isFloatHybridCandidate(u.node)) {
      return `the weights are also used by ${u.node.op} (${u.node.name}) input ${u.index}`;
    }
    if (o.denylist.includes(u.node.op) || o.denylist.includes(u.node.name)) return `${u.node.name} is in the denylist`;
  }
  return undefined;
}

/** Quantizes `t` in place to symmetric int8 (name, shape and position kept). */
function quantizeTensor(t: Tensor, axis: number | null): void {
  const q = quantizeSymmetricInt8(float32Values(t.data!), t.shape, axis);
  t.dtype = 'int8';
  t.data = new Uint8Array(q.data.buffer, q.data.byteOffset, q.data.byteLength);
  t.quantization = { scale: q.scales, zeroPoint: q.scales.map(() => 0), axis: axis ?? 0 };
}

export interface DynamicRangeResult extends PassResult {
  /** The tensors made int8, in node order. */
  quantized: Tensor[];
}

/** Runs dynamic-range quantization over every subgraph of a float TFLite graph (in place). */
export function quantizeDynamicRange(graph: Graph, options: DynamicRangeOptions = {}, ctx?: PassContext): DynamicRangeResult {
  const o: Required<DynamicRangeOptions> = {
    perChannel: options.perChannel ?? true,
    minElements: options.minElements ?? DYNAMIC_RANGE_MIN_ELEMENTS,
    denylist: options.denylist ?? [],
  };
  const quantized: Tensor[] = [];
  for (const sub of graph.subgraphs) {
    const uses = usesOf(sub);
    const touched = new Set<Node>();
    for (const node of sub.nodes) {
      const axis = weightAxis(node.op, o.perChannel);
      const w = node.inputs[1];
      if (axis === undefined || !w?.isConstant || w.dtype !== 'float32' || !isFloatHybridCandidate(node)) continue;
      const all = uses.get(w) ?? [];
      const reason = whyFloat(w, all, axis, o, sub);
      if (reason !== undefined) {
        ctx?.reject({ pass: DYNAMIC_RANGE_PASS_NAME, rule: 'quantize-weights', node: node.name, reason });
        continue;
      }
      quantizeTensor(w, axis);
      quantized.push(w);
      for (const u of all) touched.add(u.node);
    }
    for (const n of touched) {
      if (n.op === 'FULLY_CONNECTED' && o.perChannel && n.options) (n.options.value as FullyConnectedOptionsT).asymmetricQuantizeInputs = true;
      n.version = TFLITE_VERSIONS.get(n.op)?.(n) ?? n.version;
    }
  }
  if (!o.perChannel && quantized.length) {
    // TF 2.3 versioned the operator code: every CONV_2D / FULLY_CONNECTED takes the hybrid version.
    for (const n of graph.subgraphs.flatMap((s) => s.nodes)) {
      if (n.op === 'CONV_2D') n.version = Math.max(n.version, 2);
      if (n.op === 'FULLY_CONNECTED') n.version = Math.max(n.version, 3);
    }
  }
  return { graph, changed: quantized.length > 0, rewrites: quantized.length, quantized };
}

export const DYNAMIC_RANGE_PASS_NAME = 'quantize-dynamic-range';

/** The pass form (for the pass manager and notebook cells). */
export function dynamicRangePass(options: DynamicRangeOptions = {}): Pass {
  return {
    name: DYNAMIC_RANGE_PASS_NAME,
    description: 'int8 symmetric weights (per channel for convolutions) for CONV_2D / DEPTHWISE_CONV_2D / FULLY_CONNECTED with ≥ 1024 weights; float activations',
    run: (graph, ctx) => {
      const r = quantizeDynamicRange(graph, options, ctx);
      return { graph: r.graph, changed: r.changed, rewrites: r.rewrites };
    },
  };
}
