// ModelFiles: the same view of a model from disk (Node), from dropped files (browser), and from memory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { memoryFiles, subFiles } from '../../src/formats/model-source.ts';
import { nodeFiles } from '../../src/formats/model-source-node.ts';
import { browserFiles, type FileLike } from '../../src/formats/model-source-browser.ts';
import { loadSavedModel } from '../../src/formats/savedmodel/index.ts';
import { FormatError } from '../../src/errors.ts';

const DIR = 'test/fixtures/tfjs_node_times_three_float';
const LISTING = ['SOURCE.md', 'saved_model.pb', 'variables/variables.data-00000-of-00001', 'variables/variables.index'];

const fakeFile = (path: string, bytes: Uint8Array, relative = true): FileLike => ({
  name: path.split('/').pop()!,
  webkitRelativePath: relative ? path : '',
  arrayBuffer: async () => bytes.slice().buffer,
});

test('nodeFiles: a directory lists every file by relative path; a file lists its base name', async () => {
  const dir = await nodeFiles(DIR);
  assert.equal(dir.name, DIR);
  assert.deepEqual(dir.list(), LISTING);
  assert.deepEqual(await dir.read('variables/variables.index'), new Uint8Array(readFileSync(`${DIR}/variables/variables.index`)));
  await assert.rejects(dir.read('nope.pb'), (e) => e instanceof FormatError && e.file === `${DIR}/nope.pb`);
  const one = await nodeFiles(`${DIR}/saved_model.pb`);
  assert.deepEqual(one.list(), ['saved_model.pb']);
  await assert.rejects(nodeFiles(`${DIR}/missing`), FormatError);
});

test('browserFiles: a dropped folder is named by its top folder; loose files keep their names', async () => {
  const files = LISTING.map((p) => fakeFile(`times_three/${p}`, new Uint8Array(readFileSync(`${DIR}/${p}`))));
  const model = browserFiles(files);
  assert.equal(model.name, 'times_three');
  assert.deepEqual(model.list(), LISTING);
  const loaded = await loadSavedModel(model);
  assert.equal(loaded.signatureKey, 'serving_default');
  await assert.rejects(model.read('x'), (e) => e instanceof FormatError && e.file === 'times_three/x');

  const loose = browserFiles([fakeFile('multi_add.pb', new Uint8Array([1, 2]), false)]);
  assert.deepEqual([loose.name, loose.list()], ['multi_add.pb', ['multi_add.pb']]);
  assert.deepEqual(await loose.read('multi_add.pb'), new Uint8Array([1, 2]));
});

test('memoryFiles and subFiles normalize paths and scope a sub-folder', async () => {
  const m = memoryFiles('zip', { './a/b.txt': new Uint8Array([1]), 'a\\c.txt': new Uint8Array([2]), 'd.txt': new Uint8Array([3]) });
  assert.deepEqual(m.list(), ['a/b.txt', 'a/c.txt', 'd.txt']);
  const a = subFiles(m, 'a/');
  assert.deepEqual([a.name, a.list()], ['zip/a', ['b.txt', 'c.txt']]);
  assert.deepEqual(await a.read('c.txt'), new Uint8Array([2]));
});
