/**
 * `litelab inspect`: a plain-JSON summary of a graph read from a `.tflite` (subgraphs with their tensors and
 * operators, signatures, metadata, sizes), and a text rendering of it in aligned columns, one section per subgraph
 * (in the spirit of netron's property panes and `flatc --json`, but readable in a terminal).
 *
 * Options are the builtin-options tables as JSON with enum fields by name (`fusedActivationFunction: "RELU"`);
 * `min_runtime_version` is decoded as a string and `CONVERSION_METADATA` with the generated conversion_metadata code.
 */
import * as flatbuffers from 'flatbuffers';
import type { Graph, Quantization, Tensor } from '../../ir/graph.ts';
import { ConversionMetadata } from './generated/conversion-metadata/tflite/conversion-metadata.ts';
import { ModelOptimizationMode } from './generated/conversion-metadata/tflite/model-optimization-mode.ts';
import { ModelType } from './generated/conversion-metadata/tflite/model-type.ts';
import { ActivationFunctionType } from './generated/tflite/activation-function-type.ts';
import { BuiltinOptions } from './generated/tflite/builtin-options.ts';
import { BuiltinOptions2 } from './generated/tflite/builtin-options2.ts';
import { CombinerType } from './generated/tflite/combiner-type.ts';
import { CustomOptionsFormat } from './generated/tflite/custom-options-format.ts';
import { FullyConnectedOptionsWeightsFormat } from './generated/tflite/fully-connected-options-weights-format.ts';
import { LSHProjectionType } from './generated/tflite/lshprojection-type.ts';
import { LSTMKernelType } from './generated/tflite/lstmkernel-type.ts';
import { MirrorPadMode } from './generated/tflite/mirror-pad-mode.ts';
import { Padding } from './generated/tflite/padding.ts';
import { QuantizationDetails } from './generated/tflite/quantization-details.ts';
import { ReduceWindowFunction } from './generated/tflite/reduce-window-function.ts';
import { RngAlgorithm } from './generated/tflite/rng-algorithm.ts';
import { StablehloComparisonDirection } from './generated/tflite/stablehlo-comparison-direction.ts';
import { StablehloComparisonType } from './generated/tflite/stablehlo-comparison-type.ts';
import { StablehloPrecisionConfig } from './generated/tflite/stablehlo-precision-config.ts';
import { TensorType } from './generated/tflite/tensor-type.ts';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface InspectQuantization {
  /** `per-tensor` (one scale), `per-channel` (one scale per channel along `axis`), `range` (min/max only), `none`. */
  kind: 'per-tensor' | 'per-channel' | 'range' | 'none';
  scale?: number;
  zeroPoint?: number;
  channels?: number;
  axis?: number;
  min?: number;
  max?: number;
  /** Non-affine scheme (QuantizationDetails name), when present. */
  details?: string;
}

export interface InspectTensor {
  index: number;
  name: string;
  dtype: string;
  shape: number[];
  shapeSignature?: number[];
  quantization?: InspectQuantization;
  /** Bytes of constant data; 0 for activations, inputs and variables. */
  constantBytes: number;
  isVariable?: boolean;
  sparse?: boolean;
}

export interface InspectOperator {
  index: number;
  op: string;
  customCode?: string;
  version: number;
  /** Tensor indices; -1 = omitted optional input. */
  inputs: number[];
  outputs: number[];
  intermediates?: number[];
  optionsType?: string;
  options?: { [key: string]: JsonValue };
  options2Type?: string;
  options2?: { [key: string]: JsonValue };
  customOptionsBytes?: number;
}

export interface InspectSubgraph {
  index: number;
  name: string;
  inputs: number[];
  outputs: number[];
  tensors: InspectTensor[];
  operators: InspectOperator[];
}

export interface InspectSignature {
  key: string;
  subgraph: number;
  inputs: { name: string; tensor: number }[];
  outputs: { name: string; tensor: number }[];
}

export interface InspectMetadata {
  name: string;
  size: number;
  /** Decoded contents for the metadata litelab knows (`min_runtime_version`, `CONVERSION_METADATA`). */
  value?: JsonValue;
}

export interface InspectReport {
  version: number;
  description: string;
  subgraphs: InspectSubgraph[];
  signatures: InspectSignature[];
  metadata: InspectMetadata[];
  sizes: { fileBytes: number; constantBytes: number; parameters: number; operators: number };
  /** Operator count per op type, in order of first use. */
  opCounts: { [op: string]: number };
}

type EnumNames = Readonly<Record<number, string | undefined>>;
const names = (e: object): EnumNames => e as EnumNames;
/** Option fields whose values are schema enums (field names as the object API spells them). */
const ENUM_FIELDS: Readonly<Record<string, EnumNames>> = {
  fusedActivationFunction: names(ActivationFunctionType), padding: names(Padding),
  weightsFormat: names(FullyConnectedOptionsWeightsFormat), quantizedBiasType: names(TensorType),
  outType: names(TensorType), outputType: names(TensorType), inDataType: names(TensorType), outDataType: names(TensorType),
  idxOutType: names(TensorType), keyDtype: names(TensorType), valueDtype: names(TensorType),
  kernelType: names(LSTMKernelType), mode: names(MirrorPadMode), combiner: names(CombinerType), type: names(LSHProjectionType),
  algorithm: names(RngAlgorithm), compareType: names(StablehloComparisonType), comparisonDirection: names(StablehloComparisonDirection),
  compositeAttributesFormat: names(CustomOptionsFormat), precisionConfig: names(StablehloPrecisionConfig),
  reduceFunction: names(ReduceWindowFunction), modelType: names(ModelType), modelOptimizationModes: names(ModelOptimizationMode),
};

function toJson(v: unknown, key = ''): JsonValue {
  const en = ENUM_FIELDS[key];
  if (en && typeof v === 'number') return en[v] ?? v;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (Array.isArray(v)) return v.map((x: unknown) => toJson(x, en ? key : ''));
  if (v instanceof Uint8Array) return Array.from(v);
  if (v !== null && typeof v === 'object') return objectJson(v);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null) return v;
  return String(v);
}

function objectJson(o: object): { [key: string]: JsonValue } {
  const out: { [key: string]: JsonValue } = {};
  for (const [k, v] of Object.entries(o)) out[k] = toJson(v, k);
  return out;
}

function quantizationSummary(q: Quantization): InspectQuantization {
  const out: InspectQuantization = { kind: 'none' };
  if (q.scale.length === 1) Object.assign(out, { kind: 'per-tensor', scale: q.scale[0], zeroPoint: q.zeroPoint[0] ?? 0 });
  else if (q.scale.length > 1) Object.assign(out, { kind: 'per-channel', channels: q.scale.length, axis: q.axis });
  else if (q.min?.length || q.max?.length) out.kind = 'range';
  if (q.min?.length === 1 && q.max?.length === 1) Object.assign(out, { min: q.min[0], max: q.max[0] });
  if (q.details) out.details = QuantizationDetails[q.details.type] ?? String(q.details.type);
  return out;
}

function decodeMetadata(name: string, data: Uint8Array): JsonValue | undefined {
  if (name === 'min_runtime_version') {
    const end = data.indexOf(0);
    return new TextDecoder().decode(end < 0 ? data : data.subarray(0, end));
  }
  if (name === 'CONVERSION_METADATA') {
    try {
      return objectJson(ConversionMetadata.getRootAsConversionMetadata(new flatbuffers.ByteBuffer(data)).unpack());
    } catch (e) {
      return `undecodable (${e instanceof Error ? e.message : String(e)})`;
    }
  }
  return undefined;
}

export function inspectGraph(graph: Graph, byteLength: number): InspectReport {
  const seen = new Set<Uint8Array>();
  let constantBytes = 0;
  let parameters = 0;
  const opCounts: { [op: string]: number } = {};
  const subgraphs = graph.subgraphs.map((sub, s): InspectSubgraph => {
    const index = new Map<Tensor, number>(sub.tensors.map((t, i) => [t, i]));
    const idx = (t: Tensor | null): number => (t ? index.get(t) ?? -1 : -1);
    const tensors = sub.tensors.map((t, i): InspectTensor => {
      if (t.data && !seen.has(t.data)) {
        seen.add(t.data);
        constantBytes += t.data.length;
        parameters += t.size;
      }
      const out: InspectTensor = { index: i, name: t.name, dtype: t.dtype, shape: t.shape, constantBytes: t.data?.length ?? 0 };
      if (t.shapeSignature) out.shapeSignature = t.shapeSignature;
      if (t.quantization) out.quantization = quantizationSummary(t.quantization);
      if (t.isVariable) out.isVariable = true;
      if (t.sparsity) out.sparse = true;
      return out;
    });
    const operators = sub.nodes.map((n, i): InspectOperator => {
      const op = n.customCode !== undefined && n.op === 'CUSTOM' ? n.customCode : n.op;
      opCounts[op] = (opCounts[op] ?? 0) + 1;
      const out: InspectOperator = { index: i, op: n.op, version: n.version, inputs: n.inputs.map(idx), outputs: n.outputs.map(idx) };
      if (n.customCode !== undefined) out.customCode = n.customCode;
      if (n.intermediates.length) out.intermediates = n.intermediates.map(idx);
      if (n.options) Object.assign(out, { optionsType: BuiltinOptions[n.options.type], options: objectJson(n.options.value) });
      if (n.options2) Object.assign(out, { options2Type: BuiltinOptions2[n.options2.type], options2: objectJson(n.options2.value) });
      if (n.customOptions?.length) out.customOptionsBytes = n.customOptions.length;
      return out;
    });
    return { index: s, name: sub.name, inputs: sub.inputs.map(idx), outputs: sub.outputs.map(idx), tensors, operators };
  });
  const signatures = graph.signatures.map((sig): InspectSignature => {
    const s = graph.subgraphs.indexOf(sig.subgraph);
    const tensorIndex = (t: Tensor): number => sig.subgraph.tensors.indexOf(t);
    return {
      key: sig.key, subgraph: s,
      inputs: sig.inputs.map((x) => ({ name: x.name, tensor: tensorIndex(x.tensor) })),
      outputs: sig.outputs.map((x) => ({ name: x.name, tensor: tensorIndex(x.tensor) })),
    };
  });
  const metadata = graph.metadata.map((m): InspectMetadata => {
    const value = decodeMetadata(m.name, m.data);
    return value === undefined ? { name: m.name, size: m.data.length } : { name: m.name, size: m.data.length, value };
  });
  const operators = subgraphs.reduce((a, s) => a + s.operators.length, 0);
  return {
    version: graph.version, description: graph.description, subgraphs, signatures, metadata,
    sizes: { fileBytes: byteLength, constantBytes, parameters, operators }, opCounts,
  };
}

// ---------------------------------------------------------------- text

/** Left-aligned columns (right-aligned where `right[i]`), two spaces apart, trailing spaces trimmed. */
function columns(rows: string[][], right: boolean[] = []): string[] {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => { widths[i] = Math.max(widths[i] ?? 0, c.length); });
  return rows.map((r) => r.map((c, i) => (right[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd());
}

const num = (n: number): string => n.toLocaleString('en-US');
const dims = (d: number[]): string => `[${d.join(',')}]`;
const g4 = (x: number): string => (Number.isInteger(x) ? String(x) : Number(x.toPrecision(4)).toString());

function quantText(q: InspectQuantization | undefined): string {
  if (!q) return '';
  const parts: string[] = [];
  if (q.kind === 'per-tensor') parts.push(`s=${g4(q.scale!)} zp=${q.zeroPoint}`);
  else if (q.kind === 'per-channel') parts.push(`per-channel ×${q.channels} axis ${q.axis}`);
  if (q.min !== undefined && q.max !== undefined) parts.push(`[${g4(q.min)}, ${g4(q.max)}]`);
  if (q.details) parts.push(q.details);
  return parts.join(' ');
}

function optionsText(o: { [key: string]: JsonValue } | undefined): string {
  if (!o) return '';
  return Object.entries(o).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ');
}

const metadataText = (v: JsonValue | undefined): string => (v === undefined ? '' : JSON.stringify(v));

/** Human-readable rendering of `inspectGraph`'s report; `title` (e.g. the file name) heads it. */
export function formatInspect(report: InspectReport, title = 'model'): string {
  const out: string[] = [];
  const s = report.sizes;
  out.push(`${title}: TFLite schema v${report.version}${report.description ? `, "${report.description}"` : ''}`);
  out.push(`  ${num(s.fileBytes)} bytes, ${num(s.constantBytes)} bytes of constants, ${num(s.parameters)} parameters, ` +
    `${num(s.operators)} operators in ${report.subgraphs.length} subgraph${report.subgraphs.length === 1 ? '' : 's'}`);
  out.push(`  ops: ${Object.entries(report.opCounts).map(([op, n]) => `${op} ×${n}`).join(', ') || 'none'}`);
  for (const sub of report.subgraphs) {
    out.push('', `Subgraph ${sub.index}${sub.name ? ` "${sub.name}"` : ''}: ${sub.tensors.length} tensors, ${sub.operators.length} operators, ` +
      `inputs ${dims(sub.inputs)}, outputs ${dims(sub.outputs)}`);
    out.push('  Tensors');
    const tRows = [['#', 'dtype', 'shape', 'signature', 'quantization', 'const', 'name']];
    for (const t of sub.tensors) {
      tRows.push([String(t.index), t.dtype, dims(t.shape), t.shapeSignature ? dims(t.shapeSignature) : '',
        quantText(t.quantization), t.constantBytes ? num(t.constantBytes) : (t.isVariable ? 'var' : ''), t.name]);
    }
    out.push(...columns(tRows, [true, false, false, false, false, true]).map((l) => `    ${l}`));
    out.push('  Operators');
    const oRows = [['#', 'op', 'v', 'inputs', 'outputs', 'options']];
    for (const o of sub.operators) {
      const opts = [optionsText(o.options), optionsText(o.options2), o.customOptionsBytes ? `custom options ${o.customOptionsBytes} bytes` : '',
        o.intermediates ? `intermediates ${dims(o.intermediates)}` : ''].filter(Boolean).join(' ');
      oRows.push([String(o.index), o.customCode !== undefined ? `${o.op}:${o.customCode}` : o.op, String(o.version),
        o.inputs.map((i) => (i < 0 ? '-' : String(i))).join(','), o.outputs.join(','), opts]);
    }
    out.push(...columns(oRows, [true, false, true]).map((l) => `    ${l}`));
  }
  if (report.signatures.length) {
    out.push('', 'Signatures');
    for (const sig of report.signatures) {
      const io = (l: { name: string; tensor: number }[]) => l.map((x) => `${x.name}→${x.tensor}`).join(', ');
      out.push(`  ${sig.key} (subgraph ${sig.subgraph}): inputs ${io(sig.inputs)}; outputs ${io(sig.outputs)}`);
    }
  }
  if (report.metadata.length) {
    out.push('', 'Metadata');
    out.push(...columns(report.metadata.map((m) => [m.name, `${num(m.size)} bytes`, metadataText(m.value)]), [false, true]).map((l) => `  ${l}`));
  }
  return out.join('\n') + '\n';
}
