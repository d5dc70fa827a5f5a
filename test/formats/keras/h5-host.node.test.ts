/**
 * The warm HDF5 worker (`src/formats/keras/h5-host.ts`): reads share one worker, concurrent reads are queued, and a
 * worker that hung or failed is replaced so the next read works. (That the test process exits at all shows the idle
 * worker is unref'd.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { FormatError } from '../../../src/errors.ts';
import { readH5InWorker, stopH5Worker } from '../../../src/formats/keras/h5-host.ts';
import { loadKeras } from '../../../src/formats/keras/index.ts';

const H5 = new Uint8Array(fs.readFileSync('test/fixtures/mlperf_tiny_ic_resnet8/pretrainedResnet.h5'));

function hanging(): Uint8Array {
  const b = H5.slice();
  b[2129] = b[2129]! ^ 0x08; // HDF5 never returns from reading the root attributes (see keras-damaged)
  return b;
}

test('concurrent reads are queued on the warm worker and all succeed; the caller keeps its bytes', async () => {
  const rs = await Promise.all([1, 2, 3].map(() => readH5InWorker({ bytes: H5, skip: ['/optimizer_weights'] }, 20_000)));
  for (const r of rs) assert.ok(r.ok && 'model_weights' in r.root.children);
  assert.equal(H5.byteLength > 0 && H5[0], 0x89);
});

test('a read after a hang (worker terminated) and after a damaged file (worker replaced) works', async () => {
  await assert.rejects(loadKeras(hanging(), 'hang.h5', { timeoutMs: 1500 }), (e: unknown) => e instanceof FormatError && /did not finish/.test(e.message));
  const ok = await loadKeras(H5, 'pretrainedResnet.h5');
  assert.ok(ok.graph.main.nodes.length > 0);
  await assert.rejects(loadKeras(H5.slice(0, 4096), 'cut.h5'), FormatError);
  const again = await loadKeras(H5, 'pretrainedResnet.h5');
  assert.equal(again.graph.main.nodes.length, ok.graph.main.nodes.length);
});

test('a read queued behind a hanging one gets its own time limit and a fresh worker', async () => {
  const hang = loadKeras(hanging(), 'hang.h5', { timeoutMs: 1500 });
  const next = loadKeras(H5, 'pretrainedResnet.h5', { timeoutMs: 20_000 });
  await assert.rejects(hang, FormatError);
  assert.ok((await next).graph.main.nodes.length > 0);
  stopH5Worker();
  assert.ok((await loadKeras(H5, 'pretrainedResnet.h5')).graph.main.nodes.length > 0);
});
