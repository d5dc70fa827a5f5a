/**
 * `<litelab-app>`: the page. A toolbar with the compute device in use, a drop zone, and the view of the open model —
 * the bundled example (`/models/mnist_mlp.tflite`) until the person opens another. A damaged or unknown file shows
 * its typed error in place; it never breaks the page.
 */
import { LitElement, css, html, nothing } from 'lit';
import { Task } from '@lit/task';
import { readTflite, inspectGraph, sniffTflite } from '../src/formats/tflite/index.ts';
import type { InspectReport } from '../src/formats/tflite/inspect.ts';
import { FormatError, LitelabError } from '../src/errors.ts';
import './model-drop-zone.ts';
import './tflite-inspect-view.ts';
import './device-badge.ts';

export const EXAMPLE_MODEL_URL = 'models/mnist_mlp.tflite';

export interface OpenedModel {
  name: string;
  report: InspectReport;
}

/** Reads and inspects a `.tflite` given as bytes; every failure becomes a typed error naming the file. */
export function openTflite(name: string, bytes: Uint8Array): OpenedModel {
  if (!sniffTflite(bytes)) throw new FormatError(name, 'not a .tflite file (no "TFL3" identifier at byte 4)', 4);
  return { name, report: inspectGraph(readTflite(bytes, name), bytes.byteLength) };
}

export class LitelabApp extends LitElement {
  static override properties = { source: { state: true }, exampleUrl: { type: String, attribute: 'example-url' } };
  declare source: { name: string; bytes: () => Promise<Uint8Array> } | undefined;
  declare exampleUrl: string;

  constructor() {
    super();
    this.exampleUrl = EXAMPLE_MODEL_URL;
    this.source = undefined;
  }

  private model = new Task(this, {
    task: async ([source]) => {
      if (!source) return undefined;
      return openTflite(source.name, await source.bytes());
    },
    args: () => [this.source] as const,
  });

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.source && this.exampleUrl) {
      const url = this.exampleUrl;
      this.source = {
        name: url.split('/').pop() ?? url,
        bytes: async () => {
          const res = await fetch(url);
          if (!res.ok) throw new FormatError(url, `could not load the example model (HTTP ${res.status})`);
          return new Uint8Array(await res.arrayBuffer());
        },
      };
    }
  }

  private onFiles(files: File[]): void {
    const file = files[0];
    if (file) this.source = { name: file.name, bytes: async () => new Uint8Array(await file.arrayBuffer()) };
  }

  static override styles = css`
    :host { display: block; }
    header { display: flex; align-items: center; gap: 16px; padding: 10px 20px; background: #1d2330; color: #fff; }
    header h1 { font-size: 18px; margin: 0; font-weight: 600; letter-spacing: 0.3px; }
    header litelab-device-badge { margin-left: auto; }
    main { max-width: 1100px; margin: 0 auto; padding: 16px 20px 40px; display: grid; grid-template-columns: minmax(0, 1fr); gap: 16px; }
    .error { padding: 10px 14px; border-radius: 6px; background: #fdecec; color: #8a1c1c; font-family: ui-monospace, monospace; }
    .pending { color: #6b7280; }
  `;

  private renderError(e: unknown) {
    const text = e instanceof LitelabError ? e.oneLine() : `Error: ${e instanceof Error ? e.message : String(e)}`;
    return html`<div class="error" role="alert">${text}</div>`;
  }

  override render() {
    return html`
      <header><h1>litelab</h1><litelab-device-badge></litelab-device-badge></header>
      <main>
        <litelab-model-drop-zone @model-files=${(e: CustomEvent<File[]>) => this.onFiles(e.detail)}></litelab-model-drop-zone>
        ${this.model.render({
          initial: () => nothing,
          pending: () => html`<div class="pending">Reading ${this.source?.name}…</div>`,
          complete: (m) => (m ? html`<litelab-tflite-inspect-view .report=${m.report} .fileName=${m.name}></litelab-tflite-inspect-view>` : nothing),
          error: (e) => this.renderError(e),
        })}
      </main>`;
  }
}
customElements.define('litelab-app', LitelabApp);

declare global {
  interface HTMLElementTagNameMap { 'litelab-app': LitelabApp }
}
