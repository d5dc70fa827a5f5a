// f32_depthwise_conv2d — DEPTHWISE_CONV_2D on float32, NHWC: one invocation per output (n, oy, ox, oc), oc = ic·M + m,
// y = clamp(bias[oc] + Σ_{ky,kx} x[n, oy·sh − ph + ky·dh, ox·sw − pw + kx·dw, oc / M] · f[0, ky, kx, oc], lo, hi).
//
// Bindings (group 0), outputs, inputs, uniforms:
//   0 y: array<f32>, read_write — [N, OH, OW, OC]
//   1 x: array<f32>, read       — [N, H, W, C]
//   2 f: array<f32>, read       — [1, KH, KW, OC]
//   3 bias: array<f32>, read    — [OC] (any buffer when hasBias = 0)
//   4 u: Uniforms, uniform
// Uniforms: count, h, w, c, oh, ow, oc, kh, kw, mult, sh, sw, dh, dw, ph, pw, hasBias: u32; lo, hi: f32.
// Dispatch: grid1d(count, 256).

struct Uniforms {
  count: u32, h: u32, w: u32, c: u32, oh: u32, ow: u32, oc: u32, kh: u32,
  kw: u32, mult: u32, sh: u32, sw: u32, dh: u32, dw: u32, ph: u32, pw: u32,
  hasBias: u32, lo: f32, hi: f32, pad0: u32,
}

@group(0) @binding(0) var<storage, read_write> y: array<f32>;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> f: array<f32>;
@group(0) @binding(3) var<storage, read> bias: array<f32>;
@group(0) @binding(4) var<uniform> u: Uniforms;

@compute @workgroup_size(256, 1, 1)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * 256u;
  if (i >= u.count) { return; }
  let oc = i % u.oc;
  let ox = (i / u.oc) % u.ow;
  let oy = (i / (u.oc * u.ow)) % u.oh;
  let n = i / (u.oc * u.ow * u.oh);
  let ic = oc / u.mult;
  let y0 = i32(oy * u.sh) - i32(u.ph);
  let x0 = i32(ox * u.sw) - i32(u.pw);
  var acc = 0.0;
  for (var ky = 0u; ky < u.kh; ky++) {
    let iy = y0 + i32(ky * u.dh);
    if (iy < 0 || iy >= i32(u.h)) { continue; }
    for (var kx = 0u; kx < u.kw; kx++) {
      let ix = x0 + i32(kx * u.dw);
      if (ix < 0 || ix >= i32(u.w)) { continue; }
      acc += x[((n * u.h + u32(iy)) * u.w + u32(ix)) * u.c + ic] * f[(ky * u.kw + kx) * u.oc + oc];
    }
  }
  if (u.hasBias != 0u) { acc += bias[oc]; }
  y[i] = min(max(acc, u.lo), u.hi);
}
