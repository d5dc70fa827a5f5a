/**
 * Acceptance for the float side of the interpreter, against the real TFLite runtime (LiteRT.js, or tfjs-tflite
 * when LiteRT refuses, e.g. dynamic batch or LSTM state variables):
 *
 * 1. every official float `.tflite` fixture on 8 seeded random inputs: max|ours − ref| / max|ref| ≤ 1e-5;
 * 2. the float parts of every fixture, float or quantized: each node our float / dtype-generic kernels run (kind
 *    'float', or resolved to the 'any' kernel — RESHAPE of int8 data, QUANTIZE, DEQUANTIZE …) cut out into a
 *    one-node model and compared on seeded inputs (float ≤ 1e-5 relative, integer outputs exactly).
 *
 * The per-fixture relative differences are printed as test diagnostics.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { readTflite, sniffTflite, writeTflite } from '../../../src/formats/tflite/index.ts';
import { Graph, Node, Subgraph, Tensor } from '../../../src/ir/graph.ts';
import { getCpuKernel } from '../../../src/runtime/cpu/kernel-api.ts';
import { Interpreter, kernelKind } from '../../../src/runtime/interpreter/index.ts';
import { Rng } from '../../../src/util/random.ts';
import { runReference, type RuntimeArray } from '../../harness/reference-runtime.ts';
import { FIXTURES, fixture, relDiff } from './fixtures.ts';

const FLOAT_MODELS = [
  'tflm_hello_world/hello_world_float.tflite',
  'sgx_mnist_mlp_savedmodel/model_no_quant.tflite',
  'mlperf_tiny_ic_resnet8/pretrainedResnet.tflite',
  'mlperf_tiny_anomaly_toycar/model_ToyCar.tflite',
  'gitadi_mnist_cnn_keras/model_fp32_28.tflite',
  'serving_half_plus_two_tflite/model.tflite',
  'serving_half_plus_two_tflite/model_with_sigdef.tflite',
  'litert_multi_add_graphdef/multi_add.bin',
  'tflm_mnist_lstm/trained_lstm.tflite',
];

const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

/** Seeded data for a tensor: floats in [-1, 1], integers over the dtype's range. */
function feed(rng: Rng, t: Tensor): RuntimeArray {
  const n = size(t.shape);
  switch (t.dtype) {
    case 'float32': return rng.float32Array(n, -1, 1);
    case 'int8': return rng.int8Array(n);
    case 'uint8': return Uint8Array.from({ length: n }, () => rng.int(0, 255));
    case 'int16': return Int16Array.from({ length: n }, () => rng.int(-32768, 32767));
    default: throw new Error(`no test data for ${t.dtype}`);
  }
}

describe('official float fixtures: our CPU interpreter vs the real runtime, 8 seeded inputs', { concurrency: 1 }, () => {
  for (const rel of FLOAT_MODELS) {
    test(rel, async (t) => {
      const bytes = fixture(rel);
      const interp = await Interpreter.create(bytes, { file: rel });
      const inputs = readTflite(bytes, rel).main.inputs;
      const rng = new Rng(0x5eed);
      let worst = 0;
      let runtime = '';
      for (let k = 0; k < 8; k++) {
        const feeds = inputs.map((x) => feed(rng, x));
        const ours = await interp.run(feeds as Float32Array[]);
        const ref = await runReference(bytes, feeds);
        runtime = ref.runtime;
        assert.equal(ours.length, ref.outputs.length);
        ours.forEach((o, i) => {
          assert.deepEqual(o.shape, ref.outputs[i]!.shape, `output ${i} shape`);
          worst = Math.max(worst, relDiff(o.data as Float32Array, ref.outputs[i]!.data));
        });
      }
      t.diagnostic(`${rel}: max rel diff ${worst.toExponential(2)} over 8 inputs (${runtime})`);
      assert.ok(worst <= 1e-5, `max |Δ| / max |ref| = ${worst}`);
    });
  }
});

function fixtureFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return fixtureFiles(p);
    return /\.(tflite|bin)$/.test(e.name) && sniffTflite(new Uint8Array(fs.readFileSync(p))) ? [p] : [];
  }).sort();
}

/** Whether our float/generic kernels run `node`: kind 'float', or its kind has no kernel and 'any' takes it. */
function ours(node: Node): boolean {
  const kind = kernelKind(node);
  if (kind === 'float') return getCpuKernel(node.op, 'float') !== undefined;
  const k = getCpuKernel(node.op, kind);
  return k !== undefined && k === getCpuKernel(node.op, 'any');
}

/** A model of `node` alone: its constant inputs kept, the others (with static shapes) as graph inputs. */
function isolate(node: Node): { bytes: Uint8Array; inputs: Tensor[] } {
  const copy = (t: Tensor): Tensor => {
    const c = new Tensor(t.name, t.dtype, [...t.shape], t.data, t.quantization);
    c.isVariable = t.isVariable;
    return c;
  };
  const map = new Map<Tensor, Tensor>();
  const get = (t: Tensor) => map.get(t) ?? map.set(t, copy(t)).get(t)!;
  const n = new Node(node.op, node.inputs.map((t) => (t ? get(t) : null)), node.outputs.map(get), node.version);
  n.options = node.options;
  const inputs = [...new Set(n.inputs.filter((t): t is Tensor => !!t && !t.isConstant && !t.isVariable))];
  const g = new Graph();
  g.subgraphs.push(new Subgraph('main', [...map.values()], [n], inputs, n.outputs));
  return { bytes: writeTflite(g).slice(), inputs };
}

describe('float parts of every fixture, node by node, vs the real runtime', { concurrency: 1 }, () => {
  for (const file of fixtureFiles(FIXTURES)) {
    const rel = path.relative(FIXTURES, file);
    const graph = readTflite(new Uint8Array(fs.readFileSync(file)), rel);
    const nodes = graph.main.nodes.map((n, i) => [n, i] as const).filter(([n]) => ours(n));
    if (!nodes.length) continue;
    test(`${rel}: ${nodes.length} node(s)`, async (t) => {
      const rng = new Rng(0xface);
      const lines: string[] = [];
      for (const [node, i] of nodes) {
        const { bytes, inputs } = isolate(node);
        const feeds = inputs.map((x) => feed(rng, x));
        const interp = await Interpreter.create(bytes);
        const mine = await interp.run(feeds as Float32Array[]);
        const ref = await runReference(bytes, feeds);
        mine.forEach((o, j) => {
          const r = ref.outputs[j]!;
          assert.deepEqual(o.shape, r.shape, `node ${i} ${node.op} output ${j} shape`);
          const d = relDiff(o.data as Float32Array, r.data);
          lines.push(`#${i} ${node.op} [${kernelKind(node)}]: ${o.dtype === 'float32' ? `rel ${d.toExponential(2)}` : d === 0 ? 'exact' : `DIFFERS ${d}`} (${ref.runtime})`);
          if (o.dtype === 'float32') assert.ok(d <= 1e-5, `node ${i} ${node.op}: rel diff ${d}`);
          else assert.equal(d, 0, `node ${i} ${node.op}: ${o.dtype} output differs`);
        });
      }
      t.diagnostic(`${rel}: ${lines.join('; ')}`);
    });
  }
});
