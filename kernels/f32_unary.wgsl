// f32_unary — elementwise y = clamp(f(x), lo, hi) on float32, for the activation ops and simple math.
// op: 0 identity (RELU*, as a clamp), 1 LOGISTIC, 2 TANH, 3 ELU, 4 LEAKY_RELU (alpha), 5 HARD_SWISH, 6 GELU exact,
// 7 GELU tanh-approximate, 8 EXP, 9 ABS, 10 NEG, 11 SQUARE, 12 SQRT, 13 RSQRT, 14 LOG, 15 SIN, 16 COS, 17 FLOOR,
// 18 CEIL, 19 SIGN. Formulas as the CPU reference (src/runtime/cpu/kernels/float/unary.ts), in f32.
//
// Bindings (group 0), outputs, inputs, uniforms:
//   0 y: array<f32>, read_write — [count]
//   1 x: array<f32>, read       — [count]
//   2 u: Uniforms, uniform
// Uniforms: count: u32, op: u32, alpha: f32, lo: f32, hi: f32.
// Dispatch: grid1d(count, 256) (x, y folded; index = gid.x + gid.y · nwg.x · 256).

struct Uniforms { count: u32, op: u32, alpha: f32, lo: f32, hi: f32, pad0: u32, pad1: u32, pad2: u32 }

@group(0) @binding(0) var<storage, read_write> y: array<f32>;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<uniform> u: Uniforms;

// erfc via erf (Abramowitz & Stegun 7.1.26 refined: |error| < 1.5e-7)
fn erf_(v: f32) -> f32 {
  let s = sign(v);
  let a = abs(v);
  let t = 1.0 / (1.0 + 0.3275911 * a);
  let p = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return s * (1.0 - p * exp(-a * a));
}

fn f(v: f32) -> f32 {
  switch (u.op) {
    case 1u: {
      if (v > 16.619047164916992) { return 1.0; }
      if (v < -9.0) { return exp(v); }
      return 1.0 / (1.0 + exp(-v));
    }
    case 2u: {
      if (abs(v) > 10.0) { return sign(v); }
      let e = exp(-2.0 * abs(v));
      return sign(v) * (1.0 - e) / (1.0 + e);
    }
    case 3u: { if (v < 0.0) { return exp(v) - 1.0; } return v; }
    case 4u: { if (v > 0.0) { return v; } return v * u.alpha; }
    case 5u: { return v * min(max(v + 3.0, 0.0), 6.0) / 6.0; }
    case 6u: { return 0.5 * v * (1.0 + erf_(v * 0.70710678118654752)); }
    case 7u: {
      let z = 0.7978845608028654 * (v + 0.044715 * v * v * v);
      let e = exp(-2.0 * abs(z));
      var th = sign(z) * (1.0 - e) / (1.0 + e);
      if (abs(z) > 10.0) { th = sign(z); }
      return 0.5 * v * (1.0 + th);
    }
    case 8u: { return exp(v); }
    case 9u: { return abs(v); }
    case 10u: { return -v; }
    case 11u: { return v * v; }
    case 12u: { return sqrt(v); }
    case 13u: { return inverseSqrt(v); }
    case 14u: { return log(v); }
    case 15u: { return sin(v); }
    case 16u: { return cos(v); }
    case 17u: { return floor(v); }
    case 18u: { return ceil(v); }
    case 19u: { return sign(v); }
    default: { return v; }
  }
}

@compute @workgroup_size(256, 1, 1)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = gid.x + gid.y * nwg.x * 256u;
  if (i >= u.count) { return; }
  y[i] = min(max(f(x[i]), u.lo), u.hi);
}
