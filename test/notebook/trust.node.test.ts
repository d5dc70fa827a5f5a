// Trust signatures: SHA-256 of the cells' kinds and sources, stable across outputs and ids.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Notebook } from '../../src/notebook/notebook.ts';
import { isTrusted, MemoryTrustStore, notebookSignature, rememberTrust } from '../../src/notebook/trust.ts';

test('the signature is the SHA-256 of [[kind, source], …] and ignores outputs, ids and metadata', async () => {
  const nb = new Notebook({ cells: [{ kind: 'markdown', source: '# t' }, { source: 'const a = 1' }] });
  const expected = createHash('sha256').update(JSON.stringify([['markdown', '# t'], ['code', 'const a = 1']])).digest('hex');
  assert.equal(await notebookSignature(nb), expected);
  const other = new Notebook({ cells: [{ kind: 'markdown', source: '# t', id: 'x' }, { source: 'const a = 1', executionCount: 4,
    outputs: [{ type: 'stream', name: 'stdout', text: 'out' }] }], metadata: { any: 1 } });
  assert.equal(await notebookSignature(other), expected);
  nb.setKind(nb.cells[0]!.id, 'code');
  assert.notEqual(await notebookSignature(nb), expected);
});

test('remembered content is trusted; changed content is not', async () => {
  const store = new MemoryTrustStore();
  const nb = new Notebook({ cells: [{ source: '1' }] });
  assert.equal(await isTrusted(nb, store), false);
  await rememberTrust(nb, store);
  assert.equal(await isTrusted(nb.clone(), store), true);
  nb.addCell({ source: '2' });
  assert.equal(await isTrusted(nb, store), false);
});
