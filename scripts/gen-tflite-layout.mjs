#!/usr/bin/env node
/**
 * Generates the compact flatbuffers layout descriptor that `src/formats/tflite/verify.ts` walks to verify a buffer
 * (bounds, alignment, offsets) before the flatc-generated accessors read it. Plain Node, no dependencies.
 *
 * It parses the subset of the FlatBuffers schema language the official schemas use: `namespace`, `include` (ignored),
 * `attribute`, `file_identifier`, `file_extension`, `root_type`, enums with an underlying type, unions (members may
 * carry attributes, `alias: Type` and `= value`), structs (fixed arrays `[T:N]`, `force_align`) and tables (default
 * values, `(deprecated)`, `(id: N)`, `(required)`, `(force_align: N)`). For each table it lists the fields in vtable
 * slot order (slot = field index counting deprecated fields; a union takes two slots, `<name>_type` then the value);
 * struct size and alignment follow the flatbuffers rules (each field aligned to its own alignment, struct alignment
 * = the largest, or `force_align`; size padded to the alignment).
 *
 * Usage: `node scripts/gen-tflite-layout.mjs` regenerates both TFLite layouts (run by scripts/gen-tflite-schema.sh);
 * `node scripts/gen-tflite-layout.mjs IN.fbs OUT.ts EXPORT_NAME [TYPES_IMPORT]` does one schema.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SCALARS = {
  bool: 1, byte: 1, ubyte: 1, int8: 1, uint8: 1,
  short: 2, ushort: 2, int16: 2, uint16: 2,
  int: 4, uint: 4, int32: 4, uint32: 4, float: 4, float32: 4,
  long: 8, ulong: 8, int64: 8, uint64: 8, double: 8, float64: 8,
};
/** Attributes that change what a verifier must check and that this generator does not implement. */
const UNSUPPORTED_ATTRS = new Set(['nested_flatbuffer', 'flexbuffer', 'offset64', 'vector64']);

/** Splits schema text into tokens: identifiers (dotted), numbers, strings and punctuation; drops comments. */
function tokenize(src, file) {
  const re = /\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/|("(?:[^"\\]|\\.)*")|([+-]?(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|[+-](?:inf(?:inity)?|nan)(?![A-Za-z0-9_]))|([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)|([{}()[\]:;,=])/y;
  const tokens = [];
  let line = 1;
  let m;
  while (re.lastIndex < src.length) {
    const at = re.lastIndex;
    if (!(m = re.exec(src))) throw new Error(`${file}:${line}: cannot tokenize: ${src.slice(at, at + 20)}`);
    if (m[1] !== undefined) tokens.push({ t: 'str', v: JSON.parse(m[1]), line });
    else if (m[2] !== undefined) tokens.push({ t: 'num', v: m[2], line });
    else if (m[3] !== undefined) tokens.push({ t: 'id', v: m[3], line });
    else if (m[4] !== undefined) tokens.push({ t: 'p', v: m[4], line });
    for (let j = at; j < re.lastIndex; j++) if (src.charCodeAt(j) === 10) line++;
  }
  return tokens;
}

/** Parses schema text into declarations (types still unresolved). */
export function parseSchema(src, file = 'schema.fbs') {
  const toks = tokenize(src, file);
  let i = 0;
  const peek = () => toks[i];
  const fail = (msg) => { throw new Error(`${file}:${toks[Math.min(i, toks.length - 1)]?.line ?? 0}: ${msg}`); };
  const next = () => toks[i++] ?? fail('unexpected end of schema');
  const isP = (v) => peek()?.t === 'p' && peek().v === v;
  const expectP = (v) => { const t = next(); if (t.t !== 'p' || t.v !== v) fail(`expected '${v}', got '${t.v}'`); };
  const ident = () => { const t = next(); if (t.t !== 'id') fail(`expected an identifier, got '${t.v}'`); return t.v; };
  const value = () => { const t = next(); if (t.t === 'p') fail(`expected a value, got '${t.v}'`); return t.v; };
  const attrs = () => {
    const out = {};
    if (!isP('(')) return out;
    next();
    while (!isP(')')) {
      const name = ident();
      out[name] = true;
      if (isP(':')) { next(); out[name] = value(); }
      if (isP(',')) next();
    }
    next();
    return out;
  };
  const typeRef = () => {
    if (isP('[')) {
      next();
      const elem = ident();
      let fixed;
      if (isP(':')) { next(); fixed = Number(value()); }
      expectP(']');
      return fixed === undefined ? { vector: elem } : { array: elem, length: fixed };
    }
    return { name: ident() };
  };

  const s = { namespace: '', rootType: undefined, fileIdentifier: undefined, fileExtension: undefined,
    attributes: new Set(), enums: new Map(), unions: new Map(), structs: new Map(), tables: new Map(), order: [] };
  const declare = (kind, name, decl) => {
    const short = name.split('.').pop();
    if (s.enums.has(short) || s.unions.has(short) || s.structs.has(short) || s.tables.has(short)) fail(`duplicate type ${short}`);
    s[kind].set(short, decl);
    s.order.push([kind, short]);
  };
  while (i < toks.length) {
    const kw = ident();
    if (kw === 'namespace') { s.namespace = ident(); expectP(';'); }
    else if (kw === 'include' || kw === 'native_include') { value(); expectP(';'); }
    else if (kw === 'attribute') { s.attributes.add(value()); expectP(';'); }
    else if (kw === 'file_identifier') { s.fileIdentifier = value(); expectP(';'); }
    else if (kw === 'file_extension') { s.fileExtension = value(); expectP(';'); }
    else if (kw === 'root_type') { s.rootType = ident().split('.').pop(); expectP(';'); }
    else if (kw === 'enum' || kw === 'union') {
      const name = ident();
      let underlying = 'ubyte';
      if (kw === 'enum') { expectP(':'); underlying = ident(); if (!(underlying in SCALARS)) fail(`enum ${name}: bad type ${underlying}`); }
      const declAttrs = attrs();
      expectP('{');
      const values = [];
      let nextValue = kw === 'union' ? 1 : 0;
      while (!isP('}')) {
        let member = ident();
        let type = member;
        if (kw === 'union' && isP(':')) { next(); type = ident(); }
        if (isP('=')) { next(); nextValue = Number(value()); }
        const a = attrs();
        values.push({ name: member, type: type.split('.').pop(), value: nextValue++, deprecated: !!a.deprecated });
        if (isP(',')) next();
      }
      next();
      declare(kw === 'enum' ? 'enums' : 'unions', name, { name, underlying, values, attrs: declAttrs });
    } else if (kw === 'table' || kw === 'struct') {
      const name = ident();
      const declAttrs = attrs();
      expectP('{');
      const fields = [];
      while (!isP('}')) {
        const fname = ident();
        expectP(':');
        const type = typeRef();
        if (isP('=')) { next(); value(); }
        const a = attrs();
        expectP(';');
        for (const k of Object.keys(a)) if (UNSUPPORTED_ATTRS.has(k)) fail(`${name}.${fname}: attribute '${k}' is not supported by the verifier`);
        fields.push({ name: fname, type, attrs: a });
      }
      next();
      declare(kw === 'table' ? 'tables' : 'structs', name, { name, fields, attrs: declAttrs });
    } else if (kw === 'rpc_service') {
      ident(); expectP('{');
      for (let depth = 1; depth > 0;) { const t = next(); if (t.t === 'p' && t.v === '{') depth++; if (t.t === 'p' && t.v === '}') depth--; }
    } else fail(`unexpected '${kw}'`);
  }
  return s;
}

/** Resolves a parsed schema into the layout descriptor (see the `SchemaLayout` type emitted into layout.ts). */
export function buildLayout(s) {
  const structCache = new Map();
  const structLayout = (name, stack = []) => {
    if (structCache.has(name)) return structCache.get(name);
    if (stack.includes(name)) throw new Error(`struct ${name} contains itself`);
    const st = s.structs.get(name);
    let size = 0;
    let align = 1;
    for (const f of st.fields) {
      const t = f.type;
      if (t.vector) throw new Error(`struct ${name}.${f.name}: vectors are not allowed in structs`);
      const base = t.array ?? t.name;
      const { size: es, align: ea } = inlineType(base, [...stack, name], `${name}.${f.name}`);
      const fs_ = es * (t.length ?? 1);
      size = Math.ceil(size / ea) * ea + fs_;
      align = Math.max(align, ea);
    }
    const force = st.attrs.force_align === undefined ? 0 : Number(st.attrs.force_align);
    if (force) {
      if (force < align || (force & (force - 1)) !== 0 || force > 16) throw new Error(`struct ${name}: bad force_align ${force}`);
      align = force;
    }
    const out = { size: Math.ceil(size / align) * align, align };
    structCache.set(name, out);
    return out;
  };
  /** Size/alignment of a scalar, enum or struct used inline. */
  const inlineType = (typeName, stack, where) => {
    const n = typeName.split('.').pop();
    if (n in SCALARS) return { size: SCALARS[n], align: SCALARS[n], scalar: n };
    if (s.enums.has(n)) { const sz = SCALARS[s.enums.get(n).underlying]; return { size: sz, align: sz, scalar: n }; }
    if (s.structs.has(n)) return { ...structLayout(n, stack), struct: n };
    throw new Error(`${where}: ${typeName} is not a scalar, enum or struct`);
  };
  /** The kind of a value in a table slot or a vector element. */
  const kindOf = (typeName, where) => {
    const n = typeName.split('.').pop();
    if (n === 'string') return { kind: 'string' };
    if (s.tables.has(n)) return { kind: 'table', table: n };
    if (s.unions.has(n)) return { kind: 'union', union: n };
    const t = inlineType(n, [], where);
    return t.struct ? { kind: 'struct', struct: n, size: t.size, align: t.align } : { kind: 'scalar', type: t.scalar, size: t.size };
  };

  const tables = {};
  for (const [name, t] of s.tables) {
    // Expand to slots: a union (or a vector of unions) first gets a `_type` slot.
    const entries = [];
    for (const f of t.fields) {
      const where = `${name}.${f.name}`;
      const flags = {};
      if (f.attrs.deprecated) flags.deprecated = true;
      if (f.attrs.required) flags.required = true;
      let k;
      if (f.type.array) throw new Error(`${where}: fixed-size arrays are only allowed in structs`);
      if (f.type.vector) {
        const elem = kindOf(f.type.vector, where);
        k = { kind: 'vector', elem };
        if (f.attrs.force_align !== undefined) k.forceAlign = Number(f.attrs.force_align);
        if (elem.kind === 'union') entries.push({ f, typeSlot: { name: `${f.name}_type`, kind: 'vector', elem: { kind: 'scalar', type: 'ubyte', size: 1 }, ...flags } });
      } else {
        k = kindOf(f.type.name, where);
        if (k.kind === 'union') entries.push({ f, typeSlot: { name: `${f.name}_type`, kind: 'scalar', type: f.type.name.split('.').pop(), size: 1, ...flags } });
      }
      entries.push({ f, field: { name: f.name, ...k, ...flags } });
    }
    const withIds = t.fields.filter((f) => f.attrs.id !== undefined).length;
    if (withIds && withIds !== t.fields.length) throw new Error(`table ${name}: either all fields have an id or none`);
    let slots;
    if (withIds) {
      // With explicit ids, a union's id is its value slot; its `_type` slot is id - 1.
      slots = [];
      for (const e of entries) {
        const id = Number(e.f.attrs.id) - (e.typeSlot ? 1 : 0);
        if (slots[id]) throw new Error(`table ${name}: id ${id} used twice`);
        slots[id] = e.typeSlot ?? e.field;
      }
      for (let j = 0; j < slots.length; j++) if (!slots[j]) throw new Error(`table ${name}: ids must be contiguous (missing ${j})`);
    } else slots = entries.map((e) => e.typeSlot ?? e.field);
    tables[name] = slots;
  }
  const unions = {};
  for (const [name, u] of s.unions) {
    const members = [];
    for (const v of u.values) {
      if (v.value === 0) continue; // NONE
      if (!s.tables.has(v.type)) throw new Error(`union ${name}: member ${v.type} is not a table (unsupported by the verifier)`);
      if (v.value > 255 || v.value < 0) throw new Error(`union ${name}: value ${v.value} out of ubyte range`);
      members[v.value] = v.type;
    }
    unions[name] = Array.from({ length: members.length }, (_, j) => members[j] ?? null);
  }
  const structs = {};
  for (const name of s.structs.keys()) structs[name] = structLayout(name);
  if (!s.rootType || !s.tables.has(s.rootType)) throw new Error(`root_type ${s.rootType} is not a table`);
  return { namespace: s.namespace, rootType: s.rootType, fileIdentifier: s.fileIdentifier, fileExtension: s.fileExtension, tables, structs, unions };
}

const TYPES = `/** What a table slot or a vector element holds. Scalars and structs are inline; the rest are behind a uoffset. */
export type ValueLayout =
  | { kind: 'scalar'; type: string; size: number }
  | { kind: 'struct'; struct: string; size: number; align: number }
  | { kind: 'string' }
  | { kind: 'table'; table: string }
  /** A union value; its type code is in the slot just before (\`<name>_type\`, a ubyte or a [ubyte]). */
  | { kind: 'union'; union: string };

/** One vtable slot of a table (slot i is the voffset at vtable byte 4 + 2i). */
export type FieldLayout = (ValueLayout | { kind: 'vector'; elem: ValueLayout; forceAlign?: number }) & {
  name: string;
  deprecated?: true;
  required?: true;
};

export interface SchemaLayout {
  namespace: string;
  rootType: string;
  fileIdentifier?: string;
  fileExtension?: string;
  /** Table name → its fields in vtable slot order. */
  tables: Record<string, FieldLayout[]>;
  structs: Record<string, { size: number; align: number }>;
  /** Union name → member table per type code (index 0 = NONE = null; gaps are null). */
  unions: Record<string, (string | null)[]>;
}
`;

const lit = (v) => (typeof v === 'string' ? `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : JSON.stringify(v));
const obj = (o) => `{ ${Object.entries(o).filter(([, v]) => v !== undefined).map(([k, v]) =>
  `${k}: ${v !== null && typeof v === 'object' && !Array.isArray(v) ? obj(v) : lit(v)}`).join(', ')} }`;

/** Renders the layout as a TypeScript module. */
export function renderLayout(layout, { exportName, source, typesImport }) {
  const out = [];
  out.push(`// Generated by scripts/gen-tflite-layout.mjs from ${source}. Do not edit: run \`npm run gen:tflite\`.`);
  out.push('/**');
  out.push(` * Layout descriptor of ${layout.namespace ? layout.namespace + '.' : ''}${layout.rootType} flatbuffers, read by src/formats/tflite/verify.ts:`);
  out.push(' * every table\'s fields in vtable slot order with what each holds, struct sizes, union members by type code.');
  out.push(' */');
  if (typesImport) out.push(`import type { SchemaLayout } from '${typesImport}';`);
  else out.push('', TYPES.trimEnd());
  out.push('', `export const ${exportName}: SchemaLayout = {`);
  out.push(`  namespace: ${lit(layout.namespace)},`, `  rootType: ${lit(layout.rootType)},`);
  if (layout.fileIdentifier !== undefined) out.push(`  fileIdentifier: ${lit(layout.fileIdentifier)},`);
  if (layout.fileExtension !== undefined) out.push(`  fileExtension: ${lit(layout.fileExtension)},`);
  out.push('  tables: {');
  for (const [name, fields] of Object.entries(layout.tables)) {
    if (fields.length === 0) { out.push(`    ${name}: [],`); continue; }
    out.push(`    ${name}: [`);
    for (const f of fields) out.push(`      ${obj(f)},`);
    out.push('    ],');
  }
  out.push('  },');
  out.push(`  structs: {${Object.entries(layout.structs).map(([n, v]) => `\n    ${n}: ${obj(v)},`).join('')}${Object.keys(layout.structs).length ? '\n  ' : ''}},`);
  const unions = Object.entries(layout.unions);
  out.push(`  unions: {${unions.map(([n, members]) => `\n    ${n}: [${members.map((m) => (m === null ? 'null' : lit(m))).join(', ')}],`).join('')}${unions.length ? '\n  ' : ''}},`);
  out.push('};', '');
  return out.join('\n');
}

function generate(input, output, exportName, typesImport) {
  const layout = buildLayout(parseSchema(fs.readFileSync(input, 'utf8'), input));
  fs.mkdirSync(path.dirname(output), { recursive: true });
  fs.writeFileSync(output, renderLayout(layout, { exportName, source: input, typesImport }));
  console.log(`gen-tflite-layout: ${output} (${Object.keys(layout.tables).length} tables, ${Object.keys(layout.unions).length} unions, ${Object.keys(layout.structs).length} structs)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.chdir(path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
  const args = process.argv.slice(2);
  if (args.length >= 3) generate(args[0], args[1], args[2], args[3]);
  else if (args.length === 0) {
    generate('src/formats/tflite/schema/schema.fbs', 'src/formats/tflite/generated/layout.ts', 'tfliteLayout');
    generate('src/formats/tflite/schema/conversion_metadata.fbs', 'src/formats/tflite/generated/conversion-metadata/layout.ts',
      'conversionMetadataLayout', '../layout.ts');
  } else {
    console.error('usage: node scripts/gen-tflite-layout.mjs [IN.fbs OUT.ts EXPORT_NAME [TYPES_IMPORT]]');
    process.exit(2);
  }
}
