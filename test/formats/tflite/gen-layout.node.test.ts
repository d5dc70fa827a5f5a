/**
 * The layout descriptor (scripts/gen-tflite-layout.mjs → generated/layout.ts) agrees with flatc: every field's slot is
 * the vtable offset the flatc-generated accessor reads, and every accessor has its field. The generator handles the
 * schema language the verifier depends on (ids, unions and vectors of unions, deprecated and required fields, struct
 * size/alignment with padding, nested structs, fixed arrays, force_align, enums with negative values, defaults), and
 * `verifyFlatbuffer` enforces what only such schemas exercise (required fields, vectors of unions).
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import * as flatbuffers from 'flatbuffers';
import { FormatError } from '../../../src/errors.ts';
import { tfliteLayout, type FieldLayout, type SchemaLayout } from '../../../src/formats/tflite/generated/layout.ts';
import { conversionMetadataLayout } from '../../../src/formats/tflite/generated/conversion-metadata/layout.ts';
import { verifyFlatbuffer } from '../../../src/formats/tflite/verify.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** class name → accessor name → vtable offset, from flatc's TypeScript output in `dir`. */
function flatcAccessors(dir: string): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const f of fs.readdirSync(dir)) {
    const src = fs.readFileSync(path.join(dir, f), 'utf8');
    const cls = /^export class (\w+) \{/m.exec(src);
    if (!cls) continue;
    const methods = new Map<string, number>();
    for (const m of src.matchAll(/^(\w+)(?:<[^\n]*>)?\([^\n]*\{\n\s+const offset = this\.bb!\.__offset\(this\.bb_pos, (\d+)\);/gm)) {
      methods.set(m[1]!, Number(m[2]));
    }
    out.set(cls[1]!, methods);
  }
  return out;
}

/** flatc's TypeScript accessor names for a field: `builtin_options_2` → builtinOptions2, plus Type/Length/Array. */
const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

function agreesWithFlatc(layout: SchemaLayout, dir: string): void {
  const classes = flatcAccessors(path.join(ROOT, dir));
  for (const [table, fields] of Object.entries(layout.tables)) {
    const methods = classes.get(table);
    assert.ok(methods, `flatc generated no class ${table}`);
    const expected = new Map<string, number>();
    fields.forEach((f: FieldLayout, slot) => {
      if (f.deprecated) return;
      const name = camel(f.name);
      expected.set(name, 4 + 2 * slot);
      if (f.kind === 'vector') {
        expected.set(`${name}Length`, 4 + 2 * slot);
        if (f.elem.kind === 'scalar' && methods.has(`${name}Array`)) expected.set(`${name}Array`, 4 + 2 * slot);
      }
    });
    assert.deepEqual(new Map([...methods].sort()), new Map([...expected].sort()), `table ${table}`);
  }
}

describe('the layout descriptor agrees with flatc', () => {
  test('schema.fbs: every field slot is the vtable offset of its flatc accessor, and vice versa', () => {
    assert.equal(Object.keys(tfliteLayout.tables).length, 170);
    agreesWithFlatc(tfliteLayout, 'src/formats/tflite/generated/tflite');
    assert.deepEqual([tfliteLayout.rootType, tfliteLayout.fileIdentifier], ['Model', 'TFL3']);
  });

  test('conversion_metadata.fbs likewise', () => {
    agreesWithFlatc(conversionMetadataLayout, 'src/formats/tflite/generated/conversion-metadata/tflite');
    assert.equal(conversionMetadataLayout.fileIdentifier, undefined);
  });

  test('unions list their member table per type code; deprecated members keep their code', () => {
    assert.deepEqual(tfliteLayout.unions.SparseIndexVector, [null, 'Int32Vector', 'Uint16Vector', 'Uint8Vector']);
    assert.equal(tfliteLayout.unions.BuiltinOptions2![20], 'ReduceWindowOptions');
    assert.deepEqual(tfliteLayout.tables.ResizeBilinearOptions!.map((f) => [f.name, f.deprecated ?? false]),
      [['new_height', true], ['new_width', true], ['align_corners', false], ['half_pixel_centers', false]]);
  });
});

const SCHEMA = `// A schema exercising the generator.
namespace test.ns;
attribute "priority";
file_identifier "TEST";
enum Color : short { Red = -1, Green, Blue = 5 (deprecated) }
struct Vec3 { x: float; y: float; z: float; }
/* a: 0, b: 8 (aligned), c: 16; size 18 padded to 24 */
struct Mixed { a: byte; b: double; c: short; }
struct Nested { m: Mixed; flag: bool; arr: [short:3]; }
struct Forced (force_align: 16) { v: Vec3; }
table Leaf { id: uint; }
table Other { s: string; }
union Thing { Leaf, alias: Other, Leaf2: test.ns.Leaf = 7 }
table Root (priority: 1) {
  pos: Vec3 (id: 3);
  name: string (id: 0, required);
  old: int = -1 (id: 1, deprecated);
  color: Color = Green (id: 2);
  thing: Thing (id: 5);
  things: [Thing] (id: 7);
  leaves: [Leaf] (id: 8);
  nested: Nested (id: 9);
  forced: [Forced] (id: 10, force_align: 32);
  big: ulong = 18446744073709551615 (id: 11);
  ratio: float = -inf (id: 12);
}
root_type Root;
`;

/** Runs the generator on SCHEMA and imports its output. */
async function generated(): Promise<SchemaLayout> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gen-layout-'));
  try {
    fs.writeFileSync(path.join(dir, 'in.fbs'), SCHEMA);
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/gen-tflite-layout.mjs'), path.join(dir, 'in.fbs'), path.join(dir, 'out.ts'), 'testLayout'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const mod = (await import(pathToFileURL(path.join(dir, 'out.ts')).href)) as { testLayout: SchemaLayout };
    return mod.testLayout;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('gen-tflite-layout.mjs', async () => {
  const layout = await generated();

  test('slots follow ids; a union takes id − 1 for its _type; deprecated and required are kept', () => {
    assert.deepEqual(layout.tables.Root, [
      { name: 'name', kind: 'string', required: true },
      { name: 'old', kind: 'scalar', type: 'int', size: 4, deprecated: true },
      { name: 'color', kind: 'scalar', type: 'Color', size: 2 },
      { name: 'pos', kind: 'struct', struct: 'Vec3', size: 12, align: 4 },
      { name: 'thing_type', kind: 'scalar', type: 'Thing', size: 1 },
      { name: 'thing', kind: 'union', union: 'Thing' },
      { name: 'things_type', kind: 'vector', elem: { kind: 'scalar', type: 'ubyte', size: 1 } },
      { name: 'things', kind: 'vector', elem: { kind: 'union', union: 'Thing' } },
      { name: 'leaves', kind: 'vector', elem: { kind: 'table', table: 'Leaf' } },
      { name: 'nested', kind: 'struct', struct: 'Nested', size: 32, align: 8 },
      { name: 'forced', kind: 'vector', elem: { kind: 'struct', struct: 'Forced', size: 16, align: 16 }, forceAlign: 32 },
      { name: 'big', kind: 'scalar', type: 'ulong', size: 8 },
      { name: 'ratio', kind: 'scalar', type: 'float', size: 4 },
    ]);
    assert.deepEqual(layout.tables.Leaf, [{ name: 'id', kind: 'scalar', type: 'uint', size: 4 }]);
  });

  test('struct size and alignment follow the flatbuffers rules', () => {
    assert.deepEqual(layout.structs, {
      Vec3: { size: 12, align: 4 },
      Mixed: { size: 24, align: 8 },
      Nested: { size: 32, align: 8 }, // Mixed 24, bool at 24, short[3] at 26..32
      Forced: { size: 16, align: 16 },
    });
  });

  test('union members by type code, aliases and explicit values included', () => {
    assert.deepEqual(layout.unions.Thing, [null, 'Leaf', 'Other', null, null, null, null, 'Leaf']);
    assert.deepEqual([layout.namespace, layout.rootType, layout.fileIdentifier], ['test.ns', 'Root', 'TEST']);
  });

  /** A Root with `name` (unless omitted), and `things` with the given type codes but a single Leaf value. */
  function root(opts: { name?: boolean; types?: number[] }): Uint8Array {
    const b = new flatbuffers.Builder(64);
    const name = b.createString('n');
    b.startObject(1);
    b.addFieldInt32(0, 5, 0);
    const leaf = b.endObject();
    let types = 0, values = 0;
    if (opts.types) {
      b.startVector(1, opts.types.length, 1);
      for (const t of [...opts.types].reverse()) b.addInt8(t);
      types = b.endVector();
      b.startVector(4, 1, 4);
      b.addOffset(leaf);
      values = b.endVector();
    }
    b.startObject(13);
    if (opts.name !== false) b.addFieldOffset(0, name, 0);
    if (types) b.addFieldOffset(6, types, 0);
    if (values) b.addFieldOffset(7, values, 0);
    b.finish(b.endObject(), 'TEST');
    return b.asUint8Array().slice();
  }
  const error = (bytes: Uint8Array): FormatError => {
    try {
      verifyFlatbuffer(bytes, 'x.bin', layout);
    } catch (e) {
      assert.ok(e instanceof FormatError);
      return e;
    }
    assert.fail('accepted');
  };

  test('verifyFlatbuffer: a required field must be present', () => {
    verifyFlatbuffer(root({}), 'x.bin', layout);
    const e = error(root({ name: false }));
    assert.deepEqual([e.field, e.detail], ['Root.name', 'required field is missing']);
  });

  test('verifyFlatbuffer: a vector of unions needs as many type codes as values', () => {
    verifyFlatbuffer(root({ types: [1] }), 'x.bin', layout);
    const e = error(root({ types: [1, 1] }));
    assert.deepEqual([e.field, e.detail], ['Root.things', 'vector of unions has 1 values but 2 types']);
  });
});
