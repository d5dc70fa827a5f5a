/**
 * `litelab inspect`, run as users run it (`node bin/litelab.mjs …` in a child process): every fixture inspects with
 * exit 0 (text naming every operator type; `--json` with the right operator count); bad input (missing file,
 * truncated copy, not a TFLite file) exits 1 with ONE line on stderr and no stack; usage errors exit 2.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readTflite, sniffTflite } from '../../src/formats/tflite/index.ts';
import type { InspectReport } from '../../src/formats/tflite/index.ts';

const ROOT = path.join(import.meta.dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'litelab.mjs');
const FIXTURES_DIR = path.join(ROOT, 'test', 'fixtures');

interface Run { code: number; stdout: string; stderr: string }

function litelab(...args: string[]): Promise<Run> {
  return new Promise<Run>((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function assertOneLineError(r: Run, code: number, prefix: RegExp, what: string): void {
  assert.equal(r.code, code, `${what}: exit code (stderr: ${r.stderr})`);
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `${what}: one line on stderr, got:\n${r.stderr}`);
  assert.match(lines[0]!, prefix, what);
  assert.doesNotMatch(r.stderr, /^\s+at /m, `${what}: no stack trace`);
}

function findFixtures(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return findFixtures(p);
    return /\.(tflite|bin)$/.test(e.name) && sniffTflite(new Uint8Array(fs.readFileSync(p))) ? [p] : [];
  }).sort();
}

// Two CLIs at a time: each is a Node process loading ~200 TypeScript modules through tsx (~0.7 s of CPU).
describe('litelab inspect on every fixture', { concurrency: 2 }, () => {
  const fixtures = findFixtures(FIXTURES_DIR);
  test('fixtures found', () => assert.ok(fixtures.length >= 20, `${fixtures.length} fixtures`));
  for (const file of fixtures) {
    const name = path.relative(FIXTURES_DIR, file);
    const graph = readTflite(new Uint8Array(fs.readFileSync(file)), name);
    const ops = new Set(graph.subgraphs.flatMap((s) => s.nodes.map((n) => n.op)));
    const nodeCount = graph.subgraphs.reduce((a, s) => a + s.nodes.length, 0);

    test(`${name}: text`, async () => {
      const r = await litelab('inspect', file);
      assert.equal(r.code, 0, `${name}: exit code (stderr: ${r.stderr})`);
      assert.equal(r.stderr, '', `${name}: stderr`);
      for (const op of ops) assert.match(r.stdout, new RegExp(`\\b${op}\\b`), `${name}: mentions ${op}`);
      assert.match(r.stdout, /Subgraph 0/, `${name}: subgraph section`);
    });

    test(`${name}: --json`, async () => {
      const r = await litelab('inspect', file, '--json');
      assert.equal(r.code, 0, `${name}: exit code (stderr: ${r.stderr})`);
      const report = JSON.parse(r.stdout) as InspectReport;
      assert.equal(report.subgraphs.reduce((a, s) => a + s.operators.length, 0), nodeCount, `${name}: operator count`);
      assert.equal(report.sizes.operators, nodeCount, `${name}: sizes.operators`);
      assert.deepEqual(new Set(report.subgraphs.flatMap((s) => s.operators.map((o) => o.op))), ops, `${name}: operator types`);
      assert.equal(report.sizes.fileBytes, fs.statSync(file).size, `${name}: file size`);
    });
  }
});

describe('litelab errors and usage', () => {
  let tmp = '';
  before(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'litelab-cli-')); });
  after(() => { fs.rmSync(tmp, { recursive: true, force: true }); });

  test('a missing file: exit 1, one line, FormatError naming the file', async () => {
    const missing = path.join(tmp, 'nope.tflite');
    const r = await litelab('inspect', missing);
    assertOneLineError(r, 1, /^FormatError: .*nope\.tflite: cannot read the file: no such file$/, 'missing file');
    assert.equal(r.stdout, '');
  });

  test('a truncated fixture: exit 1, one line, no stack', async () => {
    const bytes = fs.readFileSync(path.join(FIXTURES_DIR, 'gitadi_mnist_cnn_keras', 'model_int8_28.tflite'));
    for (const fraction of [0.1, 0.5, 0.9]) {
      const cut = path.join(tmp, `cut-${fraction}.tflite`);
      fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * fraction)));
      const r = await litelab('inspect', cut);
      assertOneLineError(r, 1, /^FormatError: .*cut-[\d.]+\.tflite: /, `truncated at ${fraction}`);
    }
  });

  test('a file that is not a TFLite model: exit 1, one line', async () => {
    const r = await litelab('inspect', path.join(ROOT, 'package.json'));
    assertOneLineError(r, 1, /^FormatError: .*package\.json: .*TFL3/, 'package.json');
  });

  test('no arguments: exit 2 with usage on stderr', async () => {
    const r = await litelab();
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^UsageError: no command given/);
    assert.equal(r.stdout, '');
  });

  test('unknown command, unknown option, missing model: exit 2', async () => {
    for (const args of [['frobnicate'], ['inspect', '--bogus', 'x.tflite'], ['inspect']]) {
      const r = await litelab(...args);
      assert.equal(r.code, 2, `litelab ${args.join(' ')}: exit code (stderr: ${r.stderr})`);
      assert.match(r.stderr, /^UsageError: /, `litelab ${args.join(' ')}`);
      assert.doesNotMatch(r.stderr, /^\s+at /m);
    }
  });

  test('--help: exit 0, lists inspect', async () => {
    const r = await litelab('--help');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^\s+inspect\s+/m);
    const sub = await litelab('inspect', '--help');
    assert.equal(sub.code, 0);
    assert.match(sub.stdout, /usage: litelab inspect MODEL\.tflite \[--json\]/);
  });
});
