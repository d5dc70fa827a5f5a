// min_max — pass 1 of the f32 min/max reduction (pass 2: min_max_finalize).
//
// Each f32 is mapped to an order key, a u32 whose unsigned order is the total order of the floats
// (-Inf < … < -0 < +0 < … < +Inf): key(b) = ~b for negative bit patterns, b | 0x80000000 otherwise. Working on keys
// keeps the result bit-exact (no float compare, no denormal flush, -0 below +0) and equal to the CPU reference.
// NaNs are skipped. Each workgroup walks the input with a grid stride, reduces its 256 lanes with a shared-memory
// tree, and writes one (minKey, maxKey) pair. A workgroup that saw nothing writes the identities
// (key(+Inf), key(-Inf)), so an empty or all-NaN input ends as [+Inf, -Inf].
//
// Bindings (group 0), outputs, inputs, uniforms:
//   0 partials: array<vec2<u32>>, read_write — one (minKey, maxKey) per workgroup
//   1 x:        array<u32>, read            — the f32 input, as raw bits
//   2 u:        Uniforms, uniform
// Uniforms: n: u32 — element count of x.
// Dispatch: (G, 1, 1) workgroups of 256, G ≥ 1 (any G: the loop is grid-strided).

struct Uniforms { n: u32, pad0: u32, pad1: u32, pad2: u32 }

@group(0) @binding(0) var<storage, read_write> partials: array<vec2<u32>>;
@group(0) @binding(1) var<storage, read> x: array<u32>;
@group(0) @binding(2) var<uniform> u: Uniforms;

const WG: u32 = 256u;
const KEY_POS_INF: u32 = 0xff800000u;
const KEY_NEG_INF: u32 = 0x007fffffu;

var<workgroup> sMin: array<u32, 256>;
var<workgroup> sMax: array<u32, 256>;

fn orderKey(bits: u32) -> u32 {
  return select(bits | 0x80000000u, ~bits, (bits & 0x80000000u) != 0u);
}

@compute @workgroup_size(256, 1, 1)
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>,
        @builtin(num_workgroups) nwg: vec3<u32>) {
  var lo = KEY_POS_INF;
  var hi = KEY_NEG_INF;
  let stride = nwg.x * WG;
  for (var i = wid.x * WG + lid; i < u.n; i += stride) {
    let b = x[i];
    if ((b & 0x7fffffffu) <= 0x7f800000u) { // not NaN
      let k = orderKey(b);
      lo = min(lo, k);
      hi = max(hi, k);
    }
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
    partials[wid.x] = vec2<u32>(sMin[0], sMax[0]);
  }
}
