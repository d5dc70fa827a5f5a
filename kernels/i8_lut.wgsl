// i8_lut — an int8 → int8 elementwise map through a 256-entry table (src/runtime/webgpu/ops/quant/lut.ts):
//   out = table[q + 128].
// The op kernel builds the table on the host as the CPU integer kernel's output for every input value −128 … 127
// (LOGISTIC / TANH / ELU float-computed tables, RELU-family and LEAKY_RELU fixed point, HARD_SWISH, QUANTIZE int8 →
// int8 requantization), so the GPU output is the CPU kernel's by construction, in either integer arithmetic mode.
//
// Bindings (group 0), outputs, inputs, uniforms:
//   0 y:     array<u32>, read_write — int8 output [total], 4 per word; one invocation writes one whole word
//   1 x:     array<u32>, read — int8 input [total], 4 per word
//   2 table: array<i32>, read — [256]
//   3 u:     Uniforms, uniform
// Uniforms: total (u32), 3 pads.
// Dispatch: grid1d(ceil(total / 4), 64).

struct Uniforms { total: u32, pad0: u32, pad1: u32, pad2: u32 }

@group(0) @binding(0) var<storage, read_write> y: array<u32>;
@group(0) @binding(1) var<storage, read> x: array<u32>;
@group(0) @binding(2) var<storage, read> table: array<i32>;
@group(0) @binding(3) var<uniform> u: Uniforms;

@compute @workgroup_size(64, 1, 1)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let wi = gid.x + gid.y * nwg.x * 64u;
  let first = wi * 4u;
  if (first >= u.total) { return; }
  let xw = x[wi];
  var word = 0u;
  for (var k = 0u; k < 4u; k++) {
    if (first + k < u.total) {
      let q = extractBits(bitcast<i32>(xw), k * 8u, 8u);
      word = word | ((bitcast<u32>(table[u32(q + 128)]) & 0xffu) << (k * 8u));
    }
  }
  y[wi] = word;
}
