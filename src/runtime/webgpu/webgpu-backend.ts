/**
 * The webgpu backend: tensors are pooled GPU storage buffers; each op encodes its kernel dispatches (kernels/*.wgsl
 * through the descriptors in kernels/) and returns the output handle at once. Only `read` waits.
 *
 * Batching: outside a batch every op records one command buffer and submits it. Between `beginBatch()` and
 * `endBatch()` (the interpreter brackets each invoke so) the ops append to ONE open command encoder, submitted at
 * `endBatch`, at a `read` / `flush`, or every MAX_BATCH_DISPATCHES dispatches. Buffers disposed while a batch is open
 * go back to the pool only after that submit: a pooled buffer re-acquired and filled with `queue.writeBuffer` (which
 * runs before the pending encoder does) must not be one an unsubmitted dispatch still reads. Every op runs inside validation / out-of-memory / internal error scopes; the scopes' results are
 * collected and the first error is thrown (as WebGpuError) by the next `read`.
 *
 * matMulInt8 = pack A by rows (skipped when K % 4 == 0: the raw bytes already are that layout) + pack B by columns
 * (pack_int8, on the GPU: the operands are already there, and the pass is O(K·N) against the O(M·K·N) product) +
 * gemm_int8 with dot4I8Packed. `packInt8` / `matMulInt8Packed` expose the two halves, e.g. to pack constant weights
 * once.
 */
import { UsageError } from '../../errors.ts';
import type { Backend, DTypeArrays, DTypeOf, Tensor, TensorArray, TensorDType } from '../backend.ts';
import { checkTensor, checkUpload, dtypeOfArray, histogramParams, matMulDims, viewArray } from '../backend-checks.ts';
import { summarizeAdapter } from './adapter-report.ts';
import type { AdapterReport } from './adapter-report.ts';
import { BufferPool } from './buffer-pool.ts';
import type { PoolStats } from './buffer-pool.ts';
import { requestGpuContext, WebGpuError } from './device.ts';
import type { DeviceOptions, GpuContext } from './device.ts';
import { KERNELS } from './kernel.ts';
import type { KernelDescriptor, KernelName, KernelParams } from './kernel.ts';
import { minMaxGroups } from './kernels/min-max.ts';
import { PipelineCache } from './pipeline-cache.ts';

const BYTES: Record<TensorDType, number> = { float32: 4, int32: 4, uint32: 4, int8: 1 };

/** Bytes to allocate / copy for `n` elements: whole u32 words, at least one. */
function paddedBytes(dtype: TensorDType, n: number): number {
  return Math.max(4, Math.ceil((n * BYTES[dtype]) / 4) * 4);
}

class GpuTensor<D extends TensorDType = TensorDType> implements Tensor<D> {
  readonly backend = 'webgpu' as const;
  disposed = false;
  constructor(
    readonly dtype: D,
    readonly shape: readonly number[],
    readonly size: number,
    readonly buffer: GPUBuffer,
  ) {}
}

interface Live {
  ctx: GpuContext;
  pool: BufferPool;
  cache: PipelineCache;
}

/** One command buffer being recorded: the open compute pass (if any) plus the scratch buffers to recycle after submit. */
interface Recording {
  encoder: GPUCommandEncoder;
  pass: GPUComputePassEncoder | null;
  scratch: GPUBuffer[];
  dispatches: number;
}

/** An open batch is submitted when it holds this many dispatches (bounds the memory its deferred releases hold). */
const MAX_BATCH_DISPATCHES = 512;

export class WebGpuBackend implements Backend {
  readonly name = 'webgpu' as const;
  readonly report: AdapterReport;
  readonly description: string;
  private live: Live | null;
  private pending: Array<Promise<GPUError | null>> = [];
  private lost: string | null = null;
  /** Nesting depth of beginBatch / endBatch. */
  private batching = 0;
  /** The batch's open command encoder (null until its first command). */
  private batch: Recording | null = null;
  /** Buffers disposed while a batch is open, released to the pool after its submit. */
  private deferred: GPUBuffer[] = [];

  /** A backend on the first adapter of `gpu`, or null when it has none. */
  static async create(gpu: GPU, opts: DeviceOptions = {}): Promise<WebGpuBackend | null> {
    const ctx = await requestGpuContext(gpu, opts);
    return ctx ? new WebGpuBackend(ctx) : null;
  }

  constructor(ctx: GpuContext) {
    this.live = { ctx, pool: new BufferPool(ctx.device), cache: new PipelineCache(ctx.device) };
    this.report = ctx.report;
    this.description = summarizeAdapter(ctx.report);
    void ctx.device.lost.then((info) => {
      if (this.live) this.lost = info.message || String(info.reason);
    });
  }

  get device(): GPUDevice {
    return this.state().ctx.device;
  }

  /** Buffer-pool counters and the pipeline-cache keys (for tests and profiling). */
  stats(): PoolStats & { pipelines: string[] } {
    const s = this.state();
    return { ...s.pool.stats(), pipelines: s.cache.keys() };
  }

  upload<A extends TensorArray>(data: A, shape: readonly number[]): Tensor<DTypeOf<A>> {
    const n = checkUpload(data, shape);
    const dtype = dtypeOfArray(data) as DTypeOf<A>;
    const { ctx, pool } = this.state();
    const bytes = paddedBytes(dtype, n);
    const buffer = pool.acquire(bytes, 'storage');
    const src = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (src.byteLength === bytes) ctx.device.queue.writeBuffer(buffer, 0, src);
    else {
      const padded = new Uint8Array(bytes); // writeBuffer wants a multiple of 4 bytes
      padded.set(src);
      ctx.device.queue.writeBuffer(buffer, 0, padded);
    }
    return new GpuTensor(dtype, [...shape], n, buffer);
  }

  async read<D extends TensorDType>(t: Tensor<D>): Promise<DTypeArrays[D]> {
    const x = this.tensor(t, 'read');
    const { pool } = this.state();
    const bytes = paddedBytes(x.dtype, x.size);
    const staging = pool.acquire(bytes, 'readback');
    const rec = this.open();
    this.scoped(() => this.copyCommand(rec).copyBufferToBuffer(x.buffer, 0, staging, 0, bytes));
    this.submit(rec); // the pending batch, if any, goes with it
    await this.flushErrors();
    let copy: ArrayBuffer;
    try {
      await staging.mapAsync(GPUMapMode.READ, 0, bytes);
      copy = staging.getMappedRange(0, bytes).slice(0);
      staging.unmap();
    } catch (e) {
      throw new WebGpuError(`read: ${this.lost ?? (e instanceof Error ? e.message : String(e))}`);
    } finally {
      pool.release(staging);
    }
    return viewArray(x.dtype, copy, x.size);
  }

  dispose(t: Tensor): void {
    if (!(t instanceof GpuTensor)) throw new UsageError('dispose: not a webgpu tensor');
    if (t.disposed) return;
    t.disposed = true;
    if (this.batching > 0) this.deferred.push(t.buffer);
    else this.live?.pool.release(t.buffer);
  }

  minMax(x: Tensor<'float32'>): Tensor<'float32'> {
    const input = this.tensor(x, 'minMax', 'float32');
    const out = this.alloc('float32', [2]);
    const groups = minMaxGroups(input.size);
    this.record((rec) => {
      const partials = this.scratch(rec, groups * 8);
      this.encode(rec, KERNELS.min_max, { n: input.size }, [partials, input.buffer]);
      this.encode(rec, KERNELS.min_max_finalize, { count: groups }, [out.buffer, partials]);
    });
    return out;
  }

  histogram(x: Tensor<'float32'>, bins: number, lo: number, hi: number): Tensor<'uint32'> {
    const input = this.tensor(x, 'histogram', 'float32');
    const p = histogramParams(bins, lo, hi);
    const out = this.alloc('uint32', [bins]);
    this.record((rec) => {
      if (input.size > 0) this.encode(rec, KERNELS.histogram, { n: input.size, bins, lo: p.lo, scale: p.scale }, [out.buffer, input.buffer]);
    }, (encoder) => encoder.clearBuffer(out.buffer, 0, paddedBytes('uint32', bins)));
    return out;
  }

  matMul(a: Tensor<'float32'>, b: Tensor<'float32'>): Tensor<'float32'> {
    const [m, k, n] = matMulDims('matMul', a, b);
    const ta = this.tensor(a, 'matMul', 'float32');
    const tb = this.tensor(b, 'matMul', 'float32');
    const out = this.alloc('float32', [m, n]);
    if (m * n > 0) this.record((rec) => this.encode(rec, KERNELS.gemm_f32, { m, n, k }, [out.buffer, ta.buffer, tb.buffer]));
    return out;
  }

  matMulInt8(a: Tensor<'int8'>, b: Tensor<'int8'>): Tensor<'int32'> {
    const [m, k, n] = matMulDims('matMulInt8', a, b);
    const ta = this.tensor(a, 'matMulInt8', 'int8');
    const tb = this.tensor(b, 'matMulInt8', 'int8');
    const out = this.alloc('int32', [m, n]);
    if (m * n === 0) return out;
    const k4 = Math.ceil(k / 4);
    this.record((rec) => {
      let ap = ta.buffer;
      if (k % 4 !== 0) {
        ap = this.scratch(rec, m * k4 * 4);
        this.encode(rec, KERNELS.pack_int8, { rows: m, k, rowStride: k, colStride: 1 }, [ap, ta.buffer]);
      }
      const bt = this.scratch(rec, n * k4 * 4);
      if (k4 > 0) this.encode(rec, KERNELS.pack_int8, { rows: n, k, rowStride: 1, colStride: n }, [bt, tb.buffer]);
      this.encode(rec, KERNELS.gemm_int8, { m, n, k4 }, [out.buffer, ap, bt]);
    });
    return out;
  }

  /**
   * Packs an int8 matrix into gemm_int8's operand layout: rows of x [R, K] → [R, ceil(K/4)] u32 words, or with
   * `transpose` the columns of x [K, R] → [R, ceil(K/4)]; 4 int8 per word along K, zero-padded.
   */
  packInt8(x: Tensor<'int8'>, transpose: boolean): Tensor<'uint32'> {
    const t = this.tensor(x, 'packInt8', 'int8');
    if (t.shape.length !== 2) throw new UsageError(`packInt8: expected a rank-2 tensor, got [${t.shape.join(', ')}]`);
    const [d0, d1] = t.shape as [number, number];
    const [rows, k] = transpose ? [d1, d0] : [d0, d1];
    const out = this.alloc('uint32', [rows, Math.ceil(k / 4)]);
    if (out.size > 0) {
      const params = transpose ? { rows, k, rowStride: 1, colStride: rows } : { rows, k, rowStride: k, colStride: 1 };
      this.record((rec) => this.encode(rec, KERNELS.pack_int8, params, [out.buffer, t.buffer]));
    }
    return out;
  }

  /** C [M, N] int32 from packed operands ap [M, K4] (rows of A) and bt [N, K4] (columns of B), see packInt8. */
  matMulInt8Packed(ap: Tensor<'uint32'>, bt: Tensor<'uint32'>): Tensor<'int32'> {
    const ta = this.tensor(ap, 'matMulInt8Packed', 'uint32');
    const tb = this.tensor(bt, 'matMulInt8Packed', 'uint32');
    if (ta.shape.length !== 2 || tb.shape.length !== 2 || ta.shape[1] !== tb.shape[1]) {
      throw new UsageError(`matMulInt8Packed: expected [M, K4] and [N, K4], got [${ta.shape.join(', ')}] and [${tb.shape.join(', ')}]`);
    }
    const [m, k4] = ta.shape as [number, number];
    const n = tb.shape[0]!;
    const out = this.alloc('int32', [m, n]);
    if (m * n > 0) this.record((rec) => this.encode(rec, KERNELS.gemm_int8, { m, n, k4 }, [out.buffer, ta.buffer, tb.buffer]));
    return out;
  }

  // ---- generic helpers for op kernels (src/runtime/webgpu/ops/) ----

  /** A new device tensor of `dtype` and `shape`, contents undefined (pooled buffers are reused). */
  empty<D extends TensorDType>(dtype: D, shape: readonly number[]): Tensor<D> {
    return this.alloc(dtype, [...shape]);
  }

  /**
   * One dispatch of kernel `name` in its own command buffer: `outputs` then `inputs` bind in that order (the kernel's
   * storage bindings), `params` give the dispatch size and uniform block. Nothing is dispatched for `count`-less
   * empty work: callers skip zero-sized outputs.
   */
  dispatch<K extends KernelName>(name: K, params: KernelParams<K>, outputs: readonly Tensor[], inputs: readonly Tensor[]): void {
    const kernel = KERNELS[name] as KernelDescriptor<KernelParams<K>>;
    const buffers = [...outputs, ...inputs].map((t) => this.tensor(t, name).buffer);
    this.record((rec) => this.encode(rec, kernel, params, buffers));
  }

  /** Several dispatches recorded into one command buffer, in order (later ones see earlier ones' writes). */
  dispatchAll(steps: ReadonlyArray<{ [K in KernelName]: { name: K; params: KernelParams<K>; outputs: readonly Tensor[]; inputs: readonly Tensor[] } }[KernelName]>): void {
    if (steps.length === 0) return;
    const resolved = steps.map((s) => ({
      kernel: KERNELS[s.name] as KernelDescriptor<unknown>,
      params: s.params as unknown,
      buffers: [...s.outputs, ...s.inputs].map((t) => this.tensor(t, s.name).buffer),
    }));
    this.record((rec) => { for (const r of resolved) this.encode(rec, r.kernel, r.params, r.buffers); });
  }

  /** A new tensor holding a copy of `x`'s bytes under `shape` (same element count; any dtype): RESHAPE and kin. */
  copyAs<D extends TensorDType>(x: Tensor<D>, shape: readonly number[]): Tensor<D> {
    const src = this.tensor(x, 'copyAs');
    const out = this.alloc(src.dtype, [...shape]);
    if (out.size !== src.size) throw new UsageError(`copyAs: ${src.size} elements cannot take shape [${shape.join(', ')}]`);
    const rec = this.open();
    this.scoped(() => this.copyCommand(rec).copyBufferToBuffer(src.buffer, 0, out.buffer, 0, paddedBytes(src.dtype, src.size)));
    this.done(rec);
    return out as Tensor<D>;
  }

  /**
   * Starts (or nests) a batch: the ops until the matching `endBatch` share one command encoder and are submitted
   * together (see the module comment). Reads inside a batch still work: they submit what is pending first.
   */
  beginBatch(): void {
    this.batching++;
  }

  /** Ends a batch; the outermost one submits the pending commands and releases the buffers disposed meanwhile. */
  endBatch(): void {
    if (this.batching === 0) return;
    if (--this.batching === 0) {
      if (this.batch) this.submit(this.batch);
      this.releaseDeferred();
    }
  }

  /** Waits for all submitted work and throws the first GPU error since the last read/flush. */
  async flush(): Promise<void> {
    const { ctx } = this.state();
    if (this.batch) this.submit(this.batch);
    await ctx.device.queue.onSubmittedWorkDone();
    await this.flushErrors();
  }

  destroy(): void {
    const live = this.live;
    if (!live) return;
    this.live = null; // drops the GPU object too (in Node this lets the process exit)
    live.pool.destroy();
    live.ctx.device.destroy();
  }

  // ---- internals ----

  private state(): Live {
    if (!this.live) throw new UsageError('webgpu backend was destroyed');
    if (this.lost) throw new WebGpuError(`GPU device lost: ${this.lost}`);
    return this.live;
  }

  private tensor<D extends TensorDType>(t: Tensor<D>, op: string, dtype?: D): GpuTensor<D> {
    checkTensor(op, t, 'webgpu', dtype);
    if (!(t instanceof GpuTensor)) throw new UsageError(`${op}: not a webgpu tensor`);
    return t as GpuTensor<D>;
  }

  private alloc<D extends TensorDType>(dtype: D, shape: number[]): GpuTensor<D> {
    const n = shape.reduce((a, b) => a * b, 1);
    return new GpuTensor(dtype, shape, n, this.state().pool.acquire(paddedBytes(dtype, n), 'storage'));
  }

  /** Runs `body` inside validation / out-of-memory / internal error scopes, keeping their results for flushErrors. */
  private scoped(body: () => void): void {
    const { device } = this.state().ctx;
    device.pushErrorScope('internal');
    device.pushErrorScope('out-of-memory');
    device.pushErrorScope('validation');
    try {
      body();
    } finally {
      this.pending.push(device.popErrorScope(), device.popErrorScope(), device.popErrorScope());
    }
  }

  private async flushErrors(): Promise<void> {
    if (this.pending.length === 0) return;
    const errors = await Promise.all(this.pending.splice(0));
    const first = errors.find((e): e is GPUError => e !== null);
    if (first) throw new WebGpuError(first.message);
  }

  /** Records commands (optional non-pass commands first, then dispatches) into the open batch or a new command buffer. */
  private record(body: (rec: Recording) => void, before?: (encoder: GPUCommandEncoder) => void): void {
    const rec = this.open();
    try {
      this.scoped(() => {
        if (before) before(this.copyCommand(rec));
        body(rec);
      });
    } finally {
      this.done(rec);
    }
  }

  /** The batch's encoder (created on first use), or a fresh one outside a batch. */
  private open(): Recording {
    if (this.batch) return this.batch;
    const rec: Recording = { encoder: this.state().ctx.device.createCommandEncoder(), pass: null, scratch: [], dispatches: 0 };
    if (this.batching > 0) this.batch = rec;
    return rec;
  }

  /** After recording into `rec`: submit it unless it is the open batch (which submits when full). */
  private done(rec: Recording): void {
    if (rec !== this.batch || rec.dispatches >= MAX_BATCH_DISPATCHES) this.submit(rec);
  }

  /** The encoder for a non-pass command (copy, clear): ends the open compute pass first. */
  private copyCommand(rec: Recording): GPUCommandEncoder {
    if (rec.pass) {
      rec.pass.end();
      rec.pass = null;
    }
    return rec.encoder;
  }

  /** Finishes and submits `rec`, recycles its scratch (and, when it is the batch, the buffers disposed meanwhile). */
  private submit(rec: Recording): void {
    const { ctx, pool } = this.state();
    if (rec === this.batch) this.batch = null;
    try {
      this.scoped(() => {
        if (rec.pass) rec.pass.end();
        rec.pass = null;
        ctx.device.queue.submit([rec.encoder.finish()]);
      });
    } finally {
      for (const b of rec.scratch) pool.release(b);
      rec.scratch = [];
      // buffers disposed during the batch: every command that used them is submitted now (queue order)
      if (this.batching > 0) this.releaseDeferred();
    }
  }

  private releaseDeferred(): void {
    const pool = this.live?.pool;
    if (pool) for (const b of this.deferred) pool.release(b);
    this.deferred = [];
  }

  /** A temporary storage buffer of at least `bytes`, recycled after the submit. */
  private scratch(rec: Recording, bytes: number): GPUBuffer {
    const b = this.state().pool.acquire(Math.max(4, bytes), 'storage');
    rec.scratch.push(b);
    return b;
  }

  /** One dispatch: `buffers` are the kernel's storage bindings in order (outputs, inputs); the uniform block is added. */
  private encode<P>(rec: Recording, kernel: KernelDescriptor<P>, params: P, buffers: GPUBuffer[]): void {
    const { ctx, pool, cache } = this.state();
    if (buffers.length !== kernel.bindings.length - 1) {
      throw new Error(`${kernel.name}: ${buffers.length} buffers for ${kernel.bindings.length - 1} storage bindings`);
    }
    const block = kernel.uniforms(params);
    const uniform = pool.acquire(block.byteLength, 'uniform');
    rec.scratch.push(uniform);
    ctx.device.queue.writeBuffer(uniform, 0, block);
    const { pipeline, layout } = cache.get(kernel, params);
    const bindGroup = ctx.device.createBindGroup({
      layout,
      entries: [...buffers, uniform].map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
    rec.pass ??= rec.encoder.beginComputePass();
    rec.pass.setPipeline(pipeline);
    rec.pass.setBindGroup(0, bindGroup);
    const [x, y, z] = kernel.dispatch(params);
    rec.pass.dispatchWorkgroups(x, y, z);
    rec.dispatches++;
  }
}
