// The webgpu kernels in headless Chromium (SwiftShader without a GPU) against the cpu reference: the shared
// conformance cases (minMax, histogram, matMul, matMulInt8, plumbing) plus webgpu-only ones (GPU packing, pipeline
// cache, buffer pool).
import { expect } from '@esm-bundle/chai';
import { createBackend } from '../../../src/runtime/select-backend.ts';
import { WebGpuBackend } from '../../../src/runtime/webgpu/webgpu-backend.ts';
import { BACKEND_CASES, WEBGPU_CASES } from '../backend-cases.ts';

describe('webgpu backend (browser): conformance with the cpu reference', () => {
  let backend: WebGpuBackend;
  before(async () => {
    const notices: string[] = [];
    const b = await createBackend({ onNotice: (l) => notices.push(l) });
    expect(notices, 'fallback notice').to.deep.equal([]);
    expect(b).to.be.instanceOf(WebGpuBackend);
    backend = b as WebGpuBackend;
  });
  after(() => backend?.destroy());

  for (const c of [...BACKEND_CASES, ...WEBGPU_CASES]) it(c.name, () => c.run(backend));
});
