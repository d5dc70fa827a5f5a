// f32_reduce — SUM / MEAN / REDUCE_MAX / REDUCE_MIN / REDUCE_PROD over any set of axes, float32: one invocation per
// output. The output index is split over `keptShape` (8 dims, leading 1s) into a base Σ idx·keptStride of the input;
// the r-th reduced element (r < red) is split over `redShape` into Σ idx·redStride.
// mode: 0 sum, 1 mean (sum / red), 2 max, 3 min, 4 product.
//
// Bindings (group 0), outputs, inputs, uniforms:
//   0 y: array<f32>, read_write — [count]
//   1 x: array<f32>, read
//   2 u: Uniforms, uniform
// Uniforms: count, red, mode: u32; keptShape, keptStride, redShape, redStride: 8 × u32 each.
// Dispatch: grid1d(count, 64).

struct Uniforms {
  count: u32, red: u32, mode: u32, pad0: u32,
  keptShape: array<vec4<u32>, 2>, keptStride: array<vec4<u32>, 2>,
  redShape: array<vec4<u32>, 2>, redStride: array<vec4<u32>, 2>,
}

@group(0) @binding(0) var<storage, read_write> y: array<f32>;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<uniform> u: Uniforms;

@compute @workgroup_size(64, 1, 1)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * 64u;
  if (i >= u.count) { return; }
  var rem = i;
  var base = 0u;
  for (var d = 7; d >= 0; d--) {
    let dim = u.keptShape[d / 4][d % 4];
    base += (rem % dim) * u.keptStride[d / 4][d % 4];
    rem = rem / dim;
  }
  var acc = 0.0;
  if (u.mode == 2u) { acc = -3.4028234663852886e38; }
  if (u.mode == 3u) { acc = 3.4028234663852886e38; }
  if (u.mode == 4u) { acc = 1.0; }
  for (var r = 0u; r < u.red; r++) {
    var q = r;
    var off = base;
    for (var d = 7; d >= 0; d--) {
      let dim = u.redShape[d / 4][d % 4];
      off += (q % dim) * u.redStride[d / 4][d % 4];
      q = q / dim;
    }
    let v = x[off];
    switch (u.mode) {
      case 2u: { acc = max(acc, v); }
      case 3u: { acc = min(acc, v); }
      case 4u: { acc *= v; }
      default: { acc += v; }
    }
  }
  if (u.mode == 1u) { acc = acc / f32(u.red); }
  y[i] = acc;
}
