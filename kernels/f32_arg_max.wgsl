// f32_arg_max — ARG_MAX / ARG_MIN along one axis, one invocation per output: the index of the first extreme value
// (strictly greater / less replaces, as the CPU reference src/runtime/cpu/kernels/float/reduce.ts), as int32 (an int64
// output is widened on the host when read). x holds float32 (isInt 0) or int32 (isInt 1) bits.
//
// Bindings (group 0), outputs, inputs, uniforms:
//   0 y: array<i32>, read_write — [outer, inner]
//   1 x: array<u32>, read       — [outer, n, inner]
//   2 u: Uniforms, uniform
// Uniforms: count, n, inner, isMin, isInt: u32, 3 pads.
// Dispatch: grid1d(count, 64).

struct Uniforms { count: u32, n: u32, inner: u32, isMin: u32, isInt: u32, p0: u32, p1: u32, p2: u32 }

@group(0) @binding(0) var<storage, read_write> y: array<i32>;
@group(0) @binding(1) var<storage, read> x: array<u32>;
@group(0) @binding(2) var<uniform> u: Uniforms;

fn better(v: u32, best: u32) -> bool {
  if (u.isInt == 1u) {
    let p = bitcast<i32>(v);
    let q = bitcast<i32>(best);
    return select(p > q, p < q, u.isMin == 1u);
  }
  let p = bitcast<f32>(v);
  let q = bitcast<f32>(best);
  return select(p > q, p < q, u.isMin == 1u);
}

@compute @workgroup_size(64, 1, 1)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * 64u;
  if (i >= u.count) { return; }
  let c = i % u.inner;
  let base = (i / u.inner) * u.n * u.inner + c;
  var best = 0u;
  var bv = x[base];
  for (var j = 1u; j < u.n; j++) {
    let v = x[base + j * u.inner];
    if (better(v, bv)) { bv = v; best = j; }
  }
  y[i] = i32(best);
}
