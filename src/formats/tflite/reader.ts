/**
 * Reads a `.tflite` flatbuffer into the IR (`ir/graph.ts`), through the flatc-generated accessors.
 *
 * Zero-copy: tensor data, metadata and custom options are `Uint8Array` views into `bytes` (taken with the
 * accessors' `dataArray()`, never unpacked element by element), so the graph keeps the file's memory alive and
 * nobody may write into those views. One buffer index gives one view object, so tensors (and metadata) that share a
 * buffer in the file share `data` by identity, which is how the writer knows to share it again.
 * Buffers stored after the flatbuffer (`Buffer.offset`/`size`, TFLite's layout for models over 2 GB) are resolved
 * the same way, as views into `bytes`.
 *
 * A structurally valid flatbuffer can still be a broken model; this reader checks what TFLite's InterpreterBuilder
 * checks and throws a `FormatError` naming the field (`Model.subgraphs[0].operators[3].inputs[1]`): tensor, buffer,
 * opcode, subgraph and signature indices in range (−1 = omitted optional operator input → `null`), known tensor
 * types, enum codes and option unions, constant buffers whose size is exactly shape × element size (TFLite's
 * `SetTensorParametersReadOnly` rule: strings, resources, variants and sparse tensors are exempt), no constant data
 * on variable tensors, and affine quantization shaped as `ParseQuantization` wants it (1 scale or one per channel of
 * `quantized_dimension`, as many zero points as scales).
 *
 * `verify.ts` checks the flatbuffer structure first (TFLite's own buffer verifier). As a second safety net the accessors read through a
 * bounds-checked ByteBuffer (the flatbuffers runtime would read past the end as zeros and turn a truncated file into
 * an empty model), and any other exception they throw on a damaged file is wrapped into a `FormatError` too.
 */
import * as flatbuffers from 'flatbuffers';
import { FormatError, LitelabError } from '../../errors.ts';
import { DTYPE_BYTES, dtypeFromTensorType } from '../../ir/dtype.ts';
import { Graph, Node, Subgraph, Tensor, type Quantization, type SignatureTensor } from '../../ir/graph.ts';
import { BuiltinOperator } from './generated/tflite/builtin-operator.ts';
import { BuiltinOptions, unionToBuiltinOptions } from './generated/tflite/builtin-options.ts';
import { BuiltinOptions2, unionToBuiltinOptions2 } from './generated/tflite/builtin-options2.ts';
import { Model } from './generated/tflite/model.ts';
import { verifyTflite } from './verify.ts';
import type { Operator } from './generated/tflite/operator.ts';
import type { QuantizationParameters } from './generated/tflite/quantization-parameters.ts';
import type { SubGraph } from './generated/tflite/sub-graph.ts';
import type { Tensor as FbTensor } from './generated/tflite/tensor.ts';
import type { TensorMap } from './generated/tflite/tensor-map.ts';

/** TFLite's `GetBuiltinCode`: files written before builtin_code existed only have the deprecated int8 field. */
export function effectiveBuiltinCode(builtinCode: number, deprecatedBuiltinCode: number): number {
  return Math.max(builtinCode, deprecatedBuiltinCode);
}

export function readTflite(bytes: Uint8Array, file = 'model.tflite'): Graph {
  if (bytes.length < 8) throw new FormatError(file, `file is ${bytes.length} bytes, too short for a TFLite flatbuffer`, 0);
  // The generated `xxxArray()` accessors make Int32Array/Float32Array views on `bytes.buffer`, which needs the
  // file to start 4-byte aligned in its ArrayBuffer (a slice of a larger buffer may not).
  if (bytes.byteOffset % 4 !== 0) bytes = bytes.slice();
  const bb = new CheckedByteBuffer(bytes);
  if (!Model.bufferHasIdentifier(bb)) {
    const id = JSON.stringify(String.fromCharCode(...bytes.subarray(4, 8)));
    throw new FormatError(file, `not a TFLite model: file identifier is ${id}, expected "TFL3"`, 4);
  }
  verifyTflite(bytes, file);
  try {
    return new ModelReader(bytes, bb, file).read();
  } catch (e) {
    if (e instanceof LitelabError) throw e;
    if (e instanceof OutOfBoundsError) throw new FormatError(file, `truncated or damaged: ${e.message}`, e.offset);
    // Last resort: anything else the generated accessors throw on a damaged file.
    throw new FormatError(file, `damaged flatbuffer (${e instanceof Error ? e.message : String(e)})`);
  }
}

class OutOfBoundsError extends RangeError {
  constructor(readonly offset: number, size: number, capacity: number) {
    super(`reading ${size} bytes at offset ${offset}, past the end of the ${capacity}-byte file`);
  }
}

/**
 * The flatbuffers runtime reads `undefined` (→ 0) past the end of its bytes, so a truncated file would parse as an
 * empty model. Every read here is bounds-checked instead (the other readers of the runtime go through these three).
 */
class CheckedByteBuffer extends flatbuffers.ByteBuffer {
  private check(offset: number, size: number): void {
    if (!(offset >= 0 && offset + size <= this.capacity())) throw new OutOfBoundsError(offset, size, this.capacity());
  }
  override readUint8(offset: number): number {
    this.check(offset, 1);
    return super.readUint8(offset);
  }
  override readUint16(offset: number): number {
    this.check(offset, 2);
    return super.readUint16(offset);
  }
  override readInt32(offset: number): number {
    this.check(offset, 4);
    return super.readInt32(offset);
  }
  override __string(offset: number, encoding?: flatbuffers.Encoding): string | Uint8Array {
    const start = offset + this.readInt32(offset);
    this.check(start + 4, this.readInt32(start));
    return super.__string(offset, encoding);
  }
  /** `dataArray()`-style views are built from `bytes()` directly: check their extent too. */
  checkView(view: Uint8Array): Uint8Array {
    const base = this.bytes().byteOffset;
    this.check(view.byteOffset - base, view.length);
    return view;
  }
}

class ModelReader {
  private readonly model: Model;
  private readonly views = new Map<number, Uint8Array>();
  private readonly opcodes: { op: string; customCode?: string; version: number; deprecated: number }[] = [];

  constructor(private readonly bytes: Uint8Array, private readonly bb: CheckedByteBuffer, private readonly file: string) {
    const root = bb.readUint32(0);
    if (root + 4 > bytes.length) throw new FormatError(file, `root table offset ${root} is past the end of the file`, 0);
    this.model = Model.getRootAsModel(bb);
  }

  private fail(field: string, detail: string, offset?: number): never {
    throw new FormatError(this.file, detail, offset, field);
  }

  /** A vector length that cannot fit in the file means a damaged file, not a huge model: fail before looping. */
  private len(n: number, elemBytes: number, field: string): number {
    if (n < 0 || n * elemBytes > this.bytes.length) this.fail(field, `vector of ${n} elements does not fit in a ${this.bytes.length}-byte file`);
    return n;
  }

  read(): Graph {
    const m = this.model;
    const g = new Graph();
    g.version = m.version();
    g.description = m.description() ?? '';
    const nBuffers = this.len(m.buffersLength(), 4, 'Model.buffers');
    this.readOpcodes();
    const nSub = this.len(m.subgraphsLength(), 4, 'Model.subgraphs');
    for (let s = 0; s < nSub; s++) g.subgraphs.push(this.readSubgraph(m.subgraphs(s)!, s, nBuffers));
    const nSig = this.len(m.signatureDefsLength(), 4, 'Model.signature_defs');
    for (let i = 0; i < nSig; i++) {
      const sd = m.signatureDefs(i)!;
      const f = `Model.signature_defs[${i}]`;
      const si = sd.subgraphIndex();
      const sub = g.subgraphs[si] ?? this.fail(`${f}.subgraph_index`, `subgraph ${si} does not exist (${nSub} subgraphs)`);
      const maps = (n: number, get: (j: number) => TensorMap | null, what: string): SignatureTensor[] => {
        const out: SignatureTensor[] = [];
        for (let j = 0; j < this.len(n, 4, `${f}.${what}`); j++) {
          const tm = get(j)!;
          const ti = tm.tensorIndex();
          const tensor = sub.tensors[ti] ?? this.fail(`${f}.${what}[${j}].tensor_index`, `tensor ${ti} does not exist in subgraph ${si} (${sub.tensors.length} tensors)`);
          out.push({ name: tm.name() ?? '', tensor });
        }
        return out;
      };
      g.signatures.push({
        key: sd.signatureKey() ?? '', subgraph: sub,
        inputs: maps(sd.inputsLength(), (j) => sd.inputs(j), 'inputs'),
        outputs: maps(sd.outputsLength(), (j) => sd.outputs(j), 'outputs'),
      });
    }
    const nMeta = this.len(m.metadataLength(), 4, 'Model.metadata');
    for (let i = 0; i < nMeta; i++) {
      const md = m.metadata(i)!;
      g.metadata.push({ name: md.name() ?? '', data: this.buffer(md.buffer(), nBuffers, `Model.metadata[${i}].buffer`) });
    }
    const nMetaBuf = this.len(m.metadataBufferLength(), 4, 'Model.metadata_buffer');
    for (let i = 0; i < nMetaBuf; i++) g.metadataBuffers.push(this.buffer(m.metadataBuffer(i)!, nBuffers, `Model.metadata_buffer[${i}]`));
    for (let i = 0; i < this.len(m.externalBufferGroupsLength(), 4, 'Model.external_buffer_groups'); i++) g.externalBufferGroups.push(m.externalBufferGroups(i)!.unpack());
    for (let i = 0; i < this.len(m.externalBuffersLength(), 4, 'Model.external_buffers'); i++) g.externalBuffers.push(m.externalBuffers(i)!.unpack());
    return g;
  }

  /** The bytes of buffer `index` (one view object per index; empty when the buffer has no data). */
  private buffer(index: number, nBuffers: number, field: string): Uint8Array {
    if (index < 0 || index >= nBuffers) this.fail(field, `buffer ${index} does not exist (${nBuffers} buffers)`);
    let view = this.views.get(index);
    if (view) return view;
    const b = this.model.buffers(index)!;
    const offset = b.offset();
    if (offset > 1n) {
      // Data stored after the flatbuffer; offset 1 is the converter's "not yet placed" marker, i.e. none.
      const size = b.size();
      if (offset + size > BigInt(this.bytes.length)) {
        this.fail(`Model.buffers[${index}].offset`, `data at offset ${offset} (${size} bytes) lies past the end of the ${this.bytes.length}-byte file`);
      }
      view = this.bytes.subarray(Number(offset), Number(offset + size));
    } else {
      const data = b.dataArray();
      view = data ? this.bb.checkView(data) : new Uint8Array(0);
    }
    this.views.set(index, view);
    return view;
  }

  private readOpcodes(): void {
    const m = this.model;
    const n = this.len(m.operatorCodesLength(), 4, 'Model.operator_codes');
    for (let i = 0; i < n; i++) {
      const oc = m.operatorCodes(i)!;
      const deprecated = oc.deprecatedBuiltinCode();
      const code = effectiveBuiltinCode(oc.builtinCode(), deprecated);
      const op = BuiltinOperator[code] as string | undefined;
      if (op === undefined) this.fail(`Model.operator_codes[${i}].builtin_code`, `unknown builtin operator code ${code}`);
      const customCode = oc.customCode();
      this.opcodes.push(customCode === null ? { op, version: oc.version(), deprecated } : { op, customCode, version: oc.version(), deprecated });
    }
  }

  private readSubgraph(sg: SubGraph, s: number, nBuffers: number): Subgraph {
    const f = `Model.subgraphs[${s}]`;
    const sub = new Subgraph(sg.name() ?? '');
    sub.debugMetadataIndex = sg.debugMetadataIndex();
    const nT = this.len(sg.tensorsLength(), 4, `${f}.tensors`);
    for (let t = 0; t < nT; t++) sub.tensors.push(this.readTensor(sg.tensors(t)!, `${f}.tensors[${t}]`, nBuffers));
    const tensorAt = (i: number, field: string): Tensor =>
      sub.tensors[i] ?? this.fail(field, `tensor ${i} does not exist (${nT} tensors)`);
    for (let i = 0; i < this.len(sg.inputsLength(), 4, `${f}.inputs`); i++) sub.inputs.push(tensorAt(sg.inputs(i)!, `${f}.inputs[${i}]`));
    for (let i = 0; i < this.len(sg.outputsLength(), 4, `${f}.outputs`); i++) sub.outputs.push(tensorAt(sg.outputs(i)!, `${f}.outputs[${i}]`));
    const nOps = this.len(sg.operatorsLength(), 4, `${f}.operators`);
    for (let o = 0; o < nOps; o++) sub.nodes.push(this.readOperator(sg.operators(o)!, `${f}.operators[${o}]`, tensorAt));
    return sub;
  }

  private readTensor(t: FbTensor, f: string, nBuffers: number): Tensor {
    const type = t.type();
    const dtype = dtypeFromTensorType(type) ?? this.fail(`${f}.type`, `unknown tensor type ${type}`, t.bb_pos);
    const shape = intVector(this.len(t.shapeLength(), 4, `${f}.shape`), (i) => t.shape(i)!);
    const bufferIndex = t.buffer();
    const bytes = this.buffer(bufferIndex, nBuffers, `${f}.buffer`);
    const tensor = new Tensor(t.name() ?? '', dtype, shape, bytes.length > 0 ? bytes : null, readQuantization(t.quantization()));
    const sig = this.len(t.shapeSignatureLength(), 4, `${f}.shape_signature`);
    if (sig > 0) tensor.shapeSignature = intVector(sig, (i) => t.shapeSignature(i)!);
    tensor.isVariable = t.isVariable();
    tensor.hasRank = t.hasRank();
    const sparsity = t.sparsity();
    if (sparsity) tensor.sparsity = sparsity.unpack();
    const nVariant = this.len(t.variantTensorsLength(), 4, `${f}.variant_tensors`);
    if (nVariant > 0) tensor.variantTensors = Array.from({ length: nVariant }, (_, i) => t.variantTensors(i)!.unpack());
    tensor.externalBuffer = t.externalBuffer();
    if (tensor.data && tensor.isVariable) this.fail(`${f}.is_variable`, `variable tensor with constant data (buffer ${bufferIndex}), which TFLite does not support`);
    this.checkQuantization(tensor.quantization, shape, f);
    const per = DTYPE_BYTES[dtype];
    if (tensor.data && per > 0 && !tensor.sparsity) {
      const n = shape.reduce((a, b) => a * b, 1);
      const packed = Math.ceil(n * per);
      // Sub-byte types (int4, int2) are packed in current files; older converters stored one element per byte.
      if (tensor.data.length !== packed && !(per < 1 && tensor.data.length === n)) {
        this.fail(`${f}.buffer`, `buffer ${bufferIndex} holds ${tensor.data.length} bytes but ${dtype}[${shape.join(',')}] needs ${packed}`);
      }
    }
    return tensor;
  }

  /** TFLite's ParseQuantization rules for affine quantization (with at least one scale). */
  private checkQuantization(q: Quantization | null, shape: number[], f: string): void {
    if (!q || q.scale.length === 0) return;
    const rank = shape.length;
    if (q.axis < 0 || (rank > 0 && q.axis >= rank)) {
      this.fail(`${f}.quantization.quantized_dimension`, `quantized_dimension ${q.axis} is not a dimension of a rank-${rank} tensor`);
    }
    if (q.scale.length !== 1 && rank > 0 && q.scale.length !== shape[q.axis]) {
      this.fail(`${f}.quantization.scale`, `${q.scale.length} scales: must be 1 (per-tensor) or ${shape[q.axis]} (per-channel along dimension ${q.axis})`);
    }
    if (q.zeroPoint.length !== q.scale.length) {
      this.fail(`${f}.quantization.zero_point`, `${q.zeroPoint.length} zero points for ${q.scale.length} scales`);
    }
  }

  private readOperator(op: Operator, f: string, tensorAt: (i: number, field: string) => Tensor): Node {
    const oi = op.opcodeIndex();
    const code = this.opcodes[oi] ?? this.fail(`${f}.opcode_index`, `operator code ${oi} does not exist (${this.opcodes.length} operator codes)`);
    const inputs: (Tensor | null)[] = [];
    for (let i = 0; i < this.len(op.inputsLength(), 4, `${f}.inputs`); i++) {
      const ti = op.inputs(i)!;
      inputs.push(ti === -1 ? null : tensorAt(ti, `${f}.inputs[${i}]`));
    }
    const outputs: Tensor[] = [];
    for (let i = 0; i < this.len(op.outputsLength(), 4, `${f}.outputs`); i++) {
      const ti = op.outputs(i)!;
      if (ti === -1) this.fail(`${f}.outputs[${i}]`, 'omitted (-1) operator outputs are not supported');
      outputs.push(tensorAt(ti, `${f}.outputs[${i}]`));
    }
    const node = new Node(code.op, inputs, outputs, code.version);
    node.deprecatedBuiltinCode = code.deprecated;
    if (code.customCode !== undefined) node.customCode = code.customCode;
    for (let i = 0; i < this.len(op.intermediatesLength(), 4, `${f}.intermediates`); i++) {
      node.intermediates.push(tensorAt(op.intermediates(i)!, `${f}.intermediates[${i}]`));
    }
    const type = op.builtinOptionsType();
    if (type !== BuiltinOptions.NONE) {
      if (BuiltinOptions[type] === undefined) this.fail(`${f}.builtin_options_type`, `unknown builtin options type ${type}`);
      const value = unionToBuiltinOptions(type, op.builtinOptions.bind(op));
      if (value) node.options = { type, value: value.unpack() };
    }
    const type2 = op.builtinOptions2Type();
    if (type2 !== BuiltinOptions2.NONE) {
      if (BuiltinOptions2[type2] === undefined) this.fail(`${f}.builtin_options_2_type`, `unknown builtin options type ${type2}`);
      const value = unionToBuiltinOptions2(type2, op.builtinOptions2.bind(op));
      if (value) node.options2 = { type: type2, value: value.unpack() };
    }
    const largeOffset = op.largeCustomOptionsOffset();
    if (largeOffset > 1n) {
      const size = op.largeCustomOptionsSize();
      if (largeOffset + size > BigInt(this.bytes.length)) {
        this.fail(`${f}.large_custom_options_offset`, `custom options at offset ${largeOffset} (${size} bytes) lie past the end of the ${this.bytes.length}-byte file`);
      }
      node.customOptions = this.bytes.subarray(Number(largeOffset), Number(largeOffset + size));
    } else {
      const custom = op.customOptionsArray();
      if (custom) node.customOptions = this.bb.checkView(custom);
    }
    node.customOptionsFormat = op.customOptionsFormat();
    const nMut = this.len(op.mutatingVariableInputsLength(), 1, `${f}.mutating_variable_inputs`);
    if (nMut > 0) node.mutatingVariableInputs = Array.from({ length: nMut }, (_, i) => op.mutatingVariableInputs(i)!);
    node.debugMetadataIndex = op.debugMetadataIndex();
    return node;
  }
}

function intVector(n: number, get: (i: number) => number): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = get(i);
  return out;
}

/** An absent or all-empty quantization table (the MLIR converter writes one for every float tensor) is `null`. */
function readQuantization(q: QuantizationParameters | null): Quantization | null {
  if (!q) return null;
  const u = q.unpack();
  if (!u.scale.length && !u.zeroPoint.length && !u.min.length && !u.max.length && !u.details && u.quantizedDimension === 0) return null;
  const out: Quantization = { scale: u.scale, zeroPoint: u.zeroPoint.map(Number), axis: u.quantizedDimension };
  if (u.min.length) out.min = u.min;
  if (u.max.length) out.max = u.max;
  if (u.details) out.details = { type: u.detailsType, value: u.details };
  return out;
}
