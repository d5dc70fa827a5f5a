/**
 * `<litelab-device-badge>`: which compute device litelab runs on — the WebGPU adapter (vendor, architecture,
 * features such as dot4I8Packed) or the CPU fallback with the reason — so a person knows what the numbers ran on.
 * It shows the engine the page provides through @lit/context (`engineContext`, created by `<litelab-app>`); with
 * no provider above it, it says so.
 */
import { LitElement, css, html } from 'lit';
import { ContextConsumer } from '@lit/context';
import { engineContext, type EngineState } from './engine-context.ts';

export class DeviceBadge extends LitElement {
  static override properties = {
    engine: { state: true },
  };
  /** The shared engine's state; undefined when no element provides one. */
  declare engine: EngineState | undefined;

  constructor() {
    super();
    this.engine = undefined;
    new ContextConsumer(this, { context: engineContext, subscribe: true, callback: (value) => { this.engine = value; } });
  }

  static override styles = css`
    :host { display: inline-block; font-size: 12px; }
    span { display: inline-block; max-width: 70vw; padding: 3px 10px; border-radius: 12px; white-space: nowrap;
      overflow: hidden; text-overflow: ellipsis; vertical-align: middle; }
    .webgpu { background: #dcfce7; color: #14532d; }
    .cpu { background: #fef3c7; color: #78350f; }
    .pending { background: #e5e7eb; color: #374151; }
  `;

  override render() {
    const e = this.engine;
    if (!e) return html`<span class="pending">no compute engine on this page</span>`;
    switch (e.status) {
      case 'pending': return html`<span class="pending">looking for a WebGPU adapter…</span>`;
      case 'error': return html`<span class="cpu">no compute backend: ${e.message}</span>`;
      case 'ready': {
        const b = e.backend;
        return html`<span class=${b.name} title=${e.notice || b.description}>${b.name === 'webgpu' ? b.description : `cpu backend — ${e.notice || b.description}`}</span>`;
      }
    }
  }
}
customElements.define('litelab-device-badge', DeviceBadge);

declare global {
  interface HTMLElementTagNameMap { 'litelab-device-badge': DeviceBadge }
}
