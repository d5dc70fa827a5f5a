// Share links: deflate-raw + base64url in #nb=…, validated decoding, a size limit with a typed error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'fflate';
import { FormatError } from '../../src/errors.ts';
import { decodeBase64Url, encodeBase64Url } from '../../src/notebook/base64url.ts';
import { ShareLinkTooLongError } from '../../src/notebook/errors.ts';
import { Notebook } from '../../src/notebook/notebook.ts';
import { decodeShareLink, encodeShareLink } from '../../src/notebook/share-link.ts';

function sample(): Notebook {
  const nb = new Notebook({ metadata: { litelab: { title: 'demo' } } });
  nb.addCell({ id: 'intro', kind: 'markdown', source: '# Calibrate\nPick a percentile — ✓' });
  const c = nb.addCell({ id: 'load', source: "const model = await load('https://example.org/m.tflite');\nmodel" });
  nb.setOutputs(c.id, [{ type: 'result', executionCount: 1, data: { 'text/plain': 'Model' }, metadata: {} }], 1);
  return nb;
}

test('round trip, sources only by default, outputs on request', () => {
  const nb = sample();
  const link = encodeShareLink(nb, { baseUrl: 'https://litelab.app/#old' });
  assert.match(link.fragment, /^#nb=[A-Za-z0-9_-]+$/);
  assert.equal(link.length, link.fragment.length);
  assert.equal(link.url, `https://litelab.app/${link.fragment}`);
  const back = decodeShareLink(link.url!);
  assert.deepEqual(back.cells.map((c) => [c.id, c.kind, c.source]), nb.cells.map((c) => [c.id, c.kind, c.source]));
  assert.deepEqual(back.cells[1]!.outputs, []);
  assert.deepEqual(back.metadata.litelab, { title: 'demo' });
  const full = decodeShareLink(encodeShareLink(nb, { outputs: true }).fragment);
  assert.deepEqual(full.cells[1]!.outputs, nb.cells[1]!.outputs);
  assert.equal(full.cells[1]!.executionCount, 1);
  assert.equal(decodeShareLink(link.fragment.slice(4)).cells.length, 2, 'a bare payload decodes too');
  assert.equal(decodeShareLink(`https://x/#view=1&nb=${link.fragment.slice(4)}`).cells.length, 2);
});

test('links over the limit are refused with a typed error suggesting .ipynb', () => {
  const nb = new Notebook();
  let seed = 7;
  const noise = () => Array.from({ length: 4000 }, () => String.fromCharCode(33 + ((seed = (seed * 48271) % 2147483647) % 90))).join('');
  for (let i = 0; i < 30; i++) nb.addCell({ source: noise() });
  assert.throws(() => encodeShareLink(nb), (e: unknown) => {
    assert.ok(e instanceof ShareLinkTooLongError);
    assert.equal(e.limit, 65536);
    assert.ok(e.length > 65536);
    assert.match(e.message, /save the notebook as \.ipynb/);
    return true;
  });
  assert.throws(() => encodeShareLink(sample(), { maxFragment: 20 }), ShareLinkTooLongError);
});

test('garbage links are FormatErrors naming the share link', () => {
  const bad = (input: string, pattern: RegExp) => assert.throws(() => decodeShareLink(input), (e: unknown) => {
    assert.ok(e instanceof FormatError, String(e));
    assert.equal(e.file, 'share link');
    assert.match(e.message, pattern);
    return true;
  });
  bad('https://litelab.app/', /no notebook in the link/);
  bad('#nb=', /no notebook/);
  bad('#nb=abc$def', /not base64url/);
  bad('#nb=AAAA', /damaged/);
  bad(`#nb=${encodeBase64Url(deflateSync(new TextEncoder().encode('not json')))}`, /not notebook JSON/);
  bad(`#nb=${encodeBase64Url(deflateSync(new TextEncoder().encode('{"nbformat": 3}')))}`, /nbformat: unsupported nbformat 3/);
  bad(`#nb=${encodeBase64Url(deflateSync(new Uint8Array([0xff, 0xfe])))}`, /damaged/);
  const full = encodeShareLink(sample()).fragment;
  for (let cut = 1; cut <= 12; cut++) bad(full.slice(0, full.length - cut), /damaged|not base64url/);
});

test('base64url round-trips every length and rejects foreign characters', () => {
  for (let n = 0; n < 20; n++) {
    const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 255);
    const text = encodeBase64Url(bytes);
    assert.equal(text, Buffer.from(bytes).toString('base64url'));
    assert.deepEqual(decodeBase64Url(text), bytes);
  }
  assert.equal(decodeBase64Url('ab+c'), null);
  assert.equal(decodeBase64Url('a'), null);
});
