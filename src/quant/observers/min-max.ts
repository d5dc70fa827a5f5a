/**
 * Global min/max calibration (TFLite's `calibrator` / `tfl.quant.stats`): over every value x the tensor took on
 * every calibration sample, range = [min x, max x]. No averaging, no clipping: one outlier sets the range.
 */
import type { RangeObserver, TensorRange } from './observer.ts';

export class MinMaxObserver implements RangeObserver {
  private min = Infinity;
  private max = -Infinity;

  observe(values: ArrayLike<number>): void {
    let lo = this.min;
    let hi = this.max;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    this.min = lo;
    this.max = hi;
  }

  range(): TensorRange | undefined {
    return this.min <= this.max ? { min: this.min, max: this.max } : undefined;
  }
}

export const minMaxObserver = (): RangeObserver => new MinMaxObserver();
