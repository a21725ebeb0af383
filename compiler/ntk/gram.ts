/**
 * NTK Gram matrices: inner products x_i·x_j (dots.ts) and the kernel map ρ ↦ K(ρ) (kernels.ts),
 * on both cores when the work pays for a worker. Work is cut into row chunks of equal cost and
 * handed out through an atomic counter in a SharedArrayBuffer, so a core slowed by other load
 * simply takes fewer chunks. Symmetric Grams compute and map only the lower triangle, then mirror.
 */
import { availableParallelism } from 'node:os';
import type { Progress } from '../progress.js';
import { silent } from '../progress.js';
import { rowDots, wasmRowDots, type WasmTileExports } from './dots.js';
import { dotsWasmBytes } from './dots-wasm.js';
import { applyNtkInPlace, erfLayerTable, validateSpec, type FcKernelSpec } from './kernels.js';
import { runOnWorker, workerPool } from '../linalg/worker-pool.js';

/** Rows of a row-major matrix: n rows of d features. */
export interface RowMatrix {
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;
}

export interface GramOptions {
  /** Apply this kernel to every inner product; omitted → the plain inner products ρ. */
  readonly kernel?: FcKernelSpec;
  /** Threads to use (default: all cores); 1 keeps everything on the calling thread. */
  readonly threads?: number;
  /** Use the WebAssembly SIMD tile kernel when the runtime has it (default true). */
  readonly simd?: boolean;
  readonly progress?: Progress;
}

interface Job {
  a: Float64Array;
  b: Float64Array;
  out: Float64Array;
  d: number;
  ldc: number;
  jCount: number;
  lower: boolean;
  dots: boolean;
  kind: number;
  depth: number;
  dim: number;
  table: Float64Array;
  bounds: Int32Array;
  /** Bytes of the SIMD tile module, or null for the scalar kernel. */
  wasm: Uint8Array | null;
}

/**
 * One chunk of rows: inner products and/or the kernel map. Self-contained (its helpers come in as
 * arguments, not imports) because workers receive its source text.
 */
function runChunk(job: Job, c: number, dots: typeof rowDots, apply: typeof applyNtkInPlace): void {
  const i0 = job.bounds[c]!, i1 = job.bounds[c + 1]!;
  if (job.dots) dots(job.a, job.b, job.d, job.out, job.ldc, i0, i1, job.jCount, job.lower);
  if (job.depth >= 0) {
    for (let i = i0; i < i1; i++) {
      const start = i * job.ldc;
      apply(job.out, start, start + (job.lower ? i + 1 : job.jCount), job.kind, job.depth, job.dim, job.table);
    }
  }
}

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
${rowDots.toString()}
${wasmRowDots.toString()}
${applyNtkInPlace.toString()}
${runChunk.toString()}
let tileInstance = null;
parentPort.on('message', (m) => {
  try {
    const a = new Float64Array(m.a);
    const job = { ...m, a, b: m.b === m.a ? a : new Float64Array(m.b), out: new Float64Array(m.out),
      table: new Float64Array(m.table), bounds: new Int32Array(m.bounds) };
    let dots = rowDots;
    if (job.dots && m.wasm) {
      tileInstance ??= new WebAssembly.Instance(new WebAssembly.Module(m.wasm), {});
      dots = wasmRowDots(tileInstance.exports, job.a, job.b, job.d);
    }
    const counter = new Int32Array(m.counter);
    const chunks = job.bounds.length - 1;
    for (;;) { const c = Atomics.add(counter, 0, 1); if (c >= chunks) break; runChunk(job, c, dots, applyNtkInPlace); Atomics.add(counter, 1, 1); }
    parentPort.postMessage({ ok: true });
  } catch (e) { parentPort.postMessage({ ok: false, error: String(e && e.stack || e) }); }
});
`;

interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

const TILE_BYTES = dotsWasmBytes();
let mainTile: WasmTileExports | null | undefined;

/** The SIMD tile kernel on the calling thread; null when the runtime lacks WebAssembly SIMD. */
function tileKernel(): WasmTileExports | null {
  if (mainTile === undefined) {
    try {
      const api = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
      mainTile = new api.Instance(new api.Module(TILE_BYTES), {}).exports as WasmTileExports;
    } catch {
      mainTile = null;
    }
  }
  return mainTile;
}

const workers = workerPool(WORKER_SOURCE);

function shared(src: Float64Array): Float64Array {
  if (src.buffer instanceof SharedArrayBuffer) return src;
  const out = new Float64Array(new SharedArrayBuffer(src.length * 8));
  out.set(src);
  return out;
}

/** Row boundaries that split rows [0, n) into `chunks` pieces of about equal cost. */
function rowBounds(n: number, chunks: number, lower: boolean): Int32Array {
  const b = new Int32Array(chunks + 1);
  const total = lower ? (n * (n + 1)) / 2 : n;
  let row = 0;
  for (let c = 1; c < chunks; c++) {
    const target = (total * c) / chunks;
    while (row < n && (lower ? ((row + 1) * (row + 2)) / 2 : row + 1) <= target) row++;
    b[c] = Math.max(row, b[c - 1]!);
  }
  b[chunks] = n;
  return b;
}

/** Jobs share the worker pool, so they run one at a time (a worker answers one job per message). */
let queue: Promise<unknown> = Promise.resolve();

function execute(job: Job, threads: number, progress: Progress, stage: string): Promise<void> {
  const run = queue.then(() => executeNow(job, threads, progress, stage));
  queue = run.catch(() => undefined);
  return run;
}

async function executeNow(job: Job, threads: number, progress: Progress, stage: string): Promise<void> {
  const rows = job.bounds.length - 1;
  const counter = new Int32Array(new SharedArrayBuffer(8));
  const helpers = threads > 1 ? workers(threads - 1) : [];
  // Workers build their own instance from the bytes; all threads use SIMD or none does.
  const tile = job.dots && job.wasm ? tileKernel() : null;
  const dots = tile ? wasmRowDots(tile, job.a, job.b, job.d) : rowDots;
  const pending = helpers.map((w) =>
    runOnWorker(w, { ...job, wasm: tile ? job.wasm : null, a: job.a.buffer, b: job.b.buffer, out: job.out.buffer, table: job.table.buffer, bounds: job.bounds.buffer, counter: counter.buffer }, 'gram'),
  );
  for (;;) {
    const c = Atomics.add(counter, 0, 1);
    if (c >= rows) break;
    runChunk(job, c, dots, applyNtkInPlace);
    const done = Atomics.add(counter, 1, 1) + 1;
    progress({ stage, done, total: rows });
  }
  await Promise.all(pending);
  progress({ stage, done: rows, total: rows });
}

function plan(n: number, work: number, threads: number | undefined): { threads: number; chunks: number } {
  const t = Math.max(1, Math.min(threads ?? availableParallelism(), 16));
  // A worker costs a few ms to wake; below ~2·10⁷ operations one thread is faster.
  const use = work < 2e7 ? 1 : t;
  return { threads: use, chunks: Math.max(1, Math.min(n, use === 1 ? 8 : 48)) };
}

function kernelFields(spec: FcKernelSpec | undefined): Pick<Job, 'kind' | 'depth' | 'dim' | 'table'> {
  if (!spec) return { kind: 0, depth: -1, dim: 1, table: new Float64Array(0) };
  validateSpec(spec);
  const table = spec.kind === 'erf' ? erfLayerTable(spec.depth, spec.dim) : new Float64Array(0);
  return { kind: spec.kind === 'erf' ? 0 : 1, depth: spec.depth, dim: spec.dim, table: shared(table) };
}

function mirrorLower(out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out[i * n + j] = out[j * n + i]!;
}

/** Symmetric n×n matrix of K(x_i·x_j) (or x_i·x_j without a kernel), row-major. */
export async function gramMatrix(x: RowMatrix, options: GramOptions = {}): Promise<Float64Array> {
  const n = x.rows, d = x.cols;
  const depth = options.kernel?.depth ?? 0;
  const { threads, chunks } = plan(n, (n * n * (d + 30 * depth)) / 2, options.threads);
  const a = threads > 1 ? shared(x.data) : x.data;
  const out = threads > 1 ? new Float64Array(new SharedArrayBuffer(n * n * 8)) : new Float64Array(n * n);
  const job: Job = { a, b: a, out, d, ldc: n, jCount: n, lower: true, dots: true, ...kernelFields(options.kernel), bounds: rowBounds(n, chunks, true), wasm: options.simd === false ? null : TILE_BYTES };
  await execute(job, threads, options.progress ?? silent, 'gram');
  mirrorLower(out, n);
  return out;
}

/** m×n matrix of K(a_i·b_j) (or a_i·b_j), row-major: the test-versus-train cross kernel. */
export async function crossMatrix(a: RowMatrix, b: RowMatrix, options: GramOptions = {}): Promise<Float64Array> {
  if (a.cols !== b.cols) throw new RangeError(`crossMatrix: ${a.cols} vs ${b.cols} features`);
  const m = a.rows, n = b.rows, d = a.cols;
  const depth = options.kernel?.depth ?? 0;
  const { threads, chunks } = plan(m, m * n * (d + 30 * depth), options.threads);
  const out = threads > 1 ? new Float64Array(new SharedArrayBuffer(m * n * 8)) : new Float64Array(m * n);
  const job: Job = {
    a: threads > 1 ? shared(a.data) : a.data, b: threads > 1 ? shared(b.data) : b.data, out, d, ldc: n, jCount: n,
    lower: false, dots: true, ...kernelFields(options.kernel), bounds: rowBounds(m, chunks, false), wasm: options.simd === false ? null : TILE_BYTES,
  };
  await execute(job, threads, options.progress ?? silent, 'cross kernel');
  return out;
}

/** Map every entry of a symmetric n×n matrix of inner products through the kernel, in place. */
export async function applyKernelSymmetric(rho: Float64Array, n: number, kernel: FcKernelSpec, options: Omit<GramOptions, 'kernel'> = {}): Promise<Float64Array> {
  const { threads, chunks } = plan(n, (n * n * 30 * kernel.depth) / 2, options.threads);
  const out = threads > 1 ? shared(rho) : rho;
  const empty = new Float64Array(0);
  const job: Job = { a: empty, b: empty, out, d: 0, ldc: n, jCount: n, lower: true, dots: false, ...kernelFields(kernel), bounds: rowBounds(n, chunks, true), wasm: null };
  await execute(job, threads, options.progress ?? silent, 'kernel');
  mirrorLower(out, n);
  if (out !== rho) rho.set(out);
  return rho;
}
