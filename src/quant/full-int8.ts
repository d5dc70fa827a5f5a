/**
 * Full-integer quantization (`optimizations: ['DEFAULT']` + `representativeDataset`, `supportedOps:
 * ['TFLITE_BUILTINS_INT8']`; TFLite's PTQ_FULL_INTEGER) of a float TFLite graph, given calibrated ranges
 * (`calibrate.ts`). Every operator becomes an int8 kernel:
 *
 * - activations: int8, real = s·(q − zp), per tensor, from the range (`activation-params.ts`); SOFTMAX / LOGISTIC
 *   / TANH outputs fixed; RESHAPE, pooling and other data-movement ops share their input's parameters;
 * - weights (input 1 of FULLY_CONNECTED, CONV_2D: axis 0; DEPTHWISE_CONV_2D: axis 3): symmetric int8 in
 *   [−127, 127], per channel (per tensor with `perChannel: false`), q = round(w·127/max|w|) (`weight-quant.ts`);
 * - bias (input 2): int32, zero point 0, scale_c = f32(s_in · s_w,c), q = clamp(round(b · f32(1/scale_c)), ±(2^31−1));
 * - other float constants: asymmetric int8 from their own min/max;
 * - I/O: `inferenceInputType` float32 (default) keeps a float input and inserts QUANTIZE float→int8 first; int8 makes
 *   the input itself int8 (no QUANTIZE); uint8 makes it uint8 with zp + 128 and a QUANTIZE uint8→int8. Outputs
 *   likewise with DEQUANTIZE int8→float (float32), nothing (int8), or QUANTIZE int8→uint8 (uint8). The model's
 *   input / output tensor objects (and so the signatures) stay the same; the internal int8 copy is named `<name>_int8`.
 * Op versions are recomputed from the new operand types (`op-version.ts`: FULLY_CONNECTED 4, CONV_2D 3,
 * DEPTHWISE_CONV_2D 3, SOFTMAX 2, pooling 2 …). An op outside the tables above fails with one ConversionError
 * listing every such op (TFLITE_BUILTINS_INT8 has no float fallback).
 */
import { ConversionError } from '../errors.ts';
import { Node, Tensor, type Graph, type Subgraph } from '../ir/graph.ts';
import type { PassResult } from '../passes/pass.ts';
import { TFLITE_VERSIONS } from '../ops/tf-to-tflite.ts';
import { asymmetricInt8Params, FIXED_OUTPUT_PARAMS, OWN_RANGE_OPS, SAME_SCALE_OPS, WEIGHT_AXIS, type AffineParams } from './activation-params.ts';
import type { TensorRange } from './observers/observer.ts';
import { float32Values, quantizeSymmetricInt8, roundHalfAway } from './weight-quant.ts';

export type IoType = 'float32' | 'int8' | 'uint8';

export interface FullInt8Options {
  /** Per-channel weights (default true). */
  perChannel?: boolean;
  inferenceInputType?: IoType;
  inferenceOutputType?: IoType;
  /** Model name for messages. */
  file?: string;
}

export interface FullInt8Result extends PassResult {
  /** Parameters given to each activation tensor (by the name it had in the float graph). */
  activations: Map<string, AffineParams>;
}

const INT32_MAX = 2147483647;

function int8Quant(p: AffineParams): Tensor['quantization'] {
  return { scale: [p.scale], zeroPoint: [p.zeroPoint], axis: 0 };
}

function quantizeWeights(w: Tensor, axis: number | null): number[] {
  const q = quantizeSymmetricInt8(float32Values(w.data!), w.shape, axis);
  w.dtype = 'int8';
  w.data = new Uint8Array(q.data.buffer, q.data.byteOffset, q.data.byteLength);
  w.quantization = { scale: q.scales, zeroPoint: q.scales.map(() => 0), axis: axis ?? 0 };
  return q.scales;
}

function quantizeBias(b: Tensor, inScale: number, wScales: readonly number[]): void {
  const values = float32Values(b.data!);
  const scales = wScales.map((s) => Math.fround(inScale * s));
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const s = scales[scales.length === 1 ? 0 : i]!;
    const inv = s === 0 ? 0 : Math.fround(1 / s);
    out[i] = Math.max(-INT32_MAX, Math.min(INT32_MAX, roundHalfAway(Math.fround(values[i]! * inv))));
  }
  b.dtype = 'int32';
  b.data = new Uint8Array(out.buffer);
  b.quantization = { scale: scales, zeroPoint: scales.map(() => 0), axis: 0 };
}

function constantParams(t: Tensor): AffineParams {
  const v = float32Values(t.data!);
  let min = 0;
  let max = 0;
  for (const x of v) { if (x < min) min = x; if (x > max) max = x; }
  return asymmetricInt8Params({ min, max });
}

function quantizeConstantAsym(t: Tensor, p: AffineParams): void {
  const v = float32Values(t.data!);
  const q = new Int8Array(v.length);
  for (let i = 0; i < v.length; i++) q[i] = Math.max(-128, Math.min(127, roundHalfAway(v[i]! / p.scale) + p.zeroPoint));
  t.dtype = 'int8';
  t.data = new Uint8Array(q.buffer);
  t.quantization = int8Quant(p);
}

/** A tensor like `t` (shape, signature) with another name and dtype. */
function sibling(t: Tensor, name: string, dtype: Tensor['dtype']): Tensor {
  const s = new Tensor(name, dtype, [...t.shape]);
  if (t.shapeSignature) s.shapeSignature = [...t.shapeSignature];
  s.hasRank = t.hasRank;
  return s;
}

function planParams(sub: Subgraph, ranges: ReadonlyMap<string, TensorRange>, file: string): Map<Tensor, AffineParams> {
  const params = new Map<Tensor, AffineParams>();
  const fromRange = (t: Tensor): AffineParams => {
    const r = ranges.get(t.name);
    if (!r) throw new ConversionError(`${file}: no calibration range for tensor '${t.name}' (it was not computed while calibrating)`);
    return asymmetricInt8Params(r);
  };
  const unsupported = new Map<string, string[]>();
  for (const t of sub.inputs) if (t.dtype === 'float32') params.set(t, fromRange(t));
  for (const n of sub.nodes) {
    const out = n.outputs[0];
    const fixed = FIXED_OUTPUT_PARAMS.get(n.op);
    const weighted = WEIGHT_AXIS.has(n.op);
    const ok = n.outputs.length === 1 && out?.dtype === 'float32' && n.inputs[0]?.dtype === 'float32' &&
      (fixed || SAME_SCALE_OPS.has(n.op) || OWN_RANGE_OPS.has(n.op)) &&
      (!weighted || (n.inputs[1]?.isConstant && n.inputs[1].dtype === 'float32' && (!n.inputs[2] || (n.inputs[2].isConstant && n.inputs[2].dtype === 'float32'))));
    if (!ok || !out) {
      const list = unsupported.get(n.op) ?? [];
      list.push(n.name);
      unsupported.set(n.op, list);
      continue;
    }
    const inP = params.get(n.inputs[0]!);
    params.set(out, fixed ?? (SAME_SCALE_OPS.has(n.op) && inP ? inP : fromRange(out)));
  }
  if (unsupported.size) {
    throw new ConversionError(`${file}: full-integer quantization (TFLITE_BUILTINS_INT8) does not support: ` +
      [...unsupported].map(([op, names]) => `${op} (${names.join(', ')})`).join('; '));
  }
  return params;
}

/** Quantizes the main subgraph of a float TFLite graph to int8 (in place). */
export function quantizeFullInt8(graph: Graph, ranges: ReadonlyMap<string, TensorRange>, options: FullInt8Options = {}): FullInt8Result {
  const file = options.file ?? 'model';
  if (graph.subgraphs.length !== 1) throw new ConversionError(`${file}: full-integer quantization of models with ${graph.subgraphs.length} subgraphs is not implemented yet`);
  const sub = graph.main;
  const params = planParams(sub, ranges, file);
  const perChannel = options.perChannel ?? true;
  const activations = new Map([...params].map(([t, p]) => [t.name, p] as const));
  let rewrites = 0;
  // Weights, biases and other float constants (each constant once, at its first use).
  const done = new Set<Tensor>();
  for (const n of sub.nodes) {
    const axis = WEIGHT_AXIS.get(n.op);
    if (axis !== undefined) {
      const w = n.inputs[1]!;
      if (done.has(w)) throw new ConversionError(`${file}: weights '${w.name}' are shared between operators; not implemented yet`);
      const wScales = quantizeWeights(w, perChannel ? axis : null);
      done.add(w);
      const b = n.inputs[2];
      if (b && !done.has(b)) { quantizeBias(b, params.get(n.inputs[0]!)!.scale, wScales); done.add(b); }
      rewrites++;
    }
    n.inputs.forEach((t) => {
      if (t?.isConstant && t.dtype === 'float32' && !done.has(t)) { quantizeConstantAsym(t, constantParams(t)); done.add(t); }
    });
  }
  // Activations.
  for (const [t, p] of params) { t.dtype = 'int8'; t.quantization = int8Quant(p); }
  // Inputs.
  const front: Node[] = [];
  const inType = options.inferenceInputType ?? 'float32';
  for (const t of sub.inputs) {
    const p = params.get(t);
    if (!p || inType === 'int8') continue;
    const q = sibling(t, `${t.name}_int8`, 'int8');
    q.quantization = int8Quant(p);
    for (const n of sub.nodes) n.inputs = n.inputs.map((x) => (x === t ? q : x));
    if (inType === 'float32') { t.dtype = 'float32'; t.quantization = null; } else { t.dtype = 'uint8'; t.quantization = int8Quant({ scale: p.scale, zeroPoint: p.zeroPoint + 128 }); }
    sub.tensors.splice(sub.tensors.indexOf(t) + 1, 0, q);
    front.push(new Node('QUANTIZE', [t], [q]));
  }
  // Outputs.
  const back: Node[] = [];
  const outType = options.inferenceOutputType ?? 'float32';
  for (const t of sub.outputs) {
    const p = params.get(t);
    if (!p || outType === 'int8' || sub.inputs.includes(t)) continue;
    const q = sibling(t, `${t.name}_int8`, 'int8');
    q.quantization = int8Quant(p);
    for (const n of sub.nodes) {
      n.outputs = n.outputs.map((x) => (x === t ? q : x));
      n.inputs = n.inputs.map((x) => (x === t ? q : x));
    }
    if (outType === 'float32') { t.dtype = 'float32'; t.quantization = null; } else { t.dtype = 'uint8'; t.quantization = int8Quant({ scale: p.scale, zeroPoint: p.zeroPoint + 128 }); }
    sub.tensors.splice(sub.tensors.indexOf(t), 0, q);
    back.push(new Node(outType === 'float32' ? 'DEQUANTIZE' : 'QUANTIZE', [q], [t]));
  }
  sub.nodes = [...front, ...sub.nodes, ...back];
  for (const n of sub.nodes) n.version = TFLITE_VERSIONS.get(n.op)?.(n) ?? n.version;
  return { graph, changed: true, rewrites, activations };
}
