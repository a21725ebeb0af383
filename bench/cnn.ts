/**
 * `npm run bench -- cnn`: the convolutional NTK (the paper's 96-layer Myrtle-style network).
 * Per image pair at 28×28 and 14×14: the plain-JS kernel and the WebAssembly SIMD kernel on one
 * thread (CPU time, so other load on the machine does not inflate it), then both cores through
 * cnnKernelMatrices; operations per second beside the machine's limits; and how far up in n the
 * paper's table (1 vs 0, 256 test points, one trial) fits in 10 minutes at the measured rate.
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { CnnWorkspace, pairKernel, selfFeatures } from '../compiler/ntk/cnn-kernel.js';
import { cnnKernelMatrices, simdModule, type ImageSet } from '../compiler/ntk/cnn-gram.js';
import { cnnPlan, reluEvaluationsPerPair, type CnnPlan } from '../compiler/ntk/cnn-plan.js';
import { cnnImages } from '../compiler/ntk/cnn.js';
import { mnistSource } from '../compiler/ntk/dataset.js';
import { createRandom } from '../compiler/linalg/random.js';
import type { BenchSuite } from './suite.js';

/**
 * Floating-point operations per tracked pixel pair per layer, counted from the SIMD kernel: two
 * separable 3×3 box sums and scaling (≈ 16), the ReLU map with acos by the rational approximation
 * (≈ 48, of which one ÷ and two √; compares and selects counted as operations).
 */
const FLOPS_PER_ENTRY = 64;

function cpuMs(start: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1000;
}

/** Median CPU milliseconds per pair over `pairs` pairs of distinct images (features precomputed). */
function perPair(plan: CnnPlan, images: ImageSet, simd: boolean, pairs: number): { ms: number; values: number[] } {
  const module = simd ? simdModule() : undefined;
  if (simd && module === undefined) throw new Error('WebAssembly SIMD is not available');
  const ws = new CnnWorkspace(plan, module);
  const px = images.side * images.side;
  const feats = Array.from({ length: images.count }, (_, i) => selfFeatures(ws, images.data.subarray(i * px, (i + 1) * px)));
  const times: number[] = [], values: number[] = [];
  for (let p = 0; p < pairs; p++) {
    const t = process.cpuUsage();
    values.push(pairKernel(ws, feats[p % images.count]!, feats[(p + 1) % images.count]!));
    times.push(cpuMs(t));
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, values };
}

/** Pair evaluations of one n of the table: base n = 16 kernel excluded (once per run). */
function pairsForN(n: number, test: number): number {
  return n + (n * (n - 1)) / 2 + (n + test) + n * test; // self + Gram + (cross: self again + pairs)
}

export const cnnSuite: BenchSuite = {
  name: 'cnn',
  describe: 'convolutional NTK per image pair (28×28, 14×14; JS vs WebAssembly SIMD; both cores) and the reachable n in 10 minutes',
  async run(log) {
    const load0 = loadavg();
    const cores = availableParallelism();
    const ghz = (cpus()[0]?.speed ?? 0) / 1000;
    log(`machine: ${cores} cores, ${cpus()[0]?.model ?? '?'}${ghz > 0 ? ` @ ${ghz.toFixed(2)} GHz (reported)` : ''}; load average at start ${load0.map((v) => v.toFixed(2)).join(' ')}`);
    const { train } = mnistSource([1, 0]).draw(4, 1, createRandom(7));
    const results: Record<string, unknown>[] = [];
    for (const side of [28, 14] as const) {
      const plan = cnnPlan(side);
      const images = cnnImages(train, side);
      const entries = reluEvaluationsPerPair(plan);
      const naive = plan.stages.reduce((a, s) => a + s.convs * (s.size * s.size) ** 2, 0);
      const pairs = side === 28 ? 5 : 40;
      const js = perPair(plan, images, false, side === 28 ? 3 : 20);
      const simd = perPair(plan, images, true, pairs);
      const agree = Math.max(...simd.values.slice(0, js.values.length).map((v, i) => Math.abs(v - js.values[i]!) / Math.abs(js.values[i]!)));
      // Both cores: a small Gram + cross block, wall time per pair evaluation.
      const n = side === 28 ? 6 : 12, m = side === 28 ? 4 : 12;
      const set = mnistSource([1, 0]).draw(n / 2, m / 2, createRandom(11));
      const t0 = performance.now(), c0 = process.cpuUsage();
      await cnnKernelMatrices(cnnImages(set.train, side), cnnImages(set.test, side), {});
      const wall = performance.now() - t0, cpu = cpuMs(c0); // process-wide: all threads
      const evals = n + m + (n * (n - 1)) / 2 + n * m;
      const parallelMs = wall / evals;
      const idleMs = cpu / evals / cores; // what idle cores would give: CPU time shared evenly
      const rate = entries / (simd.ms / 1000);
      const row = {
        side, stage1Radius: plan.stages[0]!.radius, reluEntriesPerPair: entries, naiveEntriesPerPair: naive,
        msPerPairJs: js.ms, msPerPairSimd: simd.ms, simdSpeedup: js.ms / simd.ms, relativeDifference: agree,
        msPerPairBothCores: parallelMs, msPerPairIdleCores: idleMs, entriesPerSecondOneCore: rate, gflopsOneCore: (rate * FLOPS_PER_ENTRY) / 1e9,
      };
      results.push(row);
      log(`${side}×${side}: ${(entries / 1e6).toFixed(2)} M ReLU-map entries per pair (all 784²-style pixel pairs would be ${(naive / 1e6).toFixed(2)} M)`);
      log(`  one core, CPU time per pair: JS ${js.ms.toFixed(1)} ms, SIMD ${simd.ms.toFixed(1)} ms (${(js.ms / simd.ms).toFixed(2)}×; results agree to ${agree.toExponential(1)})`);
      log(`  SIMD rate: ${(rate / 1e6).toFixed(1)} M entries/s ≈ ${((rate * FLOPS_PER_ENTRY) / 1e9).toFixed(1)} G floating-point ops/s per core (${FLOPS_PER_ENTRY} per entry)`);
      log(`  ${cores} cores through cnnKernelMatrices (${evals} pair evaluations): ${parallelMs.toFixed(1)} ms wall per pair under the present load; ${idleMs.toFixed(1)} ms if the ${cores} cores were idle (CPU time ÷ ${cores})`);
    }
    // Limits (Zen 4): four FP pipes take 128-bit f64x2 operations (no FMA in wasm SIMD): ≤ 8 flops per
    // cycle, less for ÷ and √ (one pipe, several cycles each); native AVX-512 FMA peaks at 16.
    const clock = ghz > 0 ? ghz : 2.6;
    log(`limits per core at ${clock.toFixed(2)} GHz: wasm SIMD (f64x2, no FMA) ≤ ${(8 * clock).toFixed(1)} G ops/s; native AVX-512 FMA ≤ ${(16 * clock).toFixed(1)} GFLOP/s`);

    const table: Record<string, unknown>[] = [];
    for (const side of [28, 14] as const) for (const mode of ['present load', 'idle cores'] as const) {
      const row = results.find((r) => r.side === side)!;
      const ms = (mode === 'idle cores' ? row.msPerPairIdleCores : row.msPerPairBothCores) as number;
      let cumulative = ((16 + 120) * ms) / 1000, reach = 0; // the base n = 16 kernel first
      const lines: string[] = [];
      for (const n of [16, 32, 64, 128, 256, 512]) {
        const s = (pairsForN(n, 256) * ms) / 1000;
        cumulative += s;
        lines.push(`n=${n} ${s.toFixed(0)} s`);
        if (cumulative <= 600) reach = n;
      }
      table.push({ side, mode, secondsPerPair: ms / 1000, reachableN: reach });
      log(`table 1 vs 0 (256 test points, 1 trial) at ${side}×${side}, ${mode}: ${lines.join(', ')} → up to n = ${reach || 'none (n = 16 alone exceeds it)'} in 10 minutes`);
    }
    const load1 = loadavg();
    log(`load average at end ${load1.map((v) => v.toFixed(2)).join(' ')} (other helpers share these ${cores} cores; CPU-time figures are per core and do not include waiting)`);
    return { cores, loadStart: load0, loadEnd: load1, kernel: results, tenMinutes: table };
  },
};
