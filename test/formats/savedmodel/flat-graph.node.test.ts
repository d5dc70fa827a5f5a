// Function inlining and tensor-name resolution (`node:out_arg:k`), and the variable → checkpoint key mappings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { FlatGraph } from '../../../src/formats/savedmodel/flat-graph.ts';
import { buildGraph } from '../../../src/formats/savedmodel/graph-builder.ts';
import { OpRegistry } from '../../../src/formats/savedmodel/op-defs.ts';
import { tensorflow } from '../../../src/formats/savedmodel/generated/tf-protos.js';
import { objectGraphKeys, saverKeys } from '../../../src/formats/savedmodel/variable-keys.ts';
import { Checkpoint } from '../../../src/formats/savedmodel/variables-bundle.ts';
import { nodeFiles } from '../../../src/formats/model-source-node.ts';
import type { AttrProto, NodeDef } from '../../../src/formats/savedmodel/tf-proto.ts';
import { FormatError } from '../../../src/errors.ts';

const FLOAT = 1, INT32 = 3;
const type = (t: number): AttrProto => ({ type: t });
const func = (name: string): AttrProto => ({ func: { name } });
const types = (...t: number[]): AttrProto => ({ list: { type: t } });
const arg = (name: string, t = 0, typeAttr = ''): tensorflow.OpDef.ArgDef.$Properties => ({ name, type: t, typeAttr });

/**
 * Top level: x → StatefulPartitionedCall(outer) → (values, indices). outer's body: TopKV2 (outputs `values`,
 * `indices`) and a nested PartitionedCall(inner) whose body negates its argument; outer returns
 * `topk:indices:0` and `neg_call:output:0`, which must resolve to TopKV2 output 1 and inner's Neg output 0.
 */
function synthetic(): FlatGraph {
  const nodes: NodeDef[] = [
    { name: 'x', op: 'Placeholder', attr: { dtype: type(FLOAT), shape: { shape: { dim: [{ size: 5 }] } } } },
    { name: 'call', op: 'StatefulPartitionedCall', input: ['x', '^x'], attr: { f: func('outer'), Tin: types(FLOAT), Tout: types(INT32, FLOAT) } },
  ];
  const outer: tensorflow.FunctionDef.$Properties = {
    signature: { name: 'outer', inputArg: [arg('v', FLOAT)], outputArg: [arg('idx', INT32), arg('neg', FLOAT)] },
    nodeDef: [
      { name: 'k', op: 'Const', attr: { dtype: type(INT32), value: { tensor: { dtype: INT32, tensorShape: {}, intVal: [2] } } } },
      { name: 'topk', op: 'TopKV2', input: ['v', 'k:output:0'], attr: { T: type(FLOAT) } },
      { name: 'neg_call', op: 'PartitionedCall', input: ['topk:values:0'], attr: { f: func('inner'), Tin: types(FLOAT), Tout: types(FLOAT) } },
    ],
    ret: { idx: 'topk:indices:0', neg: 'neg_call:output:0' },
  };
  const inner: tensorflow.FunctionDef.$Properties = {
    signature: { name: 'inner', inputArg: [arg('a', FLOAT)], outputArg: [arg('out', FLOAT)] },
    nodeDef: [{ name: 'n', op: 'Neg', input: ['a', '^a'], attr: { T: type(FLOAT) } }],
    ret: { out: 'n:y:0' },
  };
  const ops = new OpRegistry([{ name: 'Neg', inputArg: [arg('x', 0, 'T')], outputArg: [arg('y', 0, 'T')] }]);
  return new FlatGraph('synthetic.pb', ops, nodes, { function: [outer, inner] });
}

test('calls are inlined on demand and out-arg references resolve to flat output indices', async () => {
  const g = synthetic();
  const graph = await buildGraph(g, {
    signatureKey: 'sig',
    feeds: [{ key: 'x', ref: { node: 'x', index: 0 }, name: 'x:0', dtype: 'float32', shape: [5] }],
    fetches: [{ key: 'idx', ref: { node: 'call', index: 0 } }, { key: 'neg', ref: { node: 'call', index: 1 } }],
  });
  const sg = graph.main;
  assert.deepEqual(sg.nodes.map((n) => `${n.tfName}:${n.op}`), ['call/topk:TopKV2', 'call/neg_call/n:Neg']);
  const [topk, neg] = sg.nodes as [typeof sg.nodes[0], typeof sg.nodes[0]];
  assert.deepEqual(topk.outputs.map((t) => `${t.name} ${t.dtype}`), ['call/topk:0 float32', 'call/topk:1 int32']);
  assert.equal(sg.outputs[0], topk.outputs[1]);
  assert.equal(sg.outputs[1], neg.outputs[0]);
  assert.equal(neg.inputs[0], topk.outputs[0]);
  assert.equal(topk.inputs[0], sg.inputs[0]);
  assert.equal(topk.inputs[1]!.name, 'call/k:0');
  assert.deepEqual(Array.from(new Int32Array(topk.inputs[1]!.data!.slice().buffer)), [2]);
  assert.deepEqual(topk.attrs, { T: 'float32', sorted: true });
  assert.deepEqual(graph.signatures[0]!.outputs.map((o) => o.name), ['idx', 'neg']);
});

test('bad references inside functions are FormatErrors naming the function', async () => {
  const g = synthetic();
  g.functions.get('outer')!.ret = { idx: 'topk:nosuch:0', neg: 'neg_call:output:0' };
  assert.throws(() => g.resolve({ node: 'call', index: 0 }), (e) => e instanceof FormatError && /no output arg "nosuch"/.test(e.message) && /outer/.test(e.message));
  const h = synthetic();
  h.functions.get('inner')!.nodeDef = [{ name: 'n', op: 'Neg', input: ['missing'], attr: { T: type(FLOAT) } }];
  h.resolve({ node: 'call', index: 0 });
  assert.throws(() => h.resolve({ node: 'call', index: 1 }), (e) => e instanceof FormatError && /unresolvable reference "missing"/.test(e.message));
  const r = synthetic();
  r.functions.get('inner')!.nodeDef = [{ name: 'n', op: 'inner', input: ['a'] }]; // calls itself forever
  r.functions.get('inner')!.ret = { out: 'n:out:0' };
  assert.throws(() => r.resolve({ node: 'call', index: 1 }), (e) => e instanceof FormatError && /nested more than/.test(e.message));
});

async function savedModelGraph(dir: string): Promise<{ g: FlatGraph; mg: tensorflow.MetaGraphDef.$Properties; ckpt: Checkpoint }> {
  const sm = tensorflow.SavedModel.decode(new Uint8Array(readFileSync(`test/fixtures/${dir}/saved_model.pb`)));
  const mg = sm.metaGraphs![0]!;
  const g = new FlatGraph(dir, new OpRegistry(mg.metaInfoDef?.strippedOpList?.op ?? []), mg.graphDef!.node!, mg.graphDef!.library);
  return { g, mg, ckpt: (await Checkpoint.open(await nodeFiles(`test/fixtures/${dir}`)))! };
}

test('TF2: object-graph captures and the saver restore function agree on every variable key', async () => {
  for (const dir of ['sgx_mnist_mlp_savedmodel/saved_model', 'serving_saved_model_half_plus_two_tf2_cpu', 'tfjs_node_module_with_multiple_signatures']) {
    const { g, mg, ckpt } = await savedModelGraph(dir);
    const tf2 = await objectGraphKeys(g, mg.objectGraphDef, ckpt);
    const saver = saverKeys(g, mg.saverDef);
    assert.ok(tf2.size > 0, dir);
    for (const [name, key] of tf2) assert.equal(saver.get(name), key, `${dir}: ${name}`);
    if (dir.startsWith('sgx')) {
      assert.equal(tf2.get('dense/kernel'), 'layer_with_weights-0/kernel/.ATTRIBUTES/VARIABLE_VALUE');
      assert.equal(tf2.get('dense_3/bias'), 'layer_with_weights-3/bias/.ATTRIBUTES/VARIABLE_VALUE');
      assert.equal(tf2.size, 8); // only the weights the serving signature captures (no optimizer slots)
    }
  }
});

test('TF1: saver restore assignments map VariableV2 nodes to their checkpoint names', async () => {
  const { g, mg } = await savedModelGraph('serving_saved_model_half_plus_two_cpu');
  assert.deepEqual(Object.fromEntries([...saverKeys(g, mg.saverDef)].sort()), { a: 'a', a2: 'a2', b: 'b', c: 'c', c2: 'c2' });
});
