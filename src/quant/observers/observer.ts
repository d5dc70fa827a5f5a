/**
 * A range observer sees every value a tensor takes during calibration and then proposes the float range [min, max]
 * its int8 parameters are computed from (`activation-params.ts`). One observer per tensor. Min/max (TFLite's
 * converter) is `min-max.ts`; histogram-based observers (percentile, entropy / KL, MSE) implement the same interface.
 */
export interface TensorRange {
  min: number;
  max: number;
}

export interface RangeObserver {
  /** Records one batch of the tensor's values (NaN / ±Infinity must have been rejected before). */
  observe(values: ArrayLike<number>): void;
  /** The chosen range, or undefined when nothing was observed. */
  range(): TensorRange | undefined;
}

/** Makes one observer for a tensor (by name). */
export type ObserverFactory = (tensorName: string) => RangeObserver;
