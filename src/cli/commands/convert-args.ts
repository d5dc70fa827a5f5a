/**
 * The argument parser of `litelab convert` (kept apart from the command so tests can check every flag form without a
 * process): litelab's own flags (DESIGN "CLI contract") and `tflite_convert`'s, mapped onto `load()` options and
 * `ConverterOptions`. Every inconsistency is a UsageError (exit 2) raised before any file is read.
 *
 * tflite_convert forms accepted: `--saved_model_dir D`, `--keras_model_file F`, `--graph_def_file F` (instead of the
 * INPUT positional), `--output_file F` (= `-o`), `--input_arrays a,b`, `--output_arrays c`, `--input_shapes
 * 1,224,224,3:1,10` (one shape per input array, `:`-separated; an empty shape is a scalar; -1 = unknown),
 * `--signature_key K` (also tflite_convert's spelling `--saved_model_signature_key`), `--saved_model_tag_set serve,gpu`,
 * `--post_training_quantize` (= `--quantize dynamic`), `--quantize_to_float16` (= `--quantize float16`), and
 * `--enable_v1_converter` (accepted, no effect). Values may follow as the next word or after `=`.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { UsageError } from '../../errors.ts';
import type { LoadOptions } from '../../api/load.ts';
import type { CalibrationMethod, ConverterOptions, InferenceType, RepresentativeDataset } from '../../converter/tflite-converter.ts';
import { readNpy } from '../../formats/npy/index.ts';
import { CalibrationError } from '../../quant/calibrate.ts';

export type QuantizeMode = 'dynamic' | 'float16' | 'int8' | 'int16x8';
const QUANTIZE_MODES: readonly QuantizeMode[] = ['dynamic', 'float16', 'int8', 'int16x8'];
const INFERENCE_TYPES: readonly InferenceType[] = ['float32', 'int8', 'uint8', 'int16'];

export interface ConvertRequest {
  /** The model path (positional or --saved_model_dir / --keras_model_file / --graph_def_file). */
  input: string;
  /** The flag that named the input, when one did (the format it implies is enforced). */
  inputFlag?: 'saved_model_dir' | 'keras_model_file' | 'graph_def_file';
  output: string;
  /** Where to write the JSON report (--report). */
  report?: string;
  load: LoadOptions;
  converter: ConverterOptions;
  /** The quantization / pruning flags as given (`--quantize int8`, `--per-tensor` …), for messages. */
  quantFlags: string[];
  /** Flags that only apply to one input format, with that format. */
  formatFlags: { flag: string; format: 'graphdef' | 'savedmodel' }[];
}

export const OPTIONS = {
  output: { type: 'string', short: 'o' },
  output_file: { type: 'string' },
  saved_model_dir: { type: 'string' },
  keras_model_file: { type: 'string' },
  graph_def_file: { type: 'string' },
  input_arrays: { type: 'string' },
  output_arrays: { type: 'string' },
  input_shapes: { type: 'string' },
  signature_key: { type: 'string' },
  saved_model_signature_key: { type: 'string' },
  saved_model_tag_set: { type: 'string' },
  'batch-size': { type: 'string' },
  quantize: { type: 'string' },
  'representative-data': { type: 'string' },
  calibration: { type: 'string' },
  'inference-input-type': { type: 'string' },
  'inference-output-type': { type: 'string' },
  'per-tensor': { type: 'boolean' },
  denylist: { type: 'string' },
  prune: { type: 'string' },
  report: { type: 'string' },
  post_training_quantize: { type: 'boolean' },
  quantize_to_float16: { type: 'boolean' },
  enable_v1_converter: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `a,b , c` → ['a','b','c']; empty items are a usage error. */
export function parseList(flag: string, text: string): string[] {
  const items = text.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw new UsageError(`--${flag}: empty name in "${text}"`);
  return items;
}

/** tflite_convert's `--input_shapes`: `1,224,224,3:1,10` → [[1,224,224,3],[1,10]]; `''` between colons = scalar. */
export function parseInputShapes(text: string): number[][] {
  return text.split(':').map((shape) => {
    if (shape.trim() === '') return [];
    return shape.split(',').map((d) => {
      const t = d.trim();
      const n = Number(t);
      if (!/^-?\d+$/.test(t) || !Number.isSafeInteger(n) || n < -1) {
        throw new UsageError(`--input_shapes: "${d}" in "${text}" is not a dimension (a non-negative integer, or -1 for unknown)`);
      }
      return n;
    });
  });
}

/** `minmax|movingavg|percentile:P|entropy|mse` → calibration options. */
export function parseCalibration(text: string): { method: CalibrationMethod; percentile?: number } {
  const m = /^(minmax|movingavg|entropy|mse)$|^percentile:(.+)$/.exec(text);
  if (!m) throw new UsageError(`--calibration: "${text}" is not one of minmax, movingavg, percentile:P, entropy, mse`);
  if (m[1]) return { method: m[1] as CalibrationMethod };
  const p = Number(m[2]);
  if (!/^\d+(\.\d+)?$/.test(m[2]!) || !(p > 0 && p <= 100)) throw new UsageError(`--calibration percentile:P needs 0 < P <= 100, got "${m[2]}"`);
  return { method: 'percentile', percentile: p };
}

/** `S` or `S:2of4` (S a fraction in [0, 1)) → pruning options. */
export function parsePrune(text: string): { sparsity: number; pattern?: '2of4' } {
  const m = /^(\d*\.?\d+)(?::(2of4))?$/.exec(text);
  const s = m ? Number(m[1]) : NaN;
  if (!m || !(s >= 0 && s < 1)) throw new UsageError(`--prune: "${text}" is not S or S:2of4 with S a sparsity in [0, 1) (e.g. 0.5)`);
  if (m[2] && s !== 0.5) throw new UsageError('--prune S:2of4 prunes two of every four weights: S must be 0.5');
  return m[2] ? { sparsity: s, pattern: '2of4' } : { sparsity: s };
}

function parseBatchSize(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`--batch-size: "${text}" is not a positive integer`);
  return n;
}

function inferenceType(flag: string, text: string): InferenceType {
  if (!INFERENCE_TYPES.includes(text as InferenceType)) throw new UsageError(`--${flag}: "${text}" is not one of ${INFERENCE_TYPES.join(', ')}`);
  return text as InferenceType;
}

/**
 * The calibration samples of a `.npy` file (read when the converter asks): the first axis indexes samples, each
 * sample is the rest of the array (one model input), as float32.
 */
export function npySamples(file: string): RepresentativeDataset {
  return function* () {
    const a = readNpy(new Uint8Array(fs.readFileSync(file)), file);
    if (a.dtype === 'float16' || a.dtype === 'int64' || a.dtype === 'uint64') {
      throw new CalibrationError(`${file}: calibration samples must be float32, float64 or 8–32-bit integers, got ${a.dtype}`);
    }
    const n = a.shape[0] ?? 0;
    if (a.shape.length < 2 || n === 0) throw new CalibrationError(`${file}: shape [${a.shape.join(', ')}] has no samples along its first axis`);
    const row = a.data.length / n;
    const data = a.data as ArrayLike<number> & { subarray(b: number, e: number): ArrayLike<number> };
    for (let k = 0; k < n; k++) yield [Float32Array.from(data.subarray(k * row, (k + 1) * row))];
  };
}

/** Checks that a calibration file exists and is a NumPy `.npy` array (its samples are read by the int8 path). */
function checkNpy(file: string): void {
  let head: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      head = Buffer.alloc(6);
      fs.readSync(fd, head, 0, 6, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    throw new UsageError(`--representative-data: ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : 'cannot read the file'}`);
  }
  if (head.toString('latin1') !== '\x93NUMPY') throw new UsageError(`--representative-data: ${file} is not a NumPy .npy file`);
}

/**
 * `--input_shapes -1,224,224,3` → `--input_shapes=-1,224,224,3`: parseArgs refuses a separate value starting with
 * `-` (it might be a flag), but a negative number after a string option can only be its value.
 */
export function joinNegativeValues(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const name = a.startsWith('--') ? a.slice(2) : undefined;
    const next = args[i + 1];
    const opt = name !== undefined && Object.hasOwn(OPTIONS, name) ? OPTIONS[name as keyof typeof OPTIONS] : undefined;
    if (opt?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

export type ParsedConvertArgs = { help: true } | ({ help: false } & ConvertRequest);

/** Parses `litelab convert` arguments; throws UsageError (or parseArgs' own errors, also usage errors). */
export function parseConvertArgs(args: string[]): ParsedConvertArgs {
  const { values: v, positionals } = parseArgs({ args: joinNegativeValues(args), allowPositionals: true, strict: true, options: OPTIONS });
  if (v.help) return { help: true };

  // Input: one positional or one tflite_convert input flag.
  const inputFlags = (['saved_model_dir', 'keras_model_file', 'graph_def_file'] as const).filter((f) => v[f] !== undefined);
  if (positionals.length > 1) throw new UsageError(`expected one INPUT, got ${positionals.length}: ${positionals.join(' ')}`);
  if (inputFlags.length > 1 || (inputFlags.length && positionals.length)) {
    throw new UsageError(`give the input once: ${[...positionals, ...inputFlags.map((f) => `--${f}`)].join(', ')}`);
  }
  const inputFlag = inputFlags[0];
  const input = inputFlag ? v[inputFlag]! : positionals[0];
  if (input === undefined || input === '') throw new UsageError('missing INPUT (a SavedModel folder, .h5/.hdf5, .keras or .pb file)');

  if (v.output !== undefined && v.output_file !== undefined && v.output !== v.output_file) {
    throw new UsageError('-o and --output_file name different files');
  }
  const output = v.output ?? v.output_file;
  if (!output) throw new UsageError('missing -o OUT.tflite (or --output_file)');

  const load: LoadOptions = {};
  const formatFlags: ConvertRequest['formatFlags'] = [];
  if (inputFlag) load.format = inputFlag === 'saved_model_dir' ? 'savedmodel' : inputFlag === 'keras_model_file' ? 'keras' : 'graphdef';

  // GraphDef flags.
  if (v.input_arrays !== undefined) { load.inputArrays = parseList('input_arrays', v.input_arrays); formatFlags.push({ flag: '--input_arrays', format: 'graphdef' }); }
  if (v.output_arrays !== undefined) { load.outputArrays = parseList('output_arrays', v.output_arrays); formatFlags.push({ flag: '--output_arrays', format: 'graphdef' }); }
  if (v.input_shapes !== undefined) {
    const shapes = parseInputShapes(v.input_shapes);
    if (!load.inputArrays) throw new UsageError('--input_shapes needs --input_arrays (one shape per input array, in the same order)');
    if (shapes.length !== load.inputArrays.length) {
      throw new UsageError(`--input_shapes has ${shapes.length} shape(s) for ${load.inputArrays.length} --input_arrays`);
    }
    load.inputShapes = shapes;
    formatFlags.push({ flag: '--input_shapes', format: 'graphdef' });
  }
  // SavedModel flags.
  if (v.signature_key !== undefined && v.saved_model_signature_key !== undefined && v.signature_key !== v.saved_model_signature_key) {
    throw new UsageError('--signature_key and --saved_model_signature_key differ');
  }
  const signatureKey = v.signature_key ?? v.saved_model_signature_key;
  if (signatureKey !== undefined) {
    if (!signatureKey) throw new UsageError('--signature_key is empty');
    load.signatureKey = signatureKey;
    formatFlags.push({ flag: '--signature_key', format: 'savedmodel' });
  }
  if (v.saved_model_tag_set !== undefined) {
    load.tags = parseList('saved_model_tag_set', v.saved_model_tag_set);
    formatFlags.push({ flag: '--saved_model_tag_set', format: 'savedmodel' });
  }
  for (const f of formatFlags) {
    if (load.format && load.format !== f.format) {
      throw new UsageError(`${f.flag} applies to ${f.format === 'graphdef' ? '--graph_def_file' : '--saved_model_dir'} input, not --${inputFlag}`);
    }
  }

  const converter: ConverterOptions = {};
  if (v['batch-size'] !== undefined) converter.batchSize = parseBatchSize(v['batch-size']);
  const quantFlags: string[] = [];

  // Quantization mode: --quantize, or tflite_convert's --post_training_quantize / --quantize_to_float16.
  const modes = new Set<QuantizeMode>();
  if (v.quantize !== undefined) {
    if (!QUANTIZE_MODES.includes(v.quantize as QuantizeMode)) throw new UsageError(`--quantize: "${v.quantize}" is not one of ${QUANTIZE_MODES.join(', ')}`);
    modes.add(v.quantize as QuantizeMode);
    quantFlags.push(`--quantize ${v.quantize}`);
  }
  if (v.quantize_to_float16) { modes.add('float16'); quantFlags.push('--quantize_to_float16'); }
  else if (v.post_training_quantize) { modes.add('dynamic'); quantFlags.push('--post_training_quantize'); }
  if (modes.size > 1) throw new UsageError(`conflicting quantization modes: ${quantFlags.join(', ')}`);
  const [mode] = modes;
  const full = mode === 'int8' || mode === 'int16x8';
  if (mode) converter.optimizations = ['DEFAULT'];
  if (mode === 'float16') converter.supportedTypes = ['float16'];
  if (mode === 'int8') converter.supportedOps = ['TFLITE_BUILTINS_INT8'];
  if (mode === 'int16x8') converter.supportedOps = ['EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8'];

  const rep = v['representative-data'];
  if (rep !== undefined) {
    if (!full) throw new UsageError('--representative-data is used by --quantize int8 or int16x8');
    checkNpy(rep);
    converter.representativeDataset = npySamples(rep);
    quantFlags.push(`--representative-data ${rep}`);
  } else if (full) {
    throw new UsageError(`--quantize ${mode} needs --representative-data calib.npy (calibration samples)`);
  }
  if (v.calibration !== undefined) {
    if (!full) throw new UsageError('--calibration is used by --quantize int8 or int16x8');
    converter.calibration = parseCalibration(v.calibration);
    quantFlags.push(`--calibration ${v.calibration}`);
  }
  for (const [flag, key] of [['inference-input-type', 'inferenceInputType'], ['inference-output-type', 'inferenceOutputType']] as const) {
    const text = v[flag];
    if (text === undefined) continue;
    const t = inferenceType(flag, text);
    if ((t === 'int8' || t === 'uint8') && mode !== 'int8') throw new UsageError(`--${flag} ${t} needs --quantize int8`);
    if (t === 'int16' && mode !== 'int16x8') throw new UsageError(`--${flag} int16 needs --quantize int16x8`);
    converter[key] = t;
    if (t !== 'float32') quantFlags.push(`--${flag} ${t}`);
  }
  if (v['per-tensor']) {
    if (!mode || mode === 'float16') throw new UsageError('--per-tensor is used by --quantize dynamic, int8 or int16x8');
    converter.perChannel = false;
    quantFlags.push('--per-tensor');
  }
  if (v.denylist !== undefined) {
    if (!mode) throw new UsageError('--denylist is used with --quantize (it lists nodes or op types kept in float)');
    converter.denylist = parseList('denylist', v.denylist);
    quantFlags.push(`--denylist ${v.denylist}`);
  }
  if (v.prune !== undefined) {
    converter.pruning = parsePrune(v.prune);
    quantFlags.push(`--prune ${v.prune}`);
  }

  const request: ConvertRequest = { input, output, load, converter, quantFlags, formatFlags };
  if (inputFlag) request.inputFlag = inputFlag;
  if (v.report !== undefined) {
    if (!v.report) throw new UsageError('--report is empty');
    request.report = v.report;
  }
  return { help: false, ...request };
}
