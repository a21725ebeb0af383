/**
 * Applies compiled ops to a state: directly when the state fits in cache, else in cache-blocked
 * stages (blocking.ts), split across worker threads when the state is large enough for that to win.
 */
import { kApplyOps, kRunStage, type Op } from './kernels.js';
import { planStages } from './blocking.js';
import { parallelPool } from './parallel.js';

/**
 * Local qubits per cache-blocked stage: 2^15 amplitudes × 16 B = 512 KiB, half the 1 MiB L2 of
 * this machine's cores (measured best among 13–17 with bench/simulator.ts).
 */
export const BLOCK_QUBITS = 15;

/** Smallest state that is split across threads (below it, thread hand-off costs more than it saves). */
export const PARALLEL_MIN_QUBITS = 18;

/** How to run: thread use can be forced off (tests compare both paths). */
export interface EngineOptions {
  /** 'auto' (default) uses worker threads above PARALLEL_MIN_QUBITS when the state is shared memory. */
  readonly threads?: 'auto' | 'off' | 'on';
  /** Local qubits per stage (default BLOCK_QUBITS). */
  readonly blockQubits?: number;
}

let scratch: Float64Array | undefined;

function scratchFor(K: number): Float64Array {
  if (scratch === undefined || scratch.length < 2 << K) scratch = new Float64Array(2 << K);
  return scratch;
}

/** Apply ops to the interleaved state `data` of n qubits, in place. */
export function applyOps(data: Float64Array, n: number, ops: readonly Op[], options: EngineOptions = {}): void {
  if (ops.length === 0) return;
  const K = Math.min(options.blockQubits ?? BLOCK_QUBITS, n);
  if (n <= K) {
    kApplyOps(data, 1 << n, ops);
    return;
  }
  const threads = options.threads ?? 'auto';
  const shared = data.buffer instanceof SharedArrayBuffer;
  if (threads === 'on' && !shared) {
    // Forced threads on private memory (tests): run on a shared copy.
    const copy = new Float64Array(new SharedArrayBuffer(data.byteLength));
    copy.set(data);
    applyOps(copy, n, ops, options);
    data.set(copy);
    return;
  }
  const pool = shared && (threads === 'on' || (threads === 'auto' && n >= PARALLEL_MIN_QUBITS)) ? parallelPool() : undefined;
  const stages = planStages(ops, n, K);
  const buf = scratchFor(K);
  if (pool !== undefined) {
    pool.runStages(data, n, stages, buf);
    return;
  }
  for (const stage of stages) {
    if (stage.local.length === n) kApplyOps(data, 1 << n, stage.ops);
    else kRunStage(data, n, stage, buf, 0, 1 << (n - stage.local.length));
  }
}
