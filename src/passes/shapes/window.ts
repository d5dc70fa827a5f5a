/**
 * Output sizes of sliding windows (convolutions, pooling) in TF's conventions, −1 staying unknown:
 * VALID: ⌈(in − (k − 1)·d) / s⌉; SAME: ⌈in / s⌉; EXPLICIT: ⌊(in + before + after − (k − 1)·d − 1) / s⌋ + 1.
 * `samePadding` gives the (before, after) split TF uses for SAME: total = max((out − 1)·s + (k − 1)·d + 1 − in, 0),
 * before = ⌊total / 2⌋ (the extra pixel goes after), which is also what TFLite computes.
 */

export type PaddingKind = 'SAME' | 'VALID' | 'EXPLICIT';

export function windowOutput(size: number, k: number, s: number, d: number, padding: PaddingKind, before = 0, after = 0): number {
  if (size < 0) return -1;
  const eff = (k - 1) * d + 1;
  if (padding === 'SAME') return Math.ceil(size / s);
  if (padding === 'VALID') return Math.max(0, Math.ceil((size - eff + 1) / s));
  return Math.max(0, Math.floor((size + before + after - eff) / s) + 1);
}

export function samePadding(size: number, k: number, s: number, d: number): [number, number] {
  const out = Math.ceil(size / s);
  const total = Math.max((out - 1) * s + (k - 1) * d + 1 - size, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}
