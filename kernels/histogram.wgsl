// histogram — fixed-bin histogram of an f32 tensor with atomic<u32> counters.
//
// bin(x) = clamp(floor((x − lo) · scale), 0, bins − 1), computed in f32 (one subtraction, one multiplication, both
// correctly rounded in WGSL), with scale = f32(bins / f32(hi − lo)) precomputed on the host. Values below lo land in
// bin 0 and values above hi in bin bins − 1 (clamping, so nothing is lost and the counts sum to the non-NaN
// element count); ±Inf go to the edge bins; NaNs are skipped. The CPU reference does the same f32 arithmetic, so
// counts are equal exactly.
// Each workgroup counts into workgroup-local atomics (up to LOCAL_BINS bins), then merges its non-zero counts into
// the global counters with one atomicAdd per bin; with more bins it counts straight into the global counters.
// The output must be zeroed before the dispatch (the backend clears it).
//
// Bindings (group 0), outputs, inputs, uniforms:
//   0 counts: array<atomic<u32>>, read_write — bins counters
//   1 x:      array<u32>, read              — the f32 input, as raw bits
//   2 u:      Uniforms, uniform
// Uniforms: n: u32 (element count), bins: u32, lo: f32, scale: f32.
// Dispatch: (G, 1, 1) workgroups of 256, G ≥ 1 (any G: the loop is grid-strided).

struct Uniforms { n: u32, bins: u32, lo: f32, scale: f32 }

@group(0) @binding(0) var<storage, read_write> counts: array<atomic<u32>>;
@group(0) @binding(1) var<storage, read> x: array<u32>;
@group(0) @binding(2) var<uniform> u: Uniforms;

const WG: u32 = 256u;
const LOCAL_BINS: u32 = 4096u;

var<workgroup> localCounts: array<atomic<u32>, 4096>;

/** The bin of one value given as f32 bits, or -1 for NaN. */
fn binOf(bits: u32) -> i32 {
  let last = i32(u.bins) - 1;
  let mag = bits & 0x7fffffffu;
  if (mag > 0x7f800000u) { return -1; } // NaN
  if (mag == 0x7f800000u) { return select(last, 0, (bits & 0x80000000u) != 0u); } // ±Inf
  let t = (bitcast<f32>(bits) - u.lo) * u.scale;
  if (t < 1.0) { return 0; }
  if (t >= f32(u.bins)) { return last; }
  return i32(t); // t in [1, bins): truncation is floor
}

@compute @workgroup_size(256, 1, 1)
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>,
        @builtin(num_workgroups) nwg: vec3<u32>) {
  let useLocal = u.bins <= LOCAL_BINS;
  let stride = nwg.x * WG;
  for (var i = wid.x * WG + lid; i < u.n; i += stride) {
    let b = binOf(x[i]);
    if (b >= 0) {
      if (useLocal) {
        atomicAdd(&localCounts[b], 1u);
      } else {
        atomicAdd(&counts[b], 1u);
      }
    }
  }
  workgroupBarrier();
  if (useLocal) {
    for (var j = lid; j < u.bins; j += WG) {
      let c = atomicLoad(&localCounts[j]);
      if (c != 0u) {
        atomicAdd(&counts[j], c);
      }
    }
  }
}
