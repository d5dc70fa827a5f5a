// min_max_finalize — pass 2 of the f32 min/max reduction (pass 1: min_max).
//
// One workgroup folds the per-workgroup (minKey, maxKey) pairs of pass 1 with a shared-memory tree, then maps the
// two order keys back to f32 bits: bits = key & 0x7fffffff when the key's top bit is set (a non-negative float),
// else ~key. The output holds [min, max] as f32 bit patterns (the tensor is float32).
//
// Bindings (group 0), outputs, inputs, uniforms:
//   0 out:      array<u32>, read_write       — 2 words: f32 bits of min, then max
//   1 partials: array<vec2<u32>>, read       — pass 1 output
//   2 u:        Uniforms, uniform
// Uniforms: count: u32 — number of pairs in partials.
// Dispatch: (1, 1, 1).

struct Uniforms { count: u32, pad0: u32, pad1: u32, pad2: u32 }

@group(0) @binding(0) var<storage, read_write> out: array<u32>;
@group(0) @binding(1) var<storage, read> partials: array<vec2<u32>>;
@group(0) @binding(2) var<uniform> u: Uniforms;

const WG: u32 = 256u;
const KEY_POS_INF: u32 = 0xff800000u;
const KEY_NEG_INF: u32 = 0x007fffffu;

var<workgroup> sMin: array<u32, 256>;
var<workgroup> sMax: array<u32, 256>;

fn floatBits(key: u32) -> u32 {
  return select(~key, key & 0x7fffffffu, (key & 0x80000000u) != 0u);
}

@compute @workgroup_size(256, 1, 1)
fn main(@builtin(local_invocation_index) lid: u32) {
  var lo = KEY_POS_INF;
  var hi = KEY_NEG_INF;
  for (var i = lid; i < u.count; i += WG) {
    let p = partials[i];
    lo = min(lo, p.x);
    hi = max(hi, p.y);
  }
  sMin[lid] = lo;
  sMax[lid] = hi;
  workgroupBarrier();
  for (var s = WG / 2u; s > 0u; s = s >> 1u) {
    if (lid < s) {
      sMin[lid] = min(sMin[lid], sMin[lid + s]);
      sMax[lid] = max(sMax[lid], sMax[lid + s]);
    }
    workgroupBarrier();
  }
  if (lid == 0u) {
    out[0] = floatBits(sMin[0]);
    out[1] = floatBits(sMax[0]);
  }
}
