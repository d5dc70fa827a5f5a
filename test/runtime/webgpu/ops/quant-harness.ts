/**
 * Test helper for the integer GPU op kernels: runs a model (a one-op spec, or model bytes) through Interpreter on the
 * webgpu backend (Dawn + SwiftShader in Node) and on the cpu in one integer arithmetic mode, and asserts that every
 * output is bit-identical (same shape, same bytes).
 */
import assert from 'node:assert/strict';
import { after } from 'node:test';
import type { Backend } from '../../../../src/runtime/backend.ts';
import type { IntegerArithmetic } from '../../../../src/runtime/cpu/quant-math.ts';
import { Interpreter } from '../../../../src/runtime/interpreter/index.ts';
import { createBackend } from '../../../../src/runtime/select-backend.ts';
import { oneOpModel, type OneOp } from '../../quant/single-op.ts';

let shared: Promise<Backend> | null = null;
export async function gpu(): Promise<Backend> {
  shared ??= createBackend({ onNotice: () => {} });
  const b = await shared;
  assert.equal(b.name, 'webgpu', 'these tests need the webgpu backend (Dawn + SwiftShader)');
  return b;
}
after(async () => { if (shared) (await shared).destroy(); });

export const MODES: IntegerArithmetic[] = ['reference', 'litert'];

type Feed = Int8Array | Float32Array;

const bytesOf = (a: ArrayBufferView): number[] => Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));

/**
 * Runs `spec` on the GPU and the CPU in `mode`; asserts identical outputs. `minDistinct`: int8 outputs longer than 16
 * must hold more than this many distinct values (guards against degenerate test data).
 */
export async function gpuEqualsCpu(spec: OneOp | Uint8Array, feeds: Feed[], mode: IntegerArithmetic, minDistinct = 8): Promise<void> {
  const bytes = spec instanceof Uint8Array ? spec : oneOpModel(spec);
  const op = spec instanceof Uint8Array ? 'model' : spec.op;
  const cpu = await Interpreter.create(bytes, { backend: 'cpu', integerArithmetic: mode });
  const g = await Interpreter.create(bytes, { backend: await gpu(), integerArithmetic: mode });
  try {
    assert.equal(g.backend, 'webgpu');
    const want = await cpu.run(feeds);
    const got = await g.run(feeds);
    assert.equal(got.length, want.length, 'output count');
    want.forEach((a, k) => {
      const b = got[k]!;
      assert.deepEqual(b.shape, a.shape, `${op} output ${k}: shape`);
      assert.equal(b.dtype, a.dtype, `${op} output ${k}: dtype`);
      const x = Array.from(a.data as ArrayLike<number>);
      const y = Array.from(b.data as ArrayLike<number>);
      if (a.dtype === 'int8' && x.length > 16) assert.ok(new Set(x).size > minDistinct, `${op}: degenerate test data (${new Set(x).size} distinct outputs)`);
      const xb = bytesOf(a.data as ArrayBufferView);
      const yb = bytesOf(b.data as ArrayBufferView);
      const bad = x.flatMap((v, i) => (Object.is(v, y[i]) || v === y[i] ? [] : [`[${i}] cpu ${v} gpu ${y[i]}`]));
      assert.equal(bad.length, 0, `${op} (${mode}) output ${k}: ${bad.length}/${x.length} differ: ${bad.slice(0, 6).join(', ')}`);
      assert.deepEqual(yb, xb, `${op} (${mode}) output ${k}: bytes differ`);
    });
  } finally {
    g.dispose();
    cpu.dispose();
  }
}
