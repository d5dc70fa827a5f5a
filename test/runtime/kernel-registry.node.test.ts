// Walks every row of the kernel registry against its WGSL (convention: one kernel = one .wgsl + one descriptor +
// one registry line): the source exists, every .wgsl is registered, the descriptor's workgroup size and bindings
// (count, order outputs → inputs → uniform, access mode) agree with the shader, and the header comment documents
// bindings and uniforms. Plus the pure helpers the descriptors use.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { sizeClass } from '../../src/runtime/webgpu/buffer-pool.ts';
import { KERNEL_SOURCES } from '../../src/runtime/webgpu/kernel-sources.generated.ts';
import { grid1d, KERNELS, uniformBlock } from '../../src/runtime/webgpu/kernel.ts';
import type { BindingType } from '../../src/runtime/webgpu/kernel.ts';

const ORDER: Record<BindingType, number> = { storage: 0, 'read-only-storage': 1, uniform: 2 };

function wgslBindings(src: string): Map<number, BindingType> {
  const out = new Map<number, BindingType>();
  const re = /@group\(0\)\s*@binding\((\d+)\)\s*var<\s*(storage\s*,\s*read_write|storage\s*,\s*read|storage|uniform)\s*>/g;
  for (const m of src.matchAll(re)) {
    const space = m[2]!.replace(/\s/g, '');
    out.set(Number(m[1]), space === 'uniform' ? 'uniform' : space === 'storage,read_write' ? 'storage' : 'read-only-storage');
  }
  return out;
}

describe('kernel registry', () => {
  it('registers every kernels/*.wgsl file and nothing else', () => {
    const files = fs.readdirSync(new URL('../../kernels/', import.meta.url)).filter((f) => f.endsWith('.wgsl')).map((f) => f.replace(/\.wgsl$/, ''));
    assert.deepEqual(Object.keys(KERNELS).sort(), files.sort());
  });

  for (const [key, k] of Object.entries(KERNELS)) {
    it(`${key}: descriptor agrees with its WGSL`, () => {
      assert.equal(k.name, key);
      const src = KERNEL_SOURCES[k.name];
      assert.ok(src, `no bundled source for ${k.name} (run node scripts/bundle-kernels.mjs)`);
      const wg = src.match(/@compute\s+@workgroup_size\(([^)]*)\)\s*fn main\b/);
      assert.ok(wg, 'entry point `main` with @workgroup_size');
      const dims = wg[1]!.split(',').map((s) => Number(s.trim()));
      while (dims.length < 3) dims.push(1);
      assert.deepEqual(dims, [...k.workgroupSize]);
      assert.ok(k.workgroupSize[0] * k.workgroupSize[1] * k.workgroupSize[2] <= 256, '≤ 256 invocations');

      const declared = wgslBindings(src);
      assert.equal(declared.size, k.bindings.length, 'binding count');
      k.bindings.forEach((b, i) => assert.equal(declared.get(i), b.type, `binding ${i} (${b.name})`));
      const order = k.bindings.map((b) => ORDER[b.type]);
      assert.deepEqual(order, [...order].sort(), 'bindings ordered outputs, inputs, uniforms');
      assert.equal(k.bindings.at(-1)!.type, 'uniform', 'one uniform block, last');
      assert.equal(k.bindings.filter((b) => b.type === 'uniform').length, 1);

      const header = src.split('\n').filter((l) => l.startsWith('//')).join('\n');
      assert.match(header, new RegExp(`^// ${k.name} — `));
      assert.match(header, /Bindings \(group 0\)/);
      assert.match(header, /Uniforms:/);
      for (const b of k.bindings) assert.match(header, new RegExp(`\\b${b.name}\\b`), `header mentions ${b.name}`);
    });
  }

  it('cache keys name the kernel and a shape class, not a shape', () => {
    assert.equal(KERNELS.gemm_f32.cacheKey({ m: 3, n: 4, k: 5 }), KERNELS.gemm_f32.cacheKey({ m: 300, n: 1, k: 7 }));
    assert.equal(KERNELS.gemm_f32.cacheKey({ m: 3, n: 4, k: 5 }), 'gemm_f32|rank2');
    for (const k of Object.values(KERNELS)) assert.ok(k.cacheKey({} as never).startsWith(`${k.name}|`));
  });
});

describe('kernel helpers', () => {
  it('uniformBlock packs u32 and f32 little-endian, padded to 16 bytes', () => {
    const b = uniformBlock([{ u32: 7 }, { f32: 1.5 }, { u32: 0xffffffff }, { u32: 1 }, { u32: 2 }]);
    assert.equal(b.byteLength, 32);
    const v = new DataView(b);
    assert.deepEqual([v.getUint32(0, true), v.getFloat32(4, true), v.getUint32(8, true), v.getUint32(16, true)], [7, 1.5, 0xffffffff, 2]);
    assert.equal(uniformBlock([{ u32: 1 }]).byteLength, 16);
  });

  it('grid1d folds big workgroup counts into x ≤ 65535 and covers every item', () => {
    assert.deepEqual(grid1d(0, 256), [1, 1, 1]);
    assert.deepEqual(grid1d(1000, 256), [4, 1, 1]);
    const [x, y] = grid1d(256 * 200_000, 256);
    assert.ok(x <= 65535 && x * y >= 200_000);
  });

  it('buffer size classes: ≥ the request, powers of two to 4 KiB, then ≤ 12.5 % slack', () => {
    assert.equal(sizeClass(1), 256);
    assert.equal(sizeClass(257), 512);
    assert.equal(sizeClass(4096), 4096);
    for (const s of [4097, 10_000, 65_537, 1_000_000, 123_456_789]) {
      const c = sizeClass(s);
      assert.ok(c >= s && c <= s * 1.125 + 1, `${s} → ${c}`);
      assert.equal(sizeClass(c), c, 'a class maps to itself');
    }
  });
});
