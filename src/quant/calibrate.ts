/**
 * Calibration: runs the representative dataset through OUR float interpreter with every intermediate captured and
 * feeds each float32 tensor's values to its range observer (`observers/`; global min/max by default, TFLite's
 * method). The result maps tensor names to ranges, from which `activation-params.ts` computes int8 scale / zero point.
 *
 * Batching: when every input has a dynamic first dimension (shape signature −1), up to `batchSize` samples are
 * concatenated along it and run as one invoke. Per-tensor min/max over a batch equals the min/max over its samples
 * (operators act on each batch row alone), so the ranges are those of one-by-one runs. Otherwise each sample is run
 * alone.
 *
 * Samples: one value per model input (in input order, or by signature / tensor name), flat, with the input's
 * element count — or, with a dynamic batch, a multiple of one row's count. Corrupt data fails with a
 * `CalibrationError` naming the sample index: NaN or ±Infinity, a wrong element count, a missing input, an empty
 * dataset; so does a non-finite activation (which would give an infinite range).
 */
import { ConversionError } from '../errors.ts';
import type { Graph, Tensor } from '../ir/graph.ts';
import { Interpreter } from '../runtime/interpreter/index.ts';
import { minMaxObserver } from './observers/min-max.ts';
import type { ObserverFactory, RangeObserver, TensorRange } from './observers/observer.ts';

/** A calibration sample or its data was unusable; `sampleIndex` is the 0-based sample at fault when known. */
export class CalibrationError extends ConversionError {
  override name = 'CalibrationError';
  constructor(message: string, readonly sampleIndex?: number) {
    super(message);
  }
}

export type CalibrationSample = ArrayLike<number>[] | Record<string, ArrayLike<number>>;
export type CalibrationDataset =
  | (() => Iterable<CalibrationSample> | AsyncIterable<CalibrationSample>)
  | Iterable<CalibrationSample> | AsyncIterable<CalibrationSample>;

export interface CalibrateOptions {
  /** Range observer per tensor (default global min/max). */
  observer?: ObserverFactory;
  /** Samples per invoke when the model has a dynamic batch (default 100). */
  batchSize?: number;
  /** Model name for messages. */
  file?: string;
}

export interface CalibrationResult {
  /** Range of every float32 tensor the interpreter computed (inputs included), by tensor name. */
  ranges: Map<string, TensorRange>;
  samples: number;
}

function iterableOf(d: CalibrationDataset): Iterable<CalibrationSample> | AsyncIterable<CalibrationSample> {
  return typeof d === 'function' ? d() : d;
}

const rowSize = (t: Tensor): number => t.shape.reduce((a, d, i) => a * (i === 0 && t.shapeSignature?.[0] === -1 ? 1 : d), 1);

/** The sample's arrays in input order, validated; throws CalibrationError naming sample `k`. */
function sampleArrays(graph: Graph, s: CalibrationSample, k: number, file: string): ArrayLike<number>[] {
  const inputs = graph.main.inputs;
  let arrays: (ArrayLike<number> | undefined)[];
  if (Array.isArray(s)) arrays = s;
  else if (s && typeof s === 'object' && !ArrayBuffer.isView(s)) {
    const sig = graph.signatures.find((x) => x.subgraph === graph.main);
    const rec = s as Record<string, ArrayLike<number>>;
    arrays = inputs.map((t) => rec[t.name] ?? rec[sig?.inputs.find((x) => x.tensor === t)?.name ?? '\0']);
  } else if (ArrayBuffer.isView(s) && inputs.length === 1) arrays = [s as unknown as ArrayLike<number>];
  else throw new CalibrationError(`${file}: calibration sample ${k} is not an array of inputs or a record by input name`, k);
  if (arrays.length !== inputs.length) throw new CalibrationError(`${file}: calibration sample ${k} has ${arrays.length} inputs, the model has ${inputs.length}`, k);
  return inputs.map((t, i) => {
    const a = arrays[i];
    if (!a || typeof a.length !== 'number') throw new CalibrationError(`${file}: calibration sample ${k} has no value for input '${t.name}'`, k);
    const row = rowSize(t);
    const dynamic = t.shapeSignature?.[0] === -1;
    if (dynamic ? a.length === 0 || a.length % row !== 0 : a.length !== row) {
      throw new CalibrationError(`${file}: calibration sample ${k} input '${t.name}' has ${a.length} values, expected ${dynamic ? `a multiple of ${row}` : row} (shape [${(t.shapeSignature ?? t.shape).join(', ')}])`, k);
    }
    for (let j = 0; j < a.length; j++) {
      if (!Number.isFinite(a[j])) throw new CalibrationError(`${file}: calibration sample ${k} input '${t.name}' has ${String(a[j])} at element ${j}`, k);
    }
    return a;
  });
}

/** Runs the dataset through the float graph and returns each float32 tensor's observed range. */
export async function calibrate(graph: Graph, dataset: CalibrationDataset, options: CalibrateOptions = {}): Promise<CalibrationResult> {
  const file = options.file ?? 'model';
  const factory = options.observer ?? minMaxObserver;
  const inputs = graph.main.inputs;
  const batched = inputs.length > 0 && inputs.every((t) => t.shapeSignature?.[0] === -1);
  const maxBatch = batched ? Math.max(1, options.batchSize ?? 100) : 1;
  const observers = new Map<string, RangeObserver>();
  const interp = await Interpreter.create(graph, { backend: 'cpu', captureIntermediates: true, file });
  let pending: ArrayLike<number>[][] = [];
  let first = 0;
  let count = 0;
  const flush = async (): Promise<void> => {
    if (!pending.length) return;
    inputs.forEach((t, i) => {
      const parts = pending.map((p) => p[i]!);
      const n = parts.reduce((a, p) => a + p.length, 0);
      const data = t.dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
      let at = 0;
      for (const p of parts) { data.set(p, at); at += p.length; }
      const shape = [...t.shape];
      if (batched) shape[0] = n / rowSize(t);
      interp.setInput(i, t.dtype === 'float32' ? { data, shape } : { data: Array.from(data), shape });
    });
    await interp.invoke();
    const last = first + pending.length - 1;
    for (const [name, v] of interp.intermediates) {
      if (v.dtype !== 'float32') continue;
      const values = v.data as Float32Array;
      for (let j = 0; j < values.length; j++) {
        if (!Number.isFinite(values[j]!)) {
          throw new CalibrationError(`${file}: tensor '${name}' is ${values[j]} on calibration sample${last > first ? `s ${first}–${last}` : ` ${first}`}`, first);
        }
      }
      let o = observers.get(name);
      if (!o) observers.set(name, (o = factory(name)));
      o.observe(values);
    }
    first += pending.length;
    pending = [];
  };
  try {
    for await (const s of iterableOf(dataset)) {
      pending.push(sampleArrays(graph, s, count, file));
      count++;
      if (pending.length >= maxBatch) await flush();
    }
    await flush();
  } finally {
    interp.dispose();
  }
  if (!count) throw new CalibrationError(`${file}: the representative dataset yielded no samples`);
  const ranges = new Map<string, TensorRange>();
  for (const [name, o] of observers) {
    const r = o.range();
    if (r) ranges.set(name, r);
  }
  return { ranges, samples: count };
}
