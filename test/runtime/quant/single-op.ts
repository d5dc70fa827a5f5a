/**
 * One-op `.tflite` models for kernel tests: build a graph around one node (constant inputs carry data, the others
 * become graph inputs in order), write it with `writeTflite`, run it in LiteRT.js (tfjs-tflite when LiteRT refuses)
 * and through our CPU kernel directly, and hand back both outputs; `checkOp` asserts the comparison in both of our
 * integer arithmetic modes.
 */
import { BuiltinOptions } from '../../../src/formats/tflite/generated/tflite/builtin-options.ts';
import type { DType, NumericArray } from '../../../src/ir/dtype.ts';
import { typedView } from '../../../src/ir/dtype.ts';
import { Node, Tensor, type Quantization } from '../../../src/ir/graph.ts';
import { getCpuKernel, type HostTensor, type KernelKind } from '../../../src/runtime/cpu/kernel-api.ts';
import type { IntegerArithmetic } from '../../../src/runtime/cpu/quant-math.ts';
import '../../../src/runtime/cpu/kernels/quant/index.ts';
import { Rng } from '../../../src/util/random.ts';
import { oneOpModel, type OneOp } from '../interpreter/op-model.ts';
import { runLiteRt, runReference, type RuntimeArray, type RuntimeName } from '../../harness/reference-runtime.ts';

export type Arr = Int8Array | Uint8Array | Int16Array | Int32Array | Float32Array | BigInt64Array;

export const q = (scale: number | number[], zeroPoint: number | number[] = 0, axis = 0): Quantization => {
  const s = Array.isArray(scale) ? scale.map(Math.fround) : [Math.fround(scale)];
  const z = Array.isArray(zeroPoint) ? zeroPoint : s.map(() => zeroPoint);
  return { scale: s, zeroPoint: z, axis };
};

const bytesOf = (a: Arr): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength).slice();

/** A constant tensor. */
export function constant(name: string, dtype: DType, shape: number[], data: Arr, quant: Quantization | null = null): Tensor {
  return new Tensor(name, dtype, shape, bytesOf(data), quant);
}

/** An activation tensor (a graph input when a node reads it before anyone writes it). */
export function act(name: string, dtype: DType, shape: number[], quant: Quantization | null = null): Tensor {
  return new Tensor(name, dtype, shape, null, quant);
}

// One-op models are built by the interpreter tests' helper (imported above), shared here.
export { oneOpModel, type OneOp };

/** Runs our kernel of `kind` (in integer arithmetic `mode`) on the node with `feeds` for the non-constant inputs (in order). */
export function runOurs(spec: OneOp, kind: KernelKind, feeds: readonly Arr[], mode: IntegerArithmetic = 'reference'): HostTensor[] {
  const node = new Node(spec.op, spec.inputs, spec.outputs, spec.version ?? 1);
  node.options = spec.options ?? null;
  const kernel = getCpuKernel(spec.op, kind);
  if (!kernel) throw new Error(`no CPU kernel ${spec.op}|${kind}`);
  let k = 0;
  const inputs = spec.inputs.map((t): HostTensor | null => {
    if (!t) return null;
    const data: NumericArray = t.data ? typedView(t.dtype, t.data) : (feeds[k++] as NumericArray);
    return { dtype: t.dtype, shape: [...t.shape], data, quantization: t.quantization };
  });
  return kernel(node, inputs, { integerArithmetic: mode });
}

export interface Compared { ours: HostTensor[]; ref: { data: RuntimeArray; shape: number[] }[]; runtime: RuntimeName }

/** Our kernel vs the real runtime on one model (LiteRT.js unless `runtime` says otherwise or LiteRT refuses). */
export async function compareOneOp(spec: OneOp, kind: KernelKind, feeds: readonly Arr[], runtime: 'litert' | 'reference' = 'reference', mode: IntegerArithmetic = 'reference'): Promise<Compared> {
  const bytes = oneOpModel(spec);
  const ours = runOurs(spec, kind, feeds, mode);
  const ins = feeds as unknown as RuntimeArray[];
  if (runtime === 'litert') return { ours, ref: await runLiteRt(bytes, ins), runtime: 'litert' };
  const r = await runReference(bytes, ins);
  return { ours, ref: r.outputs, runtime: r.runtime };
}

/** Indices where two integer arrays differ, with both values (first `max`). */
export function diffs(a: ArrayLike<number>, b: ArrayLike<number>, max = 10): { count: number; first: [number, number, number][] } {
  const first: [number, number, number][] = [];
  let count = 0;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) {
      count++;
      if (first.length < max) first.push([i, a[i]!, b[i]!]);
    }
  }
  return { count, first };
}

export const rng = (seed: number): Rng => new Rng(seed);

/** Random int32 array. */
export function int32Array(r: Rng, n: number, lo: number, hi: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = r.int(lo, hi);
  return a;
}

export function int16Array(r: Rng, n: number, lo = -32768, hi = 32767): Int16Array {
  const a = new Int16Array(n);
  for (let i = 0; i < n; i++) a[i] = r.int(lo, hi);
  return a;
}

export function uint8Array(r: Rng, n: number, lo = 0, hi = 255): Uint8Array {
  const a = new Uint8Array(n);
  for (let i = 0; i < n; i++) a[i] = r.int(lo, hi);
  return a;
}

export function int64Array(r: Rng, n: number, lo: number, hi: number): BigInt64Array {
  const a = new BigInt64Array(n);
  for (let i = 0; i < n; i++) a[i] = BigInt(r.int(lo, hi));
  return a;
}

export { BuiltinOptions };

/**
 * How our `reference` arithmetic relates to the runtime for one op: `same` (the runtime runs TFLite's reference
 * arithmetic, so the outputs must be identical), or a named departure — the runtime computes it differently
 * (`reason`), and our reference outputs may differ by at most `maxLsb`.
 */
export type ReferenceRelation = 'same' | { departs: string; maxLsb: number };

export interface OpCheck { litertMismatches: number; referenceMismatches: number; referenceMaxLsb: number; size: number; runtime: RuntimeName }

/**
 * Runs `spec` in the real runtime once and through our kernel in both arithmetic modes: `litert` mode must be bit
 * identical; `reference` mode must be identical when `relation` is 'same', else within `maxLsb`.
 */
export async function checkOp(spec: OneOp, kind: KernelKind, feeds: readonly Arr[], relation: ReferenceRelation = 'same'): Promise<OpCheck> {
  const bytes = oneOpModel(spec);
  const r = await runReference(bytes, feeds as unknown as RuntimeArray[]);
  const ref = r.outputs[0]!.data;
  {
    const lit = runOurs(spec, kind, feeds, 'litert')[0]!;
    const refMode = runOurs(spec, kind, feeds, 'reference')[0]!;
    const a = Array.from(lit.data as ArrayLike<number>);
    const b = Array.from(refMode.data as ArrayLike<number>);
    const want = Array.from(ref as ArrayLike<number>);
    const d1 = diffs(a, want);
    if (d1.count) throw new Error(`${spec.op}: litert mode differs from ${r.runtime} in ${d1.count}/${want.length} elements, first [index, ours, theirs]: ${JSON.stringify(d1.first)}`);
    if (lit.shape.join() !== r.outputs[0]!.shape.join()) throw new Error(`${spec.op}: shape [${lit.shape}] vs ${r.runtime} [${r.outputs[0]!.shape}]`);
    const d2 = diffs(b, want);
    let maxLsb = 0;
    for (let i = 0; i < want.length; i++) maxLsb = Math.max(maxLsb, Math.abs(b[i]! - want[i]!));
    if (relation === 'same' && d2.count) throw new Error(`${spec.op}: reference mode differs from ${r.runtime} in ${d2.count}/${want.length} elements (expected identical): ${JSON.stringify(d2.first)}`);
    if (relation !== 'same' && maxLsb > relation.maxLsb) throw new Error(`${spec.op}: reference mode is ${maxLsb} LSB from ${r.runtime} (allowed ${relation.maxLsb}: ${relation.departs})`);
    return { litertMismatches: d1.count, referenceMismatches: d2.count, referenceMaxLsb: maxLsb, size: want.length, runtime: r.runtime };
  }
}
