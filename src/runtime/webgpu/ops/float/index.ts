// Float (and dtype-generic 'any') TFLite-op kernels for WebGPU: one import per kernel file.
export {};
