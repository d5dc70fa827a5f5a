// f32_resize_bilinear — RESIZE_BILINEAR, NHWC float32, one invocation per output element. The source rows / columns
// and fractions come from a host-computed table (the CPU reference's f32 formulas, src/runtime/cpu/kernels/float/
// resize.ts): for each output row oy: t[3·oy] = y0, t[3·oy + 1] = y1, t[3·oy + 2] = dy; then for each output column
// ox at 3·oh: x0, x1, dx. y = x[y0,x0]·(1−dy)(1−dx) + x[y1,x0]·dy(1−dx) + x[y0,x1]·(1−dy)dx + x[y1,x1]·dy·dx.
//
// Bindings (group 0), outputs, inputs, uniforms:
//   0 y: array<f32>, read_write — [n, oh, ow, c]
//   1 x: array<f32>, read       — [n, h, w, c]
//   2 t: array<f32>, read       — [3·oh + 3·ow]
//   3 u: Uniforms, uniform
// Uniforms: count, h, w, c, oh, ow: u32, 2 pads.
// Dispatch: grid1d(count, 256).

struct Uniforms { count: u32, h: u32, w: u32, c: u32, oh: u32, ow: u32, p0: u32, p1: u32 }

@group(0) @binding(0) var<storage, read_write> y: array<f32>;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> t: array<f32>;
@group(0) @binding(3) var<uniform> u: Uniforms;

@compute @workgroup_size(256, 1, 1)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * 256u;
  if (i >= u.count) { return; }
  let k = i % u.c;
  let ox = (i / u.c) % u.ow;
  let oy = (i / (u.c * u.ow)) % u.oh;
  let b = i / (u.c * u.ow * u.oh);
  let y0 = u32(t[3u * oy]);
  let y1 = u32(t[3u * oy + 1u]);
  let dy = t[3u * oy + 2u];
  let cx = 3u * u.oh + 3u * ox;
  let x0 = u32(t[cx]);
  let x1 = u32(t[cx + 1u]);
  let dx = t[cx + 2u];
  let w00 = (1.0 - dy) * (1.0 - dx);
  let w10 = dy * (1.0 - dx);
  let w01 = (1.0 - dy) * dx;
  let w11 = dy * dx;
  let r0 = b * u.h;
  y[i] = x[((r0 + y0) * u.w + x0) * u.c + k] * w00 + x[((r0 + y1) * u.w + x0) * u.c + k] * w10 +
    x[((r0 + y0) * u.w + x1) * u.c + k] * w01 + x[((r0 + y1) * u.w + x1) * u.c + k] * w11;
}
