/**
 * `<litelab-device-badge>`: which compute device litelab runs on — the WebGPU adapter (vendor, architecture,
 * features such as dot4I8Packed) or the CPU fallback with the reason — so a person knows what the numbers ran on.
 * It creates the backend the page shares (later through @lit/context) and emits `backend-ready` with it.
 */
import { LitElement, css, html } from 'lit';
import { Task } from '@lit/task';
import { createBackend } from '../src/runtime/select-backend.ts';
import type { Backend } from '../src/runtime/backend.ts';

export class DeviceBadge extends LitElement {
  private notice = '';

  private backend = new Task(this, {
    task: async (): Promise<Backend> => {
      const backend = await createBackend({ onNotice: (line) => { this.notice = line; } });
      this.dispatchEvent(new CustomEvent<Backend>('backend-ready', { detail: backend, bubbles: true, composed: true }));
      return backend;
    },
    args: () => [],
  });

  static override styles = css`
    :host { display: inline-block; font-size: 12px; }
    span { display: inline-block; max-width: 70vw; padding: 3px 10px; border-radius: 12px; white-space: nowrap;
      overflow: hidden; text-overflow: ellipsis; vertical-align: middle; }
    .webgpu { background: #dcfce7; color: #14532d; }
    .cpu { background: #fef3c7; color: #78350f; }
    .pending { background: #e5e7eb; color: #374151; }
  `;

  override render() {
    return this.backend.render({
      pending: () => html`<span class="pending">looking for a WebGPU adapter…</span>`,
      complete: (b) => html`<span class=${b.name} title=${this.notice || b.description}>${b.name === 'webgpu' ? b.description : `cpu backend — ${this.notice || b.description}`}</span>`,
      error: (e) => html`<span class="cpu">no compute backend: ${e instanceof Error ? e.message : String(e)}</span>`,
    });
  }
}
customElements.define('litelab-device-badge', DeviceBadge);

declare global {
  interface HTMLElementTagNameMap { 'litelab-device-badge': DeviceBadge }
}
