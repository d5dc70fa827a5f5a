// i8_conv2d — int8 CONV_2D (grouped), DEPTHWISE_CONV_2D and FULLY_CONNECTED (as a 1×1 conv on [B, 1, 1, D]) with
// exact i32 accumulation and TFLite's per-channel requantization, bit-identical to the CPU integer kernels
// (src/runtime/cpu/kernels/quant/conv.ts, fully-connected.ts) in both integer arithmetic modes.
//
// One invocation per output element (b, oy, ox, oc), NHWC. Regular conv: for each valid tap (padding taps are
// skipped, as TFLite's reference does), the input channels of the group are read 4 at a time as packed words (any
// byte alignment) and acc += dot4I8Packed(x4, w4) − x_zp · dot4I8Packed(w4, 0x01010101), i.e. Σ w·(x − x_zp) with
// symmetric int8 weights. Depthwise: one byte per tap, input channel oc / depth_multiplier.
// Requantization, per output channel c (params [bias, multiplier, shift, bits of f32 scale]):
//   mode 0 'reference': MultiplyByQuantizedMultiplier(acc + bias, m, s) — gemmlowp SaturatingRoundingDoublingHighMul
//     (64-bit product from 16-bit halves in u32) then RoundingDivideByPOT, double rounding;
//   mode 1 'litert' (XNNPACK fp32 requantization): round_half_even(f32(f32(acc + bias) · scale_c)).
// then + y_zp, clamped to [lo, hi].
//
// Bindings (group 0), outputs, inputs, uniforms:
//   0 y:      array<u32>, read_write — int8 output [B, OH, OW, OC], 4 per word; one invocation computes the 4
//             outputs of one word and stores the whole word (no byte races)
//   1 x:      array<u32>, read — int8 input [B, H, W, C], 4 per word
//   2 w:      array<u32>, read — int8 filter: conv [OC, KH, KW, C/groups], depthwise [1, KH, KW, OC]
//   3 params: array<i32>, read — [OC, 4]: bias, multiplier, shift, bitcast<i32>(f32 scale)
//   4 u:      Uniforms, uniform
// Uniforms: shapes (batches, in_h, in_w, in_c, out_h, out_w, out_c, k_h, k_w), strides, dilations, paddings,
//   filter_depth (input channels per group), group_out (output channels per group), depth_mult, depthwise (0/1),
//   mode (0 reference, 1 litert), x_zp, y_zp, lo, hi (i32), total (output elements).
// Dispatch: ceil(ceil(B·OH·OW·OC / 4) / 64) workgroups (folded into x, y by grid1d).

struct Uniforms {
  batches: u32, in_h: u32, in_w: u32, in_c: u32,
  out_h: u32, out_w: u32, out_c: u32, k_h: u32,
  k_w: u32, stride_h: u32, stride_w: u32, dil_h: u32,
  dil_w: u32, pad_h: u32, pad_w: u32, filter_depth: u32,
  group_out: u32, depth_mult: u32, depthwise: u32, mode: u32,
  x_zp: i32, y_zp: i32, lo: i32, hi: i32,
  total: u32, row_words: u32, pad1: u32, pad2: u32,
}

@group(0) @binding(0) var<storage, read_write> y: array<u32>;
@group(0) @binding(1) var<storage, read> x: array<u32>;
@group(0) @binding(2) var<storage, read> w: array<u32>;
@group(0) @binding(3) var<storage, read> params: array<i32>;
@group(0) @binding(4) var<uniform> u: Uniforms;

fn byte_x(i: u32) -> i32 { return extractBits(bitcast<i32>(x[i >> 2u]), (i & 3u) * 8u, 8u); }
fn byte_w(i: u32) -> i32 { return extractBits(bitcast<i32>(w[i >> 2u]), (i & 3u) * 8u, 8u); }

// n (1..4) bytes from byte offset o, packed little-endian, the missing high bytes zero.
fn keep(v: u32, n: u32) -> u32 { return select(v & ((1u << (n * 8u)) - 1u), v, n >= 4u); }
fn load_x4(o: u32, n: u32) -> u32 {
  let s = (o & 3u) * 8u;
  let i = o >> 2u;
  var v = x[i] >> s;
  if (s != 0u && (s >> 3u) + n > 4u) { v = v | (x[i + 1u] << (32u - s)); }
  return keep(v, n);
}
fn load_w4(o: u32, n: u32) -> u32 {
  let s = (o & 3u) * 8u;
  let i = o >> 2u;
  var v = w[i] >> s;
  if (s != 0u && (s >> 3u) + n > 4u) { v = v | (w[i + 1u] << (32u - s)); }
  return keep(v, n);
}

// #include "fixed_point"

fn requantize(acc: i32, c: u32) -> i32 {
  let p = c * 4u;
  let a = acc + params[p];
  if (u.mode == 1u) {
    return i32(round(f32(a) * bitcast<f32>(params[p + 3u])));
  }
  let shift = params[p + 2u];
  let left = max(shift, 0);
  let xs = bitcast<i32>(bitcast<u32>(a) << u32(left));
  return rdbpot(srdhm(xs, params[p + 1u]), max(-shift, 0));
}

fn output(idx: u32) -> i32 {
  let oc = idx % u.out_c;
  var t = idx / u.out_c;
  let ox = t % u.out_w; t = t / u.out_w;
  let oy = t % u.out_h;
  let b = t / u.out_h;
  let y0 = i32(oy * u.stride_h) - i32(u.pad_h);
  let x0 = i32(ox * u.stride_w) - i32(u.pad_w);
  var acc = 0;
  for (var ky = 0u; ky < u.k_h; ky++) {
    let iy = y0 + i32(ky * u.dil_h);
    if (iy < 0 || iy >= i32(u.in_h)) { continue; }
    for (var kx = 0u; kx < u.k_w; kx++) {
      let ix = x0 + i32(kx * u.dil_w);
      if (ix < 0 || ix >= i32(u.in_w)) { continue; }
      let xo = ((b * u.in_h + u32(iy)) * u.in_w + u32(ix)) * u.in_c;
      if (u.depthwise == 1u) {
        let xv = byte_x(xo + oc / u.depth_mult) - u.x_zp;
        acc += xv * byte_w((ky * u.k_w + kx) * u.out_c + oc);
        continue;
      }
      let g = oc / u.group_out;
      let xg = xo + g * u.filter_depth;
      let wo = ((oc * u.k_h + ky) * u.k_w + kx) * u.filter_depth;
      for (var d = 0u; d < u.filter_depth; d += 4u) {
        let n = min(4u, u.filter_depth - d);
        let w4 = load_w4(wo + d, n);
        acc += dot4I8Packed(load_x4(xg + d, n), w4) - u.x_zp * dot4I8Packed(w4, 0x01010101u);
      }
    }
  }
  return clamp(requantize(acc, oc) + u.y_zp, u.lo, u.hi);
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
