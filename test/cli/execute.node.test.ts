/**
 * `litelab execute NB.ipynb -o OUT.ipynb`, run as users run it (a child process): every notebook shipped in
 * `notebooks/` runs end to end with no error outputs, on one shared backend (webgpu through Dawn here, else cpu with
 * its one-line notice) that is destroyed at the end so the process exits; the quickstart converts the bundled
 * SavedModel and agrees with the official converter's `.tflite`; a notebook with a failing cell exits 1 with one line
 * naming the cell (index, id, error, line) and writes nothing; usage errors exit 2.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Notebook, readIpynb, writeIpynb, type CellOutput } from '../../src/notebook/index.ts';

const ROOT = path.join(import.meta.dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'litelab.mjs');
const NOTEBOOKS = path.join(ROOT, 'notebooks');
const QUICKSTART = path.join(NOTEBOOKS, 'quickstart.ipynb');
const SHIPPED = fs.readdirSync(NOTEBOOKS).filter((f) => f.endsWith('.ipynb')).sort();

interface Run { code: number; stdout: string; stderr: string }

function litelab(...args: string[]): Promise<Run> {
  return new Promise<Run>((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: os.tmpdir() }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

/** stderr without the Vulkan loader's environment chatter (XDG_RUNTIME_DIR unset) and the cpu fallback notice. */
const stderrProper = (text: string): string =>
  text.split('\n').filter((l) => l && !/XDG_RUNTIME_DIR/.test(l) && !/^litelab: .*; using the cpu backend$/.test(l)).join('\n');

const streamsOf = (outputs: CellOutput[]): string => outputs.flatMap((o) => (o.type === 'stream' ? [o.text] : [])).join('');

describe('litelab execute', () => {
  let dir = '';
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'litelab-execute-')); });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('ships the example notebooks', () => {
    assert.deepEqual(SHIPPED, ['dynamic-range.ipynb', 'inspect-and-run.ipynb', 'quickstart.ipynb']);
  });

  for (const name of SHIPPED) {
    test(`runs notebooks/${name} end to end with no error outputs`, async () => {
      const out = path.join(dir, name.replace(/\.ipynb$/, '.out.ipynb'));
      const r = await litelab('execute', path.join(NOTEBOOKS, name), '-o', out);
      assert.equal(stderrProper(r.stderr), '');
      assert.equal(r.code, 0);
      assert.match(r.stdout, /^executed \d+ code cells of /);
      const nb = readIpynb(fs.readFileSync(out), out);
      const outputs = nb.cells.flatMap((c) => c.outputs);
      assert.deepEqual(outputs.filter((o) => o.type === 'error'), []);
      const code = nb.cells.filter((c) => c.kind === 'code');
      assert.ok(code.every((c) => c.executionCount !== null && c.outputs.length > 0), 'every code cell ran and showed something');
      const text = fs.readFileSync(out, 'utf8');
      assert.ok(!text.includes(ROOT), 'outputs do not name the local folder');
      assert.ok(text.length < 64 * 1024, 'model bytes are not embedded');
    });
  }

  test('the quickstart converts the SavedModel and agrees with the official converter', async () => {
    const out = path.join(dir, 'quickstart.check.ipynb');
    const r = await litelab('execute', QUICKSTART, '-o', out);
    assert.equal(r.code, 0, r.stderr);
    const nb = readIpynb(fs.readFileSync(out), out);
    const outputs = nb.cells.flatMap((c) => c.outputs);
    const first = outputs.find((o) => o.type === 'result');
    assert.ok(first && first.type === 'result');
    assert.equal(first.data['text/plain'], '"savedmodel"');
    const summary = outputs.find((o) => o.type === 'result' && o.data['application/vnd.litelab.model-summary+json']);
    assert.ok(summary && summary.type === 'result');
    const json = summary.data['application/vnd.litelab.model-summary+json'] as { operators: number; opCounts: Record<string, number>; name: string };
    assert.equal(json.operators, 5);
    assert.deepEqual(json.opCounts, { FULLY_CONNECTED: 4, SOFTMAX: 1 });
    assert.equal(json.name, 'mnist_mlp.tflite');
    const streams = streamsOf(outputs);
    // one backend for the whole notebook: webgpu when Dawn finds an adapter, else cpu (and the notice says so)
    const backend = /using the cpu backend/.test(r.stderr) ? 'cpu' : 'webgpu';
    assert.match(streams, new RegExp(`predicted digit: 0 \\(on ${backend}\\)\n`));
    assert.match(streams, /same prediction: true\nlargest difference: below 1e-5\n/);
  });

  test('dynamic range: smaller, same top-1 as float; int8 on both backends: equal', async () => {
    const runs = await Promise.all(['dynamic-range', 'inspect-and-run'].map(async (n) => {
      const out = path.join(dir, `${n}.check.ipynb`);
      const r = await litelab('execute', path.join(NOTEBOOKS, `${n}.ipynb`), '-o', out);
      assert.equal(r.code, 0, r.stderr);
      return streamsOf(readIpynb(fs.readFileSync(out), out).cells.flatMap((c) => c.outputs));
    }));
    const [dynamic, int8] = runs as [string, string];
    const [, float, dyn] = /float: +([\d.]+) KB\ndynamic range: ([\d.]+) KB/.exec(dynamic) ?? [];
    assert.ok(Number(dyn) * 2.5 < Number(float), dynamic);
    assert.match(dynamic, /top-1 agreement: 8\/8\n/);
    assert.match(int8, /predicted digit: 0\n/);
    assert.match(int8, /cpu vs (webgpu|cpu): largest difference 0 LSB\n/);
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
    assert.equal(stderrProper(r.stderr).split('\n').length, 1);
    assert.match(stderrProper(r.stderr), /^CellExecutionError: .*failing\.ipynb: cell 2 \(id boom\) failed at line 2: TypeError: /);
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
