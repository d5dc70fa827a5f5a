// i8_pool2d — int8 AVERAGE_POOL_2D / MAX_POOL_2D on NHWC (src/runtime/webgpu/ops/quant/pooling.ts), bit-identical to
// the CPU kernel (src/runtime/cpu/kernels/quant/pooling.ts, reference_integer_ops): over the window clamped to the
// input (padding cells not counted, n cells ≥ 1),
//   average: acc = Σ q; out = clamp(acc > 0 ? (acc + n/2) / n : (acc − n/2) / n)  (integer division, truncating);
//   max:     out = clamp(max q).
// The clamp [lo, hi] is the fused activation's quantized range. Same in both integer arithmetic modes.
//
// Bindings (group 0), outputs, inputs, uniforms:
//   0 y: array<u32>, read_write — int8 output [B, OH, OW, C], 4 per word; one invocation writes one whole word
//   1 x: array<u32>, read — int8 input [B, H, W, C], 4 per word
//   2 u: Uniforms, uniform
// Uniforms: batches, in_h, in_w, depth, out_h, out_w, k_h, k_w, stride_h, stride_w, pad_h, pad_w, average (0/1),
//   total (u32), lo, hi (i32).
// Dispatch: grid1d(ceil(total / 4), 64).

struct Uniforms {
  batches: u32, in_h: u32, in_w: u32, depth: u32,
  out_h: u32, out_w: u32, k_h: u32, k_w: u32,
  stride_h: u32, stride_w: u32, pad_h: u32, pad_w: u32,
  average: u32, total: u32, lo: i32, hi: i32,
}

@group(0) @binding(0) var<storage, read_write> y: array<u32>;
@group(0) @binding(1) var<storage, read> x: array<u32>;
@group(0) @binding(2) var<uniform> u: Uniforms;

fn byte_x(i: u32) -> i32 { return extractBits(bitcast<i32>(x[i >> 2u]), (i & 3u) * 8u, 8u); }

fn output(idx: u32) -> i32 {
  let c = idx % u.depth;
  var t = idx / u.depth;
  let ox = t % u.out_w; t = t / u.out_w;
  let oy = t % u.out_h;
  let b = t / u.out_h;
  let y0 = i32(oy * u.stride_h) - i32(u.pad_h);
  let x0 = i32(ox * u.stride_w) - i32(u.pad_w);
  let fy0 = max(0, -y0);
  let fy1 = min(i32(u.k_h), i32(u.in_h) - y0);
  let fx0 = max(0, -x0);
  let fx1 = min(i32(u.k_w), i32(u.in_w) - x0);
  var acc = select(-128, 0, u.average == 1u);
  for (var fy = fy0; fy < fy1; fy++) {
    let row = ((b * u.in_h + u32(y0 + fy)) * u.in_w) * u.depth + c;
    for (var fx = fx0; fx < fx1; fx++) {
      let v = byte_x(row + u32(x0 + fx) * u.depth);
      if (u.average == 1u) { acc += v; } else { acc = max(acc, v); }
    }
  }
  if (u.average == 1u) {
    let n = max(fy1 - fy0, 0) * max(fx1 - fx0, 0);
    let half = n / 2;
    acc = select((acc - half) / n, (acc + half) / n, acc > 0);
  }
  return clamp(acc, u.lo, u.hi);
}

@compute @workgroup_size(64, 1, 1)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let wi = gid.x + gid.y * nwg.x * 64u;
  let first = wi * 4u;
  if (first >= u.total) { return; }
  var word = 0u;
  for (var k = 0u; k < 4u; k++) {
    let idx = first + k;
    if (idx < u.total) { word = word | ((bitcast<u32>(output(idx)) & 0xffu) << (k * 8u)); }
  }
  y[wi] = word;
}
