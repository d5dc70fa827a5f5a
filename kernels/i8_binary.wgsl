// i8_binary — int8 ADD / SUB / MUL with NumPy broadcasting (rank ≤ 8) (src/runtime/webgpu/ops/quant/binary.ts),
// bit-identical to the CPU kernels (src/runtime/cpu/kernels/quant/elementwise.ts). With d_i = q_i − zp_i:
//   op 0, ADD/SUB reference (reference_integer_ops::AddElementwise, left_shift 20):
//     s_i = MBQM(d_i · 2^20, m_i, e_i);  out = MBQM(s_1 + sign · s_2, m_o, e_o) + zp_out
//   op 1, ADD/SUB litert (XNNPACK qs8 add): out = ((bias + m_1 · q_1 + m_2 · q_2) >> shift) + zp_out, m_2 signed
//   op 2, MUL reference: out = MBQM(d_1 · d_2, m_o, e_o) + zp_out
//   op 3, MUL litert (XNNPACK qs8 mul): out = round_half_even(fp32(d_1 · d_2) · scale) + zp_out
// then clamped to [lo, hi]. MBQM(x, m, e) = RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(x · 2^max(e, 0),
// m), max(−e, 0)) (gemmlowp, double rounding, exact in 32-bit integers). i32 arithmetic wraps as the C++ int32 does.
//
// Bindings (group 0), outputs, inputs, uniforms:
//   0 y: array<u32>, read_write — int8 output [count], 4 per word; one invocation writes one whole word
//   1 a: array<u32>, read — int8, 4 per word
//   2 b: array<u32>, read — int8, 4 per word
//   3 u: Uniforms, uniform
// Uniforms: total, op (u32), sign, lo, hi, za, zb, zo, m1, e1, m2, e2, mo, eo (i32), scale (f32), pad;
//   shape, sa, sb: 8 × u32 each (output shape, leading dims 1; element strides of a and b, 0 on broadcast dims).
// Dispatch: grid1d(ceil(total / 4), 64).

struct Uniforms {
  total: u32, op: u32, sign: i32, lo: i32,
  hi: i32, za: i32, zb: i32, zo: i32,
  m1: i32, e1: i32, m2: i32, e2: i32,
  mo: i32, eo: i32, scale: f32, pad: u32,
  shape: array<vec4<u32>, 2>, sa: array<vec4<u32>, 2>, sb: array<vec4<u32>, 2>,
}

@group(0) @binding(0) var<storage, read_write> y: array<u32>;
@group(0) @binding(1) var<storage, read> a: array<u32>;
@group(0) @binding(2) var<storage, read> b: array<u32>;
@group(0) @binding(3) var<uniform> u: Uniforms;

fn byte_a(i: u32) -> i32 { return extractBits(bitcast<i32>(a[i >> 2u]), (i & 3u) * 8u, 8u); }
fn byte_b(i: u32) -> i32 { return extractBits(bitcast<i32>(b[i >> 2u]), (i & 3u) * 8u, 8u); }

// #include "fixed_point"

fn mbqm(v: i32, m: i32, e: i32) -> i32 {
  let xs = bitcast<i32>(bitcast<u32>(v) << u32(max(e, 0)));
  return rdbpot(srdhm(xs, m), max(-e, 0));
}

fn apply(qa: i32, qb: i32) -> i32 {
  let da = qa - u.za;
  let db = qb - u.zb;
  switch (u.op) {
    case 0u: {
      let s1 = mbqm(da * 1048576, u.m1, u.e1);
      let s2 = mbqm(db * 1048576, u.m2, u.e2);
      return mbqm(s1 + u.sign * s2, u.mo, u.eo) + u.zo;
    }
    case 1u: { return ((u.mo + u.m1 * qa + u.m2 * qb) >> u32(u.eo)) + u.zo; }
    case 2u: { return mbqm(da * db, u.mo, u.eo) + u.zo; }
    default: { return i32(round(f32(da * db) * u.scale)) + u.zo; }
  }
}

fn output(i: u32) -> i32 {
  var rem = i;
  var oa = 0u;
  var ob = 0u;
  for (var d = 7; d >= 0; d--) {
    let dim = u.shape[d / 4][d % 4];
    let k = rem % dim;
    rem = rem / dim;
    oa += k * u.sa[d / 4][d % 4];
    ob += k * u.sb[d / 4][d % 4];
  }
  return clamp(apply(byte_a(oa), byte_b(ob)), u.lo, u.hi);
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
