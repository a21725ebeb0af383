/**
 * Applies compiled ops to a state: directly when the state fits in cache, else in cache-blocked
 * stages (blocking.ts), split across worker threads when the state is large enough for that to win.
 */
import { kApplyOps, kMakeScratch, kRunStage, type Op, type Scratch, type WasmApi, type WasmModule } from './kernels.js';
import { wasmKernelBytes } from './wasm.js';
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
  /** 'auto' (default) uses the WebAssembly SIMD dense kernel where available; 'js' only the JS kernels. */
  readonly kernels?: 'auto' | 'js';
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

const scratches: { simd: Scratch | null; js: Scratch | null } = { simd: null, js: null };

/** The main thread's chunk buffer of at least 2^K amplitudes. */
function scratchFor(K: number, kernels: 'auto' | 'js'): Scratch {
  const mod = kernels === 'js' ? null : simdModule();
  if (mod === null) return (scratches.js = kMakeScratch(K, null, scratches.js));
  return (scratches.simd = kMakeScratch(K, mod, scratches.simd));
}

/** Few ops on a small state are not worth copying it into the SIMD kernel's memory. */
const SMALL_STATE_MIN_OPS = 3;

/** Apply ops to the interleaved state `data` of n qubits, in place. */
export function applyOps(data: Float64Array, n: number, ops: readonly Op[], options: EngineOptions = {}): void {
  if (ops.length === 0) return;
  const K = Math.min(options.blockQubits ?? BLOCK_QUBITS, n);
  const kernels = options.kernels ?? 'auto';
  if (n <= K) {
    const scratch = ops.length >= SMALL_STATE_MIN_OPS ? scratchFor(n, kernels) : undefined;
    if (scratch === undefined || scratch.w === null) {
      kApplyOps(data, 1 << n, ops, null);
      return;
    }
    const view = scratch.buf.subarray(0, 2 << n);
    view.set(data);
    kApplyOps(view, 1 << n, ops, scratch.w);
    data.set(view);
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
  const scratch = scratchFor(K, kernels);
  if (pool !== undefined) {
    pool.runStages(data, n, stages, scratch, kernels === 'js' ? null : simdModule());
    return;
  }
  for (const stage of stages) {
    if (stage.local.length === n) kApplyOps(data, 1 << n, stage.ops, null);
    else kRunStage(data, n, stage, scratch, 0, 1 << (n - stage.local.length));
  }
}
