/**
 * remove-identity and dead-code: Identity / IdentityN / StopGradient / same-type Cast are removed, a graph output
 * keeps its name (the producer writes it), outputs equal before/after; an identity from a graph input straight to a
 * graph output must not fire. dead-code removes unread nodes and unreferenced tensors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deadCodePass } from '../../src/passes/dead-code.ts';
import { removeIdentityPass } from '../../src/passes/remove-identity.ts';
import { Rng } from '../../src/util/random.ts';
import { opsOf, runPass, seededInputs, TfBuilder } from './helpers.ts';
import { evalTfGraph } from './tf-eval.ts';

test('identity-like ops are removed; the graph output keeps its name', () => {
  const rng = new Rng(1);
  const b = new TfBuilder();
  const x = b.input('x', [-1, 3]);
  const id1 = b.op('Identity', [x], [-1, 3]);
  const mm = b.op('MatMul', [id1, b.random('w', [3, 2], rng)], [-1, 2], {}, 'dense/MatMul');
  const sg = b.op('StopGradient', [mm], [-1, 2]);
  const [n0, n1] = b.opN('IdentityN', [sg, b.op('Relu', [mm], [-1, 2])], [[-1, 2], [-1, 2]]);
  const cast = b.op('Cast', [n1!], [-1, 2], { SrcT: 'float32', DstT: 'float32' });
  b.output(b.op('Identity', [b.op('AddV2', [n0!, cast], [-1, 2])], [-1, 2], {}, 'StatefulPartitionedCall/Identity'));
  const inputs = seededInputs(b.graph, 2, -1, 1, 3);
  const before = evalTfGraph(b.graph, inputs, 3);
  const r = runPass(b.graph, removeIdentityPass);
  assert.equal(r.rewrites, 5);
  assert.deepEqual(opsOf(b.graph), ['MatMul', 'Relu', 'AddV2']);
  assert.equal(b.graph.main.outputs[0]!.name, 'StatefulPartitionedCall/Identity:0');
  assert.equal(b.graph.signatures[0]!.outputs[0]!.tensor, b.graph.main.outputs[0]);
  assert.deepEqual(evalTfGraph(b.graph, inputs, 3), before);
});

test('must not fire: an Identity from a graph input to a graph output', () => {
  const b = new TfBuilder();
  const x = b.input('x', [2]);
  b.output(b.op('Identity', [x], [2], {}, 'passthrough'));
  const r = runPass(b.graph, removeIdentityPass);
  assert.equal(r.rewrites, 0);
  assert.deepEqual(r.failures.map((f) => f.reason), ['forwards graph input serving_default_x:0 to graph output passthrough:0']);
});

test('dead-code removes nodes nobody reads and drops their tensors', () => {
  const b = new TfBuilder();
  const x = b.input('x', [2]);
  const dead = b.op('Relu', [b.op('Neg', [x], [2])], [2]);
  b.output(b.op('Exp', [x], [2]));
  const r = runPass(b.graph, deadCodePass);
  assert.equal(r.rewrites, 2);
  assert.deepEqual(opsOf(b.graph), ['Exp']);
  assert.ok(!b.graph.main.tensors.includes(dead));
  assert.equal(runPass(b.graph, deadCodePass).rewrites, 0);
});
