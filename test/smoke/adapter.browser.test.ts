import { expect } from '@esm-bundle/chai';
describe('smoke', () => {
  it('has a WebGPU adapter', async () => {
    const a = await navigator.gpu.requestAdapter();
    expect(a).to.not.equal(null);
  });
});
