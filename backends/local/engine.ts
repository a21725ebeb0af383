/**
 * Applies compiled ops to a state: directly when the state fits in cache, else in cache-blocked
 * stages (blocking.ts), split across worker threads when the state is large enough for that to win.
 */
import type { Progress } from '../../compiler/progress.js';
import { kApplyOps, kMakeScratch, kRunStage, kStageChunks, type Amplitudes, type Op, type Scratch, type WasmApi, type WasmModule } from './kernels.js';
import { wasmKernelBytes } from './wasm.js';
import { planStages } from './blocking.js';
import { parallelPool } from './parallel.js';

/**
 * Bytes of one cache-blocked chunk: 2^15 double-precision amplitudes = 512 KiB, half the 1 MiB L2
 * of this machine's cores (measured best among 13–17 qubits with bench/simulator.ts). Single
 * precision gets one more local qubit for the same bytes.
 */
const BLOCK_BYTES = 16 << 15;

/** Local qubits per stage in double precision (single precision: one more). */
export const BLOCK_QUBITS = 15;

/** Smallest state that is split across threads (below it, thread hand-off costs more than it saves). */
export const PARALLEL_MIN_QUBITS = 18;

/** How to run: thread use can be forced off (tests compare both paths). */
export interface EngineOptions {
  /** 'auto' (default) uses worker threads above PARALLEL_MIN_QUBITS when the state is shared memory. */
  readonly threads?: 'auto' | 'off' | 'on';
  /** Local qubits per stage (default: 512 KiB of amplitudes, 15 in double and 16 in single precision). */
  readonly blockQubits?: number;
  /** 'auto' (default) uses the WebAssembly SIMD kernels where available; 'js' only the JS kernels. */
  readonly kernels?: 'auto' | 'js';
  /** Called after each cache-blocked stage of a large state ('simulate', stages done of total). */
  readonly progress?: Progress;
}

let wasmModule: WasmModule | null | undefined;

/** The compiled SIMD kernel module, or null where WebAssembly SIMD is unavailable. */
export function simdModule(): WasmModule | null {
  if (wasmModule === undefined) {
    try {
      wasmModule = new (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly.Module(wasmKernelBytes());
    } catch {
      wasmModule = null;
    }
  }
  return wasmModule;
}

/** The main thread's chunk buffers, by kernel choice and precision. */
const scratches = new Map<string, Scratch>();

function scratchFor(K: number, kernels: 'auto' | 'js', single: boolean): Scratch {
  const mod = kernels === 'js' ? null : simdModule();
  const key = `${mod === null ? 'js' : 'simd'}:${single ? 's' : 'd'}`;
  const s = kMakeScratch(K, mod, scratches.get(key) ?? null, single);
  scratches.set(key, s);
  return s;
}

/** Few ops on a small state are not worth copying it into the SIMD kernels' memory. */
const SMALL_STATE_MIN_OPS = 3;

/** Apply ops to the interleaved state `data` of n qubits (double or single precision), in place. */
export function applyOps(data: Amplitudes, n: number, ops: readonly Op[], options: EngineOptions = {}): void {
  if (ops.length === 0) return;
  const single = data instanceof Float32Array;
  const K = Math.min(options.blockQubits ?? Math.log2(BLOCK_BYTES / (single ? 8 : 16)), n);
  const kernels = options.kernels ?? 'auto';
  if (n <= K) {
    const scratch = ops.length >= SMALL_STATE_MIN_OPS ? scratchFor(n, kernels, single) : undefined;
    if (scratch === undefined || scratch.w === null) {
      kApplyOps(data, 2 ** n, ops, null);
      return;
    }
    const view = scratch.buf.subarray(0, 2 << n);
    view.set(data);
    kApplyOps(view, 2 ** n, ops, scratch.w);
    data.set(view);
    return;
  }
  const threads = options.threads ?? 'auto';
  const shared = data.buffer instanceof SharedArrayBuffer;
  if (threads === 'on' && !shared) {
    // Forced threads on private memory (tests): run on a shared copy.
    const copy = single ? new Float32Array(new SharedArrayBuffer(data.byteLength)) : new Float64Array(new SharedArrayBuffer(data.byteLength));
    copy.set(data);
    applyOps(copy, n, ops, options);
    data.set(copy);
    return;
  }
  const pool = shared && (threads === 'on' || (threads === 'auto' && n >= PARALLEL_MIN_QUBITS)) ? parallelPool() : undefined;
  const stages = planStages(ops, n, K);
  const scratch = scratchFor(K, kernels, single);
  const progress = options.progress;
  const report = progress === undefined ? undefined : (done: number, total: number): void => progress({ stage: 'simulate', done, total });
  if (pool !== undefined) {
    pool.runStages(data, n, stages, scratch, kernels === 'js' ? null : simdModule(), report);
    return;
  }
  for (const [s, stage] of stages.entries()) {
    if (stage.local.length === n) kApplyOps(data, 2 ** n, stage.ops, null);
    else kRunStage(data, n, stage, scratch, 0, kStageChunks(n, stage));
    report?.(s + 1, stages.length);
  }
}
