import { describe, expect, it } from 'vitest';
import { CsrMatrix } from '../../../compiler/linalg/csr.js';
import { createRandom } from '../../../compiler/linalg/random.js';
import { cholesky, choleskySolve, conjugateGradient, denseOperator, luSolve, solveSymmetric } from '../../../compiler/linalg/solve.js';

function residual(a: ArrayLike<number>, n: number, x: Float64Array, b: Float64Array): number {
  let e = 0, nb = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += a[i * n + j]! * x[j]!;
    e += (s - b[i]!) ** 2;
    nb += b[i]! ** 2;
  }
  return Math.sqrt(e / nb);
}

function spd(n: number, seed: number): Float64Array {
  const rng = createRandom(seed);
  const g = Float64Array.from({ length: n * n }, () => rng.normal());
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let s = i === j ? n : 0;
    for (let k = 0; k < n; k++) s += g[i * n + k]! * g[j * n + k]!;
    a[i * n + j] = s;
  }
  return a;
}

describe('dense solves', () => {
  it.each([1, 5, 64])('Cholesky solves SPD systems (n=%i)', (n) => {
    const a = spd(n, n);
    const b = Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1));
    const l = cholesky(a, n)!;
    expect(l).toBeDefined();
    expect(residual(a, n, choleskySolve(l, n, b), b)).toBeLessThan(1e-13);
  });

  it('falls back to LU for an indefinite symmetric matrix and refuses a singular one', () => {
    const a = new Float64Array([0, 1, 1, 0]);
    expect(cholesky(a, 2)).toBeUndefined();
    expect(Array.from(solveSymmetric(a, 2, [2, 3]))).toEqual([3, 2]);
    expect(() => luSolve([1, 2, 2, 4], 2, [1, 1])).toThrow(/singular/);
  });
});

describe('conjugate gradients', () => {
  it('solves a sparse SPD system to the requested tolerance', () => {
    const n = 400;
    const t: { row: number; col: number; value: number }[] = [];
    for (let i = 0; i < n; i++) {
      t.push({ row: i, col: i, value: 4 });
      if (i + 1 < n) t.push({ row: i, col: i + 1, value: -1 }, { row: i + 1, col: i, value: -1 });
    }
    const a = CsrMatrix.fromTriplets(n, n, t);
    const b = Float64Array.from({ length: n }, (_, i) => Math.cos(i));
    const r = conjugateGradient(a, b, { tol: 1e-13 });
    expect(r.converged).toBe(true);
    expect(r.residual).toBeLessThan(1e-12);
    expect(residual(a.toDense(), n, r.x, b)).toBeLessThan(1e-12);
  });

  it('reports failure on an indefinite matrix instead of returning garbage silently', () => {
    const a = CsrMatrix.fromDense(2, 2, [1, 0, 0, -1]);
    const r = conjugateGradient(a, [1, 1]);
    expect(r.converged).toBe(false);
  });
});

describe('conjugate gradients on a dense operator', () => {
  it('matches Cholesky on a nearly diagonal SPD matrix (the deep-NTK regime)', () => {
    const n = 300;
    const rng = createRandom(11);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = i === j ? 1 : 1e-3 * rng.normal();
    const b = Float64Array.from({ length: n }, (_, i) => (i % 2 ? 1 : -1));
    const cg = conjugateGradient(denseOperator(a, n), b, { tol: 1e-14 });
    expect(cg.converged).toBe(true);
    expect(cg.iterations).toBeLessThan(30);
    const ref = choleskySolve(cholesky(a, n)!, n, b);
    for (let i = 0; i < n; i++) expect(cg.x[i]).toBeCloseTo(ref[i]!, 12);
  });
});
