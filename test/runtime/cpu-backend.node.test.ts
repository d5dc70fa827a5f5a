// The cpu backend (the reference every other backend is compared with), checked against hand-worked values and
// independent naive loops; then the shared conformance cases run on it (cpu against itself: the plumbing).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CpuBackend } from '../../src/runtime/cpu/cpu-backend.ts';
import { packInt8 } from '../../src/runtime/cpu/matmul.ts';
import { keyToBits, orderKey } from '../../src/runtime/cpu/reduce.ts';
import { Rng } from '../../src/util/random.ts';
import { BACKEND_CASES } from './backend-cases.ts';

const cpu = new CpuBackend();

describe('cpu backend: reference semantics', () => {
  it('order keys sort floats totally (-Inf < -1 < -0 < +0 < denormal < 1 < +Inf) and invert', () => {
    const vals = new Float32Array([-Infinity, -1, -0, 0, 1e-45, 1, Infinity]);
    const bits = new Uint32Array(vals.buffer);
    const keys = Array.from(bits, orderKey);
    for (let i = 1; i < keys.length; i++) assert.ok(keys[i]! > keys[i - 1]!, `key ${i}`);
    assert.deepEqual(keys.map(keyToBits), Array.from(bits));
  });

  it('minMax ignores NaN, keeps ±Inf, and gives [+Inf, -Inf] for empty input', async () => {
    const mm = async (x: number[]) => Array.from(await cpu.read(cpu.minMax(cpu.upload(new Float32Array(x), [x.length]))));
    assert.deepEqual(await mm([3, NaN, -2, 7.5]), [-2, 7.5]);
    assert.deepEqual(await mm([NaN, -Infinity, 1]), [-Infinity, 1]);
    assert.deepEqual(await mm([]), [Infinity, -Infinity]);
    assert.ok(Object.is((await mm([0, -0]))[0], -0));
  });

  it('histogram clamps outside values into the edge bins and matches a numpy-style count inside', async () => {
    const x = new Float32Array([-10, -1, -0.5, 0, 0.49, 0.5, 0.99, 1, 10, NaN]);
    const h = await cpu.read(cpu.histogram(cpu.upload(x, [x.length]), 4, -1, 1));
    // bins [-1,-0.5) [-0.5,0) [0,0.5) [0.5,1]: -10,-1 | -0.5 | 0,0.49 | 0.5,0.99,1,10
    assert.deepEqual(Array.from(h), [2, 1, 2, 4]);
  });

  it('matMul equals an independent unfused f32 i-j-k loop bit for bit', async () => {
    const rng = new Rng(1);
    const [m, k, n] = [13, 29, 11];
    const a = rng.float32Array(m * k), b = rng.float32Array(k * n);
    const c = await cpu.read(cpu.matMul(cpu.upload(a, [m, k]), cpu.upload(b, [k, n])));
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
      let acc = 0;
      for (let p = 0; p < k; p++) acc = Math.fround(acc + Math.fround(a[i * k + p]! * b[p * n + j]!));
      assert.equal(c[i * n + j], acc, `[${i}, ${j}]`);
    }
  });

  it('matMulInt8 equals exact integer sums', async () => {
    const rng = new Rng(2);
    const [m, k, n] = [9, 31, 6];
    const a = rng.int8Array(m * k), b = rng.int8Array(k * n);
    const c = await cpu.read(cpu.matMulInt8(cpu.upload(a, [m, k]), cpu.upload(b, [k, n])));
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) {
      let acc = 0;
      for (let p = 0; p < k; p++) acc += a[i * k + p]! * b[p * n + j]!;
      assert.equal(c[i * n + j], acc);
    }
  });

  it('packInt8 puts element 4w+t in byte t of word w, zero-padding K', () => {
    const x = Int8Array.from([1, -1, 2, -2, 3, /* row 1 */ 4, 5, 6, 7, -128]);
    assert.deepEqual(Array.from(packInt8(x, 2, 5, false)), [0xfe02ff01, 0x03, 0x07060504, 0x80]);
    // transposed: x seen as [5, 2]; column 0 = 1, 2, 3, 5, 7 and column 1 = -1, -2, 4, 6, -128
    assert.deepEqual(Array.from(packInt8(x, 2, 5, true)), [0x05030201, 0x07, 0x0604feff, 0x80]);
  });
});

describe('cpu backend: shared conformance cases', () => {
  for (const c of BACKEND_CASES) it(c.name, () => c.run(cpu));
});
