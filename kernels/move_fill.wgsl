// move_fill — dtype-generic fill of 32-bit elements: y[i] = value (the element's bits) for i < count.
//
// Bindings (group 0), outputs, inputs, uniforms:
//   0 y: array<u32>, read_write
//   1 u: Uniforms, uniform
// Uniforms: count: u32, value: u32.
// Dispatch: grid1d(count, 256).

struct Uniforms { count: u32, value: u32, pad0: u32, pad1: u32 }

@group(0) @binding(0) var<storage, read_write> y: array<u32>;
@group(0) @binding(1) var<uniform> u: Uniforms;

@compute @workgroup_size(256, 1, 1)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * 256u;
  if (i >= u.count) { return; }
  y[i] = u.value;
}
