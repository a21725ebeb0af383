/**
 * Second-core help for cache-blocked stages: one worker thread shares the state (SharedArrayBuffer)
 * and takes chunks of each stage from a shared counter while the main thread takes the others.
 *
 * The hand-off cannot deadlock and never waits on a worker that is not there: for each stage the
 * worker must *join* (compare-and-swap 0 → 1) before taking chunks; when the main thread has run out
 * of chunks it *closes* the stage (0 → 2). If the close fails, the worker joined and the main thread
 * waits for its "done" flag; otherwise the main thread did the whole stage alone. The worker only
 * starts stage s after the main thread has published that stages < s are complete.
 * The worker's code is the kernels' own source text (why kernels.ts imports nothing).
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import {
  kApplyOps, kBits, kDense, kDiag, kGrab, kMakeScratch, kOpArgs, kPerm, kPhase, kRunStage, kStageChunks, kU2, kWorkerMain,
  type Amplitudes, type RunMessage, type Scratch, type Stage, type WasmModule,
} from './kernels.js';

/** Every function a worker needs, rebuilt there from source text. */
const WORKER_FUNCTIONS: readonly ((...args: never[]) => unknown)[] = [
  kBits, kU2, kPerm, kPhase, kDiag, kDense, kOpArgs, kApplyOps, kMakeScratch, kStageChunks, kGrab, kRunStage, kWorkerMain,
];

// Control words: [0] = stages the main thread has completed; per stage s: next chunk, join flag, worker done.
const NEXT = (s: number): number => 1 + 3 * s;
const JOIN = (s: number): number => 2 + 3 * s;
const DONE = (s: number): number => 3 + 3 * s;

function workerSource(): string {
  return [
    ...WORKER_FUNCTIONS.map((f) => f.toString()),
    "const { parentPort } = require('node:worker_threads');",
    'kWorkerMain(parentPort);',
  ].join('\n');
}

/** A main thread plus one worker running cache-blocked stages together. */
export class ParallelPool {
  private readonly worker: Worker;
  /** Stages run, and how many of them the worker joined (the worker needs a moment to start). */
  readonly stats = { stages: 0, joined: 0 };
  /** Set when the worker died; the pool is then not used again. */
  failed = false;

  constructor() {
    // The source is CommonJS: the worker must not inherit flags such as --input-type=module.
    this.worker = new Worker(workerSource(), { eval: true, execArgv: [] });
    // The pool must never keep the process alive.
    this.worker.unref();
    // A worker that fails to start never joins a stage (the main thread then does all the work);
    // its error must not become an uncaught exception here.
    this.worker.on('error', () => {
      this.failed = true;
    });
  }

  /**
   * Run every stage on the shared state `data` (2^n amplitudes); `scratch` is the main thread's
   * chunk buffer, `wasm` the SIMD module the worker should use (null: JS kernels).
   */
  runStages(data: Amplitudes, n: number, stages: readonly Stage[], scratch: Scratch, wasm: WasmModule | null, onStage?: (done: number, total: number) => void): void {
    const ctrl = new Int32Array(new SharedArrayBuffer(4 * (1 + 3 * stages.length)));
    const msg: RunMessage = { buffer: data.buffer as SharedArrayBuffer, single: data instanceof Float32Array, n, stages, ctrl, wasm };
    this.worker.postMessage(msg);
    for (let s = 0; s < stages.length; s++) {
      const stage = stages[s]!;
      const k = stage.local.length;
      if (k === n) {
        kApplyOps(data, 1 << n, stage.ops, null);
      } else {
        const total = kStageChunks(n, stage), grab = kGrab(total);
        for (;;) {
          const c = Atomics.add(ctrl, NEXT(s), grab);
          if (c >= total) break;
          kRunStage(data, n, stage, scratch, c, Math.min(total, c + grab));
        }
        this.stats.stages++;
        if (Atomics.compareExchange(ctrl, JOIN(s), 0, 2) === 1) {
          this.stats.joined++;
          while (Atomics.load(ctrl, DONE(s)) === 0) Atomics.wait(ctrl, DONE(s), 0, 50);
          if (Atomics.load(ctrl, DONE(s)) === 2) throw new Error('simulator worker thread failed (a bug; its error is on stderr)');
        }
      }
      Atomics.store(ctrl, 0, s + 1);
      Atomics.notify(ctrl, 0);
      onStage?.(s + 1, stages.length);
    }
  }

  /** Stop the worker (tests; the process exits without this because the worker is unref'd). */
  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

let pool: ParallelPool | undefined;
let unavailable = false;

/** The shared pool, or undefined on a single-core machine or where workers cannot start. */
export function parallelPool(): ParallelPool | undefined {
  if (pool?.failed) {
    pool = undefined;
    unavailable = true;
  }
  if (pool !== undefined || unavailable) return pool;
  if (availableParallelism() < 2) {
    unavailable = true;
    return undefined;
  }
  try {
    pool = new ParallelPool();
  } catch {
    unavailable = true;
  }
  return pool;
}
