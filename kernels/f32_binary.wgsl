// f32_binary — elementwise y = clamp(a ⊙ b, lo, hi) on float32 with NumPy broadcasting (rank ≤ 8).
// op: 0 ADD, 1 SUB, 2 MUL, 3 DIV, 4 SQUARED_DIFFERENCE, 5 MAXIMUM, 6 MINIMUM, 7 PRELU (a ≥ 0 ? a : a·b), 8 POW,
// 9 FLOOR_DIV, 10 FLOOR_MOD. The output index is split over `shape` (leading dims 1); a and b are read at
// Σ idx·sa and Σ idx·sb (stride 0 on broadcast dims).
//
// Bindings (group 0), outputs, inputs, uniforms:
//   0 y: array<f32>, read_write — [count]
//   1 a: array<f32>, read
//   2 b: array<f32>, read
//   3 u: Uniforms, uniform
// Uniforms: count: u32, op: u32, lo: f32, hi: f32, shape: 8 × u32, sa: 8 × u32, sb: 8 × u32.
// Dispatch: grid1d(count, 256).

struct Uniforms { count: u32, op: u32, lo: f32, hi: f32, shape: array<vec4<u32>, 2>, sa: array<vec4<u32>, 2>, sb: array<vec4<u32>, 2> }

@group(0) @binding(0) var<storage, read_write> y: array<f32>;
@group(0) @binding(1) var<storage, read> a: array<f32>;
@group(0) @binding(2) var<storage, read> b: array<f32>;
@group(0) @binding(3) var<uniform> u: Uniforms;

fn apply(p: f32, q: f32) -> f32 {
  switch (u.op) {
    case 0u: { return p + q; }
    case 1u: { return p - q; }
    case 2u: { return p * q; }
    case 3u: { return p / q; }
    case 4u: { let d = p - q; return d * d; }
    case 5u: { return select(q, p, p > q); }
    case 6u: { return select(q, p, p < q); }
    case 7u: { return select(p * q, p, p >= 0.0); }
    case 8u: { return pow(p, q); }
    case 9u: { return floor(p / q); }
    case 10u: { let m = p - q * trunc(p / q); return select(m, m + q, m != 0.0 && ((q < 0.0) != (m < 0.0))); }
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
