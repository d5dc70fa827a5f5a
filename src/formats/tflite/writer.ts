/**
 * Writes the IR (`ir/graph.ts`) as a `.tflite` flatbuffer (file identifier "TFL3"), laid out the way the official
 * converter lays it out:
 *
 * - tensor indices follow `Subgraph.tensors` (tensors referenced only by nodes, inputs, outputs or signatures are
 *   appended); buffer 0 is the empty sentinel and every tensor without data points at it;
 * - each distinct constant `data` array (by identity) gets one buffer, shared by every tensor that holds it; then
 *   one buffer per metadata entry and per deprecated `metadata_buffer` entry (also shared by identity);
 * - every buffer's data vector starts at a 16-byte aligned file offset (the schema's `force_align: 16`, which the
 *   generated TypeScript ignores), copied in bulk;
 * - operator codes are deduplicated by (builtin code, custom code, version), in order of first use, with
 *   `deprecated_builtin_code` = min(code, 127) unless the node kept a consistent value from the file it was read from;
 * - fields at their schema default are omitted, as flatbuffers builders do.
 *
 * Models over 2 GB would need TFLite's "buffers after the flatbuffer" layout (`Buffer.offset`/`size`); the writer
 * does not produce it and throws a ConversionError instead (the reader does read such files).
 */
import * as flatbuffers from 'flatbuffers';
import { ConversionError } from '../../errors.ts';
import { tensorTypeFromDtype } from '../../ir/dtype.ts';
import type { Graph, Node, Quantization, Signature, Subgraph, Tensor } from '../../ir/graph.ts';
import { Buffer as FbBuffer } from './generated/tflite/buffer.ts';
import { BuiltinOperator } from './generated/tflite/builtin-operator.ts';
import { Metadata } from './generated/tflite/metadata.ts';
import { Model } from './generated/tflite/model.ts';
import { Operator } from './generated/tflite/operator.ts';
import { OperatorCode } from './generated/tflite/operator-code.ts';
import { QuantizationParameters } from './generated/tflite/quantization-parameters.ts';
import { SignatureDef } from './generated/tflite/signature-def.ts';
import { SubGraph } from './generated/tflite/sub-graph.ts';
import { Tensor as FbTensor } from './generated/tflite/tensor.ts';
import { TensorMap } from './generated/tflite/tensor-map.ts';

/** Largest flatbuffer the official tooling builds (FLATBUFFERS_MAX_BUFFER_SIZE = 2^31 − 1). */
const MAX_FLATBUFFER_BYTES = 2 ** 31 - 1;
const BUFFER_ALIGN = 16;

interface OpcodeKey { code: number; customCode: string | undefined; version: number; deprecated: number }

/**
 * Serializes `graph`. The result is a view into the builder's memory (its `byteOffset` is a multiple of 16, so
 * typed-array views of the constant data are aligned); write it out or copy it, do not assume `.buffer` is the file.
 */
export function writeTflite(graph: Graph): Uint8Array {
  return new ModelWriter(graph).write();
}

/** `deprecated_builtin_code` to write: TFLite readers take max(builtin_code, deprecated), so 0 is always safe. */
function deprecatedCode(node: Node, code: number): number {
  const standard = Math.min(code, BuiltinOperator.PLACEHOLDER_FOR_GREATER_OP_CODES);
  const kept = node.deprecatedBuiltinCode;
  return kept === 0 || kept === standard ? kept : standard;
}

class ModelWriter {
  private readonly b: flatbuffers.Builder;
  /** Buffer index per constant data array; the array list is in buffer order, index 0 being the sentinel. */
  private readonly bufferOf = new Map<Uint8Array, number>();
  private readonly buffers: (Uint8Array | null)[] = [null];
  private readonly opcodes: OpcodeKey[] = [];
  private readonly opcodeIndex = new Map<string, number>();
  /** Tensor index maps per subgraph, in `graph.subgraphs` order. */
  private readonly tensorLists: Tensor[][] = [];
  private readonly indexOf: Map<Tensor, number>[] = [];

  constructor(private readonly graph: Graph) {
    for (const sub of graph.subgraphs) this.collectTensors(sub);
    for (const tensors of this.tensorLists) for (const t of tensors) if (t.data && t.data.length > 0) this.bufferIndex(t.data);
    for (const m of graph.metadata) this.bufferIndex(m.data, true);
    for (const d of graph.metadataBuffers) this.bufferIndex(d, true);
    const estimate = this.estimateBytes();
    if (estimate > MAX_FLATBUFFER_BYTES) {
      throw new ConversionError(`model needs about ${(estimate / 2 ** 30).toFixed(2)} GiB: models over 2 GB need TFLite's external buffer layout, which litelab does not write yet`);
    }
    // A multiple of 16 keeps the builder's content, which ends at the end of its memory, 16-aligned in memory too.
    this.b = new flatbuffers.Builder(Math.min(Math.ceil(estimate / 16) * 16, MAX_FLATBUFFER_BYTES - 15));
    this.b.prep(BUFFER_ALIGN, 0);
  }

  /** Generous size of the output, so the builder (which cannot grow past 1 GiB by doubling) allocates once. */
  private estimateBytes(): number {
    let n = 64 * 1024;
    for (const d of this.buffers) n += (d?.length ?? 0) + 2 * BUFFER_ALIGN + 16;
    for (const list of this.tensorLists) {
      for (const t of list) n += 160 + 3 * t.name.length + 8 * t.shape.length + 16 * (t.quantization?.scale.length ?? 0);
    }
    for (const sub of this.graph.subgraphs) {
      for (const nd of sub.nodes) n += 192 + 4 * (nd.inputs.length + nd.outputs.length + nd.intermediates.length) + (nd.customOptions?.length ?? 0);
    }
    return n;
  }

  private collectTensors(sub: Subgraph): void {
    const list = [...sub.tensors];
    const index = new Map<Tensor, number>();
    list.forEach((t, i) => { if (!index.has(t)) index.set(t, i); });
    const add = (t: Tensor | null): void => { if (t && !index.has(t)) { index.set(t, list.length); list.push(t); } };
    sub.inputs.forEach(add);
    sub.outputs.forEach(add);
    for (const n of sub.nodes) { n.inputs.forEach(add); n.outputs.forEach(add); n.intermediates.forEach(add); }
    for (const sig of this.graph.signatures) if (sig.subgraph === sub) { sig.inputs.forEach((s) => add(s.tensor)); sig.outputs.forEach((s) => add(s.tensor)); }
    this.tensorLists.push(list);
    this.indexOf.push(index);
  }

  private bufferIndex(data: Uint8Array, always = false): number {
    if (data.length === 0 && !always) return 0;
    let i = this.bufferOf.get(data);
    if (i === undefined) {
      i = this.buffers.length;
      this.buffers.push(data);
      this.bufferOf.set(data, i);
    }
    return i;
  }

  private tensorIndex(s: number, t: Tensor, what: string): number {
    const i = this.indexOf[s]!.get(t);
    if (i === undefined) throw new ConversionError(`${what}: tensor ${t.name} is not in subgraph ${s}`);
    return i;
  }

  private opcode(node: Node): number {
    const code = BuiltinOperator[node.op as keyof typeof BuiltinOperator] as number | undefined;
    if (code === undefined) throw new ConversionError(`node ${node.name}: op ${node.op} is not a TFLite builtin operator (legalize the graph before writing)`);
    if (code === BuiltinOperator.CUSTOM && !node.customCode) throw new ConversionError(`node ${node.name}: CUSTOM op without a custom code`);
    const k = `${code}|${node.customCode ?? ''}|${node.version}`;
    let i = this.opcodeIndex.get(k);
    if (i === undefined) {
      // the first node using this (code, custom code, version) decides the deprecated code
      i = this.opcodes.length;
      this.opcodes.push({ code, customCode: node.customCode, version: node.version, deprecated: deprecatedCode(node, code) });
      this.opcodeIndex.set(k, i);
    }
    return i;
  }

  write(): Uint8Array {
    const b = this.b;
    const g = this.graph;
    // Constant data first: it ends up at the end of the file, after the model tables.
    const dataVectors = this.buffers.map((d) => {
      if (!d || d.length === 0) return 0;
      b.prep(BUFFER_ALIGN, d.length); // after the d.length bytes that follow, the offset is 16-aligned
      return b.createByteVector(d);
    });
    const bufferTables = dataVectors.map((v) => {
      FbBuffer.startBuffer(b);
      if (v) FbBuffer.addData(b, v);
      return FbBuffer.endBuffer(b);
    });
    const subgraphs = g.subgraphs.map((sub, s) => this.writeSubgraph(sub, s));
    const opcodes = this.opcodes.map((oc) => {
      const custom = oc.customCode !== undefined ? b.createString(oc.customCode) : 0;
      OperatorCode.startOperatorCode(b);
      OperatorCode.addDeprecatedBuiltinCode(b, oc.deprecated);
      if (custom) OperatorCode.addCustomCode(b, custom);
      OperatorCode.addVersion(b, oc.version);
      OperatorCode.addBuiltinCode(b, oc.code);
      return OperatorCode.endOperatorCode(b);
    });
    const signatures = g.signatures.map((sig) => this.writeSignature(sig));
    const metadata = g.metadata.map((m) => {
      const name = b.createString(m.name);
      Metadata.startMetadata(b);
      Metadata.addName(b, name);
      Metadata.addBuffer(b, this.bufferOf.get(m.data)!);
      return Metadata.endMetadata(b);
    });
    const description = g.description ? b.createString(g.description) : 0;
    const opcodesVec = Model.createOperatorCodesVector(b, opcodes);
    const subgraphsVec = Model.createSubgraphsVector(b, subgraphs);
    const buffersVec = Model.createBuffersVector(b, bufferTables);
    const metaBufVec = g.metadataBuffers.length ? Model.createMetadataBufferVector(b, g.metadataBuffers.map((d) => this.bufferOf.get(d)!)) : 0;
    const metadataVec = metadata.length ? Model.createMetadataVector(b, metadata) : 0;
    const sigVec = signatures.length ? Model.createSignatureDefsVector(b, signatures) : 0;
    const groupsVec = g.externalBufferGroups.length ? Model.createExternalBufferGroupsVector(b, g.externalBufferGroups.map((x) => x.pack(b))) : 0;
    const externalVec = g.externalBuffers.length ? Model.createExternalBuffersVector(b, g.externalBuffers.map((x) => x.pack(b))) : 0;
    Model.startModel(b);
    Model.addVersion(b, g.version);
    Model.addOperatorCodes(b, opcodesVec);
    Model.addSubgraphs(b, subgraphsVec);
    if (description) Model.addDescription(b, description);
    Model.addBuffers(b, buffersVec);
    if (metaBufVec) Model.addMetadataBuffer(b, metaBufVec);
    if (metadataVec) Model.addMetadata(b, metadataVec);
    if (sigVec) Model.addSignatureDefs(b, sigVec);
    if (groupsVec) Model.addExternalBufferGroups(b, groupsVec);
    if (externalVec) Model.addExternalBuffers(b, externalVec);
    Model.finishModelBuffer(b, Model.endModel(b));
    const out = b.asUint8Array();
    if (out.length > MAX_FLATBUFFER_BYTES) throw new ConversionError(`model is ${out.length} bytes: models over 2 GB need TFLite's external buffer layout, which litelab does not write yet`);
    return out;
  }

  private writeSubgraph(sub: Subgraph, s: number): flatbuffers.Offset {
    const b = this.b;
    const tensors = this.tensorLists[s]!.map((t) => this.writeTensor(t));
    const operators = sub.nodes.map((n, i) => this.writeOperator(n, s, `subgraph ${s} node ${i} (${n.name})`));
    const tensorsVec = SubGraph.createTensorsVector(b, tensors);
    const inputsVec = SubGraph.createInputsVector(b, sub.inputs.map((t) => this.tensorIndex(s, t, `subgraph ${s} inputs`)));
    const outputsVec = SubGraph.createOutputsVector(b, sub.outputs.map((t) => this.tensorIndex(s, t, `subgraph ${s} outputs`)));
    const operatorsVec = SubGraph.createOperatorsVector(b, operators);
    const name = sub.name ? b.createString(sub.name) : 0;
    SubGraph.startSubGraph(b);
    SubGraph.addTensors(b, tensorsVec);
    SubGraph.addInputs(b, inputsVec);
    SubGraph.addOutputs(b, outputsVec);
    SubGraph.addOperators(b, operatorsVec);
    if (name) SubGraph.addName(b, name);
    SubGraph.addDebugMetadataIndex(b, sub.debugMetadataIndex);
    return SubGraph.endSubGraph(b);
  }

  private writeTensor(t: Tensor): flatbuffers.Offset {
    const b = this.b;
    const shape = FbTensor.createShapeVector(b, t.shape);
    const name = t.name ? b.createString(t.name) : 0;
    const quantization = t.quantization ? this.writeQuantization(t.quantization) : 0;
    const sparsity = t.sparsity ? t.sparsity.pack(b) : 0;
    const signature = t.shapeSignature?.length ? FbTensor.createShapeSignatureVector(b, t.shapeSignature) : 0;
    const variants = t.variantTensors?.length ? FbTensor.createVariantTensorsVector(b, t.variantTensors.map((v) => v.pack(b))) : 0;
    FbTensor.startTensor(b);
    FbTensor.addShape(b, shape);
    FbTensor.addType(b, tensorTypeFromDtype(t.dtype));
    FbTensor.addBuffer(b, t.data && t.data.length > 0 ? this.bufferOf.get(t.data)! : 0);
    if (name) FbTensor.addName(b, name);
    if (quantization) FbTensor.addQuantization(b, quantization);
    FbTensor.addIsVariable(b, t.isVariable);
    if (sparsity) FbTensor.addSparsity(b, sparsity);
    if (signature) FbTensor.addShapeSignature(b, signature);
    FbTensor.addHasRank(b, t.hasRank);
    if (variants) FbTensor.addVariantTensors(b, variants);
    FbTensor.addExternalBuffer(b, t.externalBuffer);
    return FbTensor.endTensor(b);
  }

  private writeQuantization(q: Quantization): flatbuffers.Offset {
    const b = this.b;
    const min = q.min?.length ? QuantizationParameters.createMinVector(b, q.min) : 0;
    const max = q.max?.length ? QuantizationParameters.createMaxVector(b, q.max) : 0;
    const scale = q.scale.length ? QuantizationParameters.createScaleVector(b, q.scale) : 0;
    const zeroPoint = q.zeroPoint.length ? QuantizationParameters.createZeroPointVector(b, q.zeroPoint.map((z) => BigInt(z))) : 0;
    const details = q.details ? q.details.value.pack(b) : 0;
    QuantizationParameters.startQuantizationParameters(b);
    if (min) QuantizationParameters.addMin(b, min);
    if (max) QuantizationParameters.addMax(b, max);
    if (scale) QuantizationParameters.addScale(b, scale);
    if (zeroPoint) QuantizationParameters.addZeroPoint(b, zeroPoint);
    if (q.details) {
      QuantizationParameters.addDetailsType(b, q.details.type);
      QuantizationParameters.addDetails(b, details);
    }
    QuantizationParameters.addQuantizedDimension(b, q.axis);
    return QuantizationParameters.endQuantizationParameters(b);
  }

  private writeOperator(n: Node, s: number, what: string): flatbuffers.Offset {
    const b = this.b;
    const opcodeIndex = this.opcode(n);
    const inputs = Operator.createInputsVector(b, n.inputs.map((t) => (t ? this.tensorIndex(s, t, what) : -1)));
    const outputs = Operator.createOutputsVector(b, n.outputs.map((t) => this.tensorIndex(s, t, what)));
    const options = n.options ? n.options.value.pack(b) : 0;
    const options2 = n.options2 ? n.options2.value.pack(b) : 0;
    const custom = n.customOptions ? b.createByteVector(n.customOptions) : 0;
    const mutating = n.mutatingVariableInputs?.length ? Operator.createMutatingVariableInputsVector(b, n.mutatingVariableInputs) : 0;
    const intermediates = n.intermediates.length ? Operator.createIntermediatesVector(b, n.intermediates.map((t) => this.tensorIndex(s, t, what))) : 0;
    Operator.startOperator(b);
    Operator.addOpcodeIndex(b, opcodeIndex);
    Operator.addInputs(b, inputs);
    Operator.addOutputs(b, outputs);
    if (n.options) {
      Operator.addBuiltinOptionsType(b, n.options.type);
      Operator.addBuiltinOptions(b, options);
    }
    if (custom) Operator.addCustomOptions(b, custom);
    if (n.customOptionsFormat !== undefined) Operator.addCustomOptionsFormat(b, n.customOptionsFormat);
    if (mutating) Operator.addMutatingVariableInputs(b, mutating);
    if (intermediates) Operator.addIntermediates(b, intermediates);
    if (n.options2) {
      Operator.addBuiltinOptions2Type(b, n.options2.type);
      Operator.addBuiltinOptions2(b, options2);
    }
    Operator.addDebugMetadataIndex(b, n.debugMetadataIndex);
    return Operator.endOperator(b);
  }

  private writeSignature(sig: Signature): flatbuffers.Offset {
    const b = this.b;
    const s = this.graph.subgraphs.indexOf(sig.subgraph);
    if (s < 0) throw new ConversionError(`signature ${sig.key}: its subgraph is not in the graph`);
    const maps = (list: Signature['inputs']): flatbuffers.Offset[] => list.map((st) => {
      const name = b.createString(st.name);
      TensorMap.startTensorMap(b);
      TensorMap.addName(b, name);
      TensorMap.addTensorIndex(b, this.tensorIndex(s, st.tensor, `signature ${sig.key}`));
      return TensorMap.endTensorMap(b);
    });
    const inputs = SignatureDef.createInputsVector(b, maps(sig.inputs));
    const outputs = SignatureDef.createOutputsVector(b, maps(sig.outputs));
    const key = b.createString(sig.key);
    SignatureDef.startSignatureDef(b);
    SignatureDef.addInputs(b, inputs);
    SignatureDef.addOutputs(b, outputs);
    SignatureDef.addSignatureKey(b, key);
    SignatureDef.addSubgraphIndex(b, s);
    return SignatureDef.endSignatureDef(b);
  }
}
