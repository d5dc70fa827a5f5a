/**
 * Reference matrix products (row-major).
 *
 * matMulF32: C[i, j] = acc after acc = f32(acc + f32(A[i, k] · B[k, j])) for k = 0 … K−1 from acc = 0, i.e. an
 * unfused f32 multiply then f32 add in k order, the order the gemm_f32 kernel uses. The loops run i, k, j (row of B
 * streamed, row of C accumulated in a Float32Array, whose stores do the outer rounding); the order of the additions
 * into each C[i, j] is still k = 0 … K−1.
 *
 * matMulInt8: exact i32 sums of int8 products, wrapping like WGSL i32 (`| 0`), which only matters for K ≥ 131072.
 *
 * packInt8: the gemm_int8 operand layout — 4 int8 per u32 word along K (byte t of word w is element 4w + t),
 * K padded with zeros to K4 = ceil(K / 4) words; `transpose` packs the columns of a [K, N] matrix (B) instead of the
 * rows of an [M, K] matrix (A).
 */

export function matMulF32(a: Float32Array, b: Float32Array, m: number, k: number, n: number): Float32Array {
  const c = new Float32Array(m * n);
  for (let i = 0; i < m; i++) {
    const row = c.subarray(i * n, (i + 1) * n);
    for (let p = 0; p < k; p++) {
      const av = a[i * k + p]!;
      const bOff = p * n;
      for (let j = 0; j < n; j++) row[j] = row[j]! + Math.fround(av * b[bOff + j]!);
    }
  }
  return c;
}

export function matMulInt8(a: Int8Array, b: Int8Array, m: number, k: number, n: number): Int32Array {
  const c = new Int32Array(m * n);
  for (let i = 0; i < m; i++) {
    const row = c.subarray(i * n, (i + 1) * n);
    for (let p = 0; p < k; p++) {
      const av = a[i * k + p]!;
      if (av === 0) continue;
      const bOff = p * n;
      for (let j = 0; j < n; j++) row[j] = (row[j]! + av * b[bOff + j]!) | 0;
    }
  }
  return c;
}

/** Packs the rows of x [rows, k] (or, with `transpose`, the columns of x [k, rows]) into words [rows, ceil(k/4)]. */
export function packInt8(x: Int8Array, rows: number, k: number, transpose: boolean): Uint32Array {
  const k4 = Math.ceil(k / 4);
  const out = new Uint32Array(rows * k4);
  const bytes = new Uint8Array(out.buffer);
  for (let r = 0; r < rows; r++) {
    const o = r * k4 * 4;
    if (transpose) for (let p = 0; p < k; p++) bytes[o + p] = x[p * rows + r]! & 0xff;
    else for (let p = 0; p < k; p++) bytes[o + p] = x[r * k + p]! & 0xff;
  }
  return out;
}
