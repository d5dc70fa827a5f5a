/**
 * Every row of the Keras layer registry, converted on a synthetic model with seeded weights: the TF ops it traces
 * to (in order), the output shape, and the dropped-layer notes. A registry entry without a sample here fails.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildKerasGraph } from '../../../src/formats/keras/keras-graph.ts';
import { LAYERS } from '../../../src/formats/keras/layers/index.ts';
import { parseModelConfig } from '../../../src/formats/keras/model-config.ts';
import { FakeWeights } from './fake-weights.ts';

interface Sample {
  config?: Record<string, unknown>;
  input: (number | null)[];
  /** Second input (merge layers): a Functional model with two inputs. */
  input2?: (number | null)[];
  weights?: Record<string, number[]>;
  ops: string[];
  out?: number[];
  note?: boolean;
  keras?: number;
}

type Samples = Record<string, Sample | Sample[]>;

const x2 = [null, 4];
const x4 = [null, 8, 8, 3];
const x3 = [null, 10, 3];
const BN_UNFUSED = ['AddV2', 'Rsqrt', 'Mul', 'Mul', 'Mul', 'Sub', 'AddV2'];
const bnWeights = (c: number) => ({ gamma: [c], beta: [c], moving_mean: [c], moving_variance: [c] });

const SAMPLES: Samples = {
  Dense: [
    { config: { units: 5, activation: 'relu' }, input: x2, weights: { kernel: [4, 5], bias: [5] }, ops: ['MatMul', 'BiasAdd', 'Relu'], out: [-1, 5] },
    { config: { units: 5, use_bias: false }, input: [null, 7, 4], weights: { kernel: [4, 5] }, ops: ['Reshape', 'MatMul', 'Reshape'], out: [-1, 7, 5] },
    { config: { units: 5 }, input: x2, weights: { kernel: [4, 5], bias: [5] }, ops: ['MatMul', 'AddV2'], keras: 3 },
  ],
  Conv2D: { config: { filters: 6, kernel_size: [3, 3], strides: [2, 2], padding: 'same', activation: 'relu6' }, input: x4, weights: { kernel: [3, 3, 3, 6], bias: [6] }, ops: ['Conv2D', 'BiasAdd', 'Relu6'], out: [-1, 4, 4, 6] },
  Conv1D: [
    { config: { filters: 6, kernel_size: [3], padding: 'valid' }, input: x3, weights: { kernel: [3, 3, 6], bias: [6] }, ops: ['ExpandDims', 'Conv2D', 'Squeeze', 'BiasAdd'], out: [-1, 8, 6] },
    { config: { filters: 6, kernel_size: 3, padding: 'causal', dilation_rate: 2 }, input: x3, weights: { kernel: [3, 3, 6], bias: [6] }, ops: ['Pad', 'ExpandDims', 'Conv2D', 'Squeeze', 'BiasAdd'], out: [-1, 10, 6] },
  ],
  DepthwiseConv2D: { config: { kernel_size: [3, 3], depth_multiplier: 2 }, input: x4, weights: { depthwise_kernel: [3, 3, 3, 2], bias: [6] }, ops: ['DepthwiseConv2dNative', 'BiasAdd'], out: [-1, 6, 6, 6] },
  SeparableConv2D: { config: { filters: 5, kernel_size: 3, padding: 'same', activation: 'swish' }, input: x4, weights: { depthwise_kernel: [3, 3, 3, 1], pointwise_kernel: [1, 1, 3, 5], bias: [5] }, ops: ['DepthwiseConv2dNative', 'Conv2D', 'BiasAdd', 'Sigmoid', 'Mul'], out: [-1, 8, 8, 5] },
  SeparableConv1D: { config: { filters: 5, kernel_size: 3 }, input: x3, weights: { depthwise_kernel: [3, 3, 1], pointwise_kernel: [1, 3, 5], bias: [5] }, ops: ['ExpandDims', 'DepthwiseConv2dNative', 'Conv2D', 'BiasAdd', 'Squeeze'], out: [-1, 8, 5] },
  BatchNormalization: [
    { config: { axis: [3], epsilon: 1e-6 }, input: x4, weights: bnWeights(3), ops: ['FusedBatchNormV3'], out: [-1, 8, 8, 3] },
    { config: { axis: -1 }, input: x2, weights: bnWeights(4), ops: BN_UNFUSED, out: [-1, 4] },
    { config: { axis: -1, center: false, scale: false }, input: x2, weights: { moving_mean: [4], moving_variance: [4] }, ops: ['AddV2', 'Rsqrt', 'Mul', 'Mul', 'Neg', 'AddV2'] },
    { config: { axis: 1 }, input: [null, 3, 5, 5], weights: bnWeights(3), ops: BN_UNFUSED, out: [-1, 3, 5, 5] },
    { config: { axis: -1 }, input: x4, weights: bnWeights(3), ops: BN_UNFUSED, keras: 3 },
  ],
  Activation: [
    { config: { activation: 'relu' }, input: x2, ops: ['Relu'] },
    { config: { activation: 'linear' }, input: x2, ops: [] },
    { config: { activation: 'softmax' }, input: x2, ops: ['Softmax'] },
    { config: { activation: 'gelu' }, input: x2, ops: ['Mul', 'RealDiv', 'Erf', 'AddV2', 'Mul'] },
    { config: { activation: { class_name: 'gelu', config: { approximate: true } } }, input: x2, ops: ['Mul', 'Pow', 'Mul', 'AddV2', 'Mul', 'Tanh', 'AddV2', 'Mul'] },
    { config: { activation: 'hard_swish' }, input: x2, ops: ['AddV2', 'Relu6', 'RealDiv', 'Mul'] },
    { config: { activation: 'hard_sigmoid' }, input: x2, ops: ['Mul', 'AddV2', 'Minimum', 'Maximum'] },
    { config: { activation: 'hard_sigmoid' }, input: x2, ops: ['AddV2', 'Relu6', 'RealDiv'], keras: 3 },
    { config: { activation: 'silu' }, input: x2, ops: ['Sigmoid', 'Mul'] },
    { config: { activation: 'mish' }, input: x2, ops: ['Softplus', 'Tanh', 'Mul'] },
    { config: { activation: 'leaky_relu' }, input: x2, ops: ['LeakyRelu'] },
    { config: { activation: { module: 'keras.activations', class_name: 'function', config: 'selu', registered_name: 'selu' } }, input: x2, ops: ['Selu'] },
  ],
  ReLU: [
    { config: { max_value: 6 }, input: x2, ops: ['Relu6'] },
    { config: { max_value: 4, negative_slope: 0.1 }, input: x2, ops: ['Neg', 'Relu', 'Relu', 'Minimum', 'Maximum', 'Mul', 'Sub'] },
    { config: { threshold: 0.5 }, input: x2, ops: ['Greater', 'Cast', 'Mul'] },
    { config: { negative_slope: 0.2 }, input: x2, ops: ['LeakyRelu'] },
  ],
  LeakyReLU: [{ config: { alpha: 0.1 }, input: x2, ops: ['LeakyRelu'] }, { config: { negative_slope: 0.1 }, input: x2, ops: ['LeakyRelu'], keras: 3 }],
  PReLU: { config: {}, input: x2, weights: { alpha: [4] }, ops: ['Relu', 'Neg', 'Neg', 'Relu', 'Mul', 'AddV2'] },
  ELU: [{ config: { alpha: 1 }, input: x2, ops: ['Elu'] }, { config: { alpha: 0.5 }, input: x2, ops: ['Elu', 'Greater', 'Mul', 'SelectV2'] }],
  Softmax: [{ config: { axis: -1 }, input: [null, 3, 4], ops: ['Softmax'] }, { config: { axis: 1 }, input: [null, 3, 4], ops: ['Transpose', 'Softmax', 'Transpose'], out: [-1, 3, 4] }],
  ThresholdedReLU: { config: { theta: 1 }, input: x2, ops: ['Greater', 'Cast', 'Mul'] },
  MaxPooling2D: { config: { pool_size: [2, 2], strides: [2, 2], padding: 'valid' }, input: x4, ops: ['MaxPool'], out: [-1, 4, 4, 3] },
  AveragePooling2D: { config: { pool_size: [3, 3], strides: [2, 2], padding: 'same' }, input: x4, ops: ['AvgPool'], out: [-1, 4, 4, 3] },
  MaxPooling1D: [
    { config: { pool_size: 2, strides: 2 }, input: x3, ops: ['ExpandDims', 'MaxPool', 'Squeeze'], out: [-1, 5, 3] },
    { config: { pool_size: 2, strides: 2 }, input: x3, ops: ['ExpandDims', 'MaxPool', 'Squeeze'], out: [-1, 5, 3], keras: 3 },
  ],
  AveragePooling1D: { config: { pool_size: 3, strides: null, padding: 'same' }, input: x3, ops: ['ExpandDims', 'AvgPool', 'Squeeze'], out: [-1, 4, 3] },
  GlobalAveragePooling1D: { config: {}, input: x3, ops: ['Mean'], out: [-1, 3] },
  GlobalAveragePooling2D: { config: { keepdims: true }, input: x4, ops: ['Mean'], out: [-1, 1, 1, 3] },
  GlobalMaxPooling1D: { config: {}, input: x3, ops: ['Max'], out: [-1, 3] },
  GlobalMaxPooling2D: { config: {}, input: x4, ops: ['Max'], out: [-1, 3] },
  Flatten: { config: {}, input: x4, ops: ['Reshape'], out: [-1, 192] },
  Reshape: { config: { target_shape: [2, -1] }, input: [null, 4, 3], ops: ['Reshape'], out: [-1, 2, 6] },
  Permute: { config: { dims: [2, 1] }, input: [null, 4, 3], ops: ['Transpose'], out: [-1, 3, 4] },
  ZeroPadding1D: { config: { padding: [1, 2] }, input: x3, ops: ['Pad'], out: [-1, 13, 3] },
  ZeroPadding2D: { config: { padding: [[1, 0], [2, 1]] }, input: x4, ops: ['Pad'], out: [-1, 9, 11, 3] },
  UpSampling2D: [
    { config: { size: [2, 3], interpolation: 'nearest' }, input: x4, ops: ['ResizeNearestNeighbor'], out: [-1, 16, 24, 3] },
    { config: { size: 2, interpolation: 'bilinear' }, input: x4, ops: ['ResizeBilinear'], out: [-1, 16, 16, 3] },
  ],
  Add: { input: x2, input2: x2, ops: ['AddV2'], out: [-1, 4] },
  Subtract: { input: x2, input2: x2, ops: ['Sub'] },
  Multiply: { input: x2, input2: [null, 1], ops: ['Mul'], out: [-1, 4] },
  Maximum: { input: x2, input2: x2, ops: ['Maximum'] },
  Minimum: { input: x2, input2: x2, ops: ['Minimum'] },
  Average: { input: x2, input2: x2, ops: ['AddV2', 'RealDiv'] },
  Concatenate: { config: { axis: -1 }, input: x2, input2: [null, 3], ops: ['ConcatV2'], out: [-1, 7] },
  Rescaling: { config: { scale: 1 / 255, offset: 0 }, input: x4, ops: ['Mul', 'AddV2'] },
  Normalization: [
    { config: { axis: -1 }, input: x4, weights: { mean: [3], variance: [3], count: [] }, ops: ['Sqrt', 'Maximum', 'Sub', 'RealDiv'], out: [-1, 8, 8, 3] },
    { config: { axis: -1, mean: [1, 2, 3], variance: [1, 4, 9], invert: true }, input: x4, ops: ['Sqrt', 'Maximum', 'Mul', 'AddV2'] },
  ],
  Dropout: { config: { rate: 0.5 }, input: x2, ops: [] },
};
for (const name of ['SpatialDropout1D', 'SpatialDropout2D', 'SpatialDropout3D', 'AlphaDropout', 'GaussianNoise', 'GaussianDropout', 'ActivityRegularization',
  'RandomFlip', 'RandomRotation', 'RandomZoom', 'RandomTranslation', 'RandomContrast', 'RandomBrightness', 'RandomHeight', 'RandomWidth']) {
  SAMPLES[name] = { config: {}, input: x4, ops: [], note: true };
}

function modelFor(className: string, s: Sample): unknown {
  const layer = { class_name: className, config: { name: 'layer', ...s.config } };
  if (!s.input2) {
    return { class_name: 'Sequential', config: { name: 'm', layers: [{ class_name: 'InputLayer', config: { batch_input_shape: s.input, dtype: 'float32', name: 'x' } }, layer] } };
  }
  return {
    class_name: 'Functional',
    config: {
      name: 'm',
      layers: [
        { class_name: 'InputLayer', name: 'a', config: { batch_input_shape: s.input, name: 'a' }, inbound_nodes: [] },
        { class_name: 'InputLayer', name: 'b', config: { batch_input_shape: s.input2, name: 'b' }, inbound_nodes: [] },
        { ...layer, name: 'layer', inbound_nodes: [[['a', 0, 0, {}], ['b', 0, 0, {}]]] },
      ],
      input_layers: [['a', 0, 0], ['b', 0, 0]],
      output_layers: [['layer', 0, 0]],
    },
  };
}

test('every registered layer class has a sample below', () => {
  assert.deepEqual([...LAYERS.keys()].filter((k) => !(k in SAMPLES)), []);
  assert.deepEqual(Object.keys(SAMPLES).filter((k) => !LAYERS.has(k)), []);
});

for (const [className, entry] of Object.entries(SAMPLES)) {
  const samples = Array.isArray(entry) ? entry : [entry];
  samples.forEach((s, i) => {
    test(`${className} #${i}${s.keras === 3 ? ' (Keras 3)' : ''}: ${s.ops.join(' ') || '(identity)'}`, () => {
      const weights = new FakeWeights();
      if (s.weights) weights.set('layer', s.weights);
      const { graph, notes } = buildKerasGraph({ model: parseModelConfig(modelFor(className, s)), weights, kerasMajor: s.keras ?? 2, file: 't.h5' });
      const sg = graph.main;
      assert.deepEqual(sg.nodes.map((n) => n.op), s.ops);
      for (const n of sg.nodes) {
        assert.match(n.tfName, /^m\/layer\/\w+$/);
        n.outputs.forEach((t, j) => assert.equal(t.name, `${n.tfName}:${j}`));
        if (n.op === 'Cast') assert.deepEqual([n.attrs['SrcT'], n.attrs['DstT']], ['bool', 'float32']);
        else assert.equal(n.attrs['T'], 'float32', `${n.tfName} T`);
        assert.equal(n.outputs[0]!.dtype, n.op === 'Greater' ? 'bool' : 'float32', `${n.tfName} output dtype`);
        for (const t of n.inputs) assert.ok(t && sg.tensors.includes(t), `${n.tfName} input registered`);
      }
      if (s.out) assert.deepEqual(sg.outputs[0]!.shape, s.out);
      assert.equal(notes.length, s.note ? 1 : 0);
      if (s.note) assert.match(notes[0]!, new RegExp(`${className} layer "layer"`));
      if (s.ops.length === 0) assert.equal(sg.outputs[0], sg.inputs[0]);
    });
  });
}

test('TF attrs: Conv2D, FusedBatchNormV3 (epsilon floor), MaxPool, LeakyRelu', () => {
  const attrsOf = (className: string, s: Sample) => {
    const weights = new FakeWeights();
    if (s.weights) weights.set('layer', s.weights);
    return buildKerasGraph({ model: parseModelConfig(modelFor(className, s)), weights, kerasMajor: 2, file: 't.h5' }).graph.main.nodes[0]!.attrs;
  };
  const conv = SAMPLES['Conv2D'] as Sample;
  assert.deepEqual(attrsOf('Conv2D', conv), { T: 'float32', strides: [1, 2, 2, 1], padding: 'SAME', data_format: 'NHWC', dilations: [1, 1, 1, 1], explicit_paddings: [], use_cudnn_on_gpu: true });
  const bn = (SAMPLES['BatchNormalization'] as Sample[])[0]!;
  assert.deepEqual(attrsOf('BatchNormalization', bn), { T: 'float32', U: 'float32', epsilon: 1.001e-5, exponential_avg_factor: 1, data_format: 'NHWC', is_training: false });
  assert.deepEqual(attrsOf('MaxPooling2D', SAMPLES['MaxPooling2D'] as Sample), { T: 'float32', ksize: [1, 2, 2, 1], strides: [1, 2, 2, 1], padding: 'VALID', data_format: 'NHWC', explicit_paddings: [] });
  assert.deepEqual(attrsOf('LeakyReLU', (SAMPLES['LeakyReLU'] as Sample[])[0]!), { T: 'float32', alpha: 0.1 });
});
