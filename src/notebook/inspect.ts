/**
 * A readable one-value inspector for `text/plain` outputs (Node's `util.inspect` in spirit, without Node): strings
 * quoted inside containers, `1n`, `[Function: f]`, `Float32Array(4) [1, 2, 3, 4]`, `Map(2) {"a" => 1}`,
 * class instances named, cycles as `[Circular]`, nesting beyond `depth` as `[Object]`, long collections cut with
 * `… N more`, and entries broken over lines when a value is wider than `width`. DOM nodes print as a short tag.
 */

export interface InspectOptions {
  /** Container nesting shown in full (default 2). */
  readonly depth?: number;
  /** Items shown per collection (default 100). */
  readonly maxItems?: number;
  /** Line width before entries break over lines (default 80). */
  readonly width?: number;
  /** Quote a top-level string (default true). */
  readonly quoteStrings?: boolean;
}

const IDENT = /^[A-Za-z_$][\w$]*$/;

export function inspect(value: unknown, options: InspectOptions = {}): string {
  const depth = options.depth ?? 2, maxItems = options.maxItems ?? 100, width = options.width ?? 80;
  const seen = new Set<object>();

  const str = (v: unknown, level: number, indent: string): string => {
    switch (typeof v) {
      case 'string': return level === 0 && options.quoteStrings === false ? v : JSON.stringify(v);
      case 'number': return Object.is(v, -0) ? '-0' : String(v);
      case 'bigint': return `${v}n`;
      case 'boolean': case 'undefined': return String(v);
      case 'symbol': return v.toString();
      case 'function': return fnName(v);
    }
    if (v === null) return 'null';
    const o = v as object;
    if (seen.has(o)) return '[Circular]';
    const special = leaf(o);
    if (special !== null) return special;
    const name = constructorName(o);
    if (level > depth) return Array.isArray(o) ? '[Array]' : `[${name ?? 'Object'}]`;
    seen.add(o);
    try {
      const inner = indent + '  ';
      const item = (x: unknown): string => str(x, level + 1, inner);
      let open: string, close: string, parts: string[], extra = 0;
      if (Array.isArray(o) || ArrayBuffer.isView(o)) {
        const arr = o as ArrayLike<unknown>;
        const n = arr.length;
        parts = [];
        for (let i = 0; i < Math.min(n, maxItems); i++) parts.push(item(arr[i]));
        extra = n - parts.length;
        open = Array.isArray(o) ? (name && name !== 'Array' ? `${name}(${n}) [` : '[') : `${name}(${n}) [`;
        close = ']';
      } else if (o instanceof Map) {
        parts = [...o].slice(0, maxItems).map(([k, x]) => `${item(k)} => ${item(x)}`);
        extra = o.size - parts.length;
        open = `Map(${o.size}) {`; close = '}';
      } else if (o instanceof Set) {
        parts = [...o].slice(0, maxItems).map(item);
        extra = o.size - parts.length;
        open = `Set(${o.size}) {`; close = '}';
      } else {
        const keys = Object.keys(o);
        parts = keys.slice(0, maxItems).map((k) => `${IDENT.test(k) ? k : JSON.stringify(k)}: ${item((o as Record<string, unknown>)[k])}`);
        extra = keys.length - parts.length;
        open = name && name !== 'Object' ? `${name} {` : name === null ? '[Object: null prototype] {' : '{';
        close = '}';
        if (!parts.length) return open + close;
      }
      if (extra > 0) parts.push(`… ${extra} more`);
      if (!parts.length) return open + close;
      const flat = `${open}${open.endsWith('{') ? ' ' : ''}${parts.join(', ')}${close === '}' ? ' ' : ''}${close}`;
      if (flat.length + indent.length <= width && !flat.includes('\n')) return flat;
      return `${open}\n${parts.map((p) => inner + p).join(',\n')}\n${indent}${close}`;
    } finally {
      seen.delete(o);
    }
  };
  return str(value, 0, '');
}

/** Objects printed as one token, or null for containers. */
function leaf(o: object): string | null {
  if (o instanceof Date) return Number.isNaN(o.getTime()) ? 'Invalid Date' : o.toISOString();
  if (o instanceof RegExp) return String(o);
  if (o instanceof Error) return o.message ? `${o.name}: ${o.message}` : o.name;
  if (o instanceof Promise) return 'Promise {…}';
  if (o instanceof WeakMap) return 'WeakMap {…}';
  if (o instanceof WeakSet) return 'WeakSet {…}';
  if (o instanceof ArrayBuffer) return `ArrayBuffer { byteLength: ${o.byteLength} }`;
  if (o instanceof DataView) return `DataView { byteLength: ${o.byteLength} }`;
  if (o instanceof Number || o instanceof String || o instanceof Boolean) return `[${constructorName(o)}: ${JSON.stringify(o.valueOf())}]`;
  if (typeof Node !== 'undefined' && o instanceof Node) return domNode(o);
  return null;
}

function domNode(n: Node): string {
  if (typeof Element !== 'undefined' && n instanceof Element) {
    const attrs = [...n.attributes].map((a) => (a.value === '' ? ` ${a.name}` : ` ${a.name}=${JSON.stringify(a.value)}`)).join('');
    return `<${n.tagName.toLowerCase()}${attrs}>`;
  }
  return `[${n.nodeName}]`;
}

function fnName(f: Function): string {
  const src = Function.prototype.toString.call(f);
  if (src.startsWith('class')) return `[class ${f.name || '(anonymous)'}]`;
  return f.name ? `[Function: ${f.name}]` : '[Function (anonymous)]';
}

/** The constructor's name, or null for a null-prototype object. */
function constructorName(o: object): string | null {
  const proto: unknown = Object.getPrototypeOf(o);
  if (proto === null) return null;
  const ctor = (proto as { constructor?: unknown }).constructor;
  return typeof ctor === 'function' && ctor.name ? ctor.name : 'Object';
}
