/**
 * Which post-training quantization the converter options ask for, by TensorFlow's rules
 * (`lite.py` QuantizationMode), for the modes implemented here:
 * - float16: some optimization (DEFAULT / OPTIMIZE_FOR_SIZE / OPTIMIZE_FOR_LATENCY, aliases in TF), no
 *   representative dataset, `supportedTypes` containing float16 and nothing but float16 / float32;
 * - dynamic range: some optimization, no representative dataset, no supported types but float32.
 * Both need float32 (or unset) inference types, `supportedOps` ⊆ [TFLITE_BUILTINS], no calibration and no pruning.
 * `perChannel` and `denylist` then apply to dynamic range (float16 ignores `perChannel`, as TF does; a denylist
 * with float16 is not implemented yet).
 * - full integer (int8): some optimization and a representative dataset, `supportedOps` ⊆ [TFLITE_BUILTINS_INT8,
 *   TFLITE_BUILTINS], `supportedTypes` ⊆ [int8, float32], inference types float32 / int8 / uint8, calibration
 *   unset or `minmax`, no denylist (no float fallback yet) and no pruning. Calibration (`calibrate.ts`) runs first,
 *   then `full-int8.ts`.
 * Anything else is a mode not implemented yet and the converter says so.
 */
import type { Graph } from '../ir/graph.ts';
import { ModelOptimizationMode } from '../formats/tflite/generated/conversion-metadata/tflite/model-optimization-mode.ts';
import { quantizeDynamicRange } from './dynamic-range.ts';
import { quantizeFloat16 } from './float16.ts';
import { calibrate, type CalibrationDataset } from './calibrate.ts';
import { quantizeFullInt8, type IoType } from './full-int8.ts';

export type QuantMode = 'dynamic' | 'float16' | 'int8';

/** The options the plan reads (a structural subset of `ConverterOptions`). */
export interface QuantOptionsLike {
  optimizations?: readonly string[];
  representativeDataset?: unknown;
  supportedOps?: readonly string[];
  supportedTypes?: readonly string[];
  inferenceInputType?: string;
  inferenceOutputType?: string;
  calibration?: unknown;
  perChannel?: boolean;
  denylist?: readonly string[];
  pruning?: unknown;
}

const QUANTIZING = new Set(['DEFAULT', 'OPTIMIZE_FOR_SIZE', 'OPTIMIZE_FOR_LATENCY']);

/** The implemented mode these options select, or undefined (float, or a mode not implemented yet). */
export function implementedQuantMode(o: QuantOptionsLike): QuantMode | undefined {
  const opts = o.optimizations ?? [];
  if (!opts.length || !opts.every((x) => QUANTIZING.has(x))) return undefined;
  if (o.representativeDataset !== undefined) return fullIntegerMode(o);
  if (o.representativeDataset !== undefined || o.calibration !== undefined || o.pruning !== undefined) return undefined;
  if (!(o.supportedOps ?? []).every((x) => x === 'TFLITE_BUILTINS')) return undefined;
  if ((o.inferenceInputType ?? 'float32') !== 'float32' || (o.inferenceOutputType ?? 'float32') !== 'float32') return undefined;
  const types = o.supportedTypes ?? [];
  if (types.includes('float16')) {
    return types.every((t) => t === 'float16' || t === 'float32') && !o.denylist?.length ? 'float16' : undefined;
  }
  return types.every((t) => t === 'float32') ? 'dynamic' : undefined;
}

const IO_TYPES: readonly string[] = ['float32', 'int8', 'uint8'];

function fullIntegerMode(o: QuantOptionsLike): QuantMode | undefined {
  if (o.pruning !== undefined || o.denylist?.length) return undefined;
  const method = (o.calibration as { method?: string } | undefined)?.method;
  if (method !== undefined && method !== 'minmax') return undefined;
  if (!(o.supportedOps ?? []).every((x) => x === 'TFLITE_BUILTINS_INT8' || x === 'TFLITE_BUILTINS')) return undefined;
  if (!(o.supportedTypes ?? []).every((t) => t === 'int8' || t === 'float32')) return undefined;
  if (!IO_TYPES.includes(o.inferenceInputType ?? 'float32') || !IO_TYPES.includes(o.inferenceOutputType ?? 'float32')) return undefined;
  return 'int8';
}

/** CONVERSION_METADATA `model_optimization_modes` for a mode. */
export function optimizationModesOf(mode: QuantMode | undefined): ModelOptimizationMode[] {
  if (mode === 'dynamic') return [ModelOptimizationMode.PTQ_DYNAMIC_RANGE];
  if (mode === 'float16') return [ModelOptimizationMode.PTQ_FLOAT16];
  if (mode === 'int8') return [ModelOptimizationMode.PTQ_FULL_INTEGER];
  return [];
}

/** Applies the mode's pass to a converted float TFLite graph (in place); returns the rewrite count. */
export function applyQuantization(graph: Graph, mode: QuantMode, o: QuantOptionsLike): number {
  if (mode === 'float16') return quantizeFloat16(graph).rewrites;
  if (mode === 'int8') throw new Error('full-integer quantization is asynchronous: use applyFullInteger');
  return quantizeDynamicRange(graph, {
    ...(o.perChannel !== undefined ? { perChannel: o.perChannel } : {}),
    ...(o.denylist !== undefined ? { denylist: o.denylist } : {}),
  }).rewrites;
}

/** Calibrates on `o.representativeDataset` (our float interpreter, global min/max), then quantizes to full int8. */
export async function applyFullInteger(graph: Graph, o: QuantOptionsLike, file: string): Promise<number> {
  const { ranges } = await calibrate(graph, o.representativeDataset as CalibrationDataset, { file });
  return quantizeFullInt8(graph, ranges, {
    file,
    ...(o.perChannel !== undefined ? { perChannel: o.perChannel } : {}),
    ...(o.inferenceInputType !== undefined ? { inferenceInputType: o.inferenceInputType as IoType } : {}),
    ...(o.inferenceOutputType !== undefined ? { inferenceOutputType: o.inferenceOutputType as IoType } : {}),
  }).rewrites;
}
