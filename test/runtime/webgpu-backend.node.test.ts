// The webgpu backend in Node through Dawn (the `webgpu` package). Where Dawn finds an adapter (here: SwiftShader from
// the chromium package, which select-backend points the Vulkan loader at), the shared conformance cases run against
// the cpu reference; where it does not, the test asserts the one-line fallback notice instead. The fallback path
// itself is always exercised in a child process with VK_ICD_FILENAMES pointing at nothing.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { after, describe, it } from 'node:test';
import { createBackend } from '../../src/runtime/select-backend.ts';
import { LIMIT_KEYS } from '../../src/runtime/webgpu/adapter-report.ts';
import { SWIFTSHADER_ICD } from '../../src/runtime/webgpu/node-gpu.ts';
import { WebGpuBackend } from '../../src/runtime/webgpu/webgpu-backend.ts';
import { BACKEND_CASES, WEBGPU_CASES } from './backend-cases.ts';

const PROBE = new URL('./select-backend-probe.ts', import.meta.url).pathname;

interface ProbeResult { name: string; description: string; notices: string[]; vk: string | null }

function probe(env: NodeJS.ProcessEnv): { result: ProbeResult; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', PROBE], { env, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, `probe exited ${r.status}: ${r.stderr}`);
  const line = r.stdout.trim().split('\n').pop() ?? '';
  return { result: JSON.parse(line) as ProbeResult, stderr: r.stderr };
}

const notices: string[] = [];
const backend = await createBackend({ onNotice: (line) => notices.push(line) });
after(() => backend.destroy());

describe('select-backend in Node', () => {
  it('falls back to cpu with exactly one notice line when Dawn has no Vulkan driver', () => {
    const { result, stderr } = probe({ ...process.env, VK_ICD_FILENAMES: '/nonexistent/litelab_icd.json' });
    assert.equal(result.name, 'cpu');
    assert.equal(result.notices.length, 1);
    assert.match(result.notices[0]!, /^litelab: .*no WebGPU adapter.*; using the cpu backend$/);
    assert.ok(!result.notices[0]!.includes('\n'));
    // our own stderr output is that one line (Dawn/Vulkan may add native diagnostics of their own)
    assert.equal(stderr.split('\n').filter((l) => l.startsWith('litelab:')).length, 1);
  });

  it(`sets VK_ICD_FILENAMES to Chromium's SwiftShader when unset and the file exists`, { skip: !fs.existsSync(SWIFTSHADER_ICD) && 'no SwiftShader ICD on this machine' }, () => {
    const env = { ...process.env };
    delete env.VK_ICD_FILENAMES;
    const { result } = probe(env);
    assert.equal(result.vk, SWIFTSHADER_ICD);
    assert.equal(result.name, 'webgpu', `notices: ${result.notices.join(' | ')}`);
  });

  it(backend.name === 'webgpu' ? 'gives the webgpu backend here' : 'fell back here, with exactly one notice line', () => {
    if (backend.name === 'webgpu') assert.equal(notices.length, 0);
    else {
      assert.equal(notices.length, 1);
      assert.match(notices[0]!, /; using the cpu backend$/);
    }
  });
});

if (backend instanceof WebGpuBackend) {
  const gpu = backend;
  describe('webgpu backend (Dawn): device and adapter report', () => {
    it('requested the adapter limits explicitly and the optional features it has', () => {
      const r = gpu.report;
      for (const key of LIMIT_KEYS) assert.equal(gpu.device.limits[key], r.limits[key], key);
      for (const f of ['timestamp-query', 'subgroups', 'shader-f16'] as const) {
        assert.equal(gpu.device.features.has(f), r.allFeatures.includes(f), f);
      }
      assert.equal(typeof r.features.packed4x8IntegerDotProduct, 'boolean');
      assert.deepEqual(JSON.parse(JSON.stringify(r)), r);
      assert.ok(!gpu.description.includes('\n') && gpu.description.startsWith('webgpu: '));
    });
  });
  describe('webgpu backend (Dawn): conformance with the cpu reference', () => {
    for (const c of [...BACKEND_CASES, ...WEBGPU_CASES]) it(c.name, () => c.run(gpu));
  });
}
