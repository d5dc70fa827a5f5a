/**
 * Conversions on the GPU (kind `float`):
 *   DEQUANTIZE of float16 data (float16 models store weights so): the executor uploads float16 constants widened to
 *     float32 with the CPU's exact half → float conversion (`halfToFloat`), so the op is a buffer copy. Integer
 *     DEQUANTIZE (int8 / int16 weights) is the integer kernels' business and is refused here.
 */
import { registerGpuOpKernel } from '../registry.ts';
import { gpuOf, input, outValue } from './util.ts';

registerGpuOpKernel('DEQUANTIZE', 'float', (node, inputs, backend) => {
  const x = input(node, inputs, 0);
  if (x.tensor.dtype !== 'float32') throw new TypeError(`DEQUANTIZE: ${x.dtype} input needs the integer GPU kernels`);
  return [outValue(node, 0, gpuOf(backend, node.op).copyAs(x.tensor, x.shape), x.shape)];
});
