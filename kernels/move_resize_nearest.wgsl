// move_resize_nearest — RESIZE_NEAREST_NEIGHBOR on 32-bit elements (float32 / int32), NHWC, one invocation per
// output element: y[b, oy, ox, k] = x[b, t[oy], t[oh + ox], k], the source row / column table computed on the host
// with the CPU reference's formula (align_corners / half_pixel_centers, src/runtime/cpu/kernels/float/resize.ts).
//
// Bindings (group 0), outputs, inputs, uniforms:
//   0 y: array<u32>, read_write — [n, oh, ow, c]
//   1 x: array<u32>, read       — [n, h, w, c]
//   2 t: array<u32>, read       — [oh + ow]
//   3 u: Uniforms, uniform
// Uniforms: count, h, w, c, oh, ow: u32, 2 pads.
// Dispatch: grid1d(count, 256).

struct Uniforms { count: u32, h: u32, w: u32, c: u32, oh: u32, ow: u32, p0: u32, p1: u32 }

@group(0) @binding(0) var<storage, read_write> y: array<u32>;
@group(0) @binding(1) var<storage, read> x: array<u32>;
@group(0) @binding(2) var<storage, read> t: array<u32>;
@group(0) @binding(3) var<uniform> u: Uniforms;

@compute @workgroup_size(256, 1, 1)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * 256u;
  if (i >= u.count) { return; }
  let k = i % u.c;
  let ox = (i / u.c) % u.ow;
  let oy = (i / (u.c * u.ow)) % u.oh;
  let b = i / (u.c * u.ow * u.oh);
  y[i] = x[((b * u.h + t[oy]) * u.w + t[u.oh + ox]) * u.c + k];
}
