/**
 * `<litelab-output>`: one cell output. A `result` / `display` shows, in order of preference, its live DOM `value`
 * (an input, a download link), a live model summary (the summary plus the full inspect view), else the richest
 * saved MIME type: `text/html` (sanitised with DOMPurify), `image/svg+xml` (sanitised), `text/plain`. A `stream`
 * shows its text; an `error` its traceback, with a link to the failing line that emits `goto-line` (detail: {line,
 * column}) so the cell can put its cursor there.
 */
import { LitElement, css, html, nothing } from 'lit';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import DOMPurify from 'dompurify';
import type { CellOutput, MimeBundle } from '../src/notebook/outputs.ts';
import { ModelSummary } from '../src/notebook/engine-globals.ts';
import './tflite-inspect-view.ts';

export interface GotoLine { line: number; column: number }

const text = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) ? v.join('') : '');

export class LitelabOutput extends LitElement {
  static override properties = { output: { attribute: false } };
  declare output: CellOutput | undefined;

  constructor() {
    super();
    this.output = undefined;
  }

  static override styles = css`
    :host { display: block; font-size: 13px; overflow-x: auto; }
    pre { margin: 0; padding: 2px 0; font: 12.5px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace; white-space: pre-wrap; overflow-wrap: anywhere; }
    .stderr { color: #92400e; background: #fffbeb; }
    .error { color: #991b1b; background: #fef2f2; padding: 6px 8px; border-radius: 4px; }
    .error a { color: inherit; cursor: pointer; text-decoration: underline; }
    .html table { border-collapse: collapse; font-size: 12px; }
    .html th, .html td { text-align: left; padding: 2px 8px; border-bottom: 1px solid #e5e7eb; }
    .html .op { display: inline-block; margin: 0 6px 4px 0; padding: 1px 8px; border-radius: 10px; background: #e8eefc; }
    .html p { margin: 4px 0; }
    details { margin-top: 6px; }
    summary { cursor: pointer; color: #4b5563; }
  `;

  private bundle(data: MimeBundle, value: unknown) {
    if (typeof Node !== 'undefined' && value instanceof Node) return html`<div class="live">${value}</div>`;
    const summary = value instanceof ModelSummary ? value : undefined;
    const htmlText = text(data['text/html']);
    if (htmlText) {
      const clean = DOMPurify.sanitize(htmlText);
      return html`<div class="html">${unsafeHTML(clean)}</div>${summary?.report ? html`<details><summary>operators and tensors</summary>
        <litelab-tflite-inspect-view .report=${summary.report} .fileName=${summary.json.name}></litelab-tflite-inspect-view></details>` : nothing}`;
    }
    const svg = text(data['image/svg+xml']);
    if (svg) return html`<div class="svg">${unsafeHTML(DOMPurify.sanitize(svg, { USE_PROFILES: { svg: true, svgFilters: true } }))}</div>`;
    return html`<pre class="plain">${text(data['text/plain'])}</pre>`;
  }

  private gotoLine(line: number, column: number): void {
    this.dispatchEvent(new CustomEvent<GotoLine>('goto-line', { detail: { line, column }, bubbles: true, composed: true }));
  }

  override render() {
    const o = this.output;
    if (!o) return nothing;
    switch (o.type) {
      case 'stream': return html`<pre class=${o.name}>${o.text}</pre>`;
      case 'error': return html`<div class="error" role="alert"><pre>${o.traceback.length ? o.traceback.join('\n') : `${o.ename}: ${o.evalue}`}</pre>${
        o.line !== undefined ? html`<a class="goto" @click=${() => this.gotoLine(o.line!, o.column ?? 1)}>go to line ${o.line}</a>` : nothing}</div>`;
      default: return this.bundle(o.data, o.value);
    }
  }
}
customElements.define('litelab-output', LitelabOutput);

declare global {
  interface HTMLElementTagNameMap { 'litelab-output': LitelabOutput }
}
