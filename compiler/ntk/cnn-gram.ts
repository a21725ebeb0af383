/**
 * Convolutional NTK matrices (training Gram and test-versus-train) on both cores. Each image's own
 * variances are computed once (phase 1: one self pass per image), then every pair reuses them
 * (phase 2). Work items are handed out through an atomic counter in a SharedArrayBuffer, so a core
 * slowed by other load simply takes fewer items; workers receive the kernel as source text.
 * @see arXiv:2107.09200 (CNN experiments); cnn-kernel.ts for the per-pair algorithm
 */
import { availableParallelism } from 'node:os';
import { silent, type Progress } from '../progress.js';
import { cnnPlan, reluEvaluationsPerPair, type CnnArchitecture, type CnnPlan } from './cnn-plan.js';
import { cnnWasmBytes } from './cnn-wasm.js';
import { CnnWorkspace, cnnKernelSource, pairKernel, selfFeatures, type CnnImageFeatures, type CnnWasmModule, type WasmJsApi } from './cnn-kernel.js';
import { runOnWorker, workerPool } from '../linalg/worker-pool.js';

export interface CnnKernelOptions {
  readonly architecture?: CnnArchitecture;
  /** Threads (default: all cores when the work is worth it; 1 keeps everything on this thread). */
  readonly threads?: number;
  readonly progress?: Progress;
  /** Compute the training Gram's off-diagonal pairs (default true). With false only the cross kernel is wanted and `gram` holds just its diagonal K(x_i, x_i). */
  readonly trainPairs?: boolean;
  /** Use the WebAssembly SIMD plane kernel (default true when the runtime supports it). */
  readonly simd?: boolean;
}

/** Square images, row-major, `count` of them with `side`² pixels each. */
export interface ImageSet {
  readonly data: Float64Array;
  readonly count: number;
  readonly side: number;
}

export interface CnnKernelMatrices {
  /** n×n training Gram, row-major, symmetric. */
  readonly gram: Float64Array;
  /** m×n test-versus-train kernel, row-major. */
  readonly cross: Float64Array;
  /** K(x*, x*) for each test image. */
  readonly testSelf: Float64Array;
  readonly plan: CnnPlan;
}

interface Job {
  phase: number; // 0: self features of every image; 1: pairs
  imgs: Float64Array;
  feats: Float64Array;
  pairs: Int32Array;
  out: Float64Array;
  pixels: number;
  featureLen: number;
  stageSizes: Int32Array;
}

/** Features of image i as views into the shared feature table. Self-contained (sent as source). */
function featuresAt(job: Job, i: number): CnnImageFeatures {
  const base = i * job.featureLen, diags: Float64Array[] = [];
  let o = base;
  for (let k = 0; k < job.stageSizes.length; k++) {
    const len = job.stageSizes[k]! * job.stageSizes[k]!;
    diags.push(job.feats.subarray(o, o + len));
    o += len;
  }
  return { x: job.imgs.subarray(i * job.pixels, (i + 1) * job.pixels), stageDiagonals: diags, flatVariance: job.feats[o]!, selfKernel: job.feats[o + 1]! };
}

/**
 * One work item: a self pass (phase 0) or a pair (phase 1). Self-contained (sent as source): the
 * kernel functions come in as arguments because module imports are renamed by some loaders.
 */
function runItem(ws: CnnWorkspace, job: Job, c: number, self: typeof selfFeatures, pair: typeof pairKernel): void {
  if (job.phase === 0) {
    const f = self(ws, job.imgs.subarray(c * job.pixels, (c + 1) * job.pixels));
    let o = c * job.featureLen;
    for (const d of f.stageDiagonals) { job.feats.set(d, o); o += d.length; }
    job.feats[o] = f.flatVariance;
    job.feats[o + 1] = f.selfKernel;
  } else {
    job.out[c] = pair(ws, featuresAt(job, job.pairs[2 * c]!), featuresAt(job, job.pairs[2 * c + 1]!));
  }
}

const CNN_WASM = cnnWasmBytes();

const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
${cnnKernelSource()}
${featuresAt.toString()}
${runItem.toString()}
let ws, planKey;
parentPort.on('message', (m) => {
  try {
    if (m.planKey !== planKey) { ws = new CnnWorkspace(m.plan, m.wasm ? new WebAssembly.Module(m.wasm) : undefined); planKey = m.planKey; }
    const job = { phase: m.phase, imgs: new Float64Array(m.imgs), feats: new Float64Array(m.feats), pairs: new Int32Array(m.pairs),
      out: new Float64Array(m.out), pixels: m.pixels, featureLen: m.featureLen, stageSizes: new Int32Array(m.stageSizes) };
    const counter = new Int32Array(m.counter);
    for (;;) { const c = Atomics.add(counter, 0, 1); if (c >= m.items) break; runItem(ws, job, c, selfFeatures, pairKernel); Atomics.add(counter, 1, 1); }
    parentPort.postMessage({ ok: true });
  } catch (e) { parentPort.postMessage({ ok: false, error: String(e && e.stack || e) }); }
});
`;

let compiled: CnnWasmModule | null | undefined;

/** The SIMD plane kernel, compiled once; null when the runtime lacks WebAssembly SIMD. */
export function simdModule(): CnnWasmModule | undefined {
  if (compiled === undefined) {
    try {
      compiled = new (globalThis as unknown as { WebAssembly: WasmJsApi }).WebAssembly.Module(CNN_WASM);
    } catch {
      compiled = null;
    }
  }
  return compiled ?? undefined;
}

const workers = workerPool(WORKER_SOURCE);

function sharedF64(length: number, shared: boolean): Float64Array {
  return shared ? new Float64Array(new SharedArrayBuffer(length * 8)) : new Float64Array(length);
}

async function execute(ws: CnnWorkspace, job: Job, items: number, threads: number, report: (done: number) => void): Promise<void> {
  const counter = new Int32Array(new SharedArrayBuffer(8));
  const helpers = threads > 1 ? workers(threads - 1) : [];
  const planKey = JSON.stringify(ws.plan);
  const pending = helpers.map((w) =>
    runOnWorker(w, {
      phase: job.phase, imgs: job.imgs.buffer, feats: job.feats.buffer, pairs: job.pairs.buffer, out: job.out.buffer,
      pixels: job.pixels, featureLen: job.featureLen, stageSizes: job.stageSizes.buffer, counter: counter.buffer,
      items, plan: ws.plan, planKey: planKey + (ws.wasmPlane ? ':simd' : ':js'), wasm: ws.wasmPlane ? CNN_WASM : undefined,
    }, 'cnn kernel'),
  );
  for (;;) {
    const c = Atomics.add(counter, 0, 1);
    if (c >= items) break;
    runItem(ws, job, c, selfFeatures, pairKernel);
    report(Atomics.add(counter, 1, 1) + 1);
  }
  await Promise.all(pending);
  report(items);
}

/**
 * The training Gram (n×n) and the test-versus-train kernel (m×n) of the convolutional network.
 * Costs n + m self passes plus n(n−1)/2 + m·n pair passes of `reluEvaluationsPerPair(plan)` ReLU maps.
 */
export async function cnnKernelMatrices(train: ImageSet, test: ImageSet | undefined, options: CnnKernelOptions = {}): Promise<CnnKernelMatrices> {
  const side = train.side;
  if (test !== undefined && test.side !== side) throw new RangeError(`cnn: training images are ${side}×${side}, test images ${test.side}×${test.side}`);
  const plan = cnnPlan(side, options.architecture);
  const n = train.count, m = test?.count ?? 0, total = n + m, pixels = side * side;
  const lowerPairs = options.trainPairs === false ? 0 : (n * (n - 1)) / 2, numPairs = lowerPairs + m * n;
  const work = (total + numPairs) * reluEvaluationsPerPair(plan);
  const maxThreads = Math.max(1, Math.min(options.threads ?? availableParallelism(), 16));
  // Waking a worker costs tens of ms; below ~2·10⁷ ReLU maps (≈ 0.4 s) one thread is as fast.
  const threads = options.threads !== undefined ? maxThreads : work < 2e7 ? 1 : maxThreads;
  const shared = threads > 1;

  const imgs = sharedF64(total * pixels, shared);
  imgs.set(train.data.subarray(0, n * pixels), 0);
  if (test !== undefined) imgs.set(test.data.subarray(0, m * pixels), n * pixels);
  const stageSizes = new Int32Array(shared ? new SharedArrayBuffer(4 * plan.stages.length) : new ArrayBuffer(4 * plan.stages.length));
  plan.stages.forEach((s, k) => { stageSizes[k] = s.size; });
  const featureLen = plan.stages.reduce((a, s) => a + s.size * s.size, 0) + 2;
  const pairs = new Int32Array(shared ? new SharedArrayBuffer(8 * Math.max(numPairs, 1)) : new ArrayBuffer(8 * Math.max(numPairs, 1)));
  let c = 0;
  if (lowerPairs > 0) for (let i = 1; i < n; i++) for (let j = 0; j < i; j++) { pairs[c++] = i; pairs[c++] = j; }
  for (let t = 0; t < m; t++) for (let j = 0; j < n; j++) { pairs[c++] = n + t; pairs[c++] = j; }
  const job: Job = { phase: 0, imgs, feats: sharedF64(total * featureLen, shared), pairs, out: sharedF64(Math.max(numPairs, 1), shared), pixels, featureLen, stageSizes };

  const module = options.simd === false ? undefined : simdModule();
  const ws = new CnnWorkspace(plan, module);
  const progress = options.progress ?? silent;
  const stage = `cnn kernel ${side}×${side}`;
  await execute(ws, job, total, threads, (done) => progress({ stage, done, total: total + numPairs }));
  job.phase = 1;
  await execute(ws, job, numPairs, threads, (done) => progress({ stage, done: total + done, total: total + numPairs }));

  const selfAt = (i: number): number => job.feats[i * featureLen + featureLen - 1]!;
  const gram = new Float64Array(n * n);
  for (let i = 0; i < n; i++) gram[i * n + i] = selfAt(i);
  for (let p = 0; p < lowerPairs; p++) {
    const i = pairs[2 * p]!, j = pairs[2 * p + 1]!, v = job.out[p]!;
    gram[i * n + j] = v;
    gram[j * n + i] = v;
  }
  const cross = job.out.slice(lowerPairs, lowerPairs + m * n);
  const testSelf = new Float64Array(m);
  for (let t = 0; t < m; t++) testSelf[t] = selfAt(n + t);
  return { gram, cross, testSelf, plan };
}
