// Device and adapter report in headless Chromium: explicit requiredLimits (the adapter's own values, not WebGPU's
// defaults), optional features requested when present, a JSON-able report and a one-line summary; GPU errors
// surface as WebGpuError on the next read; a destroyed backend refuses work.
import { expect } from '@esm-bundle/chai';
import { LIMIT_KEYS, summarizeAdapter } from '../../../src/runtime/webgpu/adapter-report.ts';
import { requestGpuContext, WebGpuError } from '../../../src/runtime/webgpu/device.ts';
import { WebGpuBackend } from '../../../src/runtime/webgpu/webgpu-backend.ts';

describe('webgpu device (browser)', () => {
  it('requests the adapter limits explicitly and the optional features the adapter has', async () => {
    const ctx = await requestGpuContext(navigator.gpu);
    expect(ctx).to.not.equal(null);
    const { adapter, device, report } = ctx!;
    for (const key of LIMIT_KEYS) expect(device.limits[key], key).to.equal(adapter.limits[key]);
    // 32 KiB workgroup storage is above the 16 KiB default: proves the explicit request on SwiftShader
    expect(device.limits.maxComputeWorkgroupStorageSize).to.equal(report.limits.maxComputeWorkgroupStorageSize);
    for (const f of ['timestamp-query', 'subgroups', 'shader-f16'] as const) expect(device.features.has(f), f).to.equal(adapter.features.has(f));
    device.destroy();
  });

  it('reports identity, features, WGSL language features and limits as plain JSON, plus one summary line', async () => {
    const ctx = await requestGpuContext(navigator.gpu);
    const r = ctx!.report;
    expect(JSON.parse(JSON.stringify(r))).to.deep.equal(r);
    expect(r.features.packed4x8IntegerDotProduct).to.equal(navigator.gpu.wgslLanguageFeatures.has('packed_4x8_integer_dot_product'));
    expect(r.features.subgroups).to.equal(ctx!.adapter.features.has('subgroups'));
    expect(r.limits.maxStorageBufferBindingSize).to.be.greaterThan(0);
    const line = summarizeAdapter(r);
    expect(line).to.match(/^webgpu: /);
    expect(line).to.not.include('\n');
    console.log(line);
    ctx!.device.destroy();
  });

  it('turns a GPU validation error into a WebGpuError on the next read', async () => {
    const backend = (await WebGpuBackend.create(navigator.gpu))!;
    const t = backend.upload(new Float32Array([1, 2, 3]), [3]);
    // a validation error inside the backend's own error scopes: reading a tensor whose buffer was destroyed behind
    // the backend's back
    (t as unknown as { buffer: GPUBuffer }).buffer.destroy();
    let thrown: unknown;
    try {
      await backend.read(t);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).to.be.instanceOf(WebGpuError);
    backend.destroy();
    expect(() => backend.upload(new Float32Array(1), [1])).to.throw(/destroyed/);
  });
});
