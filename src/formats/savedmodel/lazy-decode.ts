/**
 * Decodes `saved_model.pb` without decoding what a conversion never reads: the graph of every MetaGraph but the
 * chosen one, and the body of every library function that no signature reaches. A TF2 SavedModel's function library
 * is ~70 % of the decoding time (every layer's call traced several times: training / inference, restore, …) and only
 * a few of its functions are inlined for a signature.
 *
 * How: a protobuf wire-format scan (tag + length only) splits each message into its fields; the fields we decode
 * eagerly are copied back together (valid protobuf: a message is any sequence of its fields) and handed to the
 * generated protobufjs decoders; each `FunctionDef` is kept as a byte range, with its name peeked from
 * `signature.name`, and decoded on first use (`LazyFunctions`).
 *
 * Field numbers (tensorflow/core/protobuf/saved_model.proto, meta_graph.proto, framework/graph.proto, function.proto,
 * op_def.proto): SavedModel.meta_graphs = 2; MetaGraphDef.graph_def = 2; GraphDef.library = 2;
 * FunctionDefLibrary.function = 1; FunctionDef.signature = 1; OpDef.name = 1.
 */
import { FormatError } from '../../errors.ts';
import { tensorflow } from './generated/tf-protos.js';

export type FunctionDef = tensorflow.FunctionDef.$Properties;

/** Library functions by name, decoded on first use (the last definition of a name wins, as in a full decode). */
export class LazyFunctions {
  private readonly decoded = new Map<string, FunctionDef>();
  constructor(private readonly file: string, private readonly ranges: Map<string, Uint8Array>) {}

  static of(defs: readonly FunctionDef[]): LazyFunctions {
    const lf = new LazyFunctions('', new Map());
    for (const f of defs) {
      const name = f.signature?.name;
      if (name) lf.decoded.set(name, f);
    }
    return lf;
  }

  has(name: string): boolean {
    return this.decoded.has(name) || this.ranges.has(name);
  }

  get(name: string): FunctionDef | undefined {
    const hit = this.decoded.get(name);
    if (hit) return hit;
    const bytes = this.ranges.get(name);
    if (!bytes) return undefined;
    let f: FunctionDef;
    try {
      f = tensorflow.FunctionDef.decode(bytes);
    } catch (e) {
      throw new FormatError(this.file, `not a valid SavedModel: function ${name}: ${e instanceof Error ? e.message : String(e)}`);
    }
    this.decoded.set(name, f);
    this.ranges.delete(name);
    return f;
  }
}

export interface LazyMetaGraph {
  /** The MetaGraphDef without its `graph_def`. */
  meta: tensorflow.MetaGraphDef.$Properties;
  /** Decodes the graph: nodes and versions now, library functions on use. Null when the MetaGraph has none. */
  graph(): { graphDef: tensorflow.GraphDef.$Properties; functions: LazyFunctions } | null;
}

interface Field { no: number; wire: number; start: number; end: number; body: Uint8Array }

class WireError extends Error {}

function varint(b: Uint8Array, pos: number): [number, number] {
  let v = 0, mul = 1;
  for (let i = 0; i < 10; i++) {
    if (pos >= b.length) throw new WireError('truncated varint');
    const x = b[pos++]!;
    v += (x & 0x7f) * mul;
    if (!(x & 0x80)) return [v, pos];
    mul *= 128;
  }
  throw new WireError('varint too long');
}

/** The top-level fields of a message, in order. `body` is a length-delimited field's payload (else empty). */
function fields(b: Uint8Array): Field[] {
  const out: Field[] = [];
  let pos = 0;
  while (pos < b.length) {
    const start = pos;
    const [tag, p1] = varint(b, pos);
    pos = p1;
    const no = Math.floor(tag / 8), wire = tag & 7;
    if (no === 0) throw new WireError(`invalid field number 0 at offset ${start}`);
    let body = b.subarray(0, 0);
    switch (wire) {
      case 0: pos = varint(b, pos)[1]; break;
      case 1: pos += 8; break;
      case 5: pos += 4; break;
      case 2: {
        const [len, p2] = varint(b, pos);
        pos = p2 + len;
        if (pos > b.length) throw new WireError(`field ${no} runs past the end (offset ${start})`);
        body = b.subarray(p2, pos);
        break;
      }
      default: throw new WireError(`unsupported wire type ${wire} at offset ${start}`);
    }
    if (pos > b.length) throw new WireError(`field ${no} runs past the end (offset ${start})`);
    out.push({ no, wire, start, end: pos, body });
  }
  return out;
}

/** The bytes of the fields of `b` for which `keep` holds, concatenated (a valid message of the same type). */
function without(b: Uint8Array, fs: Field[], keep: (f: Field) => boolean): Uint8Array {
  const kept = fs.filter(keep);
  if (kept.length === fs.length) return b;
  const out = new Uint8Array(kept.reduce((n, f) => n + f.end - f.start, 0));
  let at = 0;
  for (const f of kept) {
    out.set(b.subarray(f.start, f.end), at);
    at += f.end - f.start;
  }
  return out;
}

/** The last value of a string field `no` (proto3 semantics), or ''. */
function stringField(fs: Field[], no: number): string {
  let s = '';
  for (const f of fs) if (f.no === no && f.wire === 2) s = new TextDecoder('utf-8', { fatal: true }).decode(f.body);
  return s;
}

function merged(fs: Field[], no: number): Field[] {
  return fs.filter((f) => f.no === no && f.wire === 2);
}

/** Splits `saved_model.pb` into its MetaGraphs, each decoded without its graph; throws on malformed wire data. */
export function decodeSavedModelLazily(bytes: Uint8Array, file: string): LazyMetaGraph[] {
  const invalid = (e: unknown): FormatError =>
    new FormatError(file, `not a valid SavedModel: ${e instanceof Error ? e.message : String(e)}`);
  try {
    return merged(fields(bytes), 2).map((mgField) => {
      const mgFields = fields(mgField.body);
      const graphFields = merged(mgFields, 2);
      const meta = tensorflow.MetaGraphDef.decode(without(mgField.body, mgFields, (f) => f.no !== 2));
      return { meta, graph: () => { try { return decodeGraph(graphFields, file); } catch (e) { throw e instanceof FormatError ? e : invalid(e); } } };
    });
  } catch (e) {
    throw invalid(e);
  }
}

function decodeGraph(graphFields: Field[], file: string): { graphDef: tensorflow.GraphDef.$Properties; functions: LazyFunctions } | null {
  if (!graphFields.length) return null;
  // Repeated occurrences of an embedded message merge: concatenating their payloads is that merge.
  const body = graphFields.length === 1 ? graphFields[0]!.body : concat(graphFields.map((f) => f.body));
  const gFields = fields(body);
  const graphDef = tensorflow.GraphDef.decode(without(body, gFields, (f) => f.no !== 2));
  const ranges = new Map<string, Uint8Array>();
  const libFields = merged(gFields, 2);
  if (libFields.length) {
    const lib = libFields.length === 1 ? libFields[0]!.body : concat(libFields.map((f) => f.body));
    const lFields = fields(lib);
    const rest = tensorflow.FunctionDefLibrary.decode(without(lib, lFields, (f) => f.no !== 1));
    for (const f of merged(lFields, 1)) {
      const name = stringField(merged(fields(f.body), 1).flatMap((sig) => fields(sig.body)), 1);
      if (name) ranges.set(name, f.body);
    }
    graphDef.library = rest;
  }
  return { graphDef, functions: new LazyFunctions(file, ranges) };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
