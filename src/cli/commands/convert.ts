/**
 * `litelab convert INPUT -o OUT.tflite [options]`: a SavedModel folder, Keras `.h5`/`.hdf5`/`.keras` or frozen
 * GraphDef `.pb` → float `.tflite` (tflite_convert's flags work too; see `convert-args.ts`).
 *
 * Output discipline: the model is written to a temporary file next to OUT (same directory, so the final rename is
 * atomic) and renamed over OUT only when complete; on any failure the temporary file is removed, so OUT is either
 * the previous file or the complete new one — never a partial file. The same holds for `--report`. SIGINT / SIGTERM /
 * SIGHUP during the write also remove the temporary files before the process dies of the signal.
 *
 * Messages: a progress bar on stderr while work takes longer than a moment, only when stderr is a terminal (logs and
 * pipes get nothing); notes from loading (`note: …`) on stderr; one summary line on stdout on success
 * (`wrote OUT.tflite (N ops, X KB) in T s`). Errors follow `main.ts`: exit 1 with one line, 2 for usage errors.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConversionError, FormatError, UsageError } from '../../errors.ts';
import { load } from '../../api/load.ts';
import { operatorCount, TFLiteConverter, unimplementedOptions, type ProgressFn } from '../../converter/tflite-converter.ts';
import type { Command } from '../main.ts';
import { parseConvertArgs, type ConvertRequest } from './convert-args.ts';

export { parseConvertArgs, type ConvertRequest } from './convert-args.ts';

const USAGE = `usage: litelab convert INPUT -o OUT.tflite [options]

Converts a TensorFlow model to a float TensorFlow Lite model. INPUT is a SavedModel folder, a Keras .h5/.hdf5 or
.keras file, or a frozen GraphDef .pb; the format is detected from the content.

options:
  -o, --output OUT.tflite       where to write (also --output_file); written atomically, never partially
  --batch-size N                value for unknown batch dimensions (default 1)
  --signature_key KEY           SavedModel signature (default serving_default; also --saved_model_signature_key)
  --saved_model_tag_set TAGS    SavedModel MetaGraph tags, comma-separated (default serve)
  --input_arrays A,B            GraphDef input tensors
  --output_arrays C,D           GraphDef output tensors
  --input_shapes S1:S2          GraphDef input shapes, e.g. 1,224,224,3:1,10 (one per input array)
  --report r.json               also write a JSON report of the conversion
  -h, --help                    show this help

tflite_convert flags: --saved_model_dir DIR | --keras_model_file F | --graph_def_file F (instead of INPUT),
  --output_file F, --post_training_quantize, --quantize_to_float16, --enable_v1_converter (ignored).

quantization:
  --quantize dynamic            int8 weights (per channel for convolutions), float activations (hybrid ops)
  --quantize float16            float16 weights, DEQUANTIZE to float32
  --per-tensor                  with dynamic: per-tensor convolution weights (TF 2.3's scheme)
  --denylist a,b                with dynamic: node names or op types whose weights stay float
  --quantize int8 --representative-data calib.npy
                                full integer: min/max calibration on the samples (first axis), int8 activations,
                                per-channel int8 weights (--per-tensor: per tensor), int32 biases
  --inference-input-type T / --inference-output-type T   with int8: float32 (default), int8 or uint8 I/O
not implemented yet (checked now; the conversion stops with an error if they are used):
  --quantize int16x8   --denylist with float16 or int8   --calibration movingavg|percentile:P|entropy|mse
  --prune S[:2of4]
`;

export interface ConvertHooks {
  onProgress?: ProgressFn;
  /** Writes one temporary file (tests inject failures here); default `fs.writeFile` with flag `wx`. */
  writeFile?: (file: string, bytes: Uint8Array) => Promise<void>;
}

export interface ConvertSummary {
  input: string;
  output: string;
  format: string;
  signatureKey?: string;
  operators: number;
  /** Operator count by op name. */
  opCounts: Record<string, number>;
  bytes: number;
  seconds: number;
  notes: string[];
}

function describeIoError(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  switch (code) {
    case 'ENOENT': return 'the directory does not exist';
    case 'ENOTDIR': return 'a parent of the path is not a directory';
    case 'EISDIR': case 'ENOTEMPTY': case 'EEXIST': return 'is a directory';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'ENOSPC': return 'no space left on the device';
    case 'EROFS': return 'read-only file system';
    default: return e instanceof Error ? e.message : String(e);
  }
}

/**
 * Writes every file to a temporary sibling first, then renames them into place; on any failure removes every
 * temporary file (and nothing else) and throws a FormatError naming the output.
 */
export async function writeFilesAtomically(files: { path: string; bytes: Uint8Array }[], write = (f: string, b: Uint8Array) => writeFile(f, b, { flag: 'wx' })): Promise<void> {
  const temps: string[] = [];
  let current = files[0]?.path ?? '';
  // Interrupted while writing (Ctrl-C): remove the temporary files, then die of the same signal.
  const onSignal = (signal: NodeJS.Signals): void => {
    for (const t of temps) rmSync(t, { force: true });
    process.kill(process.pid, signal);
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.once(s, onSignal);
  try {
    const staged = [];
    for (const f of files) {
      current = f.path;
      const tmp = path.join(path.dirname(f.path), `.${path.basename(f.path)}.${randomBytes(4).toString('hex')}.litelab-tmp`);
      temps.push(tmp);
      await write(tmp, f.bytes);
      staged.push({ tmp, path: f.path });
    }
    for (const s of staged) {
      current = s.path;
      await rename(s.tmp, s.path);
      temps.splice(temps.indexOf(s.tmp), 1);
    }
  } catch (e) {
    await Promise.all(temps.map((t) => rm(t, { force: true }).catch(() => undefined)));
    throw new FormatError(current, `cannot write the file: ${describeIoError(e)}`);
  } finally {
    for (const s of signals) process.removeListener(s, onSignal);
  }
}

/**
 * What the CLI does, minus argument parsing and printing: load, convert, write atomically. Throws the typed errors
 * the CLI turns into exit codes; on any error no output file (and no temporary file) is left behind.
 */
export async function convertModel(req: ConvertRequest, hooks: ConvertHooks = {}): Promise<ConvertSummary> {
  const started = performance.now();
  // Quantization / pruning flags not implemented yet (anything but --quantize dynamic|float16 with --per-tensor /
  // --denylist): fail before reading anything (the API throws the same error from convert()).
  if (req.quantFlags.length && unimplementedOptions(req.converter).length) {
    throw new ConversionError(`${req.input}: not implemented yet: ${req.quantFlags.join(', ')}. ` +
      'This version of litelab writes float, dynamic-range, float16 and full-integer (int8, min/max calibration) models; other calibration methods, int16x8 and pruning come in a later version');
  }
  hooks.onProgress?.('load', 0);
  const model = await load(req.input, req.load);
  hooks.onProgress?.('load', 1);
  for (const f of req.formatFlags) {
    if (model.format !== f.format) throw new UsageError(`${f.flag} applies to ${f.format === 'graphdef' ? 'a GraphDef' : 'a SavedModel'}; ${req.input} is ${model.format === 'tflite' ? 'a TFLite model' : `a ${model.format === 'keras' ? 'Keras' : model.format === 'savedmodel' ? 'SavedModel' : 'GraphDef'} model`}`);
  }
  const converter = new TFLiteConverter(model, hooks.onProgress ? { ...req.converter, onProgress: hooks.onProgress } : req.converter);
  const graph = await converter.convertToGraph();
  const bytes = converter.write(graph);
  const opCounts: Record<string, number> = {};
  for (const s of graph.subgraphs) for (const n of s.nodes) opCounts[n.op] = (opCounts[n.op] ?? 0) + 1;
  const summary: ConvertSummary = {
    input: req.input, output: req.output, format: model.format, operators: operatorCount(graph), opCounts,
    bytes: bytes.length, seconds: 0, notes: model.notes,
  };
  if (model.signatureKey !== undefined) summary.signatureKey = model.signatureKey;
  const files = [{ path: req.output, bytes }];
  summary.seconds = (performance.now() - started) / 1000;
  if (req.report) files.push({ path: req.report, bytes: new TextEncoder().encode(`${JSON.stringify(summary, null, 2)}\n`) });
  hooks.onProgress?.('save', 0);
  await writeFilesAtomically(files, hooks.writeFile);
  hooks.onProgress?.('save', 1);
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

/**
 * A one-line progress bar redrawn with `\r`: the current stage, its fraction and the elapsed time. Nothing is drawn
 * before `delayMs` (quick conversions print no bar at all), then at most every `intervalMs`; `start()` also redraws
 * on a timer so that a long single step (reading a big HDF5 file) still shows the clock moving.
 */
export class ProgressBar {
  private readonly started = performance.now();
  private last = -Infinity;
  private shown = false;
  private stage = 'load';
  private fraction = 0;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly write: (text: string) => void, private readonly delayMs = 400, private readonly intervalMs = 100) {}

  start(): this {
    this.timer = setInterval(() => this.render(false), 250);
    (this.timer as { unref?: () => void }).unref?.();
    return this;
  }

  readonly update: ProgressFn = (stage, fraction) => {
    this.stage = stage;
    this.fraction = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
    this.render(this.fraction >= 1);
  };

  private render(force: boolean): void {
    const now = performance.now();
    if (now - this.started < this.delayMs || (!force && now - this.last < this.intervalMs)) return;
    this.last = now;
    const width = 24;
    const full = Math.round(this.fraction * width);
    const seconds = ((now - this.started) / 1000).toFixed(1);
    this.write(`\r[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${String(Math.round(this.fraction * 100)).padStart(3)}% ${this.stage.slice(0, 40)} ${seconds} s\x1b[K`);
    this.shown = true;
  }

  /** Stops the timer and erases the bar (before the summary or an error line). */
  clear(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    if (this.shown) this.write('\r\x1b[K');
    this.shown = false;
  }
}

function formatKb(bytes: number): string {
  return (bytes / 1024).toFixed(1);
}

export const convertCommand: Command = {
  name: 'convert',
  summary: 'convert a SavedModel, Keras .h5/.keras or frozen GraphDef .pb to .tflite',
  usage: USAGE,
  async run(args, io) {
    const parsed = parseConvertArgs(args);
    if (parsed.help) {
      io.stdout(USAGE);
      return 0;
    }
    const tty = process.stderr.isTTY === true && process.env.LITELAB_NO_PROGRESS === undefined;
    const bar = tty ? new ProgressBar((t) => io.stderr(t)).start() : undefined;
    try {
      const summary = await convertModel(parsed, bar ? { onProgress: bar.update } : {});
      bar?.clear();
      for (const note of summary.notes) io.stderr(`note: ${note}\n`);
      io.stdout(`wrote ${summary.output} (${summary.operators} ops, ${formatKb(summary.bytes)} KB) in ${summary.seconds.toFixed(2)} s\n`);
      return 0;
    } finally {
      bar?.clear();
    }
  },
};
