import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../compiler/linalg/random.js';
import { applyKernelSymmetric, crossMatrix, gramMatrix } from '../../../compiler/ntk/gram.js';
import { erfNtkReference, reluNtkReference } from '../../../compiler/ntk/kernels.js';

function randomRows(rows: number, cols: number, seed: number): Float64Array {
  const rng = createRandom(seed);
  const x = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let k = 0; k < cols; k++) s += (x[i * cols + k] = rng.normal()) ** 2;
    for (let k = 0; k < cols; k++) x[i * cols + k]! /= Math.sqrt(s);
  }
  return x;
}

function naiveDot(a: Float64Array, i: number, b: Float64Array, j: number, d: number): number {
  let s = 0;
  for (let k = 0; k < d; k++) s += a[i * d + k]! * b[j * d + k]!;
  return s;
}

describe('gram matrices', () => {
  // sizes chosen to hit every tile tail (rows mod 4, cols mod 2) and, with 2 threads, the worker path
  it.each([
    [1, 7, 1, true], [5, 3, 1, true], [37, 301, 1, true], [37, 301, 1, false], [301, 530, 2, true], [258, 300, 2, false], [300, 257, 2, true],
  ])('inner products n=%i d=%i threads=%i simd=%s match the naive sums', async (n, d, threads, simd) => {
    const x = randomRows(n, d, n * 31 + d);
    const g = await gramMatrix({ data: x, rows: n, cols: d }, { threads, simd });
    let err = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) err = Math.max(err, Math.abs(g[i * n + j]! - naiveDot(x, i, x, j, d)));
    expect(err).toBeLessThan(1e-13);
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) expect(g[i * n + j]).toBe(g[j * n + i]);
  });

  it.each([[9, 13, 40, 1, true], [203, 101, 700, 2, true], [203, 101, 701, 2, false]])('cross m=%i n=%i d=%i threads=%i simd=%s', async (m, n, d, threads, simd) => {
    const a = randomRows(m, d, 1), b = randomRows(n, d, 2);
    const c = await crossMatrix({ data: a, rows: m, cols: d }, { data: b, rows: n, cols: d }, { threads, simd });
    let err = 0;
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) err = Math.max(err, Math.abs(c[i * n + j]! - naiveDot(a, i, b, j, d)));
    expect(err).toBeLessThan(1e-13);
  });

  it.each([['erf', 2], ['relu', 2]] as const)('fused %s kernel equals the reference recursion entrywise (threads=%i)', async (kind, threads) => {
    const n = 150, d = 784, depth = 40;
    const x = randomRows(n, d, 5);
    const ref = (r: number): number => (kind === 'erf' ? erfNtkReference(r, depth, d) : reluNtkReference(r, depth));
    const fused = await gramMatrix({ data: x, rows: n, cols: d }, { threads, kernel: { kind, depth, dim: d } });
    const rho = await gramMatrix({ data: x, rows: n, cols: d }, { threads: 1 });
    for (let i = 0; i < n; i += 7) for (let j = 0; j < n; j += 3) {
      expect(fused[i * n + j]).toBeCloseTo(ref(rho[i * n + j]!), 12);
    }
    const mapped = await applyKernelSymmetric(rho.slice(), n, { kind, depth, dim: d }, { threads });
    for (let k = 0; k < n * n; k++) expect(mapped[k]).toBe(fused[k]);
  });
});

describe('gram jobs issued concurrently', () => {
  it('queue on the shared worker pool and all come back complete', async () => {
    const n = 260, d = 400;
    const xs = [1, 2, 3].map((s) => randomRows(n, d, 100 + s));
    const together = await Promise.all(xs.map((x) => gramMatrix({ data: x, rows: n, cols: d }, { threads: 2 })));
    for (let t = 0; t < 3; t++) {
      const alone = await gramMatrix({ data: xs[t]!, rows: n, cols: d }, { threads: 1 });
      expect(Array.from(together[t]!)).toEqual(Array.from(alone));
    }
  });
});
