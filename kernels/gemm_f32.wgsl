// gemm_f32 — C = A · B in f32, A [M, K] and B [K, N] row-major, C [M, N] row-major.
//
// Register tiling: each invocation computes an 8 × 8 block of C (rows row0..row0+7, columns col0..col0+7) in sixteen
// vec4<f32> accumulators held in named variables (SwiftShader is ~5× slower when the block lives in an indexed
// private array). Per k it loads 8 values of A's column k and 8 of B's row k and does 64 multiply-adds. A workgroup
// of 8 × 8 invocations covers a 64 × 64 block of C. No workgroup memory: a shared-memory tiled variant measured
// several times slower on SwiftShader (see bench/README.md).
// Each C element is accumulated as acc = acc + a[i,k] · b[k,j] for k = 0, 1, …, K−1 starting from 0, the order the
// CPU reference uses, so results are equal to it when the compiler does not fuse the multiply-add (SwiftShader does
// not; other GPUs may, within a few ulps).
// Rows/columns past the edge are read clamped to the last valid one and never stored, so M, N, K need not be
// multiples of anything; K = 0 gives zeros.
//
// Bindings (group 0), outputs, inputs, uniforms:
//   0 c: array<f32>, read_write — [M, N]
//   1 a: array<f32>, read       — [M, K]
//   2 b: array<f32>, read       — [K, N]
//   3 u: Uniforms, uniform
// Uniforms: m: u32, n: u32, k: u32.
// Dispatch: (ceil(N / 64), ceil(M / 64), 1).

struct Uniforms { m: u32, n: u32, k: u32, pad0: u32 }

@group(0) @binding(0) var<storage, read_write> c: array<f32>;
@group(0) @binding(1) var<storage, read> a: array<f32>;
@group(0) @binding(2) var<storage, read> b: array<f32>;
@group(0) @binding(3) var<uniform> u: Uniforms;

fn store(row: u32, col: u32, lo: vec4<f32>, hi: vec4<f32>) {
  if (row >= u.m) { return; }
  let base = row * u.n + col;
  let left = u.n - col; // > 0: col < n is checked by the caller
  c[base] = lo.x;
  if (left > 1u) { c[base + 1u] = lo.y; }
  if (left > 2u) { c[base + 2u] = lo.z; }
  if (left > 3u) { c[base + 3u] = lo.w; }
  if (left > 4u) { c[base + 4u] = hi.x; }
  if (left > 5u) { c[base + 5u] = hi.y; }
  if (left > 6u) { c[base + 6u] = hi.z; }
  if (left > 7u) { c[base + 7u] = hi.w; }
}

@compute @workgroup_size(8, 8, 1)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let col0 = gid.x * 8u;
  let row0 = gid.y * 8u;
  if (row0 >= u.m || col0 >= u.n) { return; }
  let rmax = u.m - 1u;
  let cmax = u.n - 1u;
  // B column indices and A row offsets, clamped into the matrix
  let c0 = min(col0 + 0u, cmax); let c1 = min(col0 + 1u, cmax); let c2 = min(col0 + 2u, cmax); let c3 = min(col0 + 3u, cmax);
  let c4 = min(col0 + 4u, cmax); let c5 = min(col0 + 5u, cmax); let c6 = min(col0 + 6u, cmax); let c7 = min(col0 + 7u, cmax);
  let a0 = min(row0 + 0u, rmax) * u.k;
  let a1 = min(row0 + 1u, rmax) * u.k;
  let a2 = min(row0 + 2u, rmax) * u.k;
  let a3 = min(row0 + 3u, rmax) * u.k;
  let a4 = min(row0 + 4u, rmax) * u.k;
  let a5 = min(row0 + 5u, rmax) * u.k;
  let a6 = min(row0 + 6u, rmax) * u.k;
  let a7 = min(row0 + 7u, rmax) * u.k;
  var s00 = vec4<f32>(0.0); var s01 = vec4<f32>(0.0);
  var s10 = vec4<f32>(0.0); var s11 = vec4<f32>(0.0);
  var s20 = vec4<f32>(0.0); var s21 = vec4<f32>(0.0);
  var s30 = vec4<f32>(0.0); var s31 = vec4<f32>(0.0);
  var s40 = vec4<f32>(0.0); var s41 = vec4<f32>(0.0);
  var s50 = vec4<f32>(0.0); var s51 = vec4<f32>(0.0);
  var s60 = vec4<f32>(0.0); var s61 = vec4<f32>(0.0);
  var s70 = vec4<f32>(0.0); var s71 = vec4<f32>(0.0);
  var bk = 0u;
  for (var k = 0u; k < u.k; k++) {
    let b0 = vec4<f32>(b[bk + c0], b[bk + c1], b[bk + c2], b[bk + c3]);
    let b1 = vec4<f32>(b[bk + c4], b[bk + c5], b[bk + c6], b[bk + c7]);
    let x0 = a[a0 + k]; s00 = s00 + x0 * b0; s01 = s01 + x0 * b1;
    let x1 = a[a1 + k]; s10 = s10 + x1 * b0; s11 = s11 + x1 * b1;
    let x2 = a[a2 + k]; s20 = s20 + x2 * b0; s21 = s21 + x2 * b1;
    let x3 = a[a3 + k]; s30 = s30 + x3 * b0; s31 = s31 + x3 * b1;
    let x4 = a[a4 + k]; s40 = s40 + x4 * b0; s41 = s41 + x4 * b1;
    let x5 = a[a5 + k]; s50 = s50 + x5 * b0; s51 = s51 + x5 * b1;
    let x6 = a[a6 + k]; s60 = s60 + x6 * b0; s61 = s61 + x6 * b1;
    let x7 = a[a7 + k]; s70 = s70 + x7 * b0; s71 = s71 + x7 * b1;
    bk += u.n;
  }
  store(row0 + 0u, col0, s00, s01);
  store(row0 + 1u, col0, s10, s11);
  store(row0 + 2u, col0, s20, s21);
  store(row0 + 3u, col0, s30, s31);
  store(row0 + 4u, col0, s40, s41);
  store(row0 + 5u, col0, s50, s51);
  store(row0 + 6u, col0, s60, s61);
  store(row0 + 7u, col0, s70, s71);
}
