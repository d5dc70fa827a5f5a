/**
 * A pool of GPU buffers reused by size class and usage, so steady-state op chains allocate nothing.
 *
 * Size classes: powers of two from 256 B up to 4 KiB, then 8 steps per octave (≤ 12.5 % slack): a request of
 * `size` bytes gets the smallest class ≥ size. Usage kinds: `storage` (tensors, scratch: STORAGE | COPY_SRC |
 * COPY_DST), `uniform` (UNIFORM | COPY_DST), `readback` (MAP_READ | COPY_DST). A released buffer may be handed out
 * again at once even if submitted work still uses it: queue order makes later writes land after that work.
 * Free buffers beyond `maxFreeBytes` are destroyed rather than kept. `destroy()` destroys every buffer the pool
 * ever created that is still alive, in use or not.
 */

export type BufferKind = 'storage' | 'uniform' | 'readback';

const MIN_CLASS = 256;

function usageOf(kind: BufferKind): GPUBufferUsageFlags {
  switch (kind) {
    case 'storage': return GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
    case 'uniform': return GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST;
    case 'readback': return GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST;
  }
}

/** The byte size of the class that holds `size` bytes. */
export function sizeClass(size: number): number {
  if (size <= MIN_CLASS) return MIN_CLASS;
  const octave = 2 ** Math.ceil(Math.log2(size));
  if (octave <= 4096) return octave;
  const step = octave / 16; // 8 steps between octave/2 and octave
  return Math.ceil(size / step) * step;
}

export interface PoolStats {
  /** Buffers created so far (misses). */
  created: number;
  /** Requests served from the free lists. */
  reused: number;
  /** Bytes in buffers currently handed out. */
  inUseBytes: number;
  /** Bytes in buffers waiting on the free lists. */
  freeBytes: number;
}

export class BufferPool {
  private readonly free = new Map<string, GPUBuffer[]>();
  private readonly owned = new Map<GPUBuffer, { key: string; kind: BufferKind; inUse: boolean }>();
  private readonly counters = { created: 0, reused: 0, inUseBytes: 0, freeBytes: 0 };

  constructor(
    private readonly device: GPUDevice,
    private readonly maxFreeBytes = 256 * 1024 * 1024,
  ) {}

  /** A buffer of at least `size` bytes (rounded up to its class) for `kind` use. */
  acquire(size: number, kind: BufferKind): GPUBuffer {
    const bytes = sizeClass(size);
    const key = `${kind}:${bytes}`;
    const list = this.free.get(key);
    let buffer = list?.pop();
    if (buffer) {
      this.counters.reused++;
      this.counters.freeBytes -= bytes;
    } else {
      buffer = this.device.createBuffer({ size: bytes, usage: usageOf(kind), label: `litelab ${key}` });
      this.counters.created++;
    }
    this.owned.set(buffer, { key, kind, inUse: true });
    this.counters.inUseBytes += bytes;
    return buffer;
  }

  /** Gives a buffer back. Releasing a buffer twice, or one the pool did not create, is ignored. */
  release(buffer: GPUBuffer): void {
    const info = this.owned.get(buffer);
    if (!info || !info.inUse) return;
    info.inUse = false;
    this.counters.inUseBytes -= buffer.size;
    if (this.counters.freeBytes + buffer.size > this.maxFreeBytes) {
      this.owned.delete(buffer);
      buffer.destroy();
      return;
    }
    let list = this.free.get(info.key);
    if (!list) this.free.set(info.key, (list = []));
    list.push(buffer);
    this.counters.freeBytes += buffer.size;
  }

  stats(): PoolStats {
    return { ...this.counters };
  }

  /** Destroys every live buffer the pool created. The pool stays usable (it starts empty). */
  destroy(): void {
    for (const buffer of this.owned.keys()) buffer.destroy();
    this.owned.clear();
    this.free.clear();
    this.counters.inUseBytes = 0;
    this.counters.freeBytes = 0;
  }
}
