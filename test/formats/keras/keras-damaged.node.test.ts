/**
 * Damaged files: truncations and seeded byte flips of the .h5 fixture and of the .keras fixture (the zip itself, and
 * its model.weights.h5 re-zipped with valid CRCs) either load or give a FormatError naming the file — never another
 * exception type, never a hang. The one exception allowed: a flip inside the .h5's model_config JSON text that
 * leaves valid JSON naming another layer class gives the UnsupportedOpError / ConversionError that such a config
 * deserves. A mutation that makes HDF5 itself loop forever is stopped by the time limit.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { unzipSync, zipSync } from 'fflate';
import { ConversionError, FormatError, UnsupportedOpError } from '../../../src/errors.ts';
import { loadKeras } from '../../../src/formats/keras/index.ts';

const H5 = new Uint8Array(fs.readFileSync('test/fixtures/mlperf_tiny_ic_resnet8/pretrainedResnet.h5'));
const KERAS = new Uint8Array(fs.readFileSync('test/fixtures/gitadi_mnist_cnn_keras/baseline_cnn_28.keras'));
const TIMEOUT_MS = 8000;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Mutation {
  bytes: Uint8Array;
  flips: number[];
  what: string;
}

function mutations(orig: Uint8Array, seed: number, truncations: number, flipSets: number, region: number): Mutation[] {
  const r = rng(seed);
  const out: Mutation[] = [];
  for (let i = 0; i < truncations; i++) {
    const len = i === 0 ? 0 : i === 1 ? 7 : Math.floor(r() * orig.length);
    out.push({ bytes: orig.slice(0, len), flips: [], what: `truncated to ${len} bytes` });
  }
  for (let i = 0; i < flipSets; i++) {
    const b = orig.slice();
    const flips: number[] = [];
    const limit = i % 2 === 0 ? Math.min(region, b.length) : b.length; // metadata-heavy start, or anywhere
    for (let k = 1 + Math.floor(r() * 12); k > 0; k--) {
      const at = Math.floor(r() * limit);
      b[at] = b[at]! ^ (1 + Math.floor(r() * 255));
      flips.push(at);
    }
    out.push({ bytes: b, flips, what: `bytes flipped at ${flips.join(', ')}` });
  }
  return out;
}

/** Loads `m`; returns the outcome class, asserting the time bound and that errors name the file. */
async function outcome(m: Mutation, file: string): Promise<string> {
  const t0 = Date.now();
  try {
    await loadKeras(m.bytes, file, { timeoutMs: TIMEOUT_MS });
    return 'ok';
  } catch (e) {
    assert.ok(Date.now() - t0 < TIMEOUT_MS + 5000, `${m.what}: bounded time`);
    assert.ok(e instanceof Error && e.message.includes(file), `${m.what}: error names the file: ${String(e)}`);
    if (e instanceof FormatError) return 'FormatError';
    if (e instanceof UnsupportedOpError || e instanceof ConversionError) return e.name;
    assert.fail(`${m.what}: unexpected ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
  }
}

test('.h5: truncations and seeded byte flips load or give a FormatError naming the file', async () => {
  const config = new TextEncoder().encode('{"class_name": "Functional"');
  let start = -1;
  for (let i = 0; i < H5.length && start < 0; i++) if (config.every((c, j) => H5[i + j] === c)) start = i;
  const end = H5.indexOf(0, start); // the JSON text ends at its NUL padding
  assert.ok(start > 0 && end > start);
  const seen: Record<string, number> = {};
  for (const m of mutations(H5, 20261122, 8, 16, 16384)) {
    const o = await outcome(m, 'resnet.h5');
    seen[o] = (seen[o] ?? 0) + 1;
    if (o !== 'ok' && o !== 'FormatError') {
      assert.ok(m.flips.some((at) => at >= start && at < end), `${m.what}: ${o} only from a flip inside model_config`);
    }
    if (m.flips.length === 0) assert.equal(o, 'FormatError', m.what);
  }
  assert.ok((seen['FormatError'] ?? 0) >= 8, JSON.stringify(seen));
});

test('.keras: truncations and byte flips of the zip give a FormatError naming the file', async () => {
  const seen: Record<string, number> = {};
  for (const m of mutations(KERAS, 7, 6, 10, 4096)) {
    const o = await outcome(m, 'mnist.keras');
    seen[o] = (seen[o] ?? 0) + 1;
    assert.ok(o === 'ok' || o === 'FormatError', `${m.what}: ${o}`);
  }
  assert.ok((seen['FormatError'] ?? 0) >= 10, JSON.stringify(seen));
});

test('.keras: a damaged model.weights.h5 inside a well-formed zip gives a FormatError naming the .keras file', async () => {
  const entries = unzipSync(KERAS);
  const seen: Record<string, number> = {};
  for (const m of mutations(entries['model.weights.h5']!, 99, 4, 8, 8192)) {
    const o = await outcome({ ...m, bytes: zipSync({ ...entries, 'model.weights.h5': m.bytes }) }, 'mnist.keras');
    seen[o] = (seen[o] ?? 0) + 1;
    assert.ok(o === 'ok' || o === 'FormatError', `${m.what}: ${o}`);
  }
  assert.ok((seen['FormatError'] ?? 0) >= 4, JSON.stringify(seen));
});

test('a mutation on which HDF5 never returns is stopped by the time limit (FormatError)', async () => {
  // Found by fuzzing: with bit 3 of byte 2129 flipped (in the header of the model_config attribute message),
  // h5wasm never returns from reading the root attributes.
  const b = H5.slice();
  b[2129] = b[2129]! ^ 0x08;
  const t0 = Date.now();
  await assert.rejects(loadKeras(b, 'hang.h5', { timeoutMs: 3000 }), (e: unknown) => e instanceof FormatError && /hang\.h5: .*did not finish/.test(e.message));
  const dt = Date.now() - t0;
  assert.ok(dt >= 3000 && dt < 8000, `stopped after ${dt} ms`);
});
