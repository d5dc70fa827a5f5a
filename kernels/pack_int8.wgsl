// pack_int8 — packs an int8 matrix into u32 words of 4 along K, the operand layout of gemm_int8.
//
// The source holds int8 bytes (raw, little-endian in u32 words). Element (r, k) of the logical [R, K] matrix is
// source byte r · rowStride + k · colStride, so one kernel packs A [M, K] by rows (rowStride K, colStride 1) and
// B [K, N] by columns, i.e. transposed (rowStride 1, colStride N). Output word (r, w), w < K4 = ceil(K / 4), holds
// elements k = 4w … 4w+3 in bytes 0 … 3; k ≥ K are zero, so padded lanes add nothing to a dot product.
//
// Bindings (group 0), outputs, inputs, uniforms:
//   0 out: array<u32>, read_write — [R, K4] packed words
//   1 src: array<u32>, read       — raw int8 bytes
//   2 u:   Uniforms, uniform
// Uniforms: rows: u32 (R), k: u32 (K), k4: u32, rowStride: u32, colStride: u32, total: u32 (R · K4).
// Dispatch: 256 words per workgroup, workgroups folded into (x, y) with x ≤ 65535; word = (y · nx + x) · 256 + lane.

struct Uniforms { rows: u32, k: u32, k4: u32, rowStride: u32, colStride: u32, total: u32, pad0: u32, pad1: u32 }

@group(0) @binding(0) var<storage, read_write> out: array<u32>;
@group(0) @binding(1) var<storage, read> src: array<u32>;
@group(0) @binding(2) var<uniform> u: Uniforms;

fn byteAt(i: u32) -> u32 {
  return (src[i >> 2u] >> ((i & 3u) * 8u)) & 0xffu;
}

@compute @workgroup_size(256, 1, 1)
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>,
        @builtin(num_workgroups) nwg: vec3<u32>) {
  let idx = (wid.y * nwg.x + wid.x) * 256u + lid;
  if (idx >= u.total) { return; }
  let r = idx / u.k4;
  let w = idx - r * u.k4;
  let base = r * u.rowStride;
  var word = 0u;
  for (var t = 0u; t < 4u; t++) {
    let k = w * 4u + t;
    if (k < u.k) {
      word = word | (byteAt(base + k * u.colStride) << (t * 8u));
    }
  }
  out[idx] = word;
}
