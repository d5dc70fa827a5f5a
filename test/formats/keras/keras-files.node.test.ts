/**
 * File layouts: synthetic .keras zips (Keras 3 class-based `layers/<snake_case>_n/vars/i` keys, nested models, the
 * tf.keras 2.13 `_layer_checkpoint_dependencies` variant) and Keras 2 .h5 files (chunked `weight_names0/1`, nested
 * model groups) put each stored array on the right layer; sniffing; files that are not Keras models.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { FormatError, UnsupportedOpError } from '../../../src/errors.ts';
import { loadKeras, sniffKeras } from '../../../src/formats/keras/index.ts';
import type { Graph } from '../../../src/ir/graph.ts';
import { arr, writeH5 } from './h5-writer.ts';

const kt = (layer: string) => ({ class_name: '__keras_tensor__', config: { shape: [null, 3], dtype: 'float32', keras_history: [layer, 0, 0] } });
const dense = (name: string, units: number, input: string) => ({
  module: 'keras.layers', class_name: 'Dense', name, config: { name, units, activation: 'linear', use_bias: true }, inbound_nodes: [{ args: [kt(input)], kwargs: {} }],
});
const input = (name: string) => ({ module: 'keras.layers', class_name: 'InputLayer', name, config: { batch_shape: [null, 3], dtype: 'float32', name }, inbound_nodes: [] });

/** Keras 3: outer Dense "first", nested Functional "block" (Dense "a", Dense "b"), Dense "last". */
const KERAS3_CONFIG = {
  module: 'keras.src.models.functional', class_name: 'Functional',
  config: {
    name: 'functional',
    layers: [
      input('x'),
      dense('first', 3, 'x'),
      {
        module: 'keras.src.models.functional', class_name: 'Functional', name: 'block',
        config: { name: 'block', layers: [input('bx'), dense('a', 3, 'bx'), dense('b', 3, 'a')], input_layers: [['bx', 0, 0]], output_layers: [['b', 0, 0]] },
        inbound_nodes: [{ args: [kt('first')], kwargs: {} }],
      },
      dense('last', 2, 'block'),
    ],
    input_layers: [['x', 0, 0]],
    output_layers: [['last', 0, 0]],
  },
};

function constant(g: Graph, name: string): Float32Array {
  const t = g.main.tensors.find((x) => x.name === name);
  assert.ok(t?.data, name);
  return new Float32Array(t.data.slice().buffer);
}

async function keras3Zip(prefix: string): Promise<Uint8Array> {
  const weights = await writeH5({
    [prefix]: {
      input_layer: { vars: {} },
      dense: { vars: { 0: arr([3, 3], 1), 1: arr([3], 2) } },
      functional: { [prefix]: { input_layer: { vars: {} }, dense: { vars: { 0: arr([3, 3], 3), 1: arr([3], 4) } }, dense_1: { vars: { 0: arr([3, 3], 5), 1: arr([3], 6) } } }, vars: {} },
      dense_1: { vars: { 0: arr([3, 2], 7), 1: arr([2], 8) } },
    },
    optimizer: { vars: { 0: arr([1], 9) } },
    vars: {},
  });
  return zipSync({
    'metadata.json': strToU8(JSON.stringify({ keras_version: '3.6.0', date_saved: '2026-01-01@00:00:00' })),
    'config.json': strToU8(JSON.stringify(KERAS3_CONFIG)),
    'model.weights.h5': weights,
  });
}

for (const prefix of ['layers', '_layer_checkpoint_dependencies']) {
  test(`.keras with ${prefix}/<snake_case class>[_n]/vars: weights land on the right (nested) layers`, async () => {
    const r = await loadKeras(await keras3Zip(prefix), 'synthetic.keras');
    assert.equal(r.kerasVersion, '3.6.0');
    assert.equal(r.backend, undefined);
    const g = r.graph;
    assert.deepEqual(g.main.nodes.map((n) => n.op), ['MatMul', 'AddV2', 'MatMul', 'AddV2', 'MatMul', 'AddV2', 'MatMul', 'AddV2']);
    assert.deepEqual(constant(g, 'functional/first/kernel:0'), arr([3, 3], 1).data);
    assert.deepEqual(constant(g, 'functional/block/a/kernel:0'), arr([3, 3], 3).data);
    assert.deepEqual(constant(g, 'functional/block/b/bias:0'), arr([3], 6).data);
    assert.deepEqual(constant(g, 'functional/last/kernel:0'), arr([3, 2], 7).data);
  });
}

test('Keras 2 .h5: weight_names split over weight_names0/1, nested model weights under its own group', async () => {
  const config = {
    class_name: 'Functional',
    config: {
      name: 'model',
      layers: [
        { class_name: 'InputLayer', name: 'in', config: { batch_input_shape: [null, 3], dtype: 'float32', name: 'in' }, inbound_nodes: [] },
        {
          class_name: 'Sequential', name: 'seq', inbound_nodes: [[['in', 0, 0, {}]]],
          config: { name: 'seq', layers: [{ class_name: 'InputLayer', config: { batch_input_shape: [null, 3], name: 'seq_in' } }, { class_name: 'Dense', config: { name: 'inner', units: 3 } }, { class_name: 'BatchNormalization', config: { name: 'bn', axis: [1] } }] },
        },
        { class_name: 'Dense', name: 'out', config: { name: 'out', units: 2, activation: 'softmax' }, inbound_nodes: [[['seq', 0, 0, {}]]] },
      ],
      input_layers: [['in', 0, 0]],
      output_layers: [['out', 0, 0]],
    },
  };
  const bytes = await writeH5({
    model_weights: {
      attrs: { attrs: { layer_names: ['in', 'seq', 'out'] } },
      in: {},
      seq: {
        // Keras' order for a nested model: trainable then non-trainable, across its layers.
        attrs: { attrs: { weight_names0: ['inner/kernel:0', 'inner/bias:0', 'bn/gamma:0'], weight_names1: ['bn/beta:0', 'bn/moving_mean:0', 'bn/moving_variance:0'] } },
        inner: { 'kernel:0': arr([3, 3], 1), 'bias:0': arr([3], 2) },
        bn: { 'gamma:0': arr([3], 3), 'beta:0': arr([3], 4), 'moving_mean:0': arr([3], 5), 'moving_variance:0': arr([3], 6) },
      },
      out: { attrs: { attrs: { weight_names: ['out/bias:0', 'out/kernel:0'] } }, out: { 'kernel:0': arr([3, 2], 7), 'bias:0': arr([2], 8) } },
    },
    optimizer_weights: { 'x:0': arr([2], 9) },
  }, { model_config: JSON.stringify(config), keras_version: '2.15.0', backend: 'tensorflow' });
  assert.equal(sniffKeras(bytes), 'h5');
  const r = await loadKeras(bytes, 'synthetic.h5');
  assert.equal(r.kerasVersion, '2.15.0');
  assert.equal(r.backend, 'tensorflow');
  const g = r.graph;
  assert.deepEqual(constant(g, 'model/seq/inner/kernel:0'), arr([3, 3], 1).data);
  assert.deepEqual(constant(g, 'model/seq/bn/beta:0'), arr([3], 4).data);
  assert.deepEqual(constant(g, 'model/seq/bn/moving_variance:0'), arr([3], 6).data);
  assert.deepEqual(constant(g, 'model/out/kernel:0'), arr([3, 2], 7).data);
  assert.deepEqual(constant(g, 'model/out/bias:0'), arr([2], 8).data);
  assert.deepEqual(g.signatures[0]!.outputs.map((o) => o.name), ['out']);
});

test('a .h5 without model_config (save_weights output) is a FormatError', async () => {
  const bytes = await writeH5({ dense: { attrs: { attrs: { weight_names: ['dense/kernel:0'] } }, dense: { 'kernel:0': arr([2, 2], 1) } } }, { layer_names: ['dense'] });
  await assert.rejects(loadKeras(bytes, 'weights.h5'), (e: unknown) => e instanceof FormatError && /weights\.h5: no model_config/.test(e.message));
});

test('bytes that are neither HDF5 nor zip: FormatError at offset 0; sniffKeras says undefined', async () => {
  const bytes = new Uint8Array(fs.readFileSync('test/fixtures/mlperf_tiny_ic_resnet8/pretrainedResnet.tflite'));
  assert.equal(sniffKeras(bytes), undefined);
  await assert.rejects(loadKeras(bytes, 'model.tflite'), (e: unknown) => e instanceof FormatError && e.file === 'model.tflite' && e.offset === 0);
});

test('a real .keras whose config has two unknown layer classes: one UnsupportedOpError naming both', async () => {
  const zip = unzipSync(new Uint8Array(fs.readFileSync('test/fixtures/gitadi_mnist_cnn_keras/baseline_cnn_28.keras')));
  const config = JSON.parse(new TextDecoder().decode(zip['config.json']!)) as { config: { layers: { class_name: string; config: { name: string } }[] } };
  const layers = config.config.layers;
  layers.splice(2, 0, { class_name: 'CustomGate', config: { name: 'gate' } });
  layers.splice(5, 0, { class_name: 'Swirl', config: { name: 'swirl' } });
  layers.push({ class_name: 'CustomGate', config: { name: 'gate_2' } });
  zip['config.json'] = strToU8(JSON.stringify(config));
  await assert.rejects(loadKeras(zipSync(zip), 'custom.keras'), (e: unknown) => {
    assert.ok(e instanceof UnsupportedOpError);
    assert.deepEqual([...e.ops], [['CustomGate', ['gate', 'gate_2']], ['Swirl', ['swirl']]]);
    assert.match(e.message, /^custom\.keras: /);
    return true;
  });
});
