/**
 * End to end on synthetic Keras models (seeded weights, no files): the layers whose traced TF ops the converter must
 * fuse or lower — Conv1D (ExpandDims / Conv2D / Squeeze), ZeroPadding2D + VALID Conv2D (pad fusion), DepthwiseConv2D,
 * SeparableConv2D, BatchNormalization (Keras 2 fused, Keras 3 unfused chain), Dense on a 3-D input, gelu (exact
 * and approximate), hard_swish, PReLU, LeakyReLU, Normalization, Concatenate, global pooling, softmax — convert,
 * run in the real runtime, and equal the Keras graph evaluated by the TF evaluator; the expected TFLite ops appear
 * and no batch-norm arithmetic is left.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { convertGraph } from '../../src/converter/convert-graph.ts';
import { buildKerasGraph, type LayerLocation, type StoredWeight } from '../../src/formats/keras/keras-graph.ts';
import { parseModelConfig } from '../../src/formats/keras/model-config.ts';
import { writeTflite } from '../../src/formats/tflite/index.ts';
import type { Graph } from '../../src/ir/graph.ts';
import { runReference } from '../harness/reference-runtime.ts';
import { FakeWeights } from '../formats/keras/fake-weights.ts';
import { seededInputs } from '../passes/helpers.ts';
import { evalTfGraph, relDiff } from '../passes/tf-eval.ts';

/** FakeWeights with positive BN variances (|v| + 0.5) and gammas near 1. */
class BnSafeWeights extends FakeWeights {
  override layerWeights(loc: LayerLocation): StoredWeight[] {
    return super.layerWeights(loc).map((w) => {
      if (w.name !== 'moving_variance' && w.name !== 'gamma' && w.name !== 'variance') return w;
      const f = new Float32Array(w.array.data.slice().buffer).map((v) => Math.abs(v) + 0.5);
      return { ...w, array: { ...w.array, data: new Uint8Array(f.buffer) } };
    });
  }
}

const layer = (className: string, config: Record<string, unknown>) => ({ class_name: className, config });

async function check(graph: Graph, expectOps: string[], forbidden: string[]): Promise<string[]> {
  const tflite = await convertGraph(graph);
  const ops = tflite.main.nodes.map((n) => n.op);
  for (const op of expectOps) assert.ok(ops.includes(op), `${op} in [${ops}]`);
  for (const op of forbidden) assert.ok(!ops.includes(op), `no ${op} in [${ops}]`);
  const bytes = writeTflite(tflite).slice();
  for (const seed of [1, 2, 3]) {
    const inputs = seededInputs(graph, seed, -2, 2);
    const want = evalTfGraph(graph, inputs);
    const got = await runReference(bytes, inputs);
    got.outputs.forEach((o, i) => assert.ok(relDiff(o.data, want[i]!) < 1e-5, `output ${i}: ${relDiff(o.data, want[i]!)}`));
  }
  return ops;
}

test('Keras 2 CNN: Conv1D, ZeroPadding2D + Conv2D, DepthwiseConv2D, SeparableConv2D, fused BatchNormalization, PReLU', async () => {
  const model = parseModelConfig({
    class_name: 'Sequential',
    config: {
      name: 'cnn',
      layers: [
        layer('Reshape', { name: 'to_seq', target_shape: [64, 3], batch_input_shape: [null, 8, 8, 3] }),
        layer('Conv1D', { name: 'c1d', filters: 4, kernel_size: 3, padding: 'same', activation: 'relu' }),
        layer('Reshape', { name: 'to_img', target_shape: [8, 8, 4] }),
        layer('ZeroPadding2D', { name: 'pad', padding: [[1, 1], [1, 1]] }),
        layer('Conv2D', { name: 'conv', filters: 6, kernel_size: [3, 3], padding: 'valid', use_bias: false }),
        layer('BatchNormalization', { name: 'bn', axis: -1, epsilon: 0.001 }),
        layer('PReLU', { name: 'prelu', shared_axes: null }),
        layer('DepthwiseConv2D', { name: 'dw', kernel_size: [3, 3], padding: 'same', depth_multiplier: 2 }),
        layer('BatchNormalization', { name: 'bn2', axis: -1, epsilon: 0.001 }),
        layer('ReLU', { name: 'relu6', max_value: 6 }),
        layer('SeparableConv2D', { name: 'sep', filters: 5, kernel_size: [3, 3], strides: [2, 2], padding: 'same', activation: 'relu' }),
        layer('GlobalAveragePooling2D', { name: 'gap' }),
        layer('Dense', { name: 'out', units: 3, activation: 'softmax' }),
      ],
    },
  });
  const weights = new BnSafeWeights()
    .set('c1d', { kernel: [3, 3, 4], bias: [4] }).set('conv', { kernel: [3, 3, 4, 6] })
    .set('bn', { gamma: [6], beta: [6], moving_mean: [6], moving_variance: [6] }).set('prelu', { alpha: [8, 8, 6] })
    .set('dw', { depthwise_kernel: [3, 3, 6, 2], bias: [12] })
    .set('bn2', { gamma: [12], beta: [12], moving_mean: [12], moving_variance: [12] })
    .set('sep', { depthwise_kernel: [3, 3, 12, 1], pointwise_kernel: [1, 1, 12, 5], bias: [5] }).set('out', { kernel: [5, 3], bias: [3] });
  const { graph } = buildKerasGraph({ model, weights, kerasMajor: 2, file: 'cnn.h5' });
  const ops = await check(graph, ['CONV_2D', 'DEPTHWISE_CONV_2D', 'PRELU', 'MEAN', 'FULLY_CONNECTED', 'SOFTMAX'], ['PAD', 'MUL', 'ADD', 'RELU', 'RELU6']);
  assert.deepEqual(ops, ['RESHAPE', 'EXPAND_DIMS', 'CONV_2D', 'SQUEEZE', 'RESHAPE', 'CONV_2D', 'PRELU', 'DEPTHWISE_CONV_2D',
    'DEPTHWISE_CONV_2D', 'CONV_2D', 'MEAN', 'FULLY_CONNECTED', 'SOFTMAX']);
});

test('Keras 3 MLP: Normalization, Dense on 3-D input, unfused BatchNormalization, gelu, hard_swish, LeakyReLU, Concatenate', async () => {
  const kt = (l: string) => ({ class_name: '__keras_tensor__', config: { keras_history: [l, 0, 0] } });
  const node = (l: string) => ({ args: [kt(l)], kwargs: {} });
  const L = (className: string, name: string, config: Record<string, unknown>, inbound: string | string[] | null) => ({
    class_name: className, name, config: { name, ...config },
    inbound_nodes: inbound === null ? [] : [Array.isArray(inbound) ? { args: [inbound.map(kt)], kwargs: {} } : node(inbound)],
  });
  const model = parseModelConfig({
    class_name: 'Functional',
    config: {
      name: 'mlp',
      layers: [
        L('InputLayer', 'x', { batch_shape: [null, 4, 6] }, null),
        L('Normalization', 'norm', { axis: -1 }, 'x'),
        L('Dense', 'd1', { units: 8, activation: { class_name: 'function', config: 'gelu', registered_name: 'gelu' } }, 'norm'),
        L('BatchNormalization', 'bn', { axis: -1, epsilon: 0.001 }, 'd1'),
        L('Dense', 'd2', { units: 8, activation: 'hard_swish' }, 'bn'),
        L('Dense', 'd3', { units: 8, activation: { class_name: 'Gelu', config: { approximate: true } } }, 'bn'),
        L('LeakyReLU', 'leaky', { negative_slope: 0.2 }, 'd3'),
        L('Concatenate', 'cat', { axis: -1 }, ['d2', 'leaky']),
        L('Flatten', 'flat', {}, 'cat'),
        L('Dense', 'out', { units: 2 }, 'flat'),
      ],
      input_layers: [['x', 0, 0]],
      output_layers: [['out', 0, 0]],
    },
  });
  const weights = new BnSafeWeights().set('norm', { mean: [6], variance: [6], count: [] })
    .set('d1', { kernel: [6, 8], bias: [8] }).set('bn', { gamma: [8], beta: [8], moving_mean: [8], moving_variance: [8] })
    .set('d2', { kernel: [8, 8], bias: [8] }).set('d3', { kernel: [8, 8], bias: [8] }).set('out', { kernel: [64, 2], bias: [2] });
  const { graph } = buildKerasGraph({ model, weights, kerasMajor: 3, file: 'mlp.keras' });
  const ops = await check(graph, ['GELU', 'HARD_SWISH', 'LEAKY_RELU', 'CONCATENATION', 'FULLY_CONNECTED'], ['RSQRT', 'ERF', 'TANH', 'POW']);
  assert.equal(ops.filter((o) => o === 'FULLY_CONNECTED').length, 4);
});
