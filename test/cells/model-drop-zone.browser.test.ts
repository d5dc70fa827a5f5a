// <litelab-model-drop-zone> turns a drop or a file pick into one `model-files` event carrying the files.
import { expect } from '@esm-bundle/chai';
import '../../cells/model-drop-zone.ts';

describe('<litelab-model-drop-zone>', () => {
  afterEach(() => document.querySelectorAll('litelab-model-drop-zone').forEach((e) => e.remove()));

  it('emits model-files with the dropped files', async () => {
    const el = document.createElement('litelab-model-drop-zone');
    document.body.append(el);
    await el.updateComplete;
    const got: File[][] = [];
    el.addEventListener('model-files', (e) => got.push((e as CustomEvent<File[]>).detail));
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array([1, 2, 3])], 'a.tflite'));
    el.shadowRoot!.querySelector('label')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    expect(got.map((fs) => fs.map((f) => f.name))).to.deep.equal([['a.tflite']]);
  });

  it('emits nothing for an empty drop, and shows the dragging state while dragging over', async () => {
    const el = document.createElement('litelab-model-drop-zone');
    document.body.append(el);
    await el.updateComplete;
    let events = 0;
    el.addEventListener('model-files', () => events++);
    const label = el.shadowRoot!.querySelector('label')!;
    label.dispatchEvent(new DragEvent('dragover', { dataTransfer: new DataTransfer(), bubbles: true, cancelable: true }));
    await el.updateComplete;
    expect(label.classList.contains('dragging')).to.equal(true);
    label.dispatchEvent(new DragEvent('drop', { dataTransfer: new DataTransfer(), bubbles: true, cancelable: true }));
    await el.updateComplete;
    expect(events).to.equal(0);
    expect(label.classList.contains('dragging')).to.equal(false);
  });
});
