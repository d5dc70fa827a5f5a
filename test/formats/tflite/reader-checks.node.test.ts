/**
 * The reader's semantic checks and the writer's layout contracts, on small models built with the generated object
 * API: every broken index / type / size gives a FormatError naming the field; optional inputs (-1) read as null;
 * builtin codes resolve like TFLite's GetBuiltinCode; buffers stored after the flatbuffer (offset/size) are read
 * zero-copy; truncated files never parse; the writer shares buffers by data identity, dedups opcodes and aligns data.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as flatbuffers from 'flatbuffers';
import { FormatError, ConversionError } from '../../../src/errors.ts';
import { Graph, Node, Subgraph, Tensor } from '../../../src/ir/graph.ts';
import { readTflite, sniffTflite, writeTflite } from '../../../src/formats/tflite/index.ts';
import {
  AddOptionsT, BufferT, BuiltinOperator, BuiltinOptions, MetadataT, Model, ModelT, OperatorCodeT, OperatorT, QuantizationParametersT,
  SignatureDefT, SubGraphT, TensorMapT, TensorT, TensorType,
} from '../../../src/formats/tflite/generated/schema.ts';

const floats = (...v: number[]): number[] => Array.from(new Uint8Array(new Float32Array(v).buffer));

/** in0 + const → out, with a signature and a metadata entry; tests break one thing each. */
function model(): ModelT {
  const tensors = [
    new TensorT([1, 2], TensorType.FLOAT32, 0, 'in0'),
    new TensorT([2], TensorType.FLOAT32, 1, 'bias'),
    new TensorT([1, 2], TensorType.FLOAT32, 0, 'out'),
  ];
  const op = new OperatorT(0, [0, 1], [2], BuiltinOptions.AddOptions, new AddOptionsT());
  const sig = new SignatureDefT([new TensorMapT('x', 0)], [new TensorMapT('y', 2)], 'serving_default', 0);
  return new ModelT(3, [new OperatorCodeT(0, null, 1, BuiltinOperator.ADD)], [new SubGraphT(tensors, [0], [2], [op], 'main')],
    'test', [new BufferT(), new BufferT(floats(1, 2)), new BufferT(Array.from(new TextEncoder().encode('1.14.0\0')))],
    [], [new MetadataT('min_runtime_version', 2)], [sig]);
}

function pack(m: ModelT): Uint8Array {
  const b = new flatbuffers.Builder(1024);
  Model.finishModelBuffer(b, m.pack(b));
  return b.asUint8Array().slice();
}

/** `field` as a RegExp where the verifier (wired in front of the reader) may be the one to report it. */
function assertFormatError(bytes: Uint8Array, field: string | RegExp | undefined, detail: RegExp): void {
  assert.throws(() => readTflite(bytes, 'bad.tflite'), (e: unknown) => {
    assert.ok(e instanceof FormatError, `expected a FormatError, got ${String(e)}`);
    assert.equal(e.file, 'bad.tflite');
    if (field instanceof RegExp) assert.match(e.field ?? '', field);
    else assert.equal(e.field, field);
    assert.match(e.detail, detail);
    assert.ok(!e.oneLine().includes('\n'), 'one line');
    return true;
  });
}

describe('reader: semantic checks', () => {
  test('the well-formed test model reads', () => {
    const g = readTflite(pack(model()));
    assert.equal(g.main.nodes[0]!.op, 'ADD');
    assert.deepEqual(g.main.inputs.map((t) => t.name), ['in0']);
    assert.equal(g.signatures[0]!.inputs[0]!.tensor, g.main.tensors[0]);
    assert.equal(new TextDecoder().decode(g.metadata[0]!.data), '1.14.0\0');
  });

  const cases: [string, (m: ModelT) => void, string, RegExp][] = [
    ['operator input out of range', (m) => { m.subgraphs[0]!.operators[0]!.inputs[1] = 7; }, 'Model.subgraphs[0].operators[0].inputs[1]', /tensor 7 does not exist/],
    ['operator output out of range', (m) => { m.subgraphs[0]!.operators[0]!.outputs[0] = 3; }, 'Model.subgraphs[0].operators[0].outputs[0]', /tensor 3 does not exist/],
    ['negative operator input other than -1', (m) => { m.subgraphs[0]!.operators[0]!.inputs[0] = -2; }, 'Model.subgraphs[0].operators[0].inputs[0]', /tensor -2/],
    ['subgraph input out of range', (m) => { m.subgraphs[0]!.inputs[0] = 9; }, 'Model.subgraphs[0].inputs[0]', /tensor 9/],
    ['buffer index out of range', (m) => { m.subgraphs[0]!.tensors[1]!.buffer = 5; }, 'Model.subgraphs[0].tensors[1].buffer', /buffer 5 does not exist/],
    ['opcode index out of range', (m) => { m.subgraphs[0]!.operators[0]!.opcodeIndex = 1; }, 'Model.subgraphs[0].operators[0].opcode_index', /operator code 1 does not exist/],
    ['unknown tensor type', (m) => { m.subgraphs[0]!.tensors[2]!.type = 99 as TensorType; }, 'Model.subgraphs[0].tensors[2].type', /unknown tensor type 99/],
    ['constant of the wrong size', (m) => { m.subgraphs[0]!.tensors[1]!.shape = [3]; }, 'Model.subgraphs[0].tensors[1].buffer', /holds 8 bytes but float32\[3\] needs 12/],
    ['constant of the wrong dtype size', (m) => { m.subgraphs[0]!.tensors[1]!.type = TensorType.INT64; }, 'Model.subgraphs[0].tensors[1].buffer', /needs 16/],
    ['unknown builtin code', (m) => { m.operatorCodes[0]!.builtinCode = 999 as BuiltinOperator; }, 'Model.operator_codes[0].builtin_code', /unknown builtin operator code 999/],
    ['signature subgraph out of range', (m) => { m.signatureDefs[0]!.subgraphIndex = 2; }, 'Model.signature_defs[0].subgraph_index', /subgraph 2 does not exist/],
    ['signature tensor out of range', (m) => { m.signatureDefs[0]!.outputs[0]!.tensorIndex = 3; }, 'Model.signature_defs[0].outputs[0].tensor_index', /tensor 3 does not exist in subgraph 0/],
    ['metadata buffer out of range', (m) => { m.metadata[0]!.buffer = 3; }, 'Model.metadata[0].buffer', /buffer 3 does not exist/],
    ['variable tensor with data', (m) => { m.subgraphs[0]!.tensors[1]!.isVariable = true; }, 'Model.subgraphs[0].tensors[1].is_variable', /variable tensor with constant data/],
    ['per-channel scales that do not match the channel count', (m) => { m.subgraphs[0]!.tensors[1]!.quantization = new QuantizationParametersT([], [], [0.1, 0.2, 0.3], [0n, 0n, 0n]); }, 'Model.subgraphs[0].tensors[1].quantization.scale', /3 scales: must be 1 \(per-tensor\) or 2/],
    ['quantized_dimension past the rank', (m) => { m.subgraphs[0]!.tensors[2]!.quantization = new QuantizationParametersT([], [], [0.1], [0n], undefined, undefined, 2); }, 'Model.subgraphs[0].tensors[2].quantization.quantized_dimension', /not a dimension of a rank-2 tensor/],
    ['fewer zero points than scales', (m) => { m.subgraphs[0]!.tensors[2]!.quantization = new QuantizationParametersT([], [], [0.1], []); }, 'Model.subgraphs[0].tensors[2].quantization.zero_point', /0 zero points for 1 scales/],
    ['unknown options type', (m) => { m.subgraphs[0]!.operators[0]!.builtinOptionsType = 250 as BuiltinOptions; m.subgraphs[0]!.operators[0]!.builtinOptions = null; }, 'Model.subgraphs[0].operators[0].builtin_options_type', /unknown builtin options type 250/],
  ];
  for (const [what, breakIt, field, detail] of cases) {
    test(what, () => {
      const m = model();
      breakIt(m);
      assertFormatError(pack(m), field, detail);
    });
  }

  test('string, sparse and non-constant tensors are exempt from the size rule', () => {
    const m = model();
    m.subgraphs[0]!.tensors[1]!.type = TensorType.STRING; // 8 bytes of "string data" for shape [2] is fine
    assert.doesNotThrow(() => readTflite(pack(m)));
  });

  test('-1 is an omitted optional input: null in the IR, -1 again when written', () => {
    const m = model();
    m.subgraphs[0]!.operators[0]!.inputs = [0, -1];
    const g = readTflite(pack(m));
    assert.deepEqual(g.main.nodes[0]!.inputs.map((t) => t?.name ?? null), ['in0', null]);
    const again = Model.getRootAsModel(new flatbuffers.ByteBuffer(writeTflite(g))).unpack();
    assert.deepEqual(again.subgraphs[0]!.operators[0]!.inputs, [0, -1]);
  });

  test('builtin code = max(builtin_code, deprecated_builtin_code), like TFLite GetBuiltinCode', () => {
    const m = model();
    m.operatorCodes = [new OperatorCodeT(BuiltinOperator.FULLY_CONNECTED, null, 1, BuiltinOperator.ADD)]; // pre-2.3 file
    assert.equal(readTflite(pack(m)).main.nodes[0]!.op, 'FULLY_CONNECTED');
    m.operatorCodes = [new OperatorCodeT(127, null, 1, BuiltinOperator.GELU)]; // code ≥ 127: placeholder in the old field
    const g = readTflite(pack(m));
    assert.equal(g.main.nodes[0]!.op, 'GELU');
    g.main.nodes[0]!.deprecatedBuiltinCode = undefined;
    const oc = Model.getRootAsModel(new flatbuffers.ByteBuffer(writeTflite(g))).operatorCodes(0)!;
    assert.deepEqual([oc.builtinCode(), oc.deprecatedBuiltinCode()], [BuiltinOperator.GELU, 127]);
  });

  test('not TFL3, too short, truncated: FormatError, never a crash or an empty model', () => {
    assertFormatError(new TextEncoder().encode('{"not": "a model"}'), undefined, /TFL3/);
    assertFormatError(new Uint8Array(4), undefined, /too short/);
    const file = path.join(import.meta.dirname, '..', '..', 'fixtures', 'tflm_hello_world', 'hello_world_int8.tflite');
    const bytes = new Uint8Array(fs.readFileSync(file));
    for (let n = 8; n < bytes.length; n += 37) {
      assert.throws(() => readTflite(bytes.slice(0, n), 'cut.tflite'), FormatError, `truncated at ${n} of ${bytes.length}`);
    }
  });

  test('buffers stored after the flatbuffer (offset/size) are read as views into the file', () => {
    const m = model();
    const data = floats(5, 6);
    m.buffers[1] = new BufferT([], 2n, BigInt(data.length)); // placeholder offset, same table size as the real one
    const at = Math.ceil(pack(m).length / 16) * 16;
    m.buffers[1] = new BufferT([], BigInt(at), BigInt(data.length));
    const head = pack(m);
    const file = new Uint8Array(at + data.length);
    file.set(head);
    file.set(data, at);
    const bias = readTflite(file).main.tensors[1]!;
    assert.equal(bias.data!.buffer, file.buffer, 'zero-copy view');
    assert.equal(bias.data!.byteOffset, at);
    assert.deepEqual(Array.from(new Float32Array(bias.data!.slice().buffer)), [5, 6]);
    assertFormatError(file.slice(0, at + 4), /^Model\.buffers\[1\]/, /past the end/);
  });

  test('inline constant data is a zero-copy view too', () => {
    const bytes = pack(model());
    assert.equal(readTflite(bytes).main.tensors[1]!.data!.buffer, bytes.buffer);
  });
});

describe('writer: layout contracts', () => {
  function graphWithConstants(shared: boolean): Graph {
    const g = new Graph();
    const w = new Uint8Array(new Float32Array([1, 2]).buffer);
    const a = new Tensor('a', 'float32', [2], w);
    const b = new Tensor('b', 'float32', [2], shared ? w : w.slice());
    const x = new Tensor('x', 'float32', [2]);
    const y = new Tensor('y', 'float32', [2]);
    const z = new Tensor('z', 'float32', [2]);
    const n1 = new Node('ADD', [x, a], [y]);
    const n2 = new Node('ADD', [y, b], [z]);
    const n3 = new Node('ADD', [z, a], [new Tensor('w', 'float32', [2])], 2);
    g.subgraphs.push(new Subgraph('main', [x, a, b, y, z], [n1, n2, n3], [x], [n3.outputs[0]!]));
    return g;
  }

  test('tensors holding the same data array share one buffer; equal copies do not', () => {
    for (const shared of [true, false]) {
      const m = Model.getRootAsModel(new flatbuffers.ByteBuffer(writeTflite(graphWithConstants(shared)))).unpack();
      const t = m.subgraphs[0]!.tensors;
      assert.equal(m.buffers.length, shared ? 2 : 3, `buffers (shared=${shared})`);
      assert.equal(m.buffers[0]!.data.length, 0, 'buffer 0 is the empty sentinel');
      assert.equal(t[1]!.buffer === t[2]!.buffer, shared);
      assert.ok(t.filter((x) => x.name !== 'a' && x.name !== 'b').every((x) => x.buffer === 0), 'activations point at buffer 0');
    }
  });

  test('tensors only reachable from nodes are appended to the tensor table', () => {
    const m = Model.getRootAsModel(new flatbuffers.ByteBuffer(writeTflite(graphWithConstants(true)))).unpack();
    assert.deepEqual(m.subgraphs[0]!.tensors.map((t) => t.name), ['x', 'a', 'b', 'y', 'z', 'w']);
    assert.deepEqual(m.subgraphs[0]!.outputs, [5]);
  });

  test('operator codes are deduplicated by (code, custom code, version), deprecated code = min(code, 127)', () => {
    const m = Model.getRootAsModel(new flatbuffers.ByteBuffer(writeTflite(graphWithConstants(true)))).unpack();
    assert.deepEqual(m.operatorCodes.map((o) => [o.builtinCode, o.deprecatedBuiltinCode, o.version]), [[0, 0, 1], [0, 0, 2]]);
    assert.deepEqual(m.subgraphs[0]!.operators.map((o) => o.opcodeIndex), [0, 0, 1]);
  });

  test('data vectors start at 16-byte aligned offsets; the output starts 16-aligned in memory', () => {
    const g = graphWithConstants(false);
    g.metadata.push({ name: 'odd', data: new Uint8Array([1, 2, 3]) });
    const bytes = writeTflite(g);
    assert.equal(bytes.byteOffset % 16, 0);
    assert.ok(sniffTflite(bytes));
    const m = Model.getRootAsModel(new flatbuffers.ByteBuffer(bytes));
    for (let i = 1; i < m.buffersLength(); i++) assert.equal((m.buffers(i)!.dataArray()!.byteOffset - bytes.byteOffset) % 16, 0, `buffer ${i}`);
  });

  test('a model over 2 GB is a ConversionError (no external-buffer layout yet), before allocating anything', () => {
    const g = graphWithConstants(true);
    g.main.tensors[1]!.data = { length: 2 ** 31 } as Uint8Array; // only its length is looked at before the check
    assert.throws(() => writeTflite(g), (e: unknown) => e instanceof ConversionError && /over 2 GB/.test(e.message));
  });

  test('a graph that is not legalized to TFLite ops is a ConversionError', () => {
    const g = graphWithConstants(true);
    g.main.nodes[0]!.op = 'MatMul';
    assert.throws(() => writeTflite(g), ConversionError);
  });
});
