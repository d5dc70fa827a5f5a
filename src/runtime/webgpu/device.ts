/**
 * Gets a WebGPU adapter and device from a `GPU` object (navigator.gpu in browsers, the `webgpu` package in Node).
 *
 * The device is requested with explicit `requiredLimits` equal to the adapter's own values for the limits litelab
 * sizes work by (LIMIT_KEYS) — without them a device gets WebGPU's defaults (e.g. 128 MiB storage bindings, 16 KiB
 * workgroup storage) whatever the hardware offers — and with `requiredFeatures` for timestamp-query / subgroups /
 * shader-f16 when the adapter has them.
 */
import { LitelabError } from '../../errors.ts';
import { adapterReport, LIMIT_KEYS, WANTED_FEATURES } from './adapter-report.ts';
import type { AdapterReport } from './adapter-report.ts';

/** A failure the GPU reported (validation, out-of-memory, internal, device lost). */
export class WebGpuError extends LitelabError {
  override name = 'WebGpuError';
}

export interface GpuContext {
  /**
   * The GPU object. Kept referenced for the device's lifetime: in Node, Dawn tears the instance down when the object
   * returned by `create()` is garbage-collected, crashing the process if a device is still in use.
   */
  readonly gpu: GPU;
  readonly adapter: GPUAdapter;
  readonly device: GPUDevice;
  readonly report: AdapterReport;
  readonly features: ReadonlySet<string>;
}

export interface DeviceOptions {
  powerPreference?: GPUPowerPreference;
}

/** Adapter + device, or null when the GPU object offers no adapter. Throws WebGpuError if the device request fails. */
export async function requestGpuContext(gpu: GPU, opts: DeviceOptions = {}): Promise<GpuContext | null> {
  const adapter = await gpu.requestAdapter(opts.powerPreference ? { powerPreference: opts.powerPreference } : undefined);
  if (!adapter) return null;
  const requiredLimits: Record<string, number> = {};
  for (const key of LIMIT_KEYS) {
    const v = adapter.limits[key];
    if (typeof v === 'number' && Number.isFinite(v)) requiredLimits[key] = v;
  }
  const requiredFeatures = WANTED_FEATURES.filter((f) => adapter.features.has(f));
  let device: GPUDevice;
  try {
    device = await adapter.requestDevice({ requiredLimits, requiredFeatures, label: 'litelab' });
  } catch (e) {
    throw new WebGpuError(`requestDevice failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { gpu, adapter, device, report: adapterReport(adapter, gpu), features: new Set([...device.features].map(String)) };
}
