/**
 * `qntk estimate --from-ntk`: κ, sparsity and the encoding's α measured on the actual sparsified NTK
 * (MNIST, prepareNtkProblem) at a simulable n₀, extrapolated to larger n by the paper's rules:
 * mean nonzeros per row 1 + ln n (exactly `expectedRowNonzeros`), the max column count as the
 * extreme value of n near-Poisson column counts (offset to the measurement at n₀), κ ≈ 1 (the paper's flat κ ≈ 1.000–1.001), and α/‖A‖ scaled with the
 * number of off-diagonal colour classes (α is a sum of per-colour maxima).
 * @see arXiv:2107.09200 (Zlokapa, Neven, Lloyd), sparsified NTK and its O(log n) sparsity
 */
import { SparseEncoding } from '../blockencoding/sparse.js';
import { symmetricEigenvalues } from '../linalg/eigen.js';
import { prepareNtkProblem } from '../ntk/problem.js';
import { expectedRowNonzeros } from '../ntk/sparsity.js';
import type { Progress } from '../progress.js';

/** What was measured at n₀. */
export interface NtkMeasurement {
  readonly n: number;
  readonly digits: readonly [number, number];
  readonly seed: number;
  /** Max nonzeros per column of K̃. */
  readonly sparsity: number;
  readonly meanRow: number;
  /** Colour classes the sparse encoding uses. */
  readonly colors: number;
  /** κ(K̃) = max|λ|/min|λ|. */
  readonly kappa: number;
  readonly alpha: number;
  readonly normA: number;
  /** α/min|λ|, exactly what the pipeline designs the polynomial for. */
  readonly kappaEff: number;
}

/** Inputs of the size model at one n. */
export interface NtkPoint {
  readonly n: number;
  readonly sparsity: number;
  readonly colors: number;
  readonly kappa: number;
  readonly alphaRatio: number;
  readonly kappaEff: number;
  /** 'measured' at n₀, else 'extrapolated'. */
  readonly source: 'measured' | 'extrapolated';
}

/**
 * Typical largest column count of the pattern at n: off-diagonal counts per column are close to
 * Poisson(λ), λ = expectedRowNonzeros(n) − 1, so the maximum over n columns sits near the quantile
 * 1 − 1/n: 1 + the smallest k with n·P(Poisson(λ) > k) ≤ 1 (extreme-value rule).
 */
export function maxColumnModel(n: number): number {
  const lambda = expectedRowNonzeros(n) - 1;
  const kmax = Math.ceil(lambda + 20 * Math.sqrt(lambda) + 40);
  const pmf = new Float64Array(kmax + 1);
  pmf[0] = Math.exp(-lambda);
  for (let k = 1; k <= kmax; k++) pmf[k] = (pmf[k - 1]! * lambda) / k;
  // Tails summed from the top, so tiny probabilities keep their precision.
  let tail = 0;
  let k = kmax;
  for (; k > 0; k--) {
    tail += pmf[k]!; // tail = P(X ≥ k) = P(X > k − 1)
    if (n * tail > 1) break;
  }
  return 1 + k;
}

/** Measure the sparsified NTK at n₀ (MNIST digits, default 8 vs 9). */
export async function measureNtk(o: { n: number; digits?: readonly [number, number]; seed?: number; progress?: Progress }): Promise<NtkMeasurement> {
  const digits = o.digits ?? [8, 9];
  const seed = o.seed ?? 0;
  const p = await prepareNtkProblem({ n: o.n, digits, seed, test: 16, ...(o.progress ? { progress: o.progress } : {}) });
  const enc = new SparseEncoding({ matrix: p.ktilde });
  const eig = symmetricEigenvalues(p.ktilde.toDense(), p.ktilde.rows);
  let hi = 0, lo = Infinity;
  for (const e of eig) { hi = Math.max(hi, Math.abs(e)); lo = Math.min(lo, Math.abs(e)); }
  return {
    n: o.n, digits, seed, sparsity: p.sparsity.maxColumn, meanRow: p.sparsity.meanRow, colors: enc.colors,
    kappa: hi / lo, alpha: enc.alpha, normA: hi, kappaEff: enc.alpha / lo,
  };
}

/** The model's inputs at n: the measurement itself at n₀, the paper's scaling elsewhere. */
export function ntkPointAt(m: NtkMeasurement, n: number): NtkPoint {
  if (n === m.n) {
    return { n, sparsity: m.sparsity, colors: m.colors, kappa: m.kappa, alphaRatio: m.alpha / m.normA, kappaEff: m.kappaEff, source: 'measured' };
  }
  // The extreme-value rule, offset so that it reproduces the measurement at n₀.
  const sparsity = Math.min(n, Math.max(1, maxColumnModel(n) + m.sparsity - maxColumnModel(m.n)));
  const colors = Math.max(1, sparsity + (m.colors - m.sparsity));
  // α = diagonal colour maximum + Σ off-diagonal colour maxima: the excess over ‖A‖ grows with the off-diagonal colours.
  const excess = m.alpha / m.normA - 1;
  const alphaRatio = Math.max(1, 1 + (m.colors > 1 ? (excess * (colors - 1)) / (m.colors - 1) : excess));
  return { n, sparsity, colors, kappa: 1, alphaRatio, kappaEff: alphaRatio, source: 'extrapolated' };
}
