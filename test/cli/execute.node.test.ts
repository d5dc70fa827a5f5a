/**
 * `litelab execute NB.ipynb -o OUT.ipynb`, run as users run it (a child process): the shipped quickstart runs end to
 * end with no error outputs (the model loaded relative to the notebook's folder, its summary, the interpreter's
 * prediction, the re-written model); a notebook with a failing cell exits 1 with one line naming the cell (index,
 * id, error, line) and writes nothing; usage errors exit 2.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Notebook, readIpynb, writeIpynb } from '../../src/notebook/index.ts';

const ROOT = path.join(import.meta.dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'litelab.mjs');
const QUICKSTART = path.join(ROOT, 'notebooks', 'quickstart.ipynb');

interface Run { code: number; stdout: string; stderr: string }

function litelab(...args: string[]): Promise<Run> {
  return new Promise<Run>((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: os.tmpdir() }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

describe('litelab execute', () => {
  let dir = '';
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'litelab-execute-')); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('runs the quickstart end to end and writes its outputs', async () => {
    const out = path.join(dir, 'quickstart.out.ipynb');
    const r = await litelab('execute', QUICKSTART, '-o', out);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
    const nb = readIpynb(fs.readFileSync(out), out);
    const outputs = nb.cells.flatMap((c) => c.outputs);
    assert.deepEqual(outputs.filter((o) => o.type === 'error'), []);
    const code = nb.cells.filter((c) => c.kind === 'code');
    assert.ok(code.every((c) => c.executionCount !== null && c.outputs.length > 0), 'every code cell ran and showed something');
    const summary = outputs.find((o) => o.type === 'result' && o.data['application/vnd.litelab.model-summary+json']);
    assert.ok(summary && summary.type === 'result');
    const json = summary.data['application/vnd.litelab.model-summary+json'] as { operators: number; opCounts: Record<string, number>; name: string };
    assert.equal(json.operators, 5);
    assert.deepEqual(json.opCounts, { FULLY_CONNECTED: 4, SOFTMAX: 1 });
    assert.equal(json.name, 'mnist_mlp.tflite', 'no local path leaks into the notebook');
    const streams = outputs.flatMap((o) => (o.type === 'stream' ? [o.text] : [])).join('');
    assert.match(streams, /predicted digit: 0\n/);
    assert.match(streams, /same prediction: true\n/);
    const text = fs.readFileSync(out, 'utf8');
    assert.ok(!text.includes(ROOT), 'outputs do not name the local folder');
    assert.ok(text.length < 64 * 1024, 'model bytes are not embedded');
  });

  test('a failing cell: exit 1 naming the cell and its line, nothing written', async () => {
    const nb = new Notebook({ cells: [
      { id: 'ok', source: 'const a = 1;' },
      { kind: 'markdown', source: '# note' },
      { id: 'boom', source: 'const b = a + 1;\nnull.x;' },
    ] });
    const file = path.join(dir, 'failing.ipynb');
    fs.writeFileSync(file, writeIpynb(nb));
    const out = path.join(dir, 'failing.out.ipynb');
    const r = await litelab('execute', file, '-o', out);
    assert.equal(r.code, 1);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /^CellExecutionError: .*failing\.ipynb: cell 2 \(id boom\) failed at line 2: TypeError: /);
    assert.equal(fs.existsSync(out), false);
  });

  test('a missing model file is the failing cell\'s error', async () => {
    const nb = new Notebook({ cells: [{ id: 'load', source: "const m = await load('models/nope.tflite');" }] });
    const file = path.join(dir, 'missing.ipynb');
    fs.writeFileSync(file, writeIpynb(nb));
    const r = await litelab('execute', file, '-o', path.join(dir, 'missing.out.ipynb'));
    assert.equal(r.code, 1);
    assert.match(r.stderr, /cell 0 \(id load\) failed.*FormatError: .*nope\.tflite: cannot read the file: no such file/);
  });

  test('usage errors exit 2', async () => {
    assert.equal((await litelab('execute', QUICKSTART)).code, 2);
    assert.equal((await litelab('execute')).code, 2);
  });
});
