// i8_dequantize — int8 DEQUANTIZE (src/runtime/webgpu/ops/quant/lut.ts), per tensor or per channel:
//   y_i = table[c · 256 + q_i + 128],  c = ⌊i / inner⌋ mod dim,
// with table[c · 256 + q + 128] = fp32(double(s_c) · (q − zp_c)) built on the host exactly as the CPU kernel
// (src/runtime/cpu/kernels/float/quantize.ts) computes it; values are moved as bits (no float canonicalization).
//
// Bindings (group 0), outputs, inputs, uniforms:
//   0 y:     array<u32>, read_write — float32 output [total] (as bits)
//   1 x:     array<u32>, read — int8 input [total], 4 per word
//   2 table: array<u32>, read — [dim, 256] float32 bits
//   3 u:     Uniforms, uniform
// Uniforms: total, inner, dim (u32), pad.
// Dispatch: grid1d(total, 64).

struct Uniforms { total: u32, inner: u32, dim: u32, pad: u32 }

@group(0) @binding(0) var<storage, read_write> y: array<u32>;
@group(0) @binding(1) var<storage, read> x: array<u32>;
@group(0) @binding(2) var<storage, read> table: array<u32>;
@group(0) @binding(3) var<uniform> u: Uniforms;

@compute @workgroup_size(64, 1, 1)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * 64u;
  if (i >= u.total) { return; }
  let q = extractBits(bitcast<i32>(x[i >> 2u]), (i & 3u) * 8u, 8u);
  let c = (i / u.inner) % u.dim;
  y[i] = table[c * 256u + u32(q + 128)];
}
