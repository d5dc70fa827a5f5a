// The app page: opens the bundled example model by default, shows the compute device, shows a typed error in
// place for a damaged file and keeps working after it. Writes a screenshot as a test artifact.
import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../cells/litelab-app.ts';
import type { LitelabApp } from '../../cells/litelab-app.ts';
import type { ModelDropZone } from '../../cells/model-drop-zone.ts';

async function until<T>(what: string, f: () => T | null | undefined, ms = 20000): Promise<T> {
  const end = performance.now() + ms;
  for (;;) {
    const v = f();
    if (v) return v;
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function mount(exampleUrl: string): LitelabApp {
  const app = document.createElement('litelab-app');
  app.exampleUrl = exampleUrl;
  document.body.append(app);
  return app;
}

function dropFile(app: LitelabApp, file: File): void {
  const zone = app.shadowRoot!.querySelector('litelab-model-drop-zone') as ModelDropZone;
  zone.dispatchEvent(new CustomEvent('model-files', { detail: [file], bubbles: true, composed: true }));
}

const view = (app: LitelabApp) => app.shadowRoot!.querySelector('litelab-tflite-inspect-view');

describe('<litelab-app>', () => {
  afterEach(() => document.querySelectorAll('litelab-app').forEach((e) => e.remove()));

  it('opens the bundled example model and shows its operators', async () => {
    const app = mount('/notebooks/models/mnist_mlp.tflite');
    const v = await until('the inspect view', () => view(app));
    await v.updateComplete;
    const chips = [...v.shadowRoot!.querySelectorAll('.chips span')].map((s) => s.textContent);
    // The official converter's MNIST MLP: four dense layers and a softmax.
    expect(chips).to.deep.equal(['FULLY_CONNECTED × 4', 'SOFTMAX × 1']);
    expect(v.shadowRoot!.querySelectorAll('table.operators tr').length).to.equal(1 + 5);
  });

  it('shows the WebGPU adapter it runs on', async () => {
    const app = mount('');
    await app.updateComplete;
    const badge = app.shadowRoot!.querySelector('litelab-device-badge')!;
    const span = await until('the device badge', () => badge.shadowRoot!.querySelector('span.webgpu, span.cpu'));
    // Chromium runs with --enable-unsafe-webgpu, so there is an adapter (SwiftShader without a GPU).
    expect(span.className).to.equal('webgpu');
    expect(span.textContent).to.match(/^webgpu: /);
  });

  it('shows a damaged file as a FormatError in place, then opens a good one', async () => {
    const app = mount('');
    const good = new Uint8Array(await (await fetch('/notebooks/models/mnist_mlp.tflite')).arrayBuffer());
    dropFile(app, new File([good.slice(0, 5000)], 'cut.tflite'));
    const alert = await until('the error', () => app.shadowRoot!.querySelector('[role=alert]'));
    expect(alert.textContent).to.match(/^FormatError: cut\.tflite: /);
    dropFile(app, new File([good], 'mnist_mlp.tflite'));
    await until('the inspect view', () => view(app));
    expect(app.shadowRoot!.querySelector('[role=alert]')).to.equal(null);
    await executeServerCommand('screenshot', { name: 'app-mnist-mlp.png' });
  });
});
