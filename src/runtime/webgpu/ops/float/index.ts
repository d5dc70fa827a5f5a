// Float (and dtype-generic 'any') TFLite-op kernels for WebGPU: one import per kernel file.
import './conv.ts';
import './convert.ts';
import './elementwise.ts';
import './matmul.ts';
import './movement.ts';
import './resize.ts';
import './rows.ts';
