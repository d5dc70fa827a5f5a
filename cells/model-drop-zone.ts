/**
 * `<litelab-model-drop-zone>`: where a person gives litelab a model — drop files or a folder, or pick a file.
 * Emits `model-files` (detail: `File[]`, folder entries keep their `webkitRelativePath`) and nothing else; what the
 * files are is decided by the format readers, not here.
 */
import { LitElement, css, html } from 'lit';

export class ModelDropZone extends LitElement {
  static override properties = { accept: { type: String }, dragging: { state: true } };
  declare accept: string;
  declare dragging: boolean;

  constructor() {
    super();
    this.accept = '.tflite,.h5,.hdf5,.keras,.pb';
    this.dragging = false;
  }

  static override styles = css`
    :host { display: block; }
    label {
      display: block; padding: 14px 16px; border: 2px dashed #b8c0cc; border-radius: 8px; color: #4a5568;
      cursor: pointer; text-align: center; background: #fff;
    }
    label.dragging { border-color: #3b82f6; background: #eff6ff; }
    input { display: none; }
  `;

  private emit(files: File[]): void {
    if (files.length) this.dispatchEvent(new CustomEvent<File[]>('model-files', { detail: files, bubbles: true, composed: true }));
  }

  private onDrop(e: DragEvent): void {
    e.preventDefault();
    this.dragging = false;
    this.emit([...(e.dataTransfer?.files ?? [])]);
  }

  override render() {
    return html`<label
      class=${this.dragging ? 'dragging' : ''}
      @dragover=${(e: DragEvent) => { e.preventDefault(); this.dragging = true; }}
      @dragleave=${() => { this.dragging = false; }}
      @drop=${(e: DragEvent) => this.onDrop(e)}
    >
      Drop a model here (.tflite) or click to choose a file
      <input type="file" accept=${this.accept}
        @change=${(e: Event) => this.emit([...((e.target as HTMLInputElement).files ?? [])])} />
    </label>`;
  }
}
customElements.define('litelab-model-drop-zone', ModelDropZone);

declare global {
  interface HTMLElementTagNameMap { 'litelab-model-drop-zone': ModelDropZone }
}
