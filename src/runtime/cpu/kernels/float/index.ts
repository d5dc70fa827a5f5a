/**
 * Registers every float (`float`) and dtype-generic (`any`) CPU kernel: importing this module fills the registry of
 * `kernel-api.ts`. One line per op-group file; the integer kernels have their own index (`../quant/index.ts`).
 */
import './binary.ts';
import './conv.ts';
import './lstm.ts';
import './matmul.ts';
import './pad.ts';
import './pool.ts';
import './quantize.ts';
import './reduce.ts';
import './resize.ts';
import './shape.ts';
import './slice.ts';
import './softmax.ts';
import './transform.ts';
import './unary.ts';
