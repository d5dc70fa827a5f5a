// i8_softmax_stats — pass 1 of int8 SOFTMAX (src/runtime/webgpu/ops/quant/softmax.ts): one invocation per row of
// `depth` int8 values, bit-identical to the CPU kernel (src/runtime/cpu/kernels/quant/lut-activations.ts, softmax):
//   m = max_j q_j;  Σ = Σ_j table[255 − m + q_j]  (float32, summed in order);  inv = fp32(1 / fp32(Σ · s_out)).
// `table` is the host's table[255 − v] = fp32(exp(fp32(−s_in · β · v))). The reciprocal is computed exactly (correctly
// rounded, as the CPU's float division; WGSL's `/` may be off by 2.5 ulp): Σ·s_out = m_d · 2^(e − 150) with a 24-bit
// mantissa m_d, 1/d = round_half_even(2^47 / m_d) · 2^(103 − e) by bit-serial long division.
//
// Bindings (group 0), outputs, inputs, uniforms:
//   0 stats: array<u32>, read_write — [rows, 2]: bitcast<u32>(m: i32), bitcast<u32>(inv: f32)
//   1 x:     array<u32>, read — int8 input [rows, depth], 4 per word
//   2 table: array<f32>, read — [256]
//   3 u:     Uniforms, uniform
// Uniforms: rows, depth (u32), out_scale (f32), pad.
// Dispatch: grid1d(rows, 64).

struct Uniforms { rows: u32, depth: u32, out_scale: f32, pad: u32 }

@group(0) @binding(0) var<storage, read_write> stats: array<u32>;
@group(0) @binding(1) var<storage, read> x: array<u32>;
@group(0) @binding(2) var<storage, read> table: array<f32>;
@group(0) @binding(3) var<uniform> u: Uniforms;

fn byte_x(i: u32) -> i32 { return extractBits(bitcast<i32>(x[i >> 2u]), (i & 3u) * 8u, 8u); }

// Correctly rounded 1/d for a positive normal d below 2^79.
fn recip(d: f32) -> f32 {
  let bits = bitcast<u32>(d);
  let e = (bits >> 23u) & 0xffu;
  if (e == 0xffu) { return 0.0; }
  let m = (bits & 0x7fffffu) | 0x800000u;
  if (m == 0x800000u) { return bitcast<f32>((254u - e) << 23u); }
  var rem = 1u;
  var q = 0u;
  for (var i = 0u; i < 47u; i++) {
    rem = rem << 1u;
    q = q << 1u;
    if (rem >= m) { rem -= m; q = q | 1u; }
  }
  if (2u * rem > m) { q += 1u; }
  return f32(q) * bitcast<f32>((230u - e) << 23u);
}

@compute @workgroup_size(64, 1, 1)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let r = gid.x + gid.y * nwg.x * 64u;
  if (r >= u.rows) { return; }
  let o = r * u.depth;
  var mx = -128;
  for (var j = 0u; j < u.depth; j++) { mx = max(mx, byte_x(o + j)); }
  var sum = 0.0;
  for (var j = 0u; j < u.depth; j++) { sum = sum + table[u32(255 - mx + byte_x(o + j))]; }
  stats[2u * r] = bitcast<u32>(mx);
  stats[2u * r + 1u] = bitcast<u32>(recip(sum * u.out_scale));
}
