/**
 * Compute pipelines cached by `descriptor.cacheKey(params)` (kernel name + shape class, e.g. `gemm_f32|rank2`).
 * Shapes live in uniforms, so a model's worth of ops compiles each kernel once. Shader modules are cached by kernel
 * name. Layouts are explicit, built from the descriptor's bindings (not `layout: 'auto'`), so a descriptor that
 * disagrees with its WGSL fails at pipeline creation instead of binding the wrong buffers.
 */
import { KERNEL_SOURCES } from './kernel-sources.generated.ts';
import type { BindingType, KernelDescriptor } from './kernel.ts';

export interface CachedPipeline {
  readonly pipeline: GPUComputePipeline;
  readonly layout: GPUBindGroupLayout;
}

function bufferLayout(type: BindingType): GPUBufferBindingLayout {
  return { type };
}

export class PipelineCache {
  private readonly pipelines = new Map<string, CachedPipeline>();
  private readonly modules = new Map<string, GPUShaderModule>();

  constructor(
    private readonly device: GPUDevice,
    private readonly sources: Readonly<Record<string, string>> = KERNEL_SOURCES,
  ) {}

  get<P>(kernel: KernelDescriptor<P>, params: P): CachedPipeline {
    const key = kernel.cacheKey(params);
    let hit = this.pipelines.get(key);
    if (!hit) {
      hit = this.create(kernel, key);
      this.pipelines.set(key, hit);
    }
    return hit;
  }

  /** Number of distinct pipelines created so far. */
  get size(): number {
    return this.pipelines.size;
  }

  /** Cache keys created so far (for tests and the profiler). */
  keys(): string[] {
    return [...this.pipelines.keys()];
  }

  private module(name: string): GPUShaderModule {
    let module = this.modules.get(name);
    if (!module) {
      const code = this.sources[name];
      if (code === undefined) throw new Error(`no WGSL source for kernel ${name} (run node scripts/bundle-kernels.mjs)`);
      module = this.device.createShaderModule({ code, label: name });
      this.modules.set(name, module);
    }
    return module;
  }

  private create<P>(kernel: KernelDescriptor<P>, key: string): CachedPipeline {
    const layout = this.device.createBindGroupLayout({
      label: key,
      entries: kernel.bindings.map((b, i) => ({
        binding: i,
        visibility: GPUShaderStage.COMPUTE,
        buffer: bufferLayout(b.type),
      })),
    });
    const pipeline = this.device.createComputePipeline({
      label: key,
      layout: this.device.createPipelineLayout({ label: key, bindGroupLayouts: [layout] }),
      compute: { module: this.module(kernel.name), entryPoint: 'main' },
    });
    return { pipeline, layout };
  }
}
