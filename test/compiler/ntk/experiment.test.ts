import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { luSolve } from '../../../compiler/linalg/solve.js';
import {
  classifyAtMedian, median, prepareNtkProblem, readNtkDir, runNtkExperiment, writeNtkDir,
} from '../../../compiler/ntk/index.js';

describe('the paper’s 8 vs 9 experiment', () => {
  it('at n = 64: every accuracy ≥ 0.9 and κ(K̃) < 1.05 (4 trials × 3 patterns, 256 test points)', async () => {
    const r = await runNtkExperiment({ sizes: [64], seed: 0 });
    const run = r.runs[0]!;
    expect(r.details[0]!.trials).toBe(4);
    for (const k of ['exact', 'sparse', 'diagonal'] as const) expect(run.accuracy[k]).toBeGreaterThanOrEqual(0.9);
    expect(run.kappa).toBeLessThan(1.05);
    expect(run.kappa).toBeGreaterThanOrEqual(1);
    expect(run.depth).toBeGreaterThan(40);
    expect(run.sparsity.maxColumn).toBeGreaterThan(run.sparsity.meanRow);
  });
});

describe('one problem', () => {
  it('re-derives its outputs from K̃, y and k̃* with an independent dense solve', async () => {
    const p = await prepareNtkProblem({ n: 32, test: 64, seed: 7 });
    const n = p.n;
    const dense = p.ktilde.toDense();
    const w = luSolve(dense, n, p.y);
    const norm = Math.hypot(...w);
    p.kstar.forEach((k, t) => {
      let s = 0, d = 0;
      for (let j = 0; j < n; j++) {
        s += (k[j]! * w[j]!) / norm;
        d += k[j]! * p.y[j]!;
      }
      expect(p.sparseOutputs[t]).toBeCloseTo(s, 10);
      expect(p.diagonalOutputs[t]! * Math.sqrt(n)).toBeCloseTo(d, 10);
      for (const v of k) expect(Math.abs(v)).toBeLessThanOrEqual(1);
    });
    const acc = (out: Float64Array): number => classifyAtMedian(out).reduce((s, c, i) => s + (c === p.testLabels[i] ? 1 : 0), 0) / out.length;
    expect(p.accuracy.sparse).toBe(acc(p.sparseOutputs));
    expect(p.accuracy.exact).toBe(acc(p.exactOutputs));
    // same streams as the table: trial 0, pattern 0 of `qntk ntk --n 32 --seed 7`
    const r = await runNtkExperiment({ sizes: [32], seed: 7, test: 64, trials: 1, patterns: 1, keepProblems: true });
    expect(r.problems[0]!.kappa).toBe(p.kappa);
    expect(Array.from(r.problems[0]!.ktilde.values)).toEqual(Array.from(p.ktilde.values));
  });

  it('round-trips through the --save directory', async () => {
    const p = await prepareNtkProblem({ n: 16, test: 8, seed: 2 });
    const dir = mkdtempSync(join(tmpdir(), 'qntk-save-'));
    writeNtkDir(dir, p);
    const back = readNtkDir(dir);
    expect(Array.from(back.ktilde.values)).toEqual(Array.from(p.ktilde.values));
    expect(Array.from(back.ktilde.colIdx)).toEqual(Array.from(p.ktilde.colIdx));
    expect(Array.from(back.y)).toEqual(Array.from(p.y));
    expect(back.kstar.map((k) => Array.from(k))).toEqual(p.kstar.map((k) => Array.from(k)));
    expect(Array.from(back.testLabels)).toEqual(Array.from(p.testLabels));
    expect(back.manifest).toMatchObject({ n: 16, digits: [8, 9], seed: 2, depth: p.depth, kappa: p.kappa });
  });

  it('classifies at the median like numpy', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(Array.from(classifyAtMedian([0.1, 0.5, 0.3]))).toEqual([-1, 1, 0]);
  });
});

describe('exact classifier weights', () => {
  it('take the CG route at large n and agree with Cholesky', async () => {
    const { exactWeights, DENSE_CG_FROM } = await import('../../../compiler/ntk/evaluate.js');
    const { solveSymmetric } = await import('../../../compiler/linalg/solve.js');
    const n = DENSE_CG_FROM;
    const k = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) k[i * n + j] = k[j * n + i] = i === j ? 2 : 1e-3 * Math.sin(i * 7 + j * 3);
    const y = Float64Array.from({ length: n }, (_, i) => (i < n / 2 ? 1 : -1));
    const w = exactWeights(k, n, y);
    const ref = solveSymmetric(k, n, y);
    const norm = Math.hypot(...ref);
    for (let i = 0; i < n; i += 17) expect(w[i]).toBeCloseTo(ref[i]! / norm, 12);
  });
});
