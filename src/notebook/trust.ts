/**
 * Jupyter's trust model: a notebook opened from a file or a link is untrusted (its saved outputs show, but the kernel
 * runs nothing until the person trusts it); one the person created or trusted is trusted. The decision is stored
 * per content signature, a SHA-256 (WebCrypto `crypto.subtle`, browsers and Node ≥ 20) of the cells' kinds and
 * sources in order, so re-opening the same notebook stays trusted while any change to its code needs trust again.
 * Outputs are not part of the signature: they are rendered sanitised whatever the trust.
 */
import type { Notebook } from './notebook.ts';

/** Where trusted signatures are kept (memory here; IndexedDB in `trust-store-idb.ts`). */
export interface TrustStore {
  has(signature: string): Promise<boolean>;
  add(signature: string): Promise<void>;
}

export class MemoryTrustStore implements TrustStore {
  readonly #set = new Set<string>();
  async has(signature: string): Promise<boolean> {
    return this.#set.has(signature);
  }
  async add(signature: string): Promise<void> {
    this.#set.add(signature);
  }
}

/** Hex SHA-256 of the cells' kinds and sources (JSON of `[[kind, source], …]`). */
export async function notebookSignature(nb: Notebook): Promise<string> {
  const text = JSON.stringify(nb.cells.map((c) => [c.kind, c.source]));
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Whether this exact content was trusted before. */
export async function isTrusted(nb: Notebook, store: TrustStore): Promise<boolean> {
  return store.has(await notebookSignature(nb));
}

/** Records the current content as trusted (call on trust, and when a trusted notebook is saved or exported). */
export async function rememberTrust(nb: Notebook, store: TrustStore): Promise<void> {
  await store.add(await notebookSignature(nb));
}
