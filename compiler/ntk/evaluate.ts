/**
 * Classification and cost diagnostics of the exact, sparsified and diagonal NTK, as the authors'
 * analysis computes them: outputs k*·K⁻¹y (exact, unclipped), k̃*·K̃⁻¹y (sparse), k̃*·diag(K)⁻¹y
 * (diagonal), each with the solution normalised; classes by sign(out − median(out)); κ(K̃);
 * post-selection n/P; readout 1/o² − 1.
 * @see arXiv:2107.09200 §Methods; the authors' analysis.ipynb `analyze`
 */
import type { CsrMatrix } from '../linalg/csr.js';
import { conditionFromEigenvalues, lanczosCondition, symmetricEigenvalues } from '../linalg/eigen.js';
import { conjugateGradient, denseOperator, solveSymmetric } from '../linalg/solve.js';

/** Largest n for which κ comes from the exact dense eigen-solve (Lanczos above). */
export const DENSE_EIGEN_LIMIT = 2048;

/** numpy's median: the mean of the two middle values for an even count. */
export function median(values: ArrayLike<number>): number {
  const s = Float64Array.from(values).sort();
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** sign(out − median(out)); an output exactly at the median gets 0 (never a correct class). */
export function classifyAtMedian(outputs: ArrayLike<number>): Float64Array {
  const t = median(outputs);
  return Float64Array.from(outputs, (o) => Math.sign(o - t));
}

/** Fraction of predictions equal to the labels. */
export function accuracy(predicted: ArrayLike<number>, labels: ArrayLike<number>): number {
  let ok = 0;
  for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) ok++;
  return ok / labels.length;
}

/** v/‖v‖. */
export function normalized(v: Float64Array): Float64Array {
  let s = 0;
  for (const x of v) s += x * x;
  const inv = 1 / Math.sqrt(s);
  return v.map((x) => x * inv);
}

/** rows × n matrix times a vector. */
export function matVec(m: Float64Array, rows: number, n: number, v: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += m[i * n + j]! * v[j]!;
    out[i] = s;
  }
  return out;
}

/** k̃* = clip(k* ÷ scale, −1, 1), entrywise. */
export function clipTestVectors(kstar: Float64Array, scale: number): Float64Array {
  return kstar.map((v) => Math.min(1, Math.max(-1, v / scale)));
}

/** κ(K̃) = max|λ|/min|λ|: the exact dense eigen-solve up to DENSE_EIGEN_LIMIT, Lanczos beyond. */
export function conditionNumber(a: CsrMatrix): number {
  if (a.rows <= DENSE_EIGEN_LIMIT) return conditionFromEigenvalues(symmetricEigenvalues(a.toDense(), a.rows));
  return lanczosCondition(a, { tol: 1e-12 });
}

/** K̃⁻¹ b by conjugate gradients, falling back to a dense solve when K̃ is not positive definite. */
export function solveSparse(a: CsrMatrix, b: Float64Array): Float64Array {
  const cg = conjugateGradient(a, b, { tol: 1e-13 });
  return cg.converged ? cg.x : solveSymmetric(a.toDense(), a.rows, b);
}

/** Above this n the exact solve tries conjugate gradients on the dense K before Cholesky. */
export const DENSE_CG_FROM = 1024;

/**
 * The exact classifier's normalised K⁻¹y. Deep NTKs are nearly diagonal (κ(K) ≈ 1), so for large n
 * CG on the dense K reaches a relative residual of 1e-13 in a few O(n²) steps, where Cholesky
 * costs n³/3; when CG does not converge quickly, Cholesky (or LU) decides.
 */
export function exactWeights(gram: Float64Array, n: number, y: Float64Array): Float64Array {
  if (n >= DENSE_CG_FROM) {
    const cg = conjugateGradient(denseOperator(gram, n), y, { tol: 1e-13, maxIterations: 100 });
    if (cg.converged) return normalized(cg.x);
  }
  return normalized(solveSymmetric(gram, n, y));
}

/** The diagonal NTK's normalised diag(K)⁻¹y. */
export function diagonalWeights(gram: Float64Array, n: number, y: Float64Array): Float64Array {
  return normalized(y.map((v, i) => v / gram[i * n + i]!));
}

/**
 * Post-selection repetitions n/P per test point, P = Σ_i k_i² after dividing every k̃* by the
 * largest |entry| over the whole test matrix (the authors' normalisation before preparing |k*⟩).
 */
export function postselectionCounts(kstar: Float64Array, rows: number, n: number): Float64Array {
  let max = 0;
  for (const v of kstar) max = Math.max(max, Math.abs(v));
  const out = new Float64Array(rows);
  for (let t = 0; t < rows; t++) {
    let p = 0;
    for (let j = 0; j < n; j++) p += (kstar[t * n + j]! / max) ** 2;
    out[t] = n / p;
  }
  return out;
}

/** Readout measurements 1/o² − 1 per test point, o = ⟨k*|w⟩ with |k*⟩ the normalised test row and w a unit vector. */
export function readoutCounts(kstar: Float64Array, rows: number, n: number, w: Float64Array): Float64Array {
  const out = new Float64Array(rows);
  for (let t = 0; t < rows; t++) {
    let p = 0, o = 0;
    for (let j = 0; j < n; j++) {
      const k = kstar[t * n + j]!;
      p += k * k;
      o += k * w[j]!;
    }
    o /= Math.sqrt(p);
    out[t] = 1 / (o * o) - 1;
  }
  return out;
}
