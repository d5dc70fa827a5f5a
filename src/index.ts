/**
 * litelab's public engine API (browser and Node): `load` a TensorFlow or TFLite model from a path, files, bytes or a
 * URL; convert it with `TFLiteConverter` (TensorFlow's names in camelCase); read, write and inspect `.tflite` files.
 * Every error users can meet is one of the typed errors exported here.
 */
export { load, describeBytes, sniffBytes } from './api/load.ts';
export type { LoadedModel, LoadOptions, ModelFormat, ModelSource, DirectoryHandleLike, FileHandleLike, FetchResponseLike } from './api/load.ts';
export { TFLiteConverter, validateConverterOptions, unimplementedOptions } from './converter/tflite-converter.ts';
export type {
  ConverterOptions, Optimize, OpsSet, SupportedType, InferenceType, CalibrationMethod, CalibrationOptions,
  RepresentativeDataset, RepresentativeSample, PruningOptions, FromSavedModelOptions, ProgressFn,
} from './converter/tflite-converter.ts';
export { LitelabError, FormatError, ConversionError, UnsupportedOpError, UsageError } from './errors.ts';
export { readTflite, writeTflite, inspectGraph, formatInspect, sniffTflite } from './formats/tflite/index.ts';
export type { InspectReport } from './formats/tflite/index.ts';
export { memoryFiles, type ModelFiles } from './formats/model-source.ts';
export { browserFiles, type FileLike } from './formats/model-source-browser.ts';
