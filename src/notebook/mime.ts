/**
 * Values → MIME bundles. An object speaks for itself through `[Symbol.for('litelab.mime')]` (a method or a bundle)
 * or a `toMimeBundle()` method: that is how engine results (plots, tables, model summaries) render. Otherwise a
 * DOM element gives `text/html` (an `<svg>` gives `image/svg+xml`), and everything gets `text/plain` from the
 * inspector. `normalizeBundle` makes any bundle safe to save: text types become strings, JSON types become plain
 * JSON, and binary data (typed arrays, buffers) is replaced by a note, so model bytes never enter a notebook file.
 */
import { inspect } from './inspect.ts';
import { isJsonMime, type MimeBundle } from './outputs.ts';

export const MIME_SYMBOL: unique symbol = Symbol.for('litelab.mime') as never;

/** A value → bundle conversion; the kernel takes one as an option. */
export type ToMimeBundle = (value: unknown) => MimeBundle;

export const defaultToMimeBundle: ToMimeBundle = (value) => {
  if (typeof value === 'object' && value !== null) {
    const own = (value as { [MIME_SYMBOL]?: unknown })[MIME_SYMBOL];
    if (typeof own === 'function') return normalizeBundle((own as () => unknown).call(value), value);
    if (typeof own === 'object' && own !== null) return normalizeBundle(own, value);
    const method = (value as { toMimeBundle?: unknown }).toMimeBundle;
    if (typeof method === 'function') return normalizeBundle((method as () => unknown).call(value), value);
    if (typeof Element !== 'undefined' && value instanceof Element) return elementBundle(value);
  }
  return { 'text/plain': inspect(value) };
};

function elementBundle(el: Element): MimeBundle {
  const plain = inspect(el);
  if (el.tagName.toLowerCase() === 'svg') {
    const svg = typeof XMLSerializer !== 'undefined' ? new XMLSerializer().serializeToString(el) : el.outerHTML;
    return { 'image/svg+xml': svg, 'text/plain': plain };
  }
  return { 'text/html': el.outerHTML, 'text/plain': plain };
}

/** A saveable bundle from whatever a value's own conversion returned; always has `text/plain`. */
export function normalizeBundle(raw: unknown, value: unknown): MimeBundle {
  const out: Record<string, unknown> = {};
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    for (const [mime, content] of Object.entries(raw)) {
      if (content === undefined) continue;
      out[mime] = isJsonMime(mime) ? toJson(content) : typeof content === 'string' ? content : inspect(content, { quoteStrings: false });
    }
  }
  if (typeof out['text/plain'] !== 'string') out['text/plain'] = inspect(value);
  return out;
}

/** Plain JSON (what `JSON.stringify` keeps), with binary data replaced by a short note. */
function toJson(v: unknown): unknown {
  const text = JSON.stringify(v, (_key, x: unknown) => {
    if (ArrayBuffer.isView(x)) return `[${x.constructor.name} of ${x.byteLength} bytes omitted]`;
    if (x instanceof ArrayBuffer) return `[ArrayBuffer of ${x.byteLength} bytes omitted]`;
    if (typeof x === 'bigint') return x.toString();
    return x;
  });
  return text === undefined ? null : JSON.parse(text);
}
