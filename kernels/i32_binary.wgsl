// i32_binary — elementwise y = clamp(a ⊙ b, lo, hi) on int32 with NumPy broadcasting (rank ≤ 8): the unquantized
// integer arithmetic of shape computations, as the CPU reference (src/runtime/cpu/kernels/float/binary.ts) does it:
// op: 0 ADD, 1 SUB, 2 MUL (wrapping), 3 DIV (truncating), 4 SQUARED_DIFFERENCE (wrapping), 5 MAXIMUM, 6 MINIMUM,
// 8 POW (repeated product, b ≥ 0), 9 FLOOR_DIV, 10 FLOOR_MOD. Division by 0 (an error on the CPU, which the op kernel
// checks for constant divisors) gives WGSL's result here. Same index scheme and uniform layout as f32_binary, with
// lo / hi as i32.
//
// Bindings (group 0), outputs, inputs, uniforms:
//   0 y: array<i32>, read_write — [count]
//   1 a: array<i32>, read
//   2 b: array<i32>, read
//   3 u: Uniforms, uniform
// Uniforms: count: u32, op: u32, lo: i32, hi: i32, shape: 8 × u32, sa: 8 × u32, sb: 8 × u32.
// Dispatch: grid1d(count, 256).

struct Uniforms { count: u32, op: u32, lo: i32, hi: i32, shape: array<vec4<u32>, 2>, sa: array<vec4<u32>, 2>, sb: array<vec4<u32>, 2> }

@group(0) @binding(0) var<storage, read_write> y: array<i32>;
@group(0) @binding(1) var<storage, read> a: array<i32>;
@group(0) @binding(2) var<storage, read> b: array<i32>;
@group(0) @binding(3) var<uniform> u: Uniforms;

fn floorDiv(p: i32, q: i32) -> i32 {
  let t = p / q;
  return select(t, t - 1, (p % q != 0) && ((p < 0) != (q < 0)));
}

fn apply(p: i32, q: i32) -> i32 {
  switch (u.op) {
    case 0u: { return p + q; }
    case 1u: { return p - q; }
    case 2u: { return p * q; }
    case 3u: { return p / q; }
    case 4u: { let d = p - q; return d * d; }
    case 5u: { return select(q, p, p > q); }
    case 6u: { return select(q, p, p < q); }
    case 8u: { var r = 1; for (var k = 0; k < q; k++) { r = r * p; } return r; }
    case 9u: { return floorDiv(p, q); }
    case 10u: { let m = p % q; return select(m, m + q, m != 0 && ((q < 0) != (m < 0))); }
    default: { return p; }
  }
}

@compute @workgroup_size(256, 1, 1)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * 256u;
  if (i >= u.count) { return; }
  var rem = i;
  var oa = 0u;
  var ob = 0u;
  for (var d = 7; d >= 0; d--) {
    let dim = u.shape[d / 4][d % 4];
    let k = rem % dim;
    rem = rem / dim;
    oa += k * u.sa[d / 4][d % 4];
    ob += k * u.sb[d / 4][d % 4];
  }
  y[i] = min(max(apply(a[oa], b[ob]), u.lo), u.hi);
}
