// Frozen GraphDef: the multi_add fixture (the graph multi_add.json describes as TFLite), options, sniffing, errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { loadGraphDef, sniffGraphDef } from '../../../src/formats/graphdef/index.ts';
import { ConversionError, FormatError, UsageError } from '../../../src/errors.ts';
import { Rng } from '../../../src/util/random.ts';

const DIR = 'test/fixtures/litert_multi_add_graphdef';
const PB = new Uint8Array(readFileSync(`${DIR}/multi_add.pb`));

interface TfliteJson {
  subgraphs: { tensors: { name: string; shape: number[] }[]; inputs: number[]; outputs: number[]; operators: { inputs: number[]; outputs: number[]; builtin_options_type: string }[] }[];
}

test('multi_add.pb loads with the ops, inputs and outputs multi_add.json lists', async () => {
  const json = JSON.parse(readFileSync(`${DIR}/multi_add.json`, 'utf8')) as TfliteJson;
  const ref = json.subgraphs[0]!;
  const name = (i: number): string => ref.tensors[i]!.name;
  const g = await loadGraphDef(PB, 'multi_add.pb');
  const sg = g.main;
  assert.deepEqual(sg.inputs.map((t) => t.name), ref.inputs.map((i) => `${name(i)}:0`));
  assert.deepEqual(sg.outputs.map((t) => t.name), ref.outputs.map((i) => `${name(i)}:0`));
  assert.deepEqual(sg.inputs.map((t) => [t.dtype, t.shape]), ref.inputs.map((i) => ['float32', ref.tensors[i]!.shape]));
  // Same operators in the same order: Add (AddOptions in TFLite) with the same operand names.
  assert.deepEqual(
    sg.nodes.map((n) => `${n.op}(${n.inputs.map((t) => t!.name).join(',')})->${n.outputs[0]!.name}`),
    ref.operators.map((op) => `Add(${op.inputs.map((i) => `${name(i)}:0`).join(',')})->${name(op.outputs[0]!)}:0`));
  assert.ok(ref.operators.every((op) => op.builtin_options_type === 'AddOptions'));
  assert.deepEqual(sg.nodes.map((n) => n.attrs), [{ T: 'float32' }, { T: 'float32' }, { T: 'float32' }]);
  const sig = g.signatures[0]!;
  assert.deepEqual([sig.key, sig.inputs.map((i) => i.name), sig.outputs.map((o) => o.name)], ['serving_default', ['a', 'b', 'c', 'd'], ['x', 'y']]);
});

test('inputArrays / outputArrays / inputShapes (by name or in order) select and reshape', async () => {
  const g = await loadGraphDef(PB, 'multi_add.pb', { outputArrays: ['x'], inputShapes: { a: [1, 3, 4, 3], 'b:0': [-1, 3, 4, 3] } });
  assert.deepEqual(g.main.inputs.map((t) => `${t.name}[${t.shape}]`), ['a:0[1,3,4,3]', 'b:0[-1,3,4,3]', 'c:0[1,8,8,3]']);
  assert.deepEqual(g.main.nodes.map((n) => n.tfName), ['i', 'x']);
  const h = await loadGraphDef(PB, 'multi_add.pb', { inputArrays: ['d', 'c', 'b', 'a'], inputShapes: [[1], [2], [3], [4]] });
  assert.deepEqual(h.main.inputs.map((t) => `${t.name}[${t.shape}]`), ['d:0[1]', 'c:0[2]', 'b:0[3]', 'a:0[4]']);
  // Feeding `i` cuts b and c off: x then needs only a.
  const cut = await loadGraphDef(PB, 'multi_add.pb', { inputArrays: ['i', 'a'], outputArrays: ['x:0'] });
  assert.deepEqual(cut.main.nodes.map((n) => n.tfName), ['x']);
  assert.deepEqual(cut.main.inputs.map((t) => t.name), ['i:0', 'a:0']);
});

test('usage mistakes and missing inputs are reported, not crashed on', async () => {
  await assert.rejects(loadGraphDef(PB, 'multi_add.pb', { outputArrays: ['nope'] }), (e) => e instanceof UsageError && /nope/.test(e.message));
  await assert.rejects(loadGraphDef(PB, 'multi_add.pb', { inputArrays: ['a'], outputArrays: ['x'] }),
    (e) => e instanceof ConversionError && /placeholder (b|i|c)/.test(e.message));
  await assert.rejects(loadGraphDef(PB, 'multi_add.pb', { inputShapes: [[1]] }), UsageError);
});

test('sniffGraphDef tells a GraphDef from a SavedModel, a TFLite file and noise', () => {
  assert.equal(sniffGraphDef(PB), true);
  assert.equal(sniffGraphDef(new Uint8Array(readFileSync('test/fixtures/serving_matrix_half_plus_two/saved_model.pb'))), false);
  assert.equal(sniffGraphDef(new Uint8Array(readFileSync(`${DIR}/multi_add.bin`))), false);
  assert.equal(sniffGraphDef(new Uint8Array([0x0a, 0xff, 0xff])), false);
});

test('damaged GraphDefs: FormatError naming the file, or (if still a valid graph) a graph or a typed error', async () => {
  const rng = new Rng(7);
  for (let i = 0; i < 60; i++) {
    const m = PB.slice();
    const at = rng.int(0, PB.length - 1);
    m[at]! ^= 1 << rng.int(0, 7);
    const bytes = i < 10 ? PB.slice(0, rng.int(0, PB.length - 1)) : m;
    try {
      await loadGraphDef(bytes, 'multi_add.pb');
    } catch (e) {
      assert.ok(e instanceof FormatError || e instanceof ConversionError || e instanceof UsageError, String(e));
      if (e instanceof FormatError) assert.equal(e.file, 'multi_add.pb');
    }
  }
  await assert.rejects(loadGraphDef(new Uint8Array(0), 'empty.pb'), (e) => e instanceof FormatError && e.file === 'empty.pb');
});
