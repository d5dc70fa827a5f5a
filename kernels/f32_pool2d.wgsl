// f32_pool2d — AVERAGE_POOL_2D / MAX_POOL_2D / L2_POOL_2D on float32, NHWC: one invocation per output (n, oy, ox, c)
// over the window taps inside the input (padding excluded from the count); a window with no tap gives 0.
// mode: 0 average Σx/count, 1 max, 2 L2 √(Σx²/count); then clamp(·, lo, hi).
//
// Bindings (group 0), outputs, inputs, uniforms:
//   0 y: array<f32>, read_write — [N, OH, OW, C]
//   1 x: array<f32>, read       — [N, H, W, C]
//   2 u: Uniforms, uniform
// Uniforms: count, h, w, c, oh, ow, fh, fw, sh, sw, ph, pw, mode: u32; lo, hi: f32.
// Dispatch: grid1d(count, 256).

struct Uniforms {
  count: u32, h: u32, w: u32, c: u32, oh: u32, ow: u32, fh: u32, fw: u32,
  sh: u32, sw: u32, ph: u32, pw: u32, mode: u32, lo: f32, hi: f32, pad0: u32,
}

@group(0) @binding(0) var<storage, read_write> y: array<f32>;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<uniform> u: Uniforms;

@compute @workgroup_size(256, 1, 1)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * 256u;
  if (i >= u.count) { return; }
  let c = i % u.c;
  let ox = (i / u.c) % u.ow;
  let oy = (i / (u.c * u.ow)) % u.oh;
  let n = i / (u.c * u.ow * u.oh);
  let y0 = i32(oy * u.sh) - i32(u.ph);
  let x0 = i32(ox * u.sw) - i32(u.pw);
  var acc = 0.0;
  if (u.mode == 1u) { acc = -3.4028234663852886e38; }
  var count = 0u;
  for (var fy = 0u; fy < u.fh; fy++) {
    let iy = y0 + i32(fy);
    if (iy < 0 || iy >= i32(u.h)) { continue; }
    for (var fx = 0u; fx < u.fw; fx++) {
      let ix = x0 + i32(fx);
      if (ix < 0 || ix >= i32(u.w)) { continue; }
      let v = x[((n * u.h + u32(iy)) * u.w + u32(ix)) * u.c + c];
      count++;
      if (u.mode == 1u) { if (acc < v) { acc = v; } }
      else if (u.mode == 0u) { acc += v; }
      else { acc += v * v; }
    }
  }
  var r = 0.0;
  if (count > 0u) {
    if (u.mode == 1u) { r = acc; }
    else if (u.mode == 0u) { r = acc / f32(count); }
    else { r = sqrt(acc / f32(count)); }
  }
  y[i] = min(max(r, u.lo), u.hi);
}
