// The kernel in Chromium: view() with a real <input type=range> (keyboard input re-runs only downstream cells,
// the element persists), DOM values as MIME bundles, and error positions from V8 stacks in the page.
import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import { outputs, setup } from './kernel-helpers.ts';

describe('kernel in the browser', () => {
  afterEach(() => document.querySelectorAll('.kernel-test-mount').forEach((e) => e.remove()));

  it('a range input bound with view() re-quantizes downstream without recalibrating', async () => {
    const calls = { slider: 0, calibrate: 0, quantize: 0 };
    const { nb, kernel } = setup({
      slider: "calls.slider++;\nconst pct = view(Object.assign(document.createElement('input'), {type: 'range', min: '90', max: '100', step: '0.5', value: '99.5'}))",
      calib: 'calls.calibrate++;\nconst ranges = [[-1, 4], [0, 8]]',
      quant: 'calls.quantize++;\nconst clipped = ranges.map(([lo, hi]) => hi * pct / 100);\nclipped',
    }, { globals: { calls } });
    await kernel.runAll();
    expect(calls).to.deep.equal({ slider: 1, calibrate: 1, quantize: 1 });
    expect(kernel.value('pct')).to.equal(99.5);
    const shown = nb.cell('slider')!.outputs[0]!;
    expect(shown.type).to.equal('display');
    const input = (shown as { value?: unknown }).value as HTMLInputElement;
    expect(input).to.be.instanceOf(HTMLInputElement);
    // The UI mounts the live element; here a plain container stands in for it.
    const mount = document.createElement('div');
    mount.className = 'kernel-test-mount';
    mount.append(input);
    document.body.append(mount);

    input.focus();
    await sendKeys({ press: 'ArrowLeft' }); // a real keyboard step: 99.5 → 99, fires `input`
    await kernel.idle();
    expect(kernel.value('pct')).to.equal(99);
    expect(calls).to.deep.equal({ slider: 1, calibrate: 1, quantize: 2 });
    expect(kernel.value('clipped')).to.deep.equal([3.96, 7.92]);
    expect(outputs(nb, 'quant')).to.deep.equal(['result:[3.96, 7.92]']);
    expect(nb.cell('slider')!.outputs[0]).to.equal(shown, 'the slider cell did not re-run');
    expect(input.isConnected).to.equal(true);

    input.value = '90';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await kernel.idle();
    expect(kernel.value('clipped')).to.deep.equal([3.6, 7.2]);
    expect(calls.calibrate).to.equal(1);
    expect(kernel.state('quant').status).to.equal('done');
  });

  it('DOM values render as HTML / SVG bundles and keep the live element', async () => {
    const { nb, kernel } = setup({
      svg: "const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');\nsvg.setAttribute('width', '4');\nsvg",
      html: "const b = document.createElement('b'); b.textContent = 'bold'; display(b);",
    });
    await kernel.runAll();
    const r = nb.cell('svg')!.outputs[0]!;
    expect(r.type).to.equal('result');
    const data = (r as { data: Record<string, unknown> }).data;
    expect(data['image/svg+xml']).to.match(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="4"\/?>/);
    expect(data['text/plain']).to.equal('<svg width="4">');
    const d = nb.cell('html')!.outputs[0] as { data: Record<string, unknown>; value?: unknown };
    expect(d.data['text/html']).to.equal('<b>bold</b>');
    expect(d.value).to.be.instanceOf(HTMLElement);
  });

  it('errors point at the line:column inside the cell', async () => {
    const { kernel } = setup({ lib: 'function f(o) {\n  return o.a.b;\n}', use: '// comment\nconst r =\n  f({});' });
    await kernel.runAll();
    const e = kernel.state('use').error!;
    expect(e.ename).to.equal('TypeError');
    expect([e.line, e.column]).to.deep.equal([3, 3]);
    expect(e.frames.map((f) => [f.cellId, f.fn, f.line])).to.deep.equal([['lib', 'f', 2], ['use', null, 3]]);
  });
});
