import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { describe, expect, it } from 'vitest';
import { CsrMatrix } from '../../../compiler/linalg/csr.js';
import {
  conditionFromEigenvalues, lanczosCondition, lanczosExtremalEigenvalues, symmetricEigenvalues, tridiagonalEigenvalues,
} from '../../../compiler/linalg/eigen.js';
import { createRandom } from '../../../compiler/linalg/random.js';
import { prepareNtkProblem } from '../../../compiler/ntk/problem.js';

function randomSymmetric(n: number, seed: number): Float64Array {
  const rng = createRandom(seed);
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = rng.normal();
  return a;
}

function reference(a: Float64Array, n: number): number[] {
  const rows = Array.from({ length: n }, (_, i) => Array.from(a.subarray(i * n, (i + 1) * n)));
  return new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true }).realEigenvalues.sort((x, y) => x - y);
}

describe('dense symmetric eigenvalues', () => {
  it.each([1, 2, 3, 10, 77, 200])('agree with ml-matrix (Householder + QL there too, independently written) at n=%i', (n) => {
    const a = randomSymmetric(n, n);
    const mine = symmetricEigenvalues(a, n);
    const ref = reference(a, n);
    const scale = Math.max(...ref.map(Math.abs));
    for (let i = 0; i < n; i++) expect(Math.abs(mine[i]! - ref[i]!)).toBeLessThan(1e-12 * scale * Math.max(1, Math.sqrt(n)));
    // trace and Frobenius norm are invariants
    let tr = 0, fro = 0;
    for (let i = 0; i < n; i++) tr += a[i * n + i]!;
    for (const v of a) fro += v * v;
    expect(mine.reduce((s, v) => s + v, 0)).toBeCloseTo(tr, 9);
    expect(mine.reduce((s, v) => s + v * v, 0)).toBeCloseTo(fro, 8);
  });

  it('handles diagonal, zero and repeated-eigenvalue matrices', () => {
    expect(Array.from(symmetricEigenvalues([3, 0, 0, 0, -1, 0, 0, 0, 2], 3))).toEqual([-1, 2, 3]);
    expect(Array.from(symmetricEigenvalues(new Float64Array(16), 4))).toEqual([0, 0, 0, 0]);
    const e = tridiagonalEigenvalues([2, 2, 2], [0, 0]);
    expect(Array.from(e)).toEqual([2, 2, 2]);
    // path graph Laplacian-like tridiagonal: eigenvalues 2 − 2cos(kπ/(n+1))
    const n = 50;
    const t = tridiagonalEigenvalues(new Float64Array(n).fill(2), new Float64Array(n - 1).fill(-1));
    for (let k = 1; k <= n; k++) expect(t[k - 1]).toBeCloseTo(2 - 2 * Math.cos((k * Math.PI) / (n + 1)), 13);
  });

  it('refuses NaN entries', () => {
    expect(() => symmetricEigenvalues([1, NaN, NaN, 1], 2)).toThrow(/entry \(0, 1\) is NaN/);
  });
});

describe('Lanczos', () => {
  it('finds the extremal eigenvalues of a sparse random symmetric matrix', () => {
    const n = 300;
    const rng = createRandom(3);
    const t: { row: number; col: number; value: number }[] = [];
    for (let i = 0; i < n; i++) {
      t.push({ row: i, col: i, value: 4 + rng.normal() });
      for (let k = 0; k < 3; k++) {
        const j = rng.int(n);
        if (j === i) continue;
        const v = rng.normal();
        t.push({ row: i, col: j, value: v }, { row: j, col: i, value: v });
      }
    }
    const a = CsrMatrix.fromTriplets(n, n, t);
    const dense = symmetricEigenvalues(a.toDense(), n);
    const l = lanczosExtremalEigenvalues(a);
    expect(l.converged).toBe(true);
    expect(l.steps).toBeLessThan(n);
    expect(Math.abs(l.min - dense[0]!)).toBeLessThan(1e-9);
    expect(Math.abs(l.max - dense[n - 1]!)).toBeLessThan(1e-9);
    expect(Math.abs(lanczosCondition(a) - conditionFromEigenvalues(dense))).toBeLessThan(1e-6);
  });

  it('gives min|λ| of an indefinite matrix through A²', () => {
    const n = 60;
    const d = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : -1) * (1 + i / 10));
    d[17] = 0.05;
    const a = CsrMatrix.fromTriplets(n, n, [
      ...d.map((v, i) => ({ row: i, col: i, value: v })),
      ...Array.from({ length: n - 1 }, (_, i) => [{ row: i, col: i + 1, value: 0.01 }, { row: i + 1, col: i, value: 0.01 }]).flat(),
    ]);
    const dense = symmetricEigenvalues(a.toDense(), n);
    expect(Math.abs(lanczosCondition(a) / conditionFromEigenvalues(dense) - 1)).toBeLessThan(1e-8);
  });

  it('agrees with the dense solve to 1e-6 on κ of a sparsified MNIST NTK', async () => {
    const p = await prepareNtkProblem({ n: 256, test: 16, seed: 1 });
    const l = lanczosExtremalEigenvalues(p.ktilde, { tol: 1e-12 });
    expect(l.converged).toBe(true);
    const dense = symmetricEigenvalues(p.ktilde.toDense(), 256);
    expect(Math.abs(l.max / l.min - conditionFromEigenvalues(dense))).toBeLessThan(1e-6);
    expect(Math.abs(lanczosCondition(p.ktilde, { tol: 1e-12 }) - p.kappa)).toBeLessThan(1e-6);
  });
});
