// move_gather — dtype-generic GATHER of 32-bit elements along one axis (batch_dims 0):
// y[o, j, r] = x[o, idx[j], r] for o < outer, j < nIdx, r < inner; an index outside [0, axisLen) gives 0
// (the op kernel checks constant indices on the host).
//
// Bindings (group 0), outputs, inputs, uniforms:
//   0 y: array<u32>, read_write — [outer, nIdx, inner]
//   1 x: array<u32>, read       — [outer, axisLen, inner]
//   2 idx: array<i32>, read     — [nIdx]
//   3 u: Uniforms, uniform
// Uniforms: count, axisLen, nIdx, inner: u32.
// Dispatch: grid1d(count, 256).

struct Uniforms { count: u32, axisLen: u32, nIdx: u32, inner: u32 }

@group(0) @binding(0) var<storage, read_write> y: array<u32>;
@group(0) @binding(1) var<storage, read> x: array<u32>;
@group(0) @binding(2) var<storage, read> idx: array<i32>;
@group(0) @binding(3) var<uniform> u: Uniforms;

@compute @workgroup_size(256, 1, 1)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * 256u;
  if (i >= u.count) { return; }
  let r = i % u.inner;
  let j = (i / u.inner) % u.nIdx;
  let o = i / (u.inner * u.nIdx);
  let k = idx[j];
  if (k < 0 || u32(k) >= u.axisLen) { y[i] = 0u; return; }
  y[i] = x[(o * u.axisLen + u32(k)) * u.inner + r];
}
