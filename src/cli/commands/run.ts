/**
 * `litelab run MODEL.tflite --input a.npy [--input b.npy …] --output-dir DIR [--backend cpu|webgpu] [--profile]`:
 * runs a model once on .npy inputs and writes every output as .npy.
 *
 * Inputs: `--input FILE` in model input order, or `--input NAME=FILE` by tensor or signature name (not mixed).
 * Data are converted to the input's dtype: float inputs take any numeric array; int8 / uint8 / int16 inputs take
 * integer data as they are (range-checked) or float data, quantized with the input's scale and zero point as a
 * QUANTIZE op would; other integer and bool inputs take integer data. The shape must fit the model (a dynamic batch
 * dimension may change), else exit 1 naming the input and the expected shape.
 *
 * Outputs: DIR/output_0.npy … in model output order, each in the output's own dtype, and DIR/outputs.json naming
 * each (index, name, dtype, shape, quantization, file). Nothing is written unless every output is ready: the files
 * are written into a temporary folder inside DIR and renamed into place at the end.
 * `--profile` prints each operator's time (index, op, kernel kind, ms, node name) to stdout.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FormatError, UsageError } from '../../errors.ts';
import { readNpy, writeNpy, type NpyArray, type NpyDType } from '../../formats/npy/index.ts';
import { readTflite } from '../../formats/tflite/index.ts';
import type { NumericArray } from '../../ir/dtype.ts';
import { quantizeValues } from '../../runtime/cpu/kernels/float/quantize.ts';
import { castInto } from '../../runtime/cpu/kernels/float/shape.ts';
import { allocArray } from '../../runtime/cpu/kernels/float/util.ts';
import { Interpreter, InterpreterError, type TensorDetails } from '../../runtime/interpreter/index.ts';
import type { Command } from '../main.ts';
import { readInputFile } from './inspect.ts';

const USAGE = `usage: litelab run MODEL.tflite --input a.npy [--input b.npy …] --output-dir DIR [--backend cpu|webgpu] [--profile]

Runs the model once and writes DIR/output_0.npy … (model output order, each output's own dtype) and
DIR/outputs.json (name, dtype, shape, quantization and file of each output).

options:
  --input FILE         an input, in model input order (repeat for each input)
  --input NAME=FILE    an input by tensor or signature name
  --output-dir DIR     where the outputs go (created if missing)
  --backend B          cpu (default) or webgpu (falls back to cpu when there is no GPU adapter)
  --profile            print the time of each operator
  -h, --help           show this help

int8/uint8/int16 inputs take integer data as is, or float data quantized with the input's scale and zero point.
`;

const INTEGER: ReadonlySet<NpyDType> = new Set(['int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'bool']);
const RANGES: Record<string, [number, number]> = { int8: [-128, 127], uint8: [0, 255], int16: [-32768, 32767], int32: [-2147483648, 2147483647] };

/** Converts .npy data to what input `d` takes (see the module comment). */
export function inputArray(d: TensorDetails, npy: NpyArray, file: string): NumericArray {
  const label = `input '${d.name}'`;
  const isFloat = npy.dtype === 'float32' || npy.dtype === 'float64';
  if (npy.dtype === 'float16') throw new FormatError(file, `${label}: float16 .npy data are not supported; save as float32`);
  if (d.dtype === 'float32') {
    if (npy.data instanceof Float32Array) return npy.data;
    const out = new Float32Array(npy.data.length);
    castInto(npy.data, out, 'float32');
    return out;
  }
  const range = RANGES[d.dtype];
  if (isFloat && range && d.quantization && d.dtype !== 'int32') {
    const src = npy.data instanceof Float32Array ? npy.data : Float32Array.from(npy.data as Float64Array);
    return quantizeValues(src, d.quantization, d.dtype);
  }
  if (isFloat) throw new FormatError(file, `${label} is ${d.dtype}${range ? ' without quantization parameters' : ''}: give integer data, not ${npy.dtype}`);
  if (!INTEGER.has(npy.dtype)) throw new FormatError(file, `${label} is ${d.dtype}: cannot take ${npy.dtype} data`);
  if (range) {
    for (let i = 0; i < npy.data.length; i++) {
      const v = Number(npy.data[i]!);
      if (v < range[0] || v > range[1]) throw new FormatError(file, `${label} is ${d.dtype}: value ${v} at index ${i} is out of range [${range[0]}, ${range[1]}]`);
    }
  }
  const out = allocArray(d.dtype, npy.data.length);
  castInto(npy.data, out, d.dtype);
  return out;
}

/** Pairs `--input` values with model inputs: all positional or all NAME=FILE. */
function assignInputs(specs: readonly string[], details: readonly TensorDetails[], modelFile: string): { key: number | string; file: string }[] {
  const named = specs.map((s) => /^([^=]+)=(.+)$/.exec(s)).map((m, i) => (m && !fs.existsSync(specs[i]!) ? { key: m[1]!, file: m[2]! } : null));
  if (named.every((n) => n !== null)) return named as { key: string; file: string }[];
  if (named.some((n) => n !== null)) throw new UsageError('give every --input either as FILE (model order) or as NAME=FILE, not both');
  if (specs.length !== details.length) {
    throw new InterpreterError(`${modelFile}: the model has ${details.length} input${details.length === 1 ? '' : 's'} (${details.map((d) => d.name).join(', ')}), got ${specs.length} --input`);
  }
  return specs.map((file, i) => ({ key: i, file }));
}

/** Writes `files` into `dir` all or nothing: a temporary folder in `dir`, then one rename per file. */
function writeAll(dir: string, files: readonly { name: string; bytes: Uint8Array | string }[]): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new FormatError(dir, `cannot create the output directory: ${e instanceof Error ? e.message : String(e)}`);
  }
  const tmp = fs.mkdtempSync(path.join(dir, '.litelab-run-'));
  try {
    for (const f of files) fs.writeFileSync(path.join(tmp, f.name), f.bytes);
    for (const f of files) fs.renameSync(path.join(tmp, f.name), path.join(dir, f.name));
  } catch (e) {
    throw new FormatError(dir, `cannot write the outputs: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const NPY_DTYPES: ReadonlySet<string> = new Set(['float16', 'float32', 'float64', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64', 'bool']);

export const runCommand: Command = {
  name: 'run',
  summary: 'run a .tflite model on .npy inputs and write its outputs as .npy',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args, allowPositionals: true,
      options: {
        input: { type: 'string', multiple: true, default: [] },
        'output-dir': { type: 'string' },
        backend: { type: 'string', default: 'cpu' },
        profile: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) {
      io.stdout(USAGE);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError(positionals.length ? `expected one model file, got ${positionals.length}` : 'missing MODEL.tflite');
    const outDir = values['output-dir'];
    if (!outDir) throw new UsageError('missing --output-dir DIR');
    if (!values.input.length) throw new UsageError('missing --input (one per model input)');
    const backend = values.backend;
    if (backend !== 'cpu' && backend !== 'webgpu') throw new UsageError(`--backend must be cpu or webgpu, got "${backend}"`);

    const modelFile = positionals[0]!;
    const graph = readTflite(readInputFile(modelFile), modelFile);
    const interp = await Interpreter.create(graph, {
      backend, file: modelFile, profile: values.profile, onNotice: (line) => io.stderr(`${line}\n`),
    });
    try {
      const details = interp.getInputDetails();
      for (const { key, file } of assignInputs(values.input, details, modelFile)) {
        const npy = readNpy(readInputFile(file), file);
        const i = typeof key === 'number' ? key : details.findIndex((d) => d.name === key);
        const d = i >= 0 ? details[i]! : interp.getSignatureRunner().getInputDetails()[key as string];
        if (!d) throw new InterpreterError(`${modelFile}: no input named '${key}' (inputs: ${details.map((x) => x.name).join(', ')})`);
        interp.setInput(key, { data: inputArray(d, npy, file), shape: npy.shape });
      }
      await interp.invoke();

      const outDetails = interp.getOutputDetails();
      const files: { name: string; bytes: Uint8Array | string }[] = [];
      const listing = outDetails.map((d, i) => {
        const t = interp.getOutput(i);
        if (!NPY_DTYPES.has(t.dtype)) throw new InterpreterError(`${modelFile}: output '${d.name}' is ${t.dtype}, which .npy cannot hold`);
        const file = `output_${i}.npy`;
        files.push({ name: file, bytes: writeNpy({ data: t.data, shape: t.shape, dtype: t.dtype as NpyDType }) });
        return { index: i, name: d.name, dtype: t.dtype, shape: t.shape, quantization: d.quantization, file };
      });
      files.push({ name: 'outputs.json', bytes: `${JSON.stringify({ model: path.basename(modelFile), backend: interp.backend, outputs: listing }, null, 2)}\n` });
      writeAll(outDir, files);

      if (values.profile) {
        const rows = interp.lastProfile;
        const total = rows.reduce((a, r) => a + r.ms, 0);
        const opW = Math.max(2, ...rows.map((r) => r.op.length));
        io.stdout(`${'#'.padStart(4)}  ${'op'.padEnd(opW)}  kind    ${'ms'.padStart(9)}  node\n`);
        for (const r of rows) io.stdout(`${String(r.index).padStart(4)}  ${r.op.padEnd(opW)}  ${r.kind.padEnd(6)}  ${r.ms.toFixed(3).padStart(9)}  ${r.name}\n`);
        io.stdout(`${''.padStart(4)}  ${'total'.padEnd(opW)}  ${''.padEnd(6)}  ${total.toFixed(3).padStart(9)}\n`);
      }
      for (const o of listing) io.stdout(`${path.join(outDir, o.file)}  ${o.name}  ${o.dtype} [${o.shape.join(', ')}]\n`);
      return 0;
    } finally {
      interp.dispose();
    }
  },
};
