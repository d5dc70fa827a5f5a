// move_copy — dtype-generic strided copy of 32-bit elements (float32, int32, uint32): for each index of `shape`
// (8 dims, leading 1s), y[dstOff + Σ idx·dstStride] = x[srcOff + Σ idx·srcStride], strides signed. TRANSPOSE, SLICE,
// STRIDED_SLICE, CONCATENATION (one dispatch per part), PAD (into a filled output) and plain copies use it.
//
// Bindings (group 0), outputs, inputs, uniforms:
//   0 y: array<u32>, read_write
//   1 x: array<u32>, read
//   2 u: Uniforms, uniform
// Uniforms: count: u32, srcOff: i32, dstOff: i32; shape: 8 × u32; srcStride, dstStride: 8 × i32.
// Dispatch: grid1d(count, 256).

struct Uniforms {
  count: u32, srcOff: i32, dstOff: i32, pad0: u32,
  shape: array<vec4<u32>, 2>, srcStride: array<vec4<i32>, 2>, dstStride: array<vec4<i32>, 2>,
}

@group(0) @binding(0) var<storage, read_write> y: array<u32>;
@group(0) @binding(1) var<storage, read> x: array<u32>;
@group(0) @binding(2) var<uniform> u: Uniforms;

@compute @workgroup_size(256, 1, 1)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * 256u;
  if (i >= u.count) { return; }
  var rem = i;
  var s = u.srcOff;
  var o = u.dstOff;
  for (var d = 7; d >= 0; d--) {
    let dim = u.shape[d / 4][d % 4];
    let k = i32(rem % dim);
    rem = rem / dim;
    s += k * u.srcStride[d / 4][d % 4];
    o += k * u.dstStride[d / 4][d % 4];
  }
  y[u32(o)] = x[u32(s)];
}
