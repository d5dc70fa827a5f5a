// The checkpoint index: CRC-32C, snappy, the TensorFlow table format and the bundle entries of every fixture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { crc32c, crc32cExtend, maskCrc, unmaskCrc } from '../../../src/formats/savedmodel/crc32c.ts';
import { snappyDecompress } from '../../../src/formats/savedmodel/snappy.ts';
import { readBundleIndex, readTable } from '../../../src/formats/savedmodel/variables-index.ts';
import { FormatError } from '../../../src/errors.ts';
import { bundleEntry, bundleHeader, writeTable } from './table-writer.ts';

const enc = new TextEncoder();
const dec = new TextDecoder();
const FIX = 'test/fixtures';
const index = (dir: string): Uint8Array => new Uint8Array(readFileSync(`${FIX}/${dir}/variables/variables.index`));

test('CRC-32C matches the published check value and RFC 3720 vectors', () => {
  assert.equal(crc32c(enc.encode('123456789')), 0xe3069283);
  assert.equal(crc32c(new Uint8Array(32)), 0x8a9136aa);
  assert.equal(crc32c(new Uint8Array(32).fill(0xff)), 0x62a8ab43);
  assert.equal(crc32c(Uint8Array.from({ length: 32 }, (_, i) => i)), 0x46dd794e);
  assert.equal(crc32c(new Uint8Array(0)), 0);
});

test('CRC-32C extends across any split (slicing-by-8 and the byte loop agree)', () => {
  const data = Uint8Array.from({ length: 1000 }, (_, i) => (i * 131 + 7) & 0xff);
  const whole = crc32c(data);
  for (const cut of [0, 1, 7, 8, 9, 500, 999, 1000]) assert.equal(crc32cExtend(crc32c(data.subarray(0, cut)), data.subarray(cut)), whole);
});

test('mask and unmask are TF\'s rotate-and-add and invert each other', () => {
  assert.equal(maskCrc(0), 0xa282ead8);
  for (const c of [0, 1, 0xe3069283, 0xffffffff, 0x12345678]) {
    assert.equal(unmaskCrc(maskCrc(c)), c);
    assert.equal(maskCrc(c), ((((c >>> 15) | (c << 17)) >>> 0) + 0xa282ead8) >>> 0);
  }
});

test('snappy: literals, overlapping copies, and corrupt input', () => {
  // "abcabcabcabcX": literal "abc", copy len 9 offset 3 (1-byte-offset form), literal "X".
  const src = new Uint8Array([13, (3 - 1) << 2, 97, 98, 99, 0b000_101_01, 3, 0 << 2, 88]);
  assert.equal(dec.decode(snappyDecompress(src, 'f', 0)), 'abcabcabcabcX');
  // 2-byte-offset copy of 5 bytes.
  assert.equal(dec.decode(snappyDecompress(new Uint8Array([10, 4 << 2, 104, 101, 108, 108, 111, ((5 - 1) << 2) | 2, 5, 0]), 'f', 0)), 'hellohello');
  for (const bad of [[5, 0, 65], [3, (3 << 2) | 2, 9, 0], [200, 1], [4, 0 << 2, 65, 0b000_000_01, 2]]) {
    assert.throws(() => snappyDecompress(new Uint8Array(bad), 'f.index', 10), (e) => e instanceof FormatError && e.file === 'f.index');
  }
});

test('a table written with prefix compression and restarts reads back in order, plain or snappy', () => {
  const keys = ['', 'a', 'ab', 'abc', 'abd', 'b', 'ba/x', 'ba/y', 'zzz'];
  for (const snappy of [false, true]) {
    const bytes = writeTable(keys.map((k, i) => [k, new Uint8Array(70).fill(i)]), { blockEntries: 4, restartInterval: 3, snappy });
    const rows = readTable(bytes, 't.index');
    assert.deepEqual(rows.map(([k]) => dec.decode(k)), keys);
    assert.deepEqual(rows.map(([, v]) => v[69]), keys.map((_, i) => i));
  }
});

test('table damage is a FormatError naming the file: magic, CRC, compression type, order, footer', () => {
  const good = writeTable([['a', new Uint8Array([1])], ['b', new Uint8Array([2])]]);
  const isFormat = (e: unknown): boolean => e instanceof FormatError && e.file === 't.index';
  const magic = good.slice();
  magic[magic.length - 1] ^= 1;
  assert.throws(() => readTable(magic, 't.index'), (e) => isFormat(e) && /magic/.test((e as Error).message));
  const body = good.slice();
  body[3] ^= 0x10;
  assert.throws(() => readTable(body, 't.index'), (e) => isFormat(e) && /checksum/.test((e as Error).message));
  assert.throws(() => readTable(writeTable([['a', new Uint8Array([1])]], { compressionType: 7 }), 't.index'),
    (e) => isFormat(e) && /compression type 7/.test((e as Error).message));
  assert.throws(() => readTable(writeTable([['b', new Uint8Array(1)], ['a', new Uint8Array(1)]]), 't.index'), (e) => isFormat(e) && /order/.test((e as Error).message));
  assert.throws(() => readTable(good.subarray(0, 40), 't.index'), isFormat);
  const pad = good.slice();
  pad[pad.length - 12] = 1;
  assert.throws(() => readTable(pad, 't.index'), (e) => isFormat(e) && /padding/.test((e as Error).message));
});

test('bundle index: header and entries decode; the header is required', () => {
  const bytes = writeTable([
    ['', bundleHeader(2)],
    ['w', bundleEntry({ dtype: 1, dims: [2, 3], shard: 1, offset: 8, size: 24, crc: 0x1234 })],
  ]);
  const idx = readBundleIndex(bytes, 'v.index');
  assert.equal(idx.numShards, 2);
  assert.deepEqual(idx.entries.get('w'), { key: 'w', dtype: 1, shape: [2, 3], shardId: 1, offset: 8, size: 24, crc32c: 0x1234, slices: 0 });
  assert.throws(() => readBundleIndex(writeTable([['w', bundleEntry({ dtype: 1, dims: [], offset: 0, size: 4, crc: 0 })]]), 'v.index'),
    (e) => e instanceof FormatError && /header/.test(e.message));
  assert.throws(() => readBundleIndex(writeTable([['', bundleHeader(1, 1)]]), 'v.index'), (e) => e instanceof FormatError && /big-endian/.test(e.message));
});

test('every fixture\'s variables.index reads, including snappy-compressed blocks (TF 1.14)', () => {
  const expected: Record<string, string[]> = {
    'serving_saved_model_half_plus_two_cpu': ['a', 'a2', 'b', 'c', 'c2'],
    'serving_saved_model_half_plus_two_tf2_cpu': ['_CHECKPOINTABLE_OBJECT_GRAPH', 'a/.ATTRIBUTES/VARIABLE_VALUE', 'b/.ATTRIBUTES/VARIABLE_VALUE', 'c/.ATTRIBUTES/VARIABLE_VALUE'],
    'tfjs_node_times_three_float': ['_CHECKPOINTABLE_OBJECT_GRAPH', 'v/.ATTRIBUTES/VARIABLE_VALUE'],
    'tfjs_node_module_with_multiple_signatures': ['_CHECKPOINTABLE_OBJECT_GRAPH', 'two/.ATTRIBUTES/VARIABLE_VALUE', 'v/.ATTRIBUTES/VARIABLE_VALUE'],
  };
  for (const [dir, keys] of Object.entries(expected)) assert.deepEqual([...readBundleIndex(index(dir), dir).entries.keys()], keys, dir);
  const hp2 = readTable(index('serving_saved_model_half_plus_two_cpu'), 'x');
  assert.equal(hp2.length, 6); // header + 5 variables, from a snappy block

  const mnist = readBundleIndex(index('sgx_mnist_mlp_savedmodel/saved_model'), 'mnist');
  assert.equal(mnist.numShards, 1);
  assert.equal(mnist.entries.size, 34);
  const k0 = mnist.entries.get('layer_with_weights-0/kernel/.ATTRIBUTES/VARIABLE_VALUE')!;
  assert.deepEqual([k0.dtype, k0.shape, k0.offset, k0.size], [1, [784, 10], 0, 31360]);
  // The entries tile the data file exactly (no gaps), so every data byte is covered by some entry's CRC.
  const data = readFileSync(`${FIX}/sgx_mnist_mlp_savedmodel/saved_model/variables/variables.data-00000-of-00001`);
  const spans = [...mnist.entries.values()].map((e) => [e.offset, e.size] as const).sort((a, b) => a[0] - b[0]);
  let end = 0;
  for (const [o, s] of spans) {
    assert.equal(o, end);
    end = o + s;
  }
  assert.equal(end, data.length);

  const kws = readBundleIndex(index('mlperf_tiny_kws_dscnn/kws_ref_model'), 'kws');
  assert.equal(kws.entries.size, 142);
  assert.deepEqual(kws.entries.get('layer_with_weights-0/kernel/.ATTRIBUTES/VARIABLE_VALUE')!.shape, [10, 4, 1, 64]);
});
