// Integer (int8 / int16 / hybrid) TFLite-op kernels for WebGPU: one import per kernel file.
import './conv.ts';
import './pooling.ts';
import './softmax.ts';
import './binary.ts';
import './lut.ts';
