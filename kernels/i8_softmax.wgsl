// i8_softmax — pass 2 of int8 SOFTMAX (src/runtime/webgpu/ops/quant/softmax.ts), bit-identical to the CPU kernel:
// for element j of row r with (m, inv) from i8_softmax_stats,
//   p = fp32(table[255 − m + q_j] · inv);  out = clamp(round_half_away(p) + zp_out, −128, 127).
//
// Bindings (group 0), outputs, inputs, uniforms:
//   0 y:     array<u32>, read_write — int8 output [rows, depth], 4 per word; one invocation writes one whole word
//   1 x:     array<u32>, read — int8 input, 4 per word
//   2 table: array<f32>, read — [256]
//   3 stats: array<u32>, read — [rows, 2] (i8_softmax_stats)
//   4 u:     Uniforms, uniform
// Uniforms: total (elements), depth (u32), zp (i32), pad.
// Dispatch: grid1d(ceil(total / 4), 64).

struct Uniforms { total: u32, depth: u32, zp: i32, pad: u32 }

@group(0) @binding(0) var<storage, read_write> y: array<u32>;
@group(0) @binding(1) var<storage, read> x: array<u32>;
@group(0) @binding(2) var<storage, read> table: array<f32>;
@group(0) @binding(3) var<storage, read> stats: array<u32>;
@group(0) @binding(4) var<uniform> u: Uniforms;

fn byte_x(i: u32) -> i32 { return extractBits(bitcast<i32>(x[i >> 2u]), (i & 3u) * 8u, 8u); }

// round half away from zero (p − trunc(p) is exact).
fn round_away(p: f32) -> i32 {
  let t = trunc(clamp(p, -1.0e6, 1.0e6));
  return i32(t) + select(0, select(-1, 1, p > 0.0), abs(p - t) >= 0.5);
}

fn output(idx: u32) -> i32 {
  let r = idx / u.depth;
  let mx = bitcast<i32>(stats[2u * r]);
  let inv = bitcast<f32>(stats[2u * r + 1u]);
  let p = table[u32(255 - mx + byte_x(idx))] * inv;
  return clamp(round_away(p) + u.zp, -128, 127);
}

@compute @workgroup_size(64, 1, 1)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let wi = gid.x + gid.y * nwg.x * 64u;
  let first = wi * 4u;
  if (first >= u.total) { return; }
  var word = 0u;
  for (var k = 0u; k < 4u; k++) {
    let idx = first + k;
    if (idx < u.total) { word = word | ((bitcast<u32>(output(idx)) & 0xffu) << (k * 8u)); }
  }
  y[wi] = word;
}
