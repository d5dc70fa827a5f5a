/**
 * Share links: the notebook (sources, and outputs if asked) as compact nbformat JSON, deflated (raw deflate, fflate)
 * and base64url-encoded into the URL fragment `#nb=…`, which never reaches a server. Decoding validates every
 * step (alphabet, inflate with a size cap, UTF-8, nbformat) and fails with a `FormatError` naming `share link`.
 * A link over the size limit (default 64 KB of fragment) is refused with `ShareLinkTooLongError`: save as .ipynb.
 */
import { deflateSync, Inflate } from 'fflate';
import { FormatError } from '../errors.ts';
import { decodeBase64Url, encodeBase64Url } from './base64url.ts';
import { ShareLinkTooLongError } from './errors.ts';
import { notebookFromJson, notebookToJson } from './ipynb.ts';
import type { Notebook } from './notebook.ts';

export const DEFAULT_MAX_FRAGMENT = 64 * 1024;
/** Decompressed notebooks larger than this are refused (a small link must not inflate to gigabytes). */
export const MAX_INFLATED = 32 * 1024 * 1024;
const FILE = 'share link';

export interface ShareLinkOptions {
  /** Include outputs (default false: sources only, the reader re-runs). */
  readonly outputs?: boolean;
  /** Largest fragment accepted, in characters (default 65536). */
  readonly maxFragment?: number;
  /** Page the link points to (e.g. `location.href`); its own fragment is replaced. */
  readonly baseUrl?: string;
}

export interface ShareLink {
  /** `#nb=…` */
  readonly fragment: string;
  /** `baseUrl` + fragment, when a base was given. */
  readonly url?: string;
  /** Characters in the fragment. */
  readonly length: number;
}

/** Encodes a notebook as a link fragment; throws `ShareLinkTooLongError` above the limit. */
export function encodeShareLink(nb: Notebook, options: ShareLinkOptions = {}): ShareLink {
  const json = JSON.stringify(notebookToJson(nb, { outputs: options.outputs ?? false }));
  const packed = deflateSync(new TextEncoder().encode(json), { level: 9 });
  const fragment = `#nb=${encodeBase64Url(packed)}`;
  const limit = options.maxFragment ?? DEFAULT_MAX_FRAGMENT;
  if (fragment.length > limit) throw new ShareLinkTooLongError(fragment.length, limit);
  return { fragment, length: fragment.length, ...(options.baseUrl !== undefined ? { url: options.baseUrl.replace(/#.*$/, '') + fragment } : {}) };
}

/** The `nb` payload of a URL, fragment or bare payload, or null if there is none. */
export function shareLinkPayload(urlOrFragment: string): string | null {
  const text = urlOrFragment.trim();
  if (!text.includes('#')) return /^[A-Za-z0-9_-]+=*$/.test(text) ? text : null;
  return new URLSearchParams(text.slice(text.indexOf('#') + 1)).get('nb');
}

/** Decodes a share link (a URL, a `#nb=…` fragment or the payload). Throws `FormatError`. */
export function decodeShareLink(urlOrFragment: string): Notebook {
  const payload = shareLinkPayload(urlOrFragment);
  if (!payload) throw new FormatError(FILE, 'no notebook in the link (expected #nb=…)', undefined, 'nb');
  const bytes = decodeBase64Url(payload);
  if (!bytes) throw new FormatError(FILE, 'not base64url text', undefined, 'nb');
  const json = new TextDecoder('utf-8', { fatal: true });
  let text: string;
  try {
    text = json.decode(inflateCapped(bytes));
  } catch (e) {
    if (e instanceof FormatError) throw e;
    throw new FormatError(FILE, 'the link is damaged (not a compressed notebook)', undefined, 'nb');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new FormatError(FILE, 'the link is damaged (not notebook JSON)', undefined, 'nb');
  }
  return notebookFromJson(parsed, FILE);
}

function inflateCapped(bytes: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0, ended = false;
  const inflate = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > MAX_INFLATED) throw new FormatError(FILE, `the notebook inflates past ${MAX_INFLATED} bytes`, undefined, 'nb');
    chunks.push(chunk);
    if (final) ended = true;
  });
  inflate.push(bytes, true);
  if (!ended) throw new Error('truncated');
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) { out.set(c, o); o += c.length; }
  return out;
}
