/**
 * A lazily grown pool of eval'd worker threads for the two-core numerical kernels (Gram matrices,
 * convolutional-NTK planes). A runtime that cannot start workers gets an empty pool, and callers
 * then do all the work on the calling thread.
 */
import { Worker } from 'node:worker_threads';

/** Returns `count` workers running `source` (fewer, possibly none, if workers cannot start). */
export function workerPool(source: string): (count: number) => Worker[] {
  const pool: Worker[] = [];
  let broken = false;
  return (count) => {
    if (broken || count <= 0) return [];
    try {
      while (pool.length < count) {
        // execArgv: [] so a parent started with --input-type=module does not make the eval'd CommonJS an ES module.
        const w = new Worker(source, { eval: true, execArgv: [] });
        w.unref();
        pool.push(w);
      }
    } catch {
      broken = true;
      return [];
    }
    return pool.slice(0, count);
  };
}
