// Reading tensors out of checkpoints: values, strings, shards, CRC checks and the unsupported cases.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryFiles } from '../../../src/formats/model-source.ts';
import { nodeFiles } from '../../../src/formats/model-source-node.ts';
import { Checkpoint } from '../../../src/formats/savedmodel/variables-bundle.ts';
import { crc32c, crc32cExtend, maskCrc } from '../../../src/formats/savedmodel/crc32c.ts';
import { tensorflow } from '../../../src/formats/savedmodel/generated/tf-protos.js';
import { FormatError } from '../../../src/errors.ts';
import { bundleEntry, bundleHeader, varint, writeTable } from './table-writer.ts';

const FIX = 'test/fixtures';
const f32 = (t: { data: Uint8Array }): number[] => Array.from(new Float32Array(t.data.slice().buffer));

test('TF1 checkpoint (half_plus_two): scalar float variables by name', async () => {
  const ckpt = (await Checkpoint.open(await nodeFiles(`${FIX}/serving_saved_model_half_plus_two_cpu`)))!;
  await ckpt.verifyAll();
  const values = Object.fromEntries(await Promise.all(ckpt.keys().map(async (k) => [k, f32(await ckpt.read(k))[0]])));
  assert.deepEqual(values, { a: 0.5, a2: 0.5, b: 2, c: 3, c2: 3 });
  const a = await ckpt.read('a');
  assert.deepEqual([a.dtype, a.shape], ['float32', []]);
});

test('TF2 checkpoint: the object graph string decodes to a TrackableObjectGraph naming the variable keys', async () => {
  const ckpt = (await Checkpoint.open(await nodeFiles(`${FIX}/tfjs_node_times_three_float`)))!;
  const [bytes] = await ckpt.readStrings('_CHECKPOINTABLE_OBJECT_GRAPH');
  const g = tensorflow.TrackableObjectGraph.decode(bytes!);
  const keys = (g.nodes ?? []).flatMap((n) => (n.attributes ?? []).map((a) => a.checkpointKey));
  assert.deepEqual(keys, ['v/.ATTRIBUTES/VARIABLE_VALUE']);
  assert.deepEqual(f32(await ckpt.read('v/.ATTRIBUTES/VARIABLE_VALUE')), [3]);
  // As an IR string tensor: TFLite's layout (count, offsets, bytes).
  const t = await ckpt.read('_CHECKPOINTABLE_OBJECT_GRAPH');
  const dv = new DataView(t.data.buffer, t.data.byteOffset);
  assert.deepEqual([t.dtype, dv.getInt32(0, true), dv.getInt32(4, true), dv.getInt32(8, true)], ['string', 1, 12, 12 + bytes!.length]);
});

test('MNIST checkpoint: every entry passes its CRC; kernels have Keras shapes', async () => {
  const ckpt = (await Checkpoint.open(await nodeFiles(`${FIX}/sgx_mnist_mlp_savedmodel/saved_model`)))!;
  await ckpt.verifyAll();
  const k = await ckpt.read('layer_with_weights-3/kernel/.ATTRIBUTES/VARIABLE_VALUE');
  assert.deepEqual([k.dtype, k.shape, k.data.length], ['float32', [50, 10], 2000]);
  const iter = await ckpt.read('optimizer/iter/.ATTRIBUTES/VARIABLE_VALUE');
  assert.equal(iter.dtype, 'int64');
});

test('a model without variables/ has no checkpoint', async () => {
  assert.equal(await Checkpoint.open(await nodeFiles(`${FIX}/serving_matrix_half_plus_two`)), null);
});

/** A synthetic two-shard checkpoint with a float tensor, a string tensor and a sliced variable. */
function synthetic(): Record<string, Uint8Array> {
  const w = new Uint8Array(new Float32Array([1, 2, 3, 4, 5, 6]).buffer);
  const strs = ['hi', '', 'there'].map((s) => new TextEncoder().encode(s));
  // String entry: varint lengths, masked CRC of the lengths as uint32 LE, then the bytes.
  let crc = 0;
  for (const s of strs) crc = crc32cExtend(crc, new Uint8Array(new Uint32Array([s.length]).buffer));
  const lenCrc = new Uint8Array(new Uint32Array([maskCrc(crc)]).buffer);
  crc = crc32cExtend(crc, lenCrc);
  for (const s of strs) crc = crc32cExtend(crc, s);
  const sdata = new Uint8Array([...strs.flatMap((s) => varint(s.length)), ...lenCrc, ...strs.flatMap((s) => [...s])]);
  const index = writeTable([
    ['', bundleHeader(2)],
    ['names', bundleEntry({ dtype: 7, dims: [3], shard: 0, offset: 0, size: sdata.length, crc: maskCrc(crc) })],
    ['parts', bundleEntry({ dtype: 1, dims: [4], offset: 0, size: 0, crc: 0, slices: 2 })],
    ['w', bundleEntry({ dtype: 1, dims: [2, 3], shard: 1, offset: 4, size: 24, crc: maskCrc(crc32c(w)) })],
  ]);
  return {
    'variables/variables.index': index,
    'variables/variables.data-00000-of-00002': sdata,
    'variables/variables.data-00001-of-00002': new Uint8Array([9, 9, 9, 9, ...w]),
  };
}

test('synthetic checkpoint: shard naming, floats, strings', async () => {
  const ckpt = (await Checkpoint.open(memoryFiles('m', synthetic())))!;
  assert.equal(ckpt.shardPath(1), 'variables/variables.data-00001-of-00002');
  const w = await ckpt.read('w');
  assert.deepEqual([w.shape, f32(w)], [[2, 3], [1, 2, 3, 4, 5, 6]]);
  assert.deepEqual((await ckpt.readStrings('names')).map((b) => new TextDecoder().decode(b)), ['hi', '', 'there']);
  await ckpt.verifyAll();
});

test('sliced variables, bad CRCs, short shards and missing shards are FormatErrors naming the file', async () => {
  const files = synthetic();
  const ckpt = (await Checkpoint.open(memoryFiles('m', files)))!;
  await assert.rejects(ckpt.read('parts'), (e) => e instanceof FormatError && /"parts" is partitioned/.test(e.message) && e.file === 'm/variables/variables.index');

  const flipped = files['variables/variables.data-00001-of-00002']!.slice();
  flipped[10] ^= 4;
  const bad = (await Checkpoint.open(memoryFiles('m', { ...files, 'variables/variables.data-00001-of-00002': flipped })))!;
  await assert.rejects(bad.read('w'), (e) => e instanceof FormatError && /checksum/.test(e.message) && e.file === 'm/variables/variables.data-00001-of-00002');
  await assert.rejects(bad.verifyAll(), FormatError);

  const sflip = files['variables/variables.data-00000-of-00002']!.slice();
  sflip[sflip.length - 1] ^= 1;
  const sbad = (await Checkpoint.open(memoryFiles('m', { ...files, 'variables/variables.data-00000-of-00002': sflip })))!;
  await assert.rejects(sbad.readStrings('names'), (e) => e instanceof FormatError && /checksum/.test(e.message));

  const short = (await Checkpoint.open(memoryFiles('m', { ...files, 'variables/variables.data-00001-of-00002': new Uint8Array(10) })))!;
  await assert.rejects(short.read('w'), (e) => e instanceof FormatError && /beyond the end/.test(e.message));

  const { ['variables/variables.data-00001-of-00002']: _, ...missing } = files;
  const none = (await Checkpoint.open(memoryFiles('m', missing)))!;
  await assert.rejects(none.read('w'), (e) => e instanceof FormatError && e.file === 'm/variables/variables.data-00001-of-00002');
});
