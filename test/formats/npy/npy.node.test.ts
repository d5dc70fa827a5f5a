/**
 * `.npy` read/write against bytes NumPy 2.4 wrote (np.save / numpy.lib.format.write_array, embedded as hex): every
 * supported dtype, scalars, empty arrays, format versions 1.0 / 2.0 / 3.0; our writer reproduces NumPy's bytes
 * exactly; round trips; and the refusals (Fortran order, big-endian, structured dtypes, truncation, trailing bytes,
 * bad magic / version / header) as FormatErrors naming the file.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { FormatError } from '../../../src/errors.ts';
import { readNpy, sniffNpy, writeNpy } from '../../../src/formats/npy/index.ts';
import { parseHeader } from '../../../src/formats/npy/header.ts';

const HEADER_V1 = (dict: string) => {
  const pad = 128 - 10 - dict.length - 1;
  return Buffer.from(`\x93NUMPY\x01\x00\x76\x00${dict}${' '.repeat(pad)}\n`, 'latin1').toString('hex');
};
const hex = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));

// Written by NumPy 2.4.6 (np.save unless a version is named).
const NUMPY = {
  f4_2x3: HEADER_V1("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }") + '000000000000003f0000803f0000c03f0000004000002040',
  i8_scalar: HEADER_V1("{'descr': '<i8', 'fortran_order': False, 'shape': (), }") + 'f9ffffffffffffff',
  b1_4: HEADER_V1("{'descr': '|b1', 'fortran_order': False, 'shape': (4,), }") + '01000101',
  u1_3: HEADER_V1("{'descr': '|u1', 'fortran_order': False, 'shape': (3,), }") + 'ff0007',
  i1_empty: HEADER_V1("{'descr': '|i1', 'fortran_order': False, 'shape': (0, 3), }"),
  f2_2: HEADER_V1("{'descr': '<f2', 'fortran_order': False, 'shape': (2,), }") + '003c00b8',
  i2_v2: '934e554d50590200740000007b276465736372273a20273c6932272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028322c2032292c207d20202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200ad4fe02000300ff7f',
  f8_v3: '934e554d50590300740000007b276465736372273a20273c6638272c2027666f727472616e5f6f72646572273a2046616c73652c20277368617065273a2028322c292c207d202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020200a000000000000f83f00000000000002c0',
  f4_fortran: HEADER_V1("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }") + '00000000000040400000803f00008040000000400000a040',
  f4_be: HEADER_V1("{'descr': '>f4', 'fortran_order': False, 'shape': (3,), }") + '000000003f80000040000000',
};

describe('.npy read', () => {
  test('NumPy files of every kind', () => {
    const f = readNpy(hex(NUMPY.f4_2x3));
    assert.equal(f.dtype, 'float32');
    assert.deepEqual(f.shape, [2, 3]);
    assert.deepEqual(Array.from(f.data as Float32Array), [0, 0.5, 1, 1.5, 2, 2.5]);
    const s = readNpy(hex(NUMPY.i8_scalar));
    assert.deepEqual([s.dtype, s.shape, Array.from(s.data as BigInt64Array)], ['int64', [], [-7n]]);
    const b = readNpy(hex(NUMPY.b1_4));
    assert.deepEqual([b.dtype, Array.from(b.data as Uint8Array)], ['bool', [1, 0, 1, 1]]);
    assert.deepEqual(Array.from(readNpy(hex(NUMPY.u1_3)).data as Uint8Array), [255, 0, 7]);
    const e = readNpy(hex(NUMPY.i1_empty));
    assert.deepEqual([e.dtype, e.shape, e.data.length], ['int8', [0, 3], 0]);
    const h = readNpy(hex(NUMPY.f2_2));
    assert.deepEqual([h.dtype, Array.from(h.data as Uint16Array)], ['float16', [0x3c00, 0xb800]]);
  });

  test('format versions 2.0 and 3.0', () => {
    const v2 = readNpy(hex(NUMPY.i2_v2));
    assert.deepEqual([v2.dtype, v2.shape, Array.from(v2.data as Int16Array)], ['int16', [2, 2], [-300, 2, 3, 32767]]);
    const v3 = readNpy(hex(NUMPY.f8_v3));
    assert.deepEqual([v3.dtype, Array.from(v3.data as Float64Array)], ['float64', [1.5, -2.25]]);
  });

  test('the fixture calibration index list (int64, written by NumPy)', () => {
    const file = path.join(import.meta.dirname, '..', '..', 'fixtures', 'mlperf_tiny_ic_resnet8', 'calibration_samples_idxs.npy');
    const a = readNpy(new Uint8Array(fs.readFileSync(file)), file);
    assert.deepEqual([a.dtype, a.shape], ['int64', [500]]);
    assert.deepEqual(Array.from((a.data as BigInt64Array).subarray(0, 5)), [5802n, 6250n, 8108n, 3433n, 960n]);
  });

  test('header dict: any key order, double quotes, Python 2 longs, no trailing comma', () => {
    assert.deepEqual(parseHeader(`{"shape": (3L, 4L), "fortran_order": False, "descr": "<i4"}`), { descr: '<i4', fortranOrder: false, shape: [3, 4] });
    assert.deepEqual(parseHeader(`{'descr': '<f4', 'fortran_order': False, 'shape': (), }   \n`).shape, []);
  });

  const refuses = (bytes: Uint8Array, re: RegExp) => assert.throws(() => readNpy(bytes, 'x.npy'), (e: unknown) => e instanceof FormatError && e.file === 'x.npy' && re.test(e.message));
  test('refusals are FormatErrors naming the file and the problem', () => {
    refuses(hex(NUMPY.f4_fortran), /fortran_order True is not supported/);
    refuses(hex(NUMPY.f4_be), /big-endian data \('>f4'\) is not supported/);
    refuses(hex(NUMPY.f4_2x3).subarray(0, 140), /truncated: shape \(2, 3\) float32 needs 24 data bytes, the file has 12/);
    refuses(new Uint8Array([...hex(NUMPY.u1_3), 0]), /1 bytes after the data/);
    refuses(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), /not a \.npy file/);
    const v9 = hex(NUMPY.u1_3);
    v9[6] = 9;
    refuses(v9, /format version 9\.0 is not supported/);
    refuses(hex(HEADER_V1("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }") + '00000000'), /structured dtypes are not supported/);
    refuses(hex(HEADER_V1("{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }") + '0000000000000000'), /dtype '<c8' is not supported/);
    refuses(hex(HEADER_V1("{'descr': '<f4', 'fortran_order': False, 'shape': (1,) ")), /bad header/);
    refuses(hex(NUMPY.f4_2x3).subarray(0, 50), /truncated: the header needs 118 bytes/);
  });
});

describe('.npy write', () => {
  test('reproduces NumPy’s bytes exactly', () => {
    const same = (bytes: Uint8Array, h: string) => assert.equal(Buffer.from(bytes).toString('hex'), h);
    same(writeNpy({ data: Float32Array.of(0, 0.5, 1, 1.5, 2, 2.5), shape: [2, 3] }), NUMPY.f4_2x3);
    same(writeNpy({ data: BigInt64Array.of(-7n), shape: [] }), NUMPY.i8_scalar);
    same(writeNpy({ data: Uint8Array.of(1, 0, 1, 1), shape: [4], dtype: 'bool' }), NUMPY.b1_4);
    same(writeNpy({ data: Uint8Array.of(255, 0, 7), shape: [3] }), NUMPY.u1_3);
    same(writeNpy({ data: new Int8Array(0), shape: [0, 3] }), NUMPY.i1_empty);
    same(writeNpy({ data: Uint16Array.of(0x3c00, 0xb800), shape: [2], dtype: 'float16' }), NUMPY.f2_2);
  });

  test('round trips every dtype; data start 64-byte aligned', () => {
    const arrays = [Float32Array.of(1.5, -2), Float64Array.of(Math.PI), Int8Array.of(-128, 127), Uint8Array.of(0, 255), Int16Array.of(-32768),
      Int32Array.of(2 ** 31 - 1), BigInt64Array.of(-(2n ** 63n)), Uint16Array.of(65535), Uint32Array.of(2 ** 32 - 1), BigUint64Array.of(2n ** 64n - 1n)];
    for (const data of arrays) {
      const bytes = writeNpy({ data, shape: [data.length] });
      assert.ok(sniffNpy(bytes));
      assert.equal((bytes.length - data.byteLength) % 64, 0, `${data.constructor.name} header alignment`);
      const back = readNpy(bytes);
      assert.equal(back.data.constructor, data.constructor);
      assert.deepEqual(Array.from(back.data as ArrayLike<number>), Array.from(data as ArrayLike<number>));
    }
  });

  test('a header longer than 65535 bytes switches to version 2.0', () => {
    const shape = new Array<number>(30000).fill(1);
    const bytes = writeNpy({ data: Float32Array.of(3), shape });
    assert.equal(bytes[6], 2);
    const back = readNpy(bytes);
    assert.equal(back.shape.length, 30000);
    assert.equal((back.data as Float32Array)[0], 3);
  });

  test('shape and data must agree', () => {
    assert.throws(() => writeNpy({ data: Float32Array.of(1, 2), shape: [3] }), /shape \(3\) holds 3 values, the data have 2/);
  });
});
