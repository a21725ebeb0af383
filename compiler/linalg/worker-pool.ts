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

/** Post one job to a pool worker; resolves when it answers {ok: true}, rejects on failure or a worker error. */
export function runOnWorker(w: Worker, message: unknown, label: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onMessage = (m: { ok: boolean; error?: string }): void => {
      w.off('error', onError);
      if (m.ok) resolve();
      else reject(new Error(`${label} worker failed: ${m.error ?? 'unknown'}`));
    };
    const onError = (e: Error): void => {
      w.off('message', onMessage);
      reject(e);
    };
    w.once('message', onMessage);
    w.once('error', onError);
    w.postMessage(message);
  });
}
