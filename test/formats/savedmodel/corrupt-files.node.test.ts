// Damaged SavedModel files (truncations and seeded byte flips of the MNIST fixture) give a FormatError naming the
// damaged file — never another exception type, never a hang.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { memoryFiles } from '../../../src/formats/model-source.ts';
import { loadSavedModel } from '../../../src/formats/savedmodel/index.ts';
import { FormatError } from '../../../src/errors.ts';
import { Rng } from '../../../src/util/random.ts';

const DIR = 'test/fixtures/sgx_mnist_mlp_savedmodel/saved_model';
const PATHS = ['saved_model.pb', 'variables/variables.index', 'variables/variables.data-00000-of-00001'];
const ORIGINAL: Record<string, Uint8Array> = Object.fromEntries(PATHS.map((p) => [p, new Uint8Array(readFileSync(`${DIR}/${p}`))]));

/** 10 truncations (to a random length) and 30 single-bit flips at random offsets, seeded per file. */
function mutations(path: string, seed: number): { what: string; bytes: Uint8Array }[] {
  const rng = new Rng(seed);
  const o = ORIGINAL[path]!;
  const out: { what: string; bytes: Uint8Array }[] = [];
  for (let i = 0; i < 10; i++) {
    const n = rng.int(0, o.length - 1);
    out.push({ what: `truncated to ${n} bytes`, bytes: o.slice(0, n) });
  }
  for (let i = 0; i < 30; i++) {
    const at = rng.int(0, o.length - 1), bit = rng.int(0, 7);
    const m = o.slice();
    m[at]! ^= 1 << bit;
    out.push({ what: `bit ${bit} of byte ${at} flipped`, bytes: m });
  }
  return out;
}

/** Loads with one file replaced; returns 'ok' or the FormatError; anything else fails the test. */
async function loadMutated(path: string, bytes: Uint8Array, what: string): Promise<'ok' | FormatError> {
  const started = performance.now();
  try {
    await loadSavedModel(memoryFiles('mnist', { ...ORIGINAL, [path]: bytes }));
    return 'ok';
  } catch (e) {
    if (!(e instanceof FormatError)) assert.fail(`${path} ${what}: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    return e;
  } finally {
    assert.ok(performance.now() - started < 10_000, `${path} ${what}: took ${performance.now() - started} ms`);
  }
}

test('the unmodified files load', async () => {
  assert.equal((await loadSavedModel(memoryFiles('mnist', ORIGINAL))).signatureKey, 'serving_default');
});

test('variables.data: every truncation and flip is caught (entry CRCs), naming the data file', { timeout: 120_000 }, async () => {
  const path = PATHS[2]!;
  for (const { what, bytes } of mutations(path, 3)) {
    const r = await loadMutated(path, bytes, what);
    assert.ok(r instanceof FormatError, `${what}: loaded`);
    assert.equal(r.file, `mnist/${path}`, what);
  }
});

test('variables.index: every truncation and flip is caught (block CRCs, footer checks), naming the index', { timeout: 120_000 }, async () => {
  const path = PATHS[1]!;
  for (const { what, bytes } of mutations(path, 2)) {
    const r = await loadMutated(path, bytes, what);
    assert.ok(r instanceof FormatError, `${what}: loaded`);
    assert.equal(r.file, `mnist/${path}`, what);
  }
});

test('saved_model.pb: truncations are FormatErrors; flips are FormatErrors naming it or still-valid protos', { timeout: 120_000 }, async () => {
  // saved_model.pb has no checksum (TF 2.4 wrote no fingerprint.pb), so a flip inside a name, a float or an unused
  // function can leave a valid SavedModel: those load. Library functions no signature reaches are never decoded
  // (src/formats/savedmodel/lazy-decode.ts), so any flip inside one loads too — in this TF2 model most of the
  // function library is unreachable. What must never happen is another error type or a hang.
  const path = PATHS[0]!;
  let caught = 0;
  for (const { what, bytes } of mutations(path, 1)) {
    const r = await loadMutated(path, bytes, what);
    if (what.startsWith('truncated')) assert.ok(r instanceof FormatError, `${what}: loaded`);
    if (r instanceof FormatError) {
      assert.equal(r.file, `mnist/${path}`, `${what}: ${r.message}`);
      caught++;
    }
  }
  assert.ok(caught >= 10, `only ${caught} of 40 damaged files were rejected`);
});
