/**
 * The notebook core's public API (no UI): the document model, `.ipynb` and share-link formats, cell analysis,
 * the reactive kernel, trust and autosave. `autosave.ts` / `trust-store-idb.ts` need IndexedDB (browser); the rest
 * runs in Node too.
 */
export { Notebook, NotebookChangeEvent, type Cell, type CellInit, type CellKind, type NotebookChange, type NotebookEvents } from './notebook.ts';
export { appendOutput, isJsonMime, type CellOutput, type DisplayOutput, type ErrorOutput, type MimeBundle, type ResultOutput, type StreamOutput } from './outputs.ts';
export { KERNELSPEC, LANGUAGE_INFO, notebookFromJson, notebookToJson, readIpynb, writeIpynb, type WriteOptions } from './ipynb.ts';
export { analyzeCell, parseCell, type CellAnalysis, type ImportInfo, type Span, type ViewBinding } from './analyze.ts';
export { buildGraph, topologicalOrder, descendants, ancestors, type Graph, type GraphCell } from './scheduler.ts';
export { Kernel, type KernelOptions } from './kernel.ts';
export {
  CellStateEvent, KernelBusyEvent, TrustChangeEvent,
  type CellFailure, type CellState, type CellStatus, type FailureKind, type KernelEvents,
} from './kernel-types.ts';
export { RESERVED } from './diagnose.ts';
export { viewValue, type ViewSource } from './cell-run.ts';
export type { CellFrame } from './evaluate.ts';
export { defaultToMimeBundle, MIME_SYMBOL, normalizeBundle, type ToMimeBundle } from './mime.ts';
export { inspect, type InspectOptions } from './inspect.ts';
export { isTrusted, MemoryTrustStore, notebookSignature, rememberTrust, type TrustStore } from './trust.ts';
export { DEFAULT_MAX_FRAGMENT, decodeShareLink, encodeShareLink, shareLinkPayload, type ShareLink, type ShareLinkOptions } from './share-link.ts';
export { Autosave, AutosaveErrorEvent, AutosaveSavedEvent, type AutosaveOptions, type Restored } from './autosave.ts';
export { IdbTrustStore } from './trust-store-idb.ts';
export { CellSyntaxError, ShareLinkTooLongError, UntrustedNotebookError } from './errors.ts';
export { TypedEventTarget } from './emitter.ts';
export type { Position } from './lines.ts';
