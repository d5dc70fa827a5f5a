/**
 * The metadata buffers the official converter attaches to every model:
 * - `min_runtime_version`: the oldest TFLite runtime that has every (op, version) the model uses, by TFLite's
 *   runtime_version.cc table (`src/ops/runtime-version.ts`), as a string in a 16-byte zero-padded buffer (TFLite
 *   reserves 16 bytes and patches the string in; a version of 16 characters or more is not written).
 * - `CONVERSION_METADATA`: a `tflite.ConversionMetadata` flatbuffer (schema conversion_metadata.fbs): environment
 *   (TensorFlow version of the source model when known, API version 2 for SavedModel / Keras and 1 for frozen
 *   GraphDefs (the TF1 `from_frozen_graph` API), model type) and the conversion options (the model optimization
 *   modes — none for a float conversion, PTQ_DYNAMIC_RANGE = 1002 / PTQ_FLOAT16 = 1001 when quantized — and no
 *   custom or select TF ops).
 * Existing entries with these names are replaced; other metadata is kept.
 */
import * as flatbuffers from 'flatbuffers';
import type { Graph } from '../ir/graph.ts';
import { ConversionMetadata, ConversionMetadataT } from '../formats/tflite/generated/conversion-metadata/tflite/conversion-metadata.ts';
import { ConversionOptionsT } from '../formats/tflite/generated/conversion-metadata/tflite/conversion-options.ts';
import { EnvironmentT } from '../formats/tflite/generated/conversion-metadata/tflite/environment.ts';
import type { ModelOptimizationMode } from '../formats/tflite/generated/conversion-metadata/tflite/model-optimization-mode.ts';
import { ModelType } from '../formats/tflite/generated/conversion-metadata/tflite/model-type.ts';
import { modelMinRuntimeVersion } from '../ops/runtime-version.ts';

export interface ConversionInfo {
  modelType: 'savedmodel' | 'keras' | 'graphdef';
  tfVersion?: string;
  /** `model_optimization_modes` (PTQ_DYNAMIC_RANGE, PTQ_FLOAT16 …); none for a float conversion. */
  optimizationModes?: ModelOptimizationMode[];
}

const MODEL_TYPES: Readonly<Record<ConversionInfo['modelType'], ModelType>> = {
  savedmodel: ModelType.TF_SAVED_MODEL,
  keras: ModelType.KERAS_MODEL,
  graphdef: ModelType.TF_GRAPH_DEF,
};

const RUNTIME_VERSION_BYTES = 16;

/** The `min_runtime_version` string for the ops of `graph` ('' when no op has an entry). */
export function minRuntimeVersionOf(graph: Graph): string {
  return modelMinRuntimeVersion(graph.subgraphs.flatMap((s) => s.nodes).map((n) => ({ op: n.op, version: n.version })));
}

/** The CONVERSION_METADATA flatbuffer bytes (optimization modes from `info`, none for a float conversion). */
export function conversionMetadataBytes(info: ConversionInfo): Uint8Array {
  const env = new EnvironmentT(info.tfVersion ?? null, info.modelType === 'graphdef' ? 1 : 2, MODEL_TYPES[info.modelType]);
  const meta = new ConversionMetadataT(env, new ConversionOptionsT([...(info.optimizationModes ?? [])]));
  const b = new flatbuffers.Builder(128);
  ConversionMetadata.finishConversionMetadataBuffer(b, meta.pack(b));
  return b.asUint8Array().slice();
}

function setMetadata(graph: Graph, name: string, data: Uint8Array): void {
  const i = graph.metadata.findIndex((m) => m.name === name);
  if (i >= 0) graph.metadata[i] = { name, data };
  else graph.metadata.push({ name, data });
}

export function addConversionMetadata(graph: Graph, info: ConversionInfo): void {
  const version = minRuntimeVersionOf(graph);
  if (version.length < RUNTIME_VERSION_BYTES) {
    const data = new Uint8Array(RUNTIME_VERSION_BYTES);
    data.set(new TextEncoder().encode(version));
    setMetadata(graph, 'min_runtime_version', data);
  }
  setMetadata(graph, 'CONVERSION_METADATA', conversionMetadataBytes(info));
}
