/**
 * The cpu backend: tensors are host typed arrays and ops run the reference code in this folder. It is the fallback
 * when there is no WebGPU adapter and the source of truth the webgpu kernels are tested against.
 */
import { UsageError } from '../../errors.ts';
import type { Backend, DTypeArrays, DTypeOf, Tensor, TensorArray, TensorDType } from '../backend.ts';
import { checkTensor, checkUpload, dtypeOfArray, histogramParams, matMulDims } from '../backend-checks.ts';
import { matMulF32, matMulInt8 } from './matmul.ts';
import { histogramF32, minMaxF32 } from './reduce.ts';

class CpuTensor<D extends TensorDType = TensorDType> implements Tensor<D> {
  readonly backend = 'cpu' as const;
  disposed = false;
  constructor(
    readonly dtype: D,
    readonly shape: readonly number[],
    public data: DTypeArrays[D],
  ) {}
  get size(): number {
    return this.data.length;
  }
}

export class CpuBackend implements Backend {
  readonly name = 'cpu' as const;
  readonly description = 'cpu: reference kernels in TypeScript';

  upload<A extends TensorArray>(data: A, shape: readonly number[]): Tensor<DTypeOf<A>> {
    checkUpload(data, shape);
    const dtype = dtypeOfArray(data) as DTypeOf<A>;
    return new CpuTensor(dtype, [...shape], data.slice() as DTypeArrays[DTypeOf<A>]);
  }

  async read<D extends TensorDType>(t: Tensor<D>): Promise<DTypeArrays[D]> {
    return this.data(t, 'read').slice() as DTypeArrays[D];
  }

  dispose(t: Tensor): void {
    if (!(t instanceof CpuTensor)) throw new UsageError('dispose: not a cpu tensor');
    t.disposed = true;
    t.data = t.data.subarray(0, 0);
  }

  minMax(x: Tensor<'float32'>): Tensor<'float32'> {
    return new CpuTensor('float32', [2], minMaxF32(this.data(x, 'minMax', 'float32')));
  }

  histogram(x: Tensor<'float32'>, bins: number, lo: number, hi: number): Tensor<'uint32'> {
    const data = this.data(x, 'histogram', 'float32');
    const p = histogramParams(bins, lo, hi);
    return new CpuTensor('uint32', [bins], histogramF32(data, bins, p.lo, p.scale));
  }

  matMul(a: Tensor<'float32'>, b: Tensor<'float32'>): Tensor<'float32'> {
    const [m, k, n] = matMulDims('matMul', a, b);
    const out = matMulF32(this.data(a, 'matMul', 'float32'), this.data(b, 'matMul', 'float32'), m, k, n);
    return new CpuTensor('float32', [m, n], out);
  }

  matMulInt8(a: Tensor<'int8'>, b: Tensor<'int8'>): Tensor<'int32'> {
    const [m, k, n] = matMulDims('matMulInt8', a, b);
    const out = matMulInt8(this.data(a, 'matMulInt8', 'int8'), this.data(b, 'matMulInt8', 'int8'), m, k, n);
    return new CpuTensor('int32', [m, n], out);
  }

  destroy(): void {}

  private data<D extends TensorDType>(t: Tensor<D>, op: string, dtype?: D): DTypeArrays[D] {
    checkTensor(op, t, 'cpu', dtype);
    if (!(t instanceof CpuTensor)) throw new UsageError(`${op}: not a cpu tensor`);
    return t.data as DTypeArrays[D];
  }
}
