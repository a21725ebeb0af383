import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../compiler/linalg/random.js';
import { expectedRowNonzeros, hadamardPattern, patternProbability, sparsityPattern } from '../../../compiler/ntk/sparsity.js';

describe('sparsity pattern', () => {
  it.each([16, 64, 512])('is symmetric, has a unit diagonal and no cross-class entries (n=%i)', (n) => {
    const f = sparsityPattern(n, createRandom(n));
    expect(f.isSymmetric(0)).toBe(true);
    for (let i = 0; i < n; i++) {
      expect(f.get(i, i)).toBe(1);
      for (let k = f.rowPtr[i]!; k < f.rowPtr[i + 1]!; k++) {
        expect(f.values[k]).toBe(1);
        expect(f.colIdx[k]! < n / 2).toBe(i < n / 2);
      }
    }
  });

  // Each per-pattern mean of row counts is one sample; over S independent seeds their average has
  // standard error sd/√S (estimated from the samples). Allow 5 standard errors around the exact
  // expectation 1 + (n/2 − 1)(1 − (1 − p/n)^n), then compare that with the paper's 1 + ln n.
  it.each([[16, 1500], [64, 600], [256, 150]])('mean nonzeros per row ≈ 1 + ln n at n=%i over %i seeds', (n, seeds) => {
    const samples: number[] = [];
    for (let s = 0; s < seeds; s++) samples.push(sparsityPattern(n, createRandom(1000 * n + s)).nnz / n);
    const m = samples.reduce((a, b) => a + b, 0) / seeds;
    const sd = Math.sqrt(samples.reduce((a, b) => a + (b - m) ** 2, 0) / (seeds - 1));
    const exact = expectedRowNonzeros(n);
    expect(Math.abs(m - exact)).toBeLessThan(5 * sd / Math.sqrt(seeds));
    // 1 + ln n drops the −1 in n/2 − 1 and the O(p²) of 1 − e^{−p}: within 0.5 + ln n · p of it
    expect(Math.abs(exact - (1 + Math.log(n)))).toBeLessThan(0.5 + Math.log(n) * patternProbability(n));
  });

  it('K ∘ F keeps exactly the pattern entries of K', () => {
    const n = 32;
    const f = sparsityPattern(n, createRandom(5));
    const k = Float64Array.from({ length: n * n }, (_, t) => Math.floor(t / n) * 1000 + (t % n));
    const kt = hadamardPattern(k, f);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(kt.get(i, j)).toBe(f.get(i, j) ? k[i * n + j] : 0);
  });
});
