// Shared by the integer kernels (included with `// #include "fixed_point"`, expanded by scripts/bundle-kernels.mjs):
// gemmlowp's fixed-point helpers, bit-exact with TFLite's reference integer arithmetic in i32/u32 maths only
// (WGSL has no 64-bit integers, so the 64-bit product is built from 16-bit halves).

// gemmlowp SaturatingRoundingDoublingHighMul, exact.
fn srdhm(p: i32, q: i32) -> i32 {
  if (p == -2147483647 - 1 && q == -2147483647 - 1) { return 2147483647; }
  let neg = (p < 0) != (q < 0);
  let ua = select(u32(p), 0u - bitcast<u32>(p), p < 0);
  let ub = select(u32(q), 0u - bitcast<u32>(q), q < 0);
  let al = ua & 0xffffu; let ah = ua >> 16u; let bl = ub & 0xffffu; let bh = ub >> 16u;
  let ll = al * bl; let lh = al * bh; let hl = ah * bl; let hh = ah * bh;
  let mid = (ll >> 16u) + (lh & 0xffffu) + (hl & 0xffffu);
  let lo = (ll & 0xffffu) | (mid << 16u);
  var hi = hh + (lh >> 16u) + (hl >> 16u) + (mid >> 16u);
  let nudge = select(0x40000000u, 0x3fffffffu, neg && (ua != 0u) && (ub != 0u));
  let lo2 = lo + nudge;
  if (lo2 < lo) { hi = hi + 1u; }
  let r = bitcast<i32>((hi << 1u) | (lo2 >> 31u));
  return select(r, -r, neg);
}

// gemmlowp RoundingDivideByPOT, exponent in [0, 31].
fn rdbpot(v: i32, e: i32) -> i32 {
  if (e <= 0) { return v; }
  let mask = bitcast<i32>((1u << u32(e)) - 1u);
  let rem = v & mask;
  let threshold = (mask >> 1u) + select(0, 1, v < 0);
  return (v >> u32(e)) + select(0, 1, rem > threshold);
}
