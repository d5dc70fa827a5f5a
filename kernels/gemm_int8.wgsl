// gemm_int8 — C = A · B with int8 inputs and exact i32 accumulation, using WGSL dot4I8Packed.
//
// Inputs are packed: 4 int8 values per u32 word along K (byte t of a word holds element 4w + t, little-endian),
// K padded with zeros to K4 = ceil(K / 4) words. A is packed by rows, ap [M, K4]; B is packed by columns, i.e.
// transposed, bt [N, K4], so both operands of every dot4I8Packed are one contiguous word (see pack_int8).
// C[i, j] = Σ_w dot4I8Packed(ap[i, w], bt[j, w]) in i32 (two's-complement wrap, like the CPU reference; no overflow
// for K < 131072), equal to the CPU reference bit for bit.
// Register tiling: each invocation computes an 8 × 4 block of C in 32 named i32 accumulators (per word: 8 + 4 loads,
// 32 dot4I8Packed); a workgroup of 8 × 8 invocations covers 64 rows × 32 columns. Out-of-range rows/columns are read
// clamped and never stored.
//
// Bindings (group 0), outputs, inputs, uniforms:
//   0 c:  array<i32>, read_write — [M, N]
//   1 ap: array<u32>, read       — [M, K4] packed A
//   2 bt: array<u32>, read       — [N, K4] packed, transposed B
//   3 u:  Uniforms, uniform
// Uniforms: m: u32, n: u32, k4: u32 (words per packed row).
// Dispatch: (ceil(N / 32), ceil(M / 64), 1).

struct Uniforms { m: u32, n: u32, k4: u32, pad0: u32 }

@group(0) @binding(0) var<storage, read_write> c: array<i32>;
@group(0) @binding(1) var<storage, read> ap: array<u32>;
@group(0) @binding(2) var<storage, read> bt: array<u32>;
@group(0) @binding(3) var<uniform> u: Uniforms;

fn store(row: u32, col: u32, v: vec4<i32>) {
  if (row >= u.m) { return; }
  let base = row * u.n + col;
  let left = u.n - col; // > 0: col < n is checked by the caller
  c[base] = v.x;
  if (left > 1u) { c[base + 1u] = v.y; }
  if (left > 2u) { c[base + 2u] = v.z; }
  if (left > 3u) { c[base + 3u] = v.w; }
}

@compute @workgroup_size(8, 8, 1)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let col0 = gid.x * 4u;
  let row0 = gid.y * 8u;
  if (row0 >= u.m || col0 >= u.n) { return; }
  let rmax = u.m - 1u;
  let cmax = u.n - 1u;
  // packed row offsets of A and of Bᵀ, clamped into the matrix
  let a0 = min(row0 + 0u, rmax) * u.k4;
  let a1 = min(row0 + 1u, rmax) * u.k4;
  let a2 = min(row0 + 2u, rmax) * u.k4;
  let a3 = min(row0 + 3u, rmax) * u.k4;
  let a4 = min(row0 + 4u, rmax) * u.k4;
  let a5 = min(row0 + 5u, rmax) * u.k4;
  let a6 = min(row0 + 6u, rmax) * u.k4;
  let a7 = min(row0 + 7u, rmax) * u.k4;
  let b0 = min(col0 + 0u, cmax) * u.k4;
  let b1 = min(col0 + 1u, cmax) * u.k4;
  let b2 = min(col0 + 2u, cmax) * u.k4;
  let b3 = min(col0 + 3u, cmax) * u.k4;
  var s00 = 0i; var s01 = 0i; var s02 = 0i; var s03 = 0i;
  var s10 = 0i; var s11 = 0i; var s12 = 0i; var s13 = 0i;
  var s20 = 0i; var s21 = 0i; var s22 = 0i; var s23 = 0i;
  var s30 = 0i; var s31 = 0i; var s32 = 0i; var s33 = 0i;
  var s40 = 0i; var s41 = 0i; var s42 = 0i; var s43 = 0i;
  var s50 = 0i; var s51 = 0i; var s52 = 0i; var s53 = 0i;
  var s60 = 0i; var s61 = 0i; var s62 = 0i; var s63 = 0i;
  var s70 = 0i; var s71 = 0i; var s72 = 0i; var s73 = 0i;
  for (var w = 0u; w < u.k4; w++) {
    let y0 = bt[b0 + w]; let y1 = bt[b1 + w]; let y2 = bt[b2 + w]; let y3 = bt[b3 + w];
    let x0 = ap[a0 + w]; s00 += dot4I8Packed(x0, y0); s01 += dot4I8Packed(x0, y1); s02 += dot4I8Packed(x0, y2); s03 += dot4I8Packed(x0, y3);
    let x1 = ap[a1 + w]; s10 += dot4I8Packed(x1, y0); s11 += dot4I8Packed(x1, y1); s12 += dot4I8Packed(x1, y2); s13 += dot4I8Packed(x1, y3);
    let x2 = ap[a2 + w]; s20 += dot4I8Packed(x2, y0); s21 += dot4I8Packed(x2, y1); s22 += dot4I8Packed(x2, y2); s23 += dot4I8Packed(x2, y3);
    let x3 = ap[a3 + w]; s30 += dot4I8Packed(x3, y0); s31 += dot4I8Packed(x3, y1); s32 += dot4I8Packed(x3, y2); s33 += dot4I8Packed(x3, y3);
    let x4 = ap[a4 + w]; s40 += dot4I8Packed(x4, y0); s41 += dot4I8Packed(x4, y1); s42 += dot4I8Packed(x4, y2); s43 += dot4I8Packed(x4, y3);
    let x5 = ap[a5 + w]; s50 += dot4I8Packed(x5, y0); s51 += dot4I8Packed(x5, y1); s52 += dot4I8Packed(x5, y2); s53 += dot4I8Packed(x5, y3);
    let x6 = ap[a6 + w]; s60 += dot4I8Packed(x6, y0); s61 += dot4I8Packed(x6, y1); s62 += dot4I8Packed(x6, y2); s63 += dot4I8Packed(x6, y3);
    let x7 = ap[a7 + w]; s70 += dot4I8Packed(x7, y0); s71 += dot4I8Packed(x7, y1); s72 += dot4I8Packed(x7, y2); s73 += dot4I8Packed(x7, y3);
  }
  store(row0 + 0u, col0, vec4<i32>(s00, s01, s02, s03));
  store(row0 + 1u, col0, vec4<i32>(s10, s11, s12, s13));
  store(row0 + 2u, col0, vec4<i32>(s20, s21, s22, s23));
  store(row0 + 3u, col0, vec4<i32>(s30, s31, s32, s33));
  store(row0 + 4u, col0, vec4<i32>(s40, s41, s42, s43));
  store(row0 + 5u, col0, vec4<i32>(s50, s51, s52, s53));
  store(row0 + 6u, col0, vec4<i32>(s60, s61, s62, s63));
  store(row0 + 7u, col0, vec4<i32>(s70, s71, s72, s73));
}
