// Every TFLite-op kernel of the WebGPU executor: float ones, then integer ones. Each folder's index lists its files.
import './float/index.ts';
import './quant/index.ts';
