// f32_matmul — batched strided matrix product with optional bias and clamp, for FULLY_CONNECTED and BATCH_MATMUL:
// y[t, i, j] = clamp(bias[j] + Σ_p a[aOff(t) + i·sam + p·sak] · b[bOff(t) + p·sbk + j·sbn], lo, hi), one invocation
// per output. The batch index t is split over `batch` (4 dims, leading 1s); aOff / bOff = Σ idx·aStr / bStr (0 on
// broadcast dims). bias is read only when hasBias ≠ 0.
//
// Bindings (group 0), outputs, inputs, uniforms:
//   0 y: array<f32>, read_write — [T, M, N]
//   1 a: array<f32>, read
//   2 b: array<f32>, read
//   3 bias: array<f32>, read — [N] (any buffer when hasBias = 0)
//   4 u: Uniforms, uniform
// Uniforms: count, m, n, k, sam, sak, sbk, sbn, hasBias: u32; lo, hi: f32; batch, aStr, bStr: 4 × u32 each.
// Dispatch: grid1d(count, 256).

struct Uniforms {
  count: u32, m: u32, n: u32, k: u32, sam: u32, sak: u32, sbk: u32, sbn: u32,
  hasBias: u32, lo: f32, hi: f32, pad0: u32,
  batch: vec4<u32>, aStr: vec4<u32>, bStr: vec4<u32>,
}

@group(0) @binding(0) var<storage, read_write> y: array<f32>;
@group(0) @binding(1) var<storage, read> a: array<f32>;
@group(0) @binding(2) var<storage, read> b: array<f32>;
@group(0) @binding(3) var<storage, read> bias: array<f32>;
@group(0) @binding(4) var<uniform> u: Uniforms;

@compute @workgroup_size(256, 1, 1)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * 256u;
  if (i >= u.count) { return; }
  let j = i % u.n;
  let r = (i / u.n) % u.m;
  var t = i / (u.n * u.m);
  var ao = 0u;
  var bo = 0u;
  for (var d = 3; d >= 0; d--) {
    let k = t % u.batch[d];
    t = t / u.batch[d];
    ao += k * u.aStr[d];
    bo += k * u.bStr[d];
  }
  ao += r * u.sam;
  bo += j * u.sbn;
  var acc = 0.0;
  for (var p = 0u; p < u.k; p++) { acc += a[ao + p * u.sak] * b[bo + p * u.sbk]; }
  if (u.hasBias != 0u) { acc += bias[j]; }
  y[i] = min(max(acc, u.lo), u.hi);
}
