/**
 * Model structure: Sequential without an InputLayer, Functional configs in the Keras 2 list form and the Keras 3
 * dict form, shared layers, nested models flattened (and where their weights are looked up), output naming,
 * and ONE UnsupportedOpError listing every unknown layer class (nested ones too) with its layers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UnsupportedOpError } from '../../../src/errors.ts';
import { buildKerasGraph, snakeCase } from '../../../src/formats/keras/keras-graph.ts';
import { parseModelConfig } from '../../../src/formats/keras/model-config.ts';
import { FakeWeights } from './fake-weights.ts';

const kt = (layer: string, node = 0, index = 0) => ({ class_name: '__keras_tensor__', config: { shape: [null, 4], dtype: 'float32', keras_history: [layer, node, index] } });
const dense = (name: string, units: number) => ({ module: 'keras.layers', class_name: 'Dense', config: { name, units, activation: 'relu', use_bias: true } });

test('snakeCase follows Keras to_snake_case', () => {
  assert.equal(snakeCase('Conv2D'), 'conv2d');
  assert.equal(snakeCase('BatchNormalization'), 'batch_normalization');
  assert.equal(snakeCase('MaxPooling2D'), 'max_pooling2d');
  assert.equal(snakeCase('DepthwiseConv2D'), 'depthwise_conv2d');
  assert.equal(snakeCase('PReLU'), 'p_re_lu');
  assert.equal(snakeCase('Functional'), 'functional');
});

test('Sequential without InputLayer gets Keras\' "<first layer>_input" input', () => {
  const model = parseModelConfig({ class_name: 'Sequential', config: { name: 'seq', layers: [{ class_name: 'Dense', config: { name: 'd', units: 2, batch_input_shape: [null, 3] } }] } });
  const weights = new FakeWeights().set('d', { kernel: [3, 2], bias: [2] });
  const { graph } = buildKerasGraph({ model, weights, kerasMajor: 2, file: 't.h5' });
  const sig = graph.signatures[0]!;
  assert.deepEqual(sig.inputs.map((i) => [i.name, i.tensor.name, i.tensor.shape]), [['d_input', 'serving_default_d_input:0', [-1, 3]]]);
  assert.deepEqual(sig.outputs.map((o) => o.name), ['d']);
});

test('Keras 3 Functional: dict inbound nodes, a shared layer, a nested model, two outputs', () => {
  const inner = {
    module: 'keras.src.models.functional', class_name: 'Functional', name: 'block',
    config: {
      name: 'block',
      layers: [
        { class_name: 'InputLayer', name: 'block_in', config: { batch_shape: [null, 4], name: 'block_in' }, inbound_nodes: [] },
        { ...dense('inner_dense', 4), name: 'inner_dense', inbound_nodes: [{ args: [kt('block_in')], kwargs: {} }] },
        { ...dense('inner_dense_b', 4), name: 'inner_dense_b', inbound_nodes: [{ args: [kt('inner_dense')], kwargs: {} }] },
      ],
      input_layers: ['block_in', 0, 0],
      output_layers: ['inner_dense_b', 0, 0],
    },
    inbound_nodes: [{ args: [kt('shared', 1)], kwargs: {} }],
  };
  const model = parseModelConfig({
    class_name: 'Functional',
    config: {
      name: 'top',
      layers: [
        { class_name: 'InputLayer', name: 'x', config: { batch_shape: [null, 4], dtype: { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' } }, name: 'x' }, inbound_nodes: [] },
        { ...dense('shared', 4), name: 'shared', inbound_nodes: [{ args: [kt('x')], kwargs: {} }, { args: [kt('shared', 0)], kwargs: {} }] },
        inner,
        { class_name: 'Add', config: { name: 'add' }, name: 'add', inbound_nodes: [{ args: [[kt('block'), kt('shared', 0)]], kwargs: {} }] },
        { class_name: 'Dropout', config: { name: 'unused', rate: 0.1 }, name: 'unused', inbound_nodes: [{ args: [kt('x')], kwargs: {} }] },
      ],
      input_layers: [['x', 0, 0]],
      output_layers: [['add', 0, 0], ['block', 0, 0]],
    },
  });
  const weights = new FakeWeights()
    .set('shared', { kernel: [4, 4], bias: [4] })
    .set('block/inner_dense', { kernel: [4, 4], bias: [4] })
    .set('block/inner_dense_b', { kernel: [4, 4], bias: [4] });
  const { graph } = buildKerasGraph({ model, weights, kerasMajor: 3, file: 't.keras' });
  const sg = graph.main;
  assert.deepEqual(sg.nodes.map((n) => n.tfName), [
    'top/shared/MatMul', 'top/shared/AddV2', 'top/shared/Relu',
    'top/shared/MatMul_1', 'top/shared/AddV2_1', 'top/shared/Relu_1',
    'top/block/inner_dense/MatMul', 'top/block/inner_dense/AddV2', 'top/block/inner_dense/Relu',
    'top/block/inner_dense_b/MatMul', 'top/block/inner_dense_b/AddV2', 'top/block/inner_dense_b/Relu',
    'top/add/AddV2',
  ]);
  // The shared layer's weights are one set of constants used by both calls.
  const kernels = sg.nodes.filter((n) => n.tfName.startsWith('top/shared/MatMul')).map((n) => n.inputs[1]);
  assert.equal(kernels[0], kernels[1]);
  assert.deepEqual(weights.requested.map((l) => [l.names.join('/'), l.keys.join('/')]), [
    ['shared', 'dense'], ['block/inner_dense', 'functional/dense'], ['block/inner_dense_b', 'functional/dense_1'],
  ]);
  const sig = graph.signatures[0]!;
  assert.deepEqual(sig.outputs.map((o) => [o.name, o.tensor.name]), [['add', 'top/add/AddV2:0'], ['block', 'top/block/inner_dense_b/Relu:0']]);
  assert.deepEqual(sg.outputs, sig.outputs.map((o) => o.tensor));
});

test('a nested Sequential without an input shape takes the outer tensor; its weights are looked up under it', () => {
  const model = parseModelConfig({
    class_name: 'Sequential',
    config: {
      name: 'outer',
      layers: [
        { class_name: 'InputLayer', config: { batch_input_shape: [null, 3], name: 'in' } },
        { class_name: 'Sequential', config: { name: 'inner', layers: [{ class_name: 'Dense', config: { name: 'd', units: 2 } }] } },
      ],
    },
  });
  const weights = new FakeWeights().set('inner/d', { kernel: [3, 2], bias: [2] });
  const { graph } = buildKerasGraph({ model, weights, kerasMajor: 2, file: 't.h5' });
  assert.deepEqual(graph.main.nodes.map((n) => n.tfName), ['outer/inner/d/MatMul', 'outer/inner/d/BiasAdd']);
  assert.deepEqual(weights.requested.map((l) => [l.names, l.keys]), [[['inner', 'd'], ['sequential', 'dense']]]);
  assert.deepEqual(graph.signatures[0]!.outputs.map((o) => [o.name, o.tensor.shape]), [['inner', [-1, 2]]]);
});

test('Keras 2 list-form inbound nodes; two outputs of one layer get unique signature keys', () => {
  const model = parseModelConfig({
    class_name: 'Model',
    config: {
      name: 'model',
      layers: [
        { class_name: 'InputLayer', name: 'in', config: { batch_input_shape: [null, 4], name: 'in' }, inbound_nodes: [] },
        { class_name: 'ReLU', name: 'r', config: { name: 'r' }, inbound_nodes: [[['in', 0, 0, {}]]] },
      ],
      input_layers: [['in', 0, 0]],
      output_layers: [['r', 0, 0], ['r', 0, 0]],
    },
  });
  const { graph } = buildKerasGraph({ model, weights: new FakeWeights(), kerasMajor: 2, file: 't.h5' });
  assert.deepEqual(graph.signatures[0]!.outputs.map((o) => o.name), ['r', 'r_1']);
});

test('unknown layer classes: one UnsupportedOpError listing every class with its layers, nested ones included', () => {
  const model = parseModelConfig({
    class_name: 'Sequential',
    config: {
      name: 's',
      layers: [
        { class_name: 'InputLayer', config: { batch_input_shape: [null, 8, 8, 3], name: 'in' } },
        { class_name: 'MyAttention', config: { name: 'attn_1' } },
        { class_name: 'Conv2D', config: { name: 'conv', filters: 2, kernel_size: 3, activation: 'relu' } },
        { class_name: 'MyAttention', config: { name: 'attn_2' } },
        { class_name: 'Lambda', config: { name: 'lam' } },
        { class_name: 'Conv2D', config: { name: 'nchw', filters: 2, kernel_size: 3, data_format: 'channels_first' } },
        { class_name: 'Sequential', config: { name: 'sub', layers: [{ class_name: 'Dense', config: { name: 'd', units: 2, activation: 'crelu', batch_input_shape: [null, 3] } }] } },
      ],
    },
  });
  let error: unknown;
  try {
    buildKerasGraph({ model, weights: new FakeWeights(), kerasMajor: 2, file: 'custom.h5' });
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof UnsupportedOpError);
  assert.deepEqual([...error.ops], [
    ['MyAttention', ['attn_1', 'attn_2']],
    ['Lambda', ['lam']],
    ['Conv2D(data_format=channels_first)', ['nchw']],
    ['Dense(activation=crelu)', ['sub/d']],
  ]);
  assert.match(error.message, /^custom\.h5: unsupported ops: MyAttention \(attn_1, attn_2\); Lambda \(lam\)/);
});
