/**
 * What the WebGPU adapter is and can do, as a plain JSON-able object plus a one-line summary for the app's device
 * badge and the CLI: identity (vendor, architecture, device, description, fallback or not), the features and WGSL
 * language features litelab's kernels care about, and the limits it sizes its work by.
 */

/** The limits litelab requests explicitly (WebGPU's defaults are much lower than what adapters offer). */
export const LIMIT_KEYS = [
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupSizeY',
  'maxComputeWorkgroupSizeZ',
  'maxComputeWorkgroupsPerDimension',
  'maxStorageBuffersPerShaderStage',
  'maxUniformBufferBindingSize',
  'maxBindingsPerBindGroup',
] as const;
export type LimitKey = (typeof LIMIT_KEYS)[number];

/** Optional features used when present. */
export const WANTED_FEATURES = ['timestamp-query', 'subgroups', 'shader-f16'] as const satisfies readonly GPUFeatureName[];

export interface AdapterReport {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  isFallbackAdapter: boolean;
  features: {
    subgroups: boolean;
    shaderF16: boolean;
    timestampQuery: boolean;
    /** WGSL language feature `packed_4x8_integer_dot_product` (dot4I8Packed, pack4x8snorm …). */
    packed4x8IntegerDotProduct: boolean;
  };
  subgroupMinSize: number | null;
  subgroupMaxSize: number | null;
  limits: Record<LimitKey, number>;
  /** Every adapter feature, sorted. */
  allFeatures: string[];
  /** Every WGSL language feature, sorted. */
  wgslLanguageFeatures: string[];
}

/** Builds the report from an adapter (and the GPU object, for its WGSL language features). */
export function adapterReport(adapter: GPUAdapter, gpu: GPU): AdapterReport {
  const info = adapter.info as Partial<GPUAdapterInfo> | undefined;
  const legacy = adapter as GPUAdapter & { isFallbackAdapter?: boolean };
  const wgsl = gpu.wgslLanguageFeatures ? [...gpu.wgslLanguageFeatures].sort() : [];
  const limits = {} as Record<LimitKey, number>;
  for (const key of LIMIT_KEYS) limits[key] = Number(adapter.limits[key]);
  return {
    vendor: info?.vendor ?? '',
    architecture: info?.architecture ?? '',
    device: info?.device ?? '',
    description: info?.description ?? '',
    isFallbackAdapter: Boolean(info?.isFallbackAdapter ?? legacy.isFallbackAdapter ?? false),
    features: {
      subgroups: adapter.features.has('subgroups'),
      shaderF16: adapter.features.has('shader-f16'),
      timestampQuery: adapter.features.has('timestamp-query'),
      packed4x8IntegerDotProduct: wgsl.includes('packed_4x8_integer_dot_product'),
    },
    subgroupMinSize: info?.subgroupMinSize ?? null,
    subgroupMaxSize: info?.subgroupMaxSize ?? null,
    limits,
    allFeatures: [...adapter.features].map(String).sort(),
    wgslLanguageFeatures: wgsl,
  };
}

function bytes(n: number): string {
  if (n >= 2 ** 30 && n % 2 ** 30 === 0) return `${n / 2 ** 30} GiB`;
  if (n >= 2 ** 20) return `${Math.round(n / 2 ** 20)} MiB`;
  if (n >= 2 ** 10) return `${Math.round(n / 2 ** 10)} KiB`;
  return `${n} B`;
}

/**
 * One line, e.g. `webgpu: google swiftshader "SwiftShader Device (Subzero)" (fallback) · subgroups, timestamp-query,
 * dot4I8Packed; no shader-f16 · storage binding 1 GiB, workgroup storage 32 KiB, 256 invocations/workgroup`.
 */
export function summarizeAdapter(r: AdapterReport): string {
  const name = [r.vendor, r.architecture].filter(Boolean).join(' ') || 'unknown adapter';
  const desc = r.description ? ` "${r.description}"` : '';
  const have: string[] = [];
  const lack: string[] = [];
  (r.features.subgroups ? have : lack).push('subgroups');
  (r.features.shaderF16 ? have : lack).push('shader-f16');
  (r.features.timestampQuery ? have : lack).push('timestamp-query');
  (r.features.packed4x8IntegerDotProduct ? have : lack).push('dot4I8Packed');
  const feats = [have.join(', '), lack.length ? `no ${lack.join(', ')}` : ''].filter(Boolean).join('; ');
  const l = r.limits;
  return `webgpu: ${name}${desc}${r.isFallbackAdapter ? ' (fallback)' : ''} · ${feats} · ` +
    `storage binding ${bytes(l.maxStorageBufferBindingSize)}, workgroup storage ${bytes(l.maxComputeWorkgroupStorageSize)}, ` +
    `${l.maxComputeInvocationsPerWorkgroup} invocations/workgroup`;
}
