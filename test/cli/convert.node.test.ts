/**
 * `litelab convert`: the argument parser (every litelab and tflite_convert flag form, unit-tested without a process);
 * the in-process `convertModel` the command runs (damaged copies of the MNIST SavedModel and the ToyCar .hdf5 either
 * convert or fail with a typed error, never leaving an output or temporary file; write failures; the "not implemented
 * yet" error of the quantization modes not implemented; dynamic / float16 written); and a handful of real CLI runs: MNIST SavedModel and ResNet-8 .h5 end to end (the
 * output read back by `litelab inspect`), damaged input, unwritable output, an unsupported-op model, usage errors.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseConvertArgs, type ConvertRequest } from '../../src/cli/commands/convert-args.ts';
import { convertModel, ProgressBar, writeFilesAtomically } from '../../src/cli/commands/convert.ts';
import { load } from '../../src/api/load.ts';
import { TFLiteConverter } from '../../src/converter/tflite-converter.ts';
import { ConversionError, FormatError, LitelabError, UnsupportedOpError, UsageError } from '../../src/errors.ts';
import { readTflite } from '../../src/formats/tflite/index.ts';
import { Rng } from '../../src/util/random.ts';

const ROOT = path.join(import.meta.dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'litelab.mjs');
const F = path.join(ROOT, 'test', 'fixtures');
const MNIST = path.join(F, 'sgx_mnist_mlp_savedmodel', 'saved_model');
const RESNET = path.join(F, 'mlperf_tiny_ic_resnet8', 'pretrainedResnet.h5');
const TOYCAR = path.join(F, 'mlperf_tiny_anomaly_toycar', 'model_ToyCar.hdf5');
const NPY = path.join(F, 'mlperf_tiny_ic_resnet8', 'calibration_samples_idxs.npy');

interface Run { code: number; stdout: string; stderr: string }

function litelab(...args: string[]): Promise<Run> {
  return new Promise<Run>((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

function assertOneLineError(r: Run, code: number, pattern: RegExp, what: string): void {
  assert.equal(r.code, code, `${what}: exit code (stderr: ${r.stderr})`);
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, code === 2 ? 2 : 1, `${what}: stderr lines:\n${r.stderr}`);
  assert.match(lines[0]!, pattern, what);
  assert.doesNotMatch(r.stderr, /^\s+at /m, `${what}: no stack trace`);
  assert.equal(r.stdout, '', `${what}: stdout`);
}

/** Parses arguments that must be valid. */
function parse(...args: string[]): ConvertRequest {
  const p = parseConvertArgs(args);
  assert.ok(!p.help);
  return p;
}

function usageError(args: string[], pattern: RegExp): void {
  assert.throws(() => parseConvertArgs(args), (e) => {
    const isParseError = e instanceof TypeError && String((e as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');
    assert.ok(e instanceof UsageError || isParseError, `${args.join(' ')}: ${String(e)}`);
    assert.match((e as Error).message, pattern, args.join(' '));
    return true;
  });
}

describe('convert argument parser', () => {
  test('INPUT -o OUT and the output flag forms', () => {
    for (const args of [['m.h5', '-o', 'o.tflite'], ['m.h5', '--output', 'o.tflite'], ['m.h5', '--output=o.tflite'],
      ['m.h5', '--output_file', 'o.tflite'], ['--output_file=o.tflite', 'm.h5'], ['m.h5', '-o', 'o.tflite', '--output_file=o.tflite']]) {
      const r = parse(...args);
      assert.deepEqual([r.input, r.output, r.inputFlag, r.load, r.converter, r.quantFlags], ['m.h5', 'o.tflite', undefined, {}, {}, []], args.join(' '));
    }
    assert.deepEqual(parseConvertArgs(['--help']), { help: true });
    usageError(['m.h5'], /missing -o OUT\.tflite/);
    usageError(['-o', 'o.tflite'], /missing INPUT/);
    usageError(['a.h5', 'b.h5', '-o', 'o'], /expected one INPUT, got 2/);
    usageError(['m.h5', '-o', 'a', '--output_file', 'b'], /-o and --output_file name different files/);
    usageError(['m.h5', '-o', 'o', '--bogus'], /Unknown option '--bogus'/);
    usageError(['m.h5', '-o'], /argument missing/);
  });

  test('tflite_convert input flags set the expected format', () => {
    assert.deepEqual([parse('--saved_model_dir=/m', '--output_file=o').inputFlag, parse('--saved_model_dir', '/m', '-o', 'o').load], ['saved_model_dir', { format: 'savedmodel' }]);
    assert.deepEqual(parse('--keras_model_file', 'k.h5', '-o', 'o').load, { format: 'keras' });
    assert.deepEqual(parse('--graph_def_file=g.pb', '-o', 'o', '--enable_v1_converter').load, { format: 'graphdef' });
    usageError(['m.h5', '--keras_model_file', 'k.h5', '-o', 'o'], /give the input once: m\.h5, --keras_model_file/);
    usageError(['--saved_model_dir', 'd', '--graph_def_file', 'g', '-o', 'o'], /give the input once/);
  });

  test('GraphDef flags: --input_arrays, --output_arrays, --input_shapes (tflite_convert syntax)', () => {
    const r = parse('--graph_def_file', 'g.pb', '-o', 'o', '--input_arrays=input,extra', '--output_arrays', 'Softmax',
      '--input_shapes=1,224,224,3:1,10');
    assert.deepEqual(r.load, { format: 'graphdef', inputArrays: ['input', 'extra'], outputArrays: ['Softmax'], inputShapes: [[1, 224, 224, 3], [1, 10]] });
    assert.deepEqual(r.formatFlags.map((f) => f.flag), ['--input_arrays', '--output_arrays', '--input_shapes']);
    assert.deepEqual(parse('g.pb', '-o', 'o', '--input_arrays', 'a,b,c', '--input_shapes', '-1,4::2').load.inputShapes, [[-1, 4], [], [2]]);
    usageError(['g.pb', '-o', 'o', '--input_arrays', 'a', '--input_shapes', '1,2:3'], /has 2 shape\(s\) for 1 --input_arrays/);
    usageError(['g.pb', '-o', 'o', '--input_shapes', '1,2'], /--input_shapes needs --input_arrays/);
    usageError(['g.pb', '-o', 'o', '--input_arrays', 'a', '--input_shapes', '1,x'], /"x" in "1,x" is not a dimension/);
    usageError(['g.pb', '-o', 'o', '--input_arrays', 'a', '--input_shapes', '1,-2'], /not a dimension/);
    usageError(['g.pb', '-o', 'o', '--input_arrays', 'a,,b'], /--input_arrays: empty name/);
    usageError(['--keras_model_file', 'k.h5', '-o', 'o', '--output_arrays', 'x'], /--output_arrays applies to --graph_def_file input, not --keras_model_file/);
  });

  test('SavedModel flags: --signature_key (and tflite_convert\'s --saved_model_signature_key), --saved_model_tag_set', () => {
    assert.deepEqual(parse('d', '-o', 'o', '--signature_key', 'timestwo').load, { signatureKey: 'timestwo' });
    assert.deepEqual(parse('d', '-o', 'o', '--saved_model_signature_key=timestwo').load, { signatureKey: 'timestwo' });
    assert.deepEqual(parse('--saved_model_dir', 'd', '-o', 'o', '--saved_model_tag_set', 'serve,gpu').load, { format: 'savedmodel', tags: ['serve', 'gpu'] });
    usageError(['d', '-o', 'o', '--signature_key', 'a', '--saved_model_signature_key', 'b'], /differ/);
    usageError(['--graph_def_file', 'g', '-o', 'o', '--signature_key', 'k'], /--signature_key applies to --saved_model_dir input/);
  });

  test('--batch-size', () => {
    assert.equal(parse('m', '-o', 'o', '--batch-size', '8').converter.batchSize, 8);
    assert.equal(parse('m', '-o', 'o', '--batch-size=1').converter.batchSize, 1);
    for (const bad of ['0', '1.5', 'x', '']) usageError(['m', '-o', 'o', `--batch-size=${bad}`], /--batch-size: ".*" is not a positive integer/);
    usageError(['m', '-o', 'o', '--batch-size', '-1'], /--batch-size: "-1" is not a positive integer/);
  });

  test('quantization flags map onto ConverterOptions and are checked for consistency', () => {
    assert.deepEqual(parse('m', '-o', 'o', '--quantize', 'dynamic').converter, { optimizations: ['DEFAULT'] });
    assert.deepEqual(parse('m', '-o', 'o', '--post_training_quantize').converter, { optimizations: ['DEFAULT'] });
    assert.deepEqual(parse('m', '-o', 'o', '--quantize=float16').converter, { optimizations: ['DEFAULT'], supportedTypes: ['float16'] });
    assert.deepEqual(parse('m', '-o', 'o', '--post_training_quantize', '--quantize_to_float16').quantFlags, ['--quantize_to_float16']);
    const int8 = parse('m', '-o', 'o', '--quantize', 'int8', '--representative-data', NPY, '--calibration', 'percentile:99.9',
      '--inference-input-type', 'int8', '--inference-output-type=uint8', '--per-tensor', '--denylist', 'conv1,SOFTMAX');
    assert.deepEqual({ ...int8.converter, representativeDataset: typeof int8.converter.representativeDataset }, {
      optimizations: ['DEFAULT'], supportedOps: ['TFLITE_BUILTINS_INT8'], representativeDataset: 'function',
      calibration: { method: 'percentile', percentile: 99.9 }, inferenceInputType: 'int8', inferenceOutputType: 'uint8',
      perChannel: false, denylist: ['conv1', 'SOFTMAX'],
    });
    assert.equal(int8.quantFlags.length, 7);
    const x16 = parse('m', '-o', 'o', '--quantize', 'int16x8', '--representative-data', NPY, '--inference-input-type', 'int16', '--calibration', 'entropy');
    assert.deepEqual([x16.converter.supportedOps, x16.converter.calibration], [['EXPERIMENTAL_TFLITE_BUILTINS_ACTIVATIONS_INT16_WEIGHTS_INT8'], { method: 'entropy' }]);
    for (const m of ['minmax', 'movingavg', 'mse']) assert.deepEqual(parse('m', '-o', 'o', '--quantize', 'int8', '--representative-data', NPY, '--calibration', m).converter.calibration, { method: m });
    assert.deepEqual(parse('m', '-o', 'o', '--prune', '0.8').converter.pruning, { sparsity: 0.8 });
    assert.deepEqual(parse('m', '-o', 'o', '--prune=0.5:2of4').converter.pruning, { sparsity: 0.5, pattern: '2of4' });
    assert.deepEqual(parse('m', '-o', 'o', '--inference-input-type', 'float32').quantFlags, []);

    usageError(['m', '-o', 'o', '--quantize', 'int4'], /"int4" is not one of dynamic, float16, int8, int16x8/);
    usageError(['m', '-o', 'o', '--quantize', 'dynamic', '--quantize_to_float16'], /conflicting quantization modes/);
    usageError(['m', '-o', 'o', '--quantize', 'int8'], /needs --representative-data/);
    usageError(['m', '-o', 'o', '--representative-data', NPY], /--representative-data is used by --quantize int8 or int16x8/);
    usageError(['m', '-o', 'o', '--quantize', 'int8', '--representative-data', path.join(F, 'nope.npy')], /nope\.npy: no such file/);
    usageError(['m', '-o', 'o', '--quantize', 'int8', '--representative-data', RESNET], /is not a NumPy \.npy file/);
    usageError(['m', '-o', 'o', '--quantize', 'dynamic', '--calibration', 'minmax'], /--calibration is used by --quantize int8/);
    for (const bad of ['percentile', 'percentile:0', 'percentile:101', 'percentile:x', 'kl']) {
      usageError(['m', '-o', 'o', '--quantize', 'int8', '--representative-data', NPY, '--calibration', bad], /--calibration/);
    }
    usageError(['m', '-o', 'o', '--inference-input-type', 'int8'], /--inference-input-type int8 needs --quantize int8/);
    usageError(['m', '-o', 'o', '--quantize', 'int8', '--representative-data', NPY, '--inference-output-type', 'int16'], /int16 needs --quantize int16x8/);
    usageError(['m', '-o', 'o', '--inference-input-type', 'float64'], /"float64" is not one of float32, int8, uint8, int16/);
    usageError(['m', '-o', 'o', '--per-tensor'], /--per-tensor is used by --quantize dynamic, int8 or int16x8/);
    usageError(['m', '-o', 'o', '--quantize', 'float16', '--per-tensor'], /--per-tensor/);
    usageError(['m', '-o', 'o', '--denylist', 'a'], /--denylist is used with --quantize/);
    for (const bad of ['1', '1.5', '-0.1', 'half', '0.3:2of4', '0.5:1of4']) usageError(['m', '-o', 'o', `--prune=${bad}`], /--prune/);
    usageError(['m', '-o', 'o', '--post_training_quantize=true'], /does not take an argument/);
  });
});

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir).sort();
}

/** Copies the MNIST SavedModel into `dir` with one file replaced. */
function mnistCopy(dir: string, replace?: { file: string; bytes: Uint8Array }): string {
  fs.mkdirSync(path.join(dir, 'variables'), { recursive: true });
  for (const p of ['saved_model.pb', 'variables/variables.index', 'variables/variables.data-00000-of-00001']) {
    fs.writeFileSync(path.join(dir, p), replace?.file === p ? replace.bytes : fs.readFileSync(path.join(MNIST, p)));
  }
  return dir;
}

function request(input: string, output: string, extra: Partial<ConvertRequest> = {}): ConvertRequest {
  return { input, output, load: {}, converter: {}, quantFlags: [], formatFlags: [], ...extra };
}

/** A few truncations and seeded multi-byte flips. */
function mutations(orig: Uint8Array, seed: number, truncations: number, flips: number): { what: string; bytes: Uint8Array }[] {
  const rng = new Rng(seed);
  const out: { what: string; bytes: Uint8Array }[] = [];
  for (let i = 0; i < truncations; i++) {
    const n = i === 0 ? Math.floor(orig.length / 2) : rng.int(0, orig.length - 1);
    out.push({ what: `truncated to ${n} bytes`, bytes: orig.slice(0, n) });
  }
  for (let i = 0; i < flips; i++) {
    const b = orig.slice();
    const at: number[] = [];
    for (let k = rng.int(1, 8); k > 0; k--) {
      const p = rng.int(0, b.length - 1);
      b[p]! ^= rng.int(1, 255);
      at.push(p);
    }
    out.push({ what: `bytes flipped at ${at.join(',')}`, bytes: b });
  }
  return out;
}

describe('convertModel (what the CLI runs), in process', () => {
  let tmp = '';
  before(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'litelab-convert-')); });
  after(() => { fs.rmSync(tmp, { recursive: true, force: true }); });

  /** Converts; on success the output is a readable .tflite, on failure a typed error and no output or temp file. */
  async function outcome(input: string, outDir: string, what: string): Promise<string> {
    fs.mkdirSync(outDir, { recursive: true });
    const out = path.join(outDir, 'out.tflite');
    try {
      await convertModel(request(input, out));
      assert.ok(readTflite(new Uint8Array(fs.readFileSync(out)), out).main.nodes.length > 0, `${what}: output readable`);
      assert.deepEqual(listFiles(outDir), ['out.tflite'], `${what}: only the output`);
      return 'ok';
    } catch (e) {
      assert.ok(e instanceof LitelabError, `${what}: ${e instanceof Error ? e.stack : String(e)}`);
      assert.ok(!e.message.includes('\n'), `${what}: one line`);
      assert.deepEqual(listFiles(outDir), [], `${what}: no output and no temp file after ${e.name}`);
      return e.name;
    }
  }

  test('damaged copies of the MNIST SavedModel files: converted, or a typed error and no file', async () => {
    const seen = new Map<string, number>();
    let n = 0;
    for (const [i, file] of ['saved_model.pb', 'variables/variables.index', 'variables/variables.data-00000-of-00001'].entries()) {
      for (const m of mutations(new Uint8Array(fs.readFileSync(path.join(MNIST, file))), 100 + i, 3, 5)) {
        const dir = mnistCopy(path.join(tmp, `mnist-${n}`), { file, bytes: m.bytes });
        const what = `${file} ${m.what}`;
        const r = await outcome(dir, path.join(tmp, `out-mnist-${n++}`), what);
        seen.set(r, (seen.get(r) ?? 0) + 1);
      }
    }
    assert.ok((seen.get('FormatError') ?? 0) >= 12, `mostly FormatErrors: ${JSON.stringify([...seen])}`);
  });

  test('damaged copies of the ToyCar .hdf5: converted, or a typed error and no file', async () => {
    const seen = new Map<string, number>();
    const muts = mutations(new Uint8Array(fs.readFileSync(TOYCAR)), 7, 3, 4);
    for (const [n, m] of muts.entries()) {
      const file = path.join(tmp, `toycar-${n}.hdf5`);
      fs.writeFileSync(file, m.bytes);
      const r = await outcome(file, path.join(tmp, `out-toycar-${n}`), `model_ToyCar.hdf5 ${m.what}`);
      seen.set(r, (seen.get(r) ?? 0) + 1);
    }
    assert.ok((seen.get('FormatError') ?? 0) >= 3, JSON.stringify([...seen]));
  });

  test('a failing conversion leaves an existing output untouched', async () => {
    const dir = path.join(tmp, 'keep');
    fs.mkdirSync(dir);
    const out = path.join(dir, 'model.tflite');
    fs.writeFileSync(out, 'previous');
    const bad = path.join(tmp, 'bad.h5');
    fs.writeFileSync(bad, fs.readFileSync(RESNET).subarray(0, 5000));
    await assert.rejects(convertModel(request(bad, out)), (e) => e instanceof FormatError && e.message.includes('bad.h5'));
    assert.deepEqual([listFiles(dir), fs.readFileSync(out, 'utf8')], [['model.tflite'], 'previous']);
  });

  test('write failures: missing directory, output is a directory, a write that dies halfway', async () => {
    const missing = path.join(tmp, 'no', 'such', 'dir', 'o.tflite');
    await assert.rejects(convertModel(request(MNIST, missing)),
      (e) => e instanceof FormatError && e.file === missing && /cannot write the file: the directory does not exist/.test(e.message));
    assert.ok(!fs.existsSync(path.join(tmp, 'no')));

    const dirOut = path.join(tmp, 'is-a-dir');
    fs.mkdirSync(path.join(dirOut, 'o.tflite'), { recursive: true });
    fs.writeFileSync(path.join(dirOut, 'o.tflite', 'x'), 'x');
    await assert.rejects(convertModel(request(MNIST, path.join(dirOut, 'o.tflite'))), (e) => e instanceof FormatError && /is a directory/.test(e.message));
    assert.deepEqual(listFiles(dirOut), ['o.tflite'], 'temporary file removed');

    const half = path.join(tmp, 'half');
    fs.mkdirSync(half);
    const dying = async (file: string, bytes: Uint8Array): Promise<void> => {
      fs.writeFileSync(file, bytes.subarray(0, bytes.length >> 1));
      throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
    };
    await assert.rejects(convertModel(request(MNIST, path.join(half, 'o.tflite')), { writeFile: dying }),
      (e) => e instanceof FormatError && /o\.tflite: cannot write the file: EIO/.test(e.message));
    assert.deepEqual(listFiles(half), [], 'the half-written temporary file is removed');
    // Two files (model + report): the second failing removes the first temporary file too.
    let calls = 0;
    const secondFails = async (file: string, bytes: Uint8Array): Promise<void> => {
      if (++calls === 2) throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
      fs.writeFileSync(file, bytes);
    };
    await assert.rejects(writeFilesAtomically([{ path: path.join(half, 'a'), bytes: new Uint8Array(4) }, { path: path.join(half, 'b.json'), bytes: new Uint8Array(2) }], secondFails),
      (e) => e instanceof FormatError && /b\.json: cannot write the file: no space left/.test(e.message));
    assert.deepEqual(listFiles(half), []);
  });

  test('quantization flags: the "not implemented yet" ConversionError before reading anything; the API says the same', async () => {
    const out = path.join(tmp, 'q.tflite');
    const req = parse(path.join(tmp, 'does-not-exist.h5'), '-o', out, '--quantize', 'int16x8', '--representative-data', NPY, '--per-tensor');
    await assert.rejects(convertModel(req), (e) => e instanceof ConversionError &&
      /does-not-exist\.h5: not implemented yet: --quantize int16x8, --representative-data .*calibration_samples_idxs\.npy, --per-tensor\. This version of litelab writes float, dynamic-range, float16 and full-integer/.test(e.message));
    assert.ok(!fs.existsSync(out));

    const model = await load(path.join(F, 'tfjs_node_times_three_float'));
    const c = new TFLiteConverter(model, { optimizations: ['DEFAULT'], perChannel: false, supportedOps: ['TFLITE_BUILTINS'], pruning: { sparsity: 0.5, pattern: '2of4' } });
    await assert.rejects(c.convert(), (e) => e instanceof ConversionError &&
      e.message === `${model.name}: not implemented yet: optimizations=['DEFAULT'] (quantization); perChannel=false (per-tensor quantization); ` +
        "pruning={sparsity: 0.5, pattern: '2of4'}. This version of litelab writes float, dynamic-range, float16 and full-integer (int8, min/max calibration) models; " +
        'other calibration methods, int16x8 and pruning come in a later version');
    assert.throws(() => new TFLiteConverter(model, { batchSize: 0 }), UsageError);
    assert.throws(() => new TFLiteConverter(model, { optimizations: ['FAST' as 'DEFAULT'] }), /optimizations: "FAST" is not one of/);
    // Dynamic range and float16 convert; float16 with a denylist is not implemented yet.
    assert.ok((await new TFLiteConverter(model, { optimizations: ['DEFAULT'], perChannel: false }).convert()).length > 0);
    assert.ok((await new TFLiteConverter(model, { optimizations: ['OPTIMIZE_FOR_SIZE'], supportedTypes: ['float16'] }).convert()).length > 0);
    await assert.rejects(new TFLiteConverter(model, { optimizations: ['DEFAULT'], supportedTypes: ['float16'], denylist: ['x'] }).convert(),
      /not implemented yet: optimizations=\['DEFAULT'\] \(quantization\); supportedTypes=\['float16'\] \(quantization\); denylist=\['x'\]/);
    // Harmless values are accepted.
    assert.ok((await new TFLiteConverter(model, { perChannel: true, optimizations: [], supportedOps: ['TFLITE_BUILTINS'], supportedTypes: ['float32'] }).convert()).length > 0);
  });

  test('TFLiteConverter: fromSavedModel / fromKerasModel / fromFrozenGraph; a .tflite converts to itself', async () => {
    const sm = await TFLiteConverter.fromSavedModel(path.join(F, 'tfjs_node_module_with_multiple_signatures'), { signatureKey: 'timestwo' });
    assert.equal(sm.model.signatureKey, 'timestwo');
    const bytes = await sm.convert();
    assert.equal(bytes.byteOffset, 0);
    assert.equal(bytes.buffer.byteLength, bytes.length);
    assert.deepEqual(await sm.convert(), bytes, 'converting again gives the same bytes (the loaded graph is not modified)');
    const written = readTflite(bytes, 'timestwo.tflite');
    assert.ok(written.metadata.some((m) => m.name === 'CONVERSION_METADATA'));
    await assert.rejects(TFLiteConverter.fromSavedModel(RESNET), (e) => e instanceof FormatError && /not a SavedModel/.test(e.message));
    const k = await TFLiteConverter.fromKerasModel({ name: 'resnet.h5', bytes: new Uint8Array(fs.readFileSync(RESNET)) });
    assert.equal(k.model.format, 'keras');
    const g = await TFLiteConverter.fromFrozenGraph(path.join(F, 'litert_multi_add_graphdef', 'multi_add.pb'), undefined, ['x']);
    assert.equal(readTflite(await g.convert(), 'x').main.outputs.length, 1);
    const tfl = path.join(F, 'mlperf_tiny_ic_resnet8', 'pretrainedResnet.tflite');
    const self = await TFLiteConverter.fromModel(tfl);
    assert.equal(readTflite(await self.convert(), 'self').main.nodes.length, readTflite(new Uint8Array(fs.readFileSync(tfl)), tfl).main.nodes.length);
  });

  test('an unsupported-op model: UnsupportedOpError listing every op with its nodes, no output', async () => {
    const file = path.join(tmp, 'unsupported.pb');
    fs.writeFileSync(file, unsupportedGraphDef());
    const out = path.join(tmp, 'unsupported.tflite');
    await assert.rejects(convertModel(request(file, out)), (e) => e instanceof UnsupportedOpError &&
      e.ops.has('LitelabNoSuchOpA') && e.ops.has('LitelabNoSuchOpB') && /LitelabNoSuchOpA \(.*a.*c.*\)/.test(e.message));
    assert.ok(!fs.existsSync(out));
  });

  test('progress bar: silent at first, then one redrawn line, erased at the end', () => {
    const writes: string[] = [];
    const bar = new ProgressBar((t) => writes.push(t), 0, 0);
    bar.update('legalize', 0.5);
    bar.update('write', 1);
    bar.clear();
    assert.equal(writes.length, 3);
    assert.match(writes[0]!, /^\r\[#{12}\.{12}\]  50% legalize \d+\.\d s\x1b\[K$/);
    assert.match(writes[1]!, /^\r\[#{24}\] 100% write \d+\.\d s\x1b\[K$/);
    assert.equal(writes[2], '\r\x1b[K');
    const quiet: string[] = [];
    const slow = new ProgressBar((t) => quiet.push(t), 60_000);
    slow.update('load', 0.5);
    slow.clear();
    assert.deepEqual(quiet, []);
  });
});

/** A frozen GraphDef x → LitelabNoSuchOpA (a) → LitelabNoSuchOpB (b) → LitelabNoSuchOpA (c), hand-encoded. */
function unsupportedGraphDef(): Uint8Array {
  const enc = new TextEncoder();
  const varint = (n: number): number[] => { const o: number[] = []; while (n > 127) { o.push((n & 127) | 128); n = Math.floor(n / 128); } o.push(n); return o; };
  const ld = (no: number, p: Uint8Array | number[]): number[] => [...varint((no << 3) | 2), ...varint(p.length), ...p];
  const vi = (no: number, v: number): number[] => [...varint(no << 3), ...varint(v)];
  const attr = (key: string, value: number[]): number[] => ld(5, [...ld(1, enc.encode(key)), ...ld(2, value)]);
  const node = (name: string, op: string, inputs: string[], attrs: number[][]): number[] =>
    ld(1, [...ld(1, enc.encode(name)), ...ld(2, enc.encode(op)), ...inputs.flatMap((i) => ld(3, enc.encode(i))), ...attrs.flat()]);
  const T = attr('T', vi(6, 1));
  return new Uint8Array([
    ...node('x', 'Placeholder', [], [attr('dtype', vi(6, 1)), attr('shape', ld(7, [...ld(2, vi(1, 1)), ...ld(2, vi(1, 4))]))]),
    ...node('a', 'LitelabNoSuchOpA', ['x'], [T]),
    ...node('b', 'LitelabNoSuchOpB', ['a'], [T]),
    ...node('c', 'LitelabNoSuchOpA', ['b'], [T]),
  ]);
}

// Each run is a Node process loading the sources through tsx (~0.8 s): a handful, two at a time.
describe('litelab convert, as users run it', { concurrency: 2 }, () => {
  let tmp = '';
  before(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'litelab-convert-cli-')); });
  after(() => { fs.rmSync(tmp, { recursive: true, force: true }); });

  for (const [name, args] of [
    ['MNIST SavedModel', (out: string) => [MNIST, '-o', out]],
    ['ResNet-8 .h5 (tflite_convert flags)', (out: string) => [`--keras_model_file=${RESNET}`, `--output_file=${out}`]],
  ] as const) {
    test(`${name}: writes a .tflite that litelab inspect reads`, async () => {
      const out = path.join(tmp, `${name.split(' ')[0]}.tflite`);
      const r = await litelab('convert', ...args(out));
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '');
      const m = /^wrote (.+) \((\d+) ops, ([\d.]+) KB\) in ([\d.]+) s\n$/.exec(r.stdout);
      assert.ok(m, r.stdout);
      assert.equal(m[1], out);
      assert.ok(Math.abs(Number(m[3]) - fs.statSync(out).size / 1024) < 0.1);
      const i = await litelab('inspect', out, '--json');
      assert.equal(i.code, 0, i.stderr);
      const report = JSON.parse(i.stdout) as { sizes: { operators: number } };
      assert.equal(report.sizes.operators, Number(m[2]));
    });
  }

  test('damaged saved_model.pb: exit 1, one line naming the file, no output', async () => {
    const pb = new Uint8Array(fs.readFileSync(path.join(MNIST, 'saved_model.pb')));
    const dir = mnistCopy(path.join(tmp, 'damaged'), { file: 'saved_model.pb', bytes: pb.slice(0, pb.length >> 1) });
    const out = path.join(tmp, 'damaged.tflite');
    assertOneLineError(await litelab('convert', '--saved_model_dir', dir, '-o', out), 1, /^FormatError: .*damaged\/saved_model\.pb: /, 'damaged');
    assert.ok(!fs.existsSync(out));
  });

  test('truncated .hdf5: exit 1, one line naming the file, no output', async () => {
    const file = path.join(tmp, 'cut.hdf5');
    fs.writeFileSync(file, fs.readFileSync(TOYCAR).subarray(0, 100_000));
    const out = path.join(tmp, 'cut.tflite');
    assertOneLineError(await litelab('convert', file, '-o', out), 1, /^FormatError: .*cut\.hdf5: /, 'truncated');
    assert.ok(!fs.existsSync(out));
  });

  test('output in a missing directory: exit 1, nothing written', async () => {
    const out = path.join(tmp, 'missing', 'o.tflite');
    assertOneLineError(await litelab('convert', path.join(F, 'tfjs_node_times_three_float'), '-o', out), 1,
      /^FormatError: .*missing\/o\.tflite: cannot write the file: the directory does not exist$/, 'missing dir');
    assert.ok(!fs.existsSync(path.join(tmp, 'missing')));
  });

  test('unsupported ops: exit 1, one line listing every op', async () => {
    const file = path.join(tmp, 'unsupported.pb');
    fs.writeFileSync(file, unsupportedGraphDef());
    const out = path.join(tmp, 'unsupported.tflite');
    assertOneLineError(await litelab('convert', file, '-o', out), 1, /^UnsupportedOpError: .*LitelabNoSuchOpA.*LitelabNoSuchOpB|^UnsupportedOpError: .*LitelabNoSuchOpB.*LitelabNoSuchOpA/, 'unsupported');
    assert.ok(!fs.existsSync(out));
  });

  test('--quantize dynamic / float16 write quantized models; other modes exit 1 "not implemented yet"; inconsistent flags: exit 2', async () => {
    const out = path.join(tmp, 'q.tflite');
    for (const [flags, check] of [
      [['--quantize', 'dynamic'], (ops: string[], dtypes: string[]) => !ops.includes('DEQUANTIZE') && dtypes.includes('int8')],
      [['--quantize', 'dynamic', '--per-tensor'], (ops: string[], dtypes: string[]) => !ops.includes('DEQUANTIZE') && dtypes.includes('int8')],
      [['--quantize_to_float16'], (ops: string[], dtypes: string[]) => ops.includes('DEQUANTIZE') && dtypes.includes('float16')],
    ] as const) {
      const r = await litelab('convert', RESNET, '-o', out, ...flags);
      assert.equal(r.code, 0, `${flags.join(' ')}: ${r.stderr}`);
      const g = readTflite(new Uint8Array(fs.readFileSync(out)), out);
      assert.ok(check(g.main.nodes.map((n) => n.op), g.main.tensors.filter((t) => t.isConstant).map((t) => t.dtype)), flags.join(' '));
      fs.rmSync(out);
    }
    assertOneLineError(await litelab('convert', RESNET, '-o', out, '--quantize', 'float16', '--denylist', 'CONV_2D'), 1,
      /^ConversionError: .*pretrainedResnet\.h5: not implemented yet: --quantize float16, --denylist CONV_2D\. /, 'float16 + denylist');
    assertOneLineError(await litelab('convert', RESNET, '-o', out, '--quantize', 'int8'), 2, /^UsageError: --quantize int8 needs --representative-data/, 'int8');
    assert.ok(!fs.existsSync(out));
  });
});
