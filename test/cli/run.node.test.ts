/**
 * `litelab run`, as users run it (`node bin/litelab.mjs run …` in a child process): .npy inputs written by the test,
 * outputs read back and compared with the in-process interpreter; inputs by position and by name; int8 inputs from
 * integer or float data (quantized with the input's parameters); `--profile`; and the failures — wrong shape (exit 1
 * naming the input and the expected shape, nothing written), wrong input count, bad .npy, webgpu without kernels
 * (exit 1, one line), usage errors (exit 2).
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readNpy, writeNpy } from '../../src/formats/npy/index.ts';
import { quantizeValues } from '../../src/runtime/cpu/kernels/float/quantize.ts';
import { Interpreter } from '../../src/runtime/interpreter/index.ts';
import { Rng } from '../../src/util/random.ts';
import { act, constant, oneOpModel, quant } from '../runtime/interpreter/op-model.ts';

const ROOT = path.join(import.meta.dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'litelab.mjs');
const FIX = path.join(ROOT, 'test', 'fixtures');
const MLP = path.join(FIX, 'sgx_mnist_mlp_savedmodel', 'model_no_quant.tflite');
const MULTI_ADD = path.join(FIX, 'litert_multi_add_graphdef', 'multi_add.bin');

interface Run { code: number; stdout: string; stderr: string }

function litelab(...args: string[]): Promise<Run> {
  return new Promise<Run>((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

function oneLine(r: Run, code: number, re: RegExp): void {
  assert.equal(r.code, code, `exit code (stderr: ${r.stderr})`);
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, code === 2 ? 2 : 1, `stderr: ${r.stderr}`);
  assert.match(lines[0]!, re);
  assert.doesNotMatch(r.stderr, /^\s+at /m);
}

let dir = '';
const p = (...parts: string[]) => path.join(dir, ...parts);
const save = (name: string, data: Parameters<typeof writeNpy>[0]) => { fs.writeFileSync(p(name), writeNpy(data)); return p(name); };

before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'litelab-run-')); });
after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('litelab run', { concurrency: 2 }, () => {
  test('MNIST MLP on a batch of 3: outputs equal the in-process interpreter', async () => {
    const x = new Rng(7).float32Array(3 * 784, 0, 1);
    const input = save('mlp_x.npy', { data: x, shape: [3, 784] });
    const r = await litelab('run', MLP, '--input', input, '--output-dir', p('mlp_out'));
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, '');
    const listing = JSON.parse(fs.readFileSync(p('mlp_out', 'outputs.json'), 'utf8')) as { backend: string; outputs: { index: number; name: string; dtype: string; shape: number[]; file: string }[] };
    assert.equal(listing.backend, 'cpu');
    assert.deepEqual(listing.outputs.map((o) => [o.index, o.name, o.dtype, o.shape, o.file]), [[0, 'StatefulPartitionedCall:0', 'float32', [3, 10], 'output_0.npy']]);
    const out = readNpy(new Uint8Array(fs.readFileSync(p('mlp_out', 'output_0.npy'))));
    const interp = await Interpreter.create(new Uint8Array(fs.readFileSync(MLP)));
    const [y] = await interp.run([{ data: x, shape: [3, 784] }]);
    assert.deepEqual(out.shape, [3, 10]);
    assert.deepEqual(Array.from(out.data as Float32Array), Array.from(y!.data as Float32Array));
    assert.deepEqual(fs.readdirSync(p('mlp_out')).sort(), ['output_0.npy', 'outputs.json']);
  });

  test('four inputs by name (any order), two outputs in model order, float64 data converted', async () => {
    const rng = new Rng(8);
    const feeds = Object.fromEntries(['a', 'b', 'c', 'd'].map((n) => [n, Float64Array.from(rng.float32Array(192))]));
    const args = ['d', 'b', 'a', 'c'].flatMap((n) => ['--input', `${n}=${save(`${n}.npy`, { data: feeds[n]!, shape: [1, 8, 8, 3] })}`]);
    const r = await litelab('run', MULTI_ADD, ...args, '--output-dir', p('multi_out'));
    assert.equal(r.code, 0, r.stderr);
    const interp = await Interpreter.create(new Uint8Array(fs.readFileSync(MULTI_ADD)));
    const ours = await interp.run(Object.fromEntries(Object.entries(feeds).map(([k, v]) => [k, Float32Array.from(v)])));
    ours.forEach((o, i) => {
      const back = readNpy(new Uint8Array(fs.readFileSync(p('multi_out', `output_${i}.npy`))));
      assert.deepEqual(Array.from(back.data as Float32Array), Array.from(o.data as Float32Array), `output ${i}`);
    });
    const listing = JSON.parse(fs.readFileSync(p('multi_out', 'outputs.json'), 'utf8')) as { outputs: { name: string }[] };
    assert.deepEqual(listing.outputs.map((o) => o.name), interp.getOutputDetails().map((d) => d.name));
  });

  test('int8 input: integer data as is, float data quantized with its scale and zero point; int8 output', async () => {
    const q = quant(0.05, -3);
    const model = p('int8_identity.tflite');
    fs.writeFileSync(model, oneOpModel({
      op: 'RESHAPE',
      inputs: [act('x', 'int8', [2, 3], q), constant('shape', 'int32', [1], Int32Array.of(-1))],
      outputs: [act('y', 'int8', [6], q)],
    }));
    const ints = Int8Array.of(-128, -3, 0, 5, 100, 127);
    let r = await litelab('run', model, '--input', save('q_int.npy', { data: ints, shape: [2, 3] }), '--output-dir', p('q_int'));
    assert.equal(r.code, 0, r.stderr);
    let out = readNpy(new Uint8Array(fs.readFileSync(p('q_int', 'output_0.npy'))));
    assert.equal(out.dtype, 'int8');
    assert.deepEqual(Array.from(out.data as Int8Array), Array.from(ints));
    const floats = Float32Array.of(-10, -0.15, 0.026, 1, 2.5, 9);
    r = await litelab('run', model, '--input', save('q_float.npy', { data: floats, shape: [2, 3] }), '--output-dir', p('q_float'));
    assert.equal(r.code, 0, r.stderr);
    out = readNpy(new Uint8Array(fs.readFileSync(p('q_float', 'output_0.npy'))));
    assert.deepEqual(Array.from(out.data as Int8Array), Array.from(quantizeValues(floats, q, 'int8') as Int8Array));
    assert.deepEqual(Array.from(out.data as Int8Array), [-128, -6, -2, 17, 47, 127]);
    const json = JSON.parse(fs.readFileSync(p('q_float', 'outputs.json'), 'utf8')) as { outputs: { quantization: { scale: number[]; zeroPoint: number[] } }[] };
    assert.deepEqual(json.outputs[0]!.quantization.zeroPoint, [-3]);
    r = await litelab('run', model, '--input', save('q_big.npy', { data: Int32Array.of(0, 0, 0, 0, 0, 300), shape: [2, 3] }), '--output-dir', p('q_big'));
    oneLine(r, 1, /^FormatError: .*q_big\.npy: input 'x' is int8: value 300 at index 5 is out of range \[-128, 127\]$/);
  });

  test('--profile prints one line per operator and a total', async () => {
    const input = save('prof_x.npy', { data: new Float32Array(784), shape: [1, 784] });
    const r = await litelab('run', MLP, '--input', input, '--output-dir', p('prof_out'), '--profile');
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.match(lines[0]!, /#\s+op\s+kind\s+ms\s+node/);
    assert.equal(lines.filter((l) => /^\s+\d+\s+FULLY_CONNECTED\s+float\s+\d+\.\d{3}\s+tfl\.fully_connected/.test(l)).length, 4);
    assert.ok(lines.some((l) => /^\s+4\s+SOFTMAX\s+float/.test(l)));
    assert.ok(lines.some((l) => /^\s+total\s+\d+\.\d{3}$/.test(l)));
  });

  test('a wrong input shape exits 1 naming the input and the expected shape, and writes nothing', async () => {
    const input = save('bad_x.npy', { data: new Float32Array(2 * 785), shape: [2, 785] });
    const r = await litelab('run', MLP, '--input', input, '--output-dir', p('bad_out'));
    oneLine(r, 1, /^InterpreterError: .*model_no_quant\.tflite: input 0 'serving_default_dense_input:0' expects shape \[-1, 784\] \(float32\), got \[2, 785\]$/);
    assert.equal(fs.existsSync(p('bad_out')), false);
  });

  test('input count, unknown name, bad .npy, webgpu without kernels: exit 1, one line', async () => {
    const x = save('ok_x.npy', { data: new Float32Array(784), shape: [1, 784] });
    oneLine(await litelab('run', MULTI_ADD, '--input', x, '--output-dir', p('e1')), 1, /^InterpreterError: .*multi_add\.bin: the model has 4 inputs \(a, b, c, d\), got 1 --input$/);
    oneLine(await litelab('run', MLP, '--input', `image=${x}`, '--output-dir', p('e2')), 1, /^InterpreterError: .*no input named 'image'/);
    fs.writeFileSync(p('junk.npy'), 'not numpy');
    oneLine(await litelab('run', MLP, '--input', p('junk.npy'), '--output-dir', p('e3')), 1, /^FormatError: .*junk\.npy: .*not a \.npy file/);
    // A one-op int8 model whose op (CUMSUM) has no GPU kernel.
    const cumsum = p('cumsum.tflite');
    fs.writeFileSync(cumsum, oneOpModel({ op: 'CUMSUM', inputs: [act('v', 'int8', [4], quant(0.1)), constant('axis', 'int32', [], Int32Array.of(0))], outputs: [act('cum', 'int8', [4], quant(0.1))] }));
    oneLine(await litelab('run', cumsum, '--input', x, '--output-dir', p('e4'), '--backend', 'webgpu'), 1,
      /^UnsupportedOpError: .*cumsum\.tflite \(webgpu backend\): unsupported ops: CUMSUM \[int8\] \(cum\)$/);
    oneLine(await litelab('run', p('missing.tflite'), '--input', x, '--output-dir', p('e5')), 1, /^FormatError: .*missing\.tflite: cannot read the file: no such file/);
    for (const d of ['e1', 'e2', 'e3', 'e4', 'e5']) assert.equal(fs.existsSync(p(d)), false, d);
  });

  test('usage errors exit 2', async () => {
    const x = save('u_x.npy', { data: new Float32Array(784), shape: [1, 784] });
    oneLine(await litelab('run', MLP, '--input', x), 2, /^UsageError: missing --output-dir DIR$/);
    oneLine(await litelab('run', MLP, '--output-dir', p('u')), 2, /^UsageError: missing --input/);
    oneLine(await litelab('run', '--input', x, '--output-dir', p('u')), 2, /^UsageError: missing MODEL\.tflite$/);
    oneLine(await litelab('run', MLP, '--input', x, '--output-dir', p('u'), '--backend', 'tpu'), 2, /^UsageError: --backend must be cpu or webgpu/);
    oneLine(await litelab('run', MULTI_ADD, '--input', `a=${x}`, '--input', x, '--output-dir', p('u')), 2, /^UsageError: give every --input either as FILE/);
    const help = await litelab('run', '--help');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^usage: litelab run MODEL\.tflite --input a\.npy/);
  });
});
