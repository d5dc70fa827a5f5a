// f32_softmax — SOFTMAX along the last axis on float32: one invocation per row of n,
// y_j = e^((x_j − max x)·β) / Σ e^((x_k − max x)·β).
//
// Bindings (group 0), outputs, inputs, uniforms:
//   0 y: array<f32>, read_write — [rows, n]
//   1 x: array<f32>, read       — [rows, n]
//   2 u: Uniforms, uniform
// Uniforms: rows: u32, n: u32, beta: f32.
// Dispatch: grid1d(rows, 64).

struct Uniforms { rows: u32, n: u32, beta: f32, pad0: u32 }

@group(0) @binding(0) var<storage, read_write> y: array<f32>;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<uniform> u: Uniforms;

@compute @workgroup_size(64, 1, 1)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let row = gid.x + gid.y * nwg.x * 64u;
  if (row >= u.rows) { return; }
  let off = row * u.n;
  var m = -3.4028234663852886e38;
  for (var j = 0u; j < u.n; j++) { m = max(m, x[off + j]); }
  var s = 0.0;
  for (var j = 0u; j < u.n; j++) {
    let e = exp((x[off + j] - m) * u.beta);
    y[off + j] = e;
    s += e;
  }
  for (var j = 0u; j < u.n; j++) { y[off + j] = y[off + j] / s; }
}
