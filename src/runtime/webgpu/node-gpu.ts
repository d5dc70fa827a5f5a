/**
 * Node only: the `GPU` object from the `webgpu` package (Dawn). Loaded by select-backend through a dynamic import
 * with a computed specifier, so browser bundles never see the `webgpu` import.
 *
 * Dawn needs a Vulkan driver. On machines without a GPU the one that works is the SwiftShader shipped in Debian's
 * chromium package, so when VK_ICD_FILENAMES is unset and that file exists it is set (before Dawn starts) to point
 * the Vulkan loader there. Dawn's WebGPU globals (GPUBufferUsage, GPUMapMode, …) are installed on globalThis where
 * missing, as the kernels' TypeScript uses them like in a browser.
 */
import fs from 'node:fs';

export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

export interface NodeGpu {
  gpu: GPU;
  /** What to tell the user if this GPU object yields no adapter. */
  noAdapterHint: string;
}

export async function createNodeGpu(): Promise<NodeGpu> {
  if (!process.env.VK_ICD_FILENAMES && fs.existsSync(SWIFTSHADER_ICD)) process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  const { create, globals } = await import('webgpu');
  const g = globalThis as Record<string, unknown>;
  for (const [key, value] of Object.entries(globals)) if (!(key in g)) g[key] = value;
  const icd = process.env.VK_ICD_FILENAMES;
  const noAdapterHint = icd
    ? `no WebGPU adapter from Dawn with VK_ICD_FILENAMES=${icd}`
    : `no WebGPU adapter from Dawn (no Vulkan driver; install chromium for its SwiftShader at ${SWIFTSHADER_ICD}, or set VK_ICD_FILENAMES)`;
  return { gpu: create([]), noAdapterHint };
}
