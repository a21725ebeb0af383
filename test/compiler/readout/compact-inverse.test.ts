import { describe, it, expect } from 'vitest';
import { CsrMatrix } from '../../../compiler/linalg/csr.js';
import { symmetricEigenvalues } from '../../../compiler/linalg/eigen.js';
import { solveSymmetric } from '../../../compiler/linalg/solve.js';
import { prepareNtkProblem } from '../../../compiler/ntk/index.js';
import { diagonalInverseSqrt, inverseSqrtPolynomial } from '../../../compiler/readout/compact-inverse.js';
import { expectBlock, rng } from '../../helpers/quantum.js';

/** A random symmetric, diagonally dominant n×n matrix: diagonal ≈ d, off-diagonals of size ≤ spread. */
function randomSpd(n: number, seed: number, d = 100, spread = 0.5): CsrMatrix {
  const r = rng(seed), a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    a[i * n + i] = d * (1 + 0.01 * r());
    for (let j = 0; j < i; j++) {
      if (r() < 0.4) a[i * n + j] = a[j * n + i] = spread * (2 * r() - 1);
    }
  }
  return CsrMatrix.fromDense(n, n, a);
}

/** ‖c·K⁻¹ − Q²‖ for dense K and Q (n×n within Q's 2^m×2^m), by the eigenvalues of the difference. */
function inverseError(k: CsrMatrix, q: Float64Array, c: number): number {
  const n = k.rows, dim = Math.sqrt(q.length), dense = k.toDense();
  const diff = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const e = new Float64Array(n); e[j] = 1;
    const col = solveSymmetric(dense, n, e);
    for (let i = 0; i < n; i++) {
      let q2 = 0;
      for (let l = 0; l < dim; l++) q2 += q[i * dim + l]! * q[l * dim + j]!;
      diff[i * n + j] = c * col[i]! - q2;
    }
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) diff[i * n + j] = diff[j * n + i] = (diff[i * n + j]! + diff[j * n + i]!) / 2;
  return Math.max(...Array.from(symmetricEigenvalues(diff, n), Math.abs));
}

describe('low-degree polynomials of a well-conditioned K̃', () => {
  it('the sparsified NTK at n = 8: Gershgorin interval, q(K̃) = (3I − K̃/c)/2, bound on ‖cK̃⁻¹ − q²‖, block encoding', async () => {
    const p = await prepareNtkProblem({ n: 8, test: 2, seed: 0 });
    const q = inverseSqrtPolynomial(p.ktilde, 3);
    const eig = symmetricEigenvalues(p.ktilde.toDense(), 8);
    for (const l of eig) expect(Math.abs(l / q.centre - 1)).toBeLessThanOrEqual(q.radius + 1e-15);
    expect(q.radius).toBeLessThan(0.01);
    for (let i = 0; i < 8; i++) for (let j = 0; j < 8; j++) {
      expect(q.matrix[i * 8 + j]).toBeCloseTo((i === j ? 1.5 : 0) - p.ktilde.get(i, j) / (2 * q.centre), 14);
    }
    const err = inverseError(p.ktilde, q.matrix, q.centre);
    expect(err).toBeLessThanOrEqual(q.errorBound);
    expect(err).toBeGreaterThan(q.errorBound / 20); // the bound is not loose by orders of magnitude
    // The kernel's diagonal is constant up to floating-point noise, loaded as constant (epsilon).
    expect(q.encoding.epsilon).toBeLessThan(1e-10);
    expectBlock(q.encoding, { rows: 8, data: q.matrix }, q.encoding.epsilon + 1e-13);
    expect(q.encoding.terms.length).toBe(2); // identity and one XOR mask
  });

  it.each([[4, 1], [6, 2], [8, 3]])('random diagonally dominant K̃ (n = %i, seed %i, padded to a power of two)', (n, seed) => {
    const k = randomSpd(n, seed);
    const m = Math.ceil(Math.log2(n));
    const q = inverseSqrtPolynomial(k, m);
    const err = inverseError(k, q.matrix, q.centre);
    expect(err).toBeLessThanOrEqual(q.errorBound);
    expectBlock(q.encoding, { rows: 1 << m, data: q.matrix }, q.encoding.epsilon + 1e-12);
    // Padding rows are the identity and do not couple to the data rows.
    const dim = 1 << m;
    for (let i = n; i < dim; i++) for (let j = 0; j < dim; j++) expect(q.matrix[i * dim + j]).toBe(i === j ? 1 : 0);
  });

  it('refuses what it cannot bound: non-symmetric, not provably positive definite, not square', () => {
    expect(() => inverseSqrtPolynomial(CsrMatrix.fromDense(2, 2, [2, 1, 0.5, 2]), 1)).toThrow(/not symmetric/);
    expect(() => inverseSqrtPolynomial(CsrMatrix.fromDense(2, 2, [1, 2, 2, 1]), 1)).toThrow(/positive definite/);
    expect(() => inverseSqrtPolynomial(CsrMatrix.fromDense(2, 3, [1, 0, 0, 0, 1, 0]), 2)).toThrow(/square/);
  });

  it('diagonal readout: a constant diagonal needs no circuit; another one is encoded exactly', async () => {
    const p = await prepareNtkProblem({ n: 8, test: 2, seed: 0 });
    const constant = diagonalInverseSqrt(p.ktilde, 3);
    expect(constant.encoding).toBeUndefined();
    expect(constant.errorBound).toBeLessThan(1e-9);
    for (let i = 0; i < 8; i++) {
      // ‖I − c·diag(K̃)⁻¹‖ within the recorded bound
      expect(Math.abs(1 - constant.centre / p.ktilde.get(i, i))).toBeLessThanOrEqual(constant.errorBound);
    }
    const k = randomSpd(6, 4);
    const d = diagonalInverseSqrt(k, 3);
    expect(d.encoding).toBeDefined();
    for (let i = 0; i < 6; i++) expect(d.matrix[i * 8 + i]! ** 2).toBeCloseTo(d.centre / k.get(i, i), 13);
    expectBlock(d.encoding!, { rows: 8, data: d.matrix }, 1e-12);
    expect(() => diagonalInverseSqrt(CsrMatrix.fromDense(2, 2, [1, 0, 0, -1]), 1)).toThrow(/positive/);
  });
});
