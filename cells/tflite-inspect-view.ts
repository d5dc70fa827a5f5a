/**
 * `<litelab-tflite-inspect-view>`: the `inspect` view of a `.tflite` — sizes, operator counts, signatures, metadata,
 * and per subgraph the operators and tensors tables. Renders an `InspectReport` (the same data `litelab inspect
 * --json` prints), so the app and the CLI show one thing.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { InspectReport, InspectSubgraph, InspectTensor } from '../src/formats/tflite/inspect.ts';

const kb = (n: number) => (n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1048576).toFixed(2)} MB`);
const shapeText = (t: InspectTensor) => `[${(t.shapeSignature ?? t.shape).join(', ')}]`;

function quantText(t: InspectTensor): string {
  const q = t.quantization;
  if (!q || q.kind === 'none') return '';
  if (q.kind === 'per-tensor') return `scale ${q.scale?.toPrecision(6)} zp ${q.zeroPoint}`;
  if (q.kind === 'per-channel') return `${q.channels} scales, axis ${q.axis}`;
  if (q.kind === 'range') return `range [${q.min}, ${q.max}]`;
  return q.details ?? q.kind;
}

export class TfliteInspectView extends LitElement {
  static override properties = { report: { attribute: false }, fileName: { type: String } };
  declare report: InspectReport | undefined;
  declare fileName: string;

  constructor() {
    super();
    this.report = undefined;
    this.fileName = '';
  }

  static override styles = css`
    :host { display: block; }
    h2 { font-size: 16px; margin: 0 0 8px; }
    h3 { font-size: 14px; margin: 16px 0 6px; }
    .facts { display: flex; flex-wrap: wrap; gap: 8px 20px; margin-bottom: 8px; }
    .fact b { font-variant-numeric: tabular-nums; }
    table { border-collapse: collapse; width: 100%; font-size: 12px; background: #fff; }
    th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid #e5e7eb; vertical-align: top; }
    th { background: #f1f3f6; font-weight: 600; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; }
    code { font-size: 12px; overflow-wrap: anywhere; }
    .chips span { display: inline-block; margin: 0 6px 4px 0; padding: 1px 8px; border-radius: 10px; background: #e8eefc; }
  `;

  private subgraph(sg: InspectSubgraph, count: number) {
    const tensorName = (i: number) => (i < 0 ? '–' : sg.tensors[i]?.name ?? `#${i}`);
    return html`
      ${count > 1 ? html`<h3>Subgraph ${sg.index}${sg.name ? `: ${sg.name}` : ''}</h3>` : nothing}
      <h3>Operators (${sg.operators.length})</h3>
      <table class="operators">
        <tr><th>#</th><th>op</th><th>v</th><th>inputs</th><th>outputs</th><th>options</th></tr>
        ${sg.operators.map((o) => html`<tr>
          <td class="num">${o.index}</td><td>${o.customCode ?? o.op}</td><td class="num">${o.version}</td>
          <td>${o.inputs.map(tensorName).join(', ')}</td><td>${o.outputs.map(tensorName).join(', ')}</td>
          <td><code>${o.options ? JSON.stringify(o.options) : ''}</code></td>
        </tr>`)}
      </table>
      <h3>Tensors (${sg.tensors.length})</h3>
      <table class="tensors">
        <tr><th>#</th><th>name</th><th>dtype</th><th>shape</th><th>quantization</th><th>constant</th></tr>
        ${sg.tensors.map((t) => html`<tr>
          <td class="num">${t.index}</td><td>${t.name}</td><td>${t.dtype}</td><td>${shapeText(t)}</td>
          <td>${quantText(t)}</td><td class="num">${t.constantBytes ? kb(t.constantBytes) : ''}</td>
        </tr>`)}
      </table>`;
  }

  override render() {
    const r = this.report;
    if (!r) return nothing;
    return html`
      <h2>${this.fileName || 'model'}</h2>
      <div class="facts">
        <span class="fact">file <b>${kb(r.sizes.fileBytes)}</b></span>
        <span class="fact">constants <b>${kb(r.sizes.constantBytes)}</b></span>
        <span class="fact">parameters <b>${r.sizes.parameters.toLocaleString('en-US')}</b></span>
        <span class="fact">operators <b>${r.sizes.operators}</b></span>
        <span class="fact">subgraphs <b>${r.subgraphs.length}</b></span>
      </div>
      <div class="chips">${Object.entries(r.opCounts).map(([op, n]) => html`<span>${op} × ${n}</span>`)}</div>
      ${r.signatures.length ? html`<h3>Signatures</h3>
        <table class="signatures"><tr><th>key</th><th>inputs</th><th>outputs</th></tr>
        ${r.signatures.map((s) => html`<tr><td>${s.key}</td>
          <td>${s.inputs.map((i) => i.name).join(', ')}</td><td>${s.outputs.map((o) => o.name).join(', ')}</td></tr>`)}
        </table>` : nothing}
      ${r.metadata.length ? html`<h3>Metadata</h3>
        <table class="metadata"><tr><th>name</th><th>size</th><th>value</th></tr>
        ${r.metadata.map((m) => html`<tr><td>${m.name}</td><td class="num">${kb(m.size)}</td>
          <td><code>${m.value === undefined ? '' : JSON.stringify(m.value)}</code></td></tr>`)}
        </table>` : nothing}
      ${r.subgraphs.map((sg) => this.subgraph(sg, r.subgraphs.length))}
    `;
  }
}
customElements.define('litelab-tflite-inspect-view', TfliteInspectView);

declare global {
  interface HTMLElementTagNameMap { 'litelab-tflite-inspect-view': TfliteInspectView }
}
