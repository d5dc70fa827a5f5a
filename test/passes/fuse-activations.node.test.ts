/**
 * fuse-gelu, fuse-hard-swish, fuse-prelu: the op chains Keras / tf.nn trace (exact and tanh GELU, x·relu6(x+3)/6,
 * relu(x) − α·relu(−x), max(x, αx)) become one op; the rewritten graph equals the chain on seeded inputs (TF
 * evaluator), and after legalization the real runtime's GELU / HARD_SWISH / PRELU / LEAKY_RELU agree with it;
 * chains whose interior is read elsewhere, or with a wrong constant, must not fire.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Tensor } from '../../src/ir/graph.ts';
import { deadCodePass } from '../../src/passes/dead-code.ts';
import { fuseGeluPass } from '../../src/passes/fuse-gelu.ts';
import { fuseHardSwishPass } from '../../src/passes/fuse-hard-swish.ts';
import { fusePreluPass } from '../../src/passes/fuse-prelu.ts';
import type { Pass } from '../../src/passes/pass.ts';
import { Rng } from '../../src/util/random.ts';
import { opsOf, runPass, seededInputs, TfBuilder } from './helpers.ts';
import { legalize, runTflite } from './tflite-helpers.ts';
import { evalTfGraph, relDiff } from './tf-eval.ts';

const S = [1, 64];

function gelu(b: TfBuilder, x: Tensor, approximate: boolean): Tensor {
  const c = (v: number) => b.const(`c${v}`, [], [v]);
  const half = b.op('Mul', [c(0.5), x], S);
  let inner: Tensor;
  if (approximate) {
    const cube = b.op('Pow', [x, c(3)], S);
    const sum = b.op('AddV2', [x, b.op('Mul', [c(0.044715), cube], S)], S);
    inner = b.op('Tanh', [b.op('Mul', [c(0.7978845608028654), sum], S)], S);
  } else {
    inner = b.op('Erf', [b.op('RealDiv', [x, c(1.4142135623730951)], S)], S);
  }
  return b.op('Mul', [half, b.op('AddV2', [c(1), inner], S)], S);
}

async function check(b: TfBuilder, pass: Pass, rewrites: number, ops: string[], tflite: string[]): Promise<void> {
  const inputs = seededInputs(b.graph, 9, -4, 4);
  const before = evalTfGraph(b.graph, inputs);
  assert.equal(runPass(b.graph, pass).rewrites, rewrites);
  runPass(b.graph, deadCodePass);
  assert.deepEqual(opsOf(b.graph), ops);
  const after = evalTfGraph(b.graph, inputs);
  before.forEach((o, i) => assert.ok(relDiff(after[i]!, o) < 1e-6, `output ${i}: ${relDiff(after[i]!, o)}`));
  legalize(b.graph);
  assert.deepEqual(opsOf(b.graph), tflite);
  const rt = await runTflite(b.graph, inputs);
  before.forEach((o, i) => assert.ok(relDiff(rt[i]!, o) < 2e-6, `runtime output ${i}: ${relDiff(rt[i]!, o)}`));
}

test('GELU, exact and tanh-approximate', async () => {
  const b = new TfBuilder();
  const x = b.input('x', S);
  b.output(gelu(b, x, false)).output(gelu(b, b.op('Neg', [x], S), true));
  await check(b, fuseGeluPass, 2, ['_Gelu', 'Neg', '_Gelu'], ['GELU', 'NEG', 'GELU']);
  assert.deepEqual(b.graph.main.nodes.map((n) => (n.options?.value as { approximate?: boolean } | undefined)?.approximate), [false, undefined, true]);
});

test('hard swish: x·Relu6(x + 3)/6 and x·(Relu6(x + 3)·(1/6))', async () => {
  const b = new TfBuilder();
  const x = b.input('x', S);
  const r6 = (t: Tensor) => b.op('Relu6', [b.op('AddV2', [t, b.const('three', [], [3])], S)], S);
  b.output(b.op('RealDiv', [b.op('Mul', [x, r6(x)], S), b.const('six', [], [6])], S));
  const y = b.op('Neg', [x], S);
  b.output(b.op('Mul', [y, b.op('Mul', [r6(y), b.const('sixth', [], [1 / 6])], S)], S));
  await check(b, fuseHardSwishPass, 2, ['_HardSwish', 'Neg', '_HardSwish'], ['HARD_SWISH', 'NEG', 'HARD_SWISH']);
});

test("PReLU (Keras' relu(x) + (−α)·relu(−x)) and LeakyReLU as max(x, αx)", async () => {
  const rng = new Rng(1);
  const b = new TfBuilder();
  const x = b.input('x', S);
  const negAlpha = b.random('neg_alpha', [64], rng, -0.5, 0);
  b.output(b.op('AddV2', [b.op('Relu', [x], S), b.op('Mul', [negAlpha, b.op('Relu', [b.op('Neg', [x], S)], S)], S)], S));
  b.output(b.op('Maximum', [x, b.op('Mul', [b.const('a', [], [0.1]), x], S)], S));
  await check(b, fusePreluPass, 2, ['_Prelu', 'LeakyRelu'], ['PRELU', 'LEAKY_RELU']);
});

test('must not fire: an interior tensor read elsewhere; a wrong constant', () => {
  const b = new TfBuilder();
  const x = b.input('x', S);
  const g = gelu(b, x, false);
  const erf = b.graph.main.nodes.find((n) => n.op === 'Erf')!.outputs[0]!;
  b.output(g).output(erf);
  const r = runPass(b.graph, fuseGeluPass);
  assert.equal(r.rewrites, 0);
  assert.equal(r.failures.length, 1);
  assert.match(r.failures[0]!.reason, /erf_\d+:0 is also read outside the pattern/);
  const b2 = new TfBuilder();
  const x2 = b2.input('x', S);
  b2.output(b2.op('RealDiv', [b2.op('Mul', [x2, b2.op('Relu6', [b2.op('AddV2', [x2, b2.const('c', [], [2])], S)], S)], S), b2.const('six', [], [6])], S));
  assert.equal(runPass(b2.graph, fuseHardSwishPass).rewrites, 0);
});
