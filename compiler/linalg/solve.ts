/**
 * Linear solves for the classical classifiers: dense symmetric systems by Cholesky (with an LU
 * fallback for indefinite matrices) for the exact NTK, conjugate gradients on CSR for K̃.
 * @see Golub & Van Loan, Matrix Computations (4th ed.) §4.2 (Cholesky), §3.4 (LU), §11.3 (CG)
 */
import { ValidationError } from '../errors.js';

/**
 * Cholesky factor L (lower, row-major) of a symmetric positive definite n×n matrix, or undefined
 * when a pivot is not positive (the matrix is not numerically positive definite).
 */
export function cholesky(a: ArrayLike<number>, n: number): Float64Array | undefined {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * n + j]!;
      const ri = i * n, rj = j * n;
      for (let k = 0; k < j; k++) s -= l[ri + k]! * l[rj + k]!;
      if (i === j) {
        if (!(s > 0)) return undefined;
        l[ri + i] = Math.sqrt(s);
      } else {
        l[ri + j] = s / l[rj + j]!;
      }
    }
  }
  return l;
}

/** Solve L Lᵀ x = b given the Cholesky factor. */
export function choleskySolve(l: Float64Array, n: number, b: ArrayLike<number>): Float64Array {
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * z[k]!;
    z[i] = s / l[i * n + i]!;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * x[k]!;
    x[i] = s / l[i * n + i]!;
  }
  return x;
}

/** Solve A x = b for a general square matrix by LU with partial pivoting; throws when singular. */
export function luSolve(a: ArrayLike<number>, n: number, b: ArrayLike<number>): Float64Array {
  const m = Float64Array.from({ length: n * n }, (_, k) => a[k]!);
  const x = Float64Array.from({ length: n }, (_, k) => b[k]!);
  let scale = 0;
  for (let k = 0; k < n * n; k++) scale = Math.max(scale, Math.abs(m[k]!));
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]!) > Math.abs(m[piv * n + c]!)) piv = r;
    if (!(Math.abs(m[piv * n + c]!) > n * Number.EPSILON * scale)) {
      throw new ValidationError(`linear solve: the ${n}x${n} matrix is singular to working precision (column ${c})`);
    }
    if (piv !== c) {
      for (let k = 0; k < n; k++) [m[c * n + k], m[piv * n + k]] = [m[piv * n + k]!, m[c * n + k]!];
      [x[c], x[piv]] = [x[piv]!, x[c]!];
    }
    const d = m[c * n + c]!;
    for (let r = c + 1; r < n; r++) {
      const f = m[r * n + c]! / d;
      if (f === 0) continue;
      for (let k = c; k < n; k++) m[r * n + k] = m[r * n + k]! - f * m[c * n + k]!;
      x[r] = x[r]! - f * x[c]!;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i]!;
    for (let k = i + 1; k < n; k++) s -= m[i * n + k]! * x[k]!;
    x[i] = s / m[i * n + i]!;
  }
  return x;
}

/** Solve a dense symmetric system: Cholesky when positive definite, else LU. */
export function solveSymmetric(a: ArrayLike<number>, n: number, b: ArrayLike<number>): Float64Array {
  const l = cholesky(a, n);
  return l ? choleskySolve(l, n, b) : luSolve(a, n, b);
}

export interface CgOptions {
  /** Stop when ‖b − A x‖ ≤ tol·‖b‖ (default 1e-12). */
  readonly tol?: number;
  /** Default: 10·n. */
  readonly maxIterations?: number;
}

export interface CgResult {
  readonly x: Float64Array;
  readonly iterations: number;
  /** Relative residual ‖b − A x‖/‖b‖ (recomputed from x at the end). */
  readonly residual: number;
  readonly converged: boolean;
}

/** Anything that multiplies a vector by a square matrix (a CsrMatrix qualifies). */
export interface LinearOperator {
  readonly rows: number;
  readonly cols: number;
  matvec(x: ArrayLike<number>, y?: Float64Array): Float64Array;
}

/** A dense row-major n×n matrix as a LinearOperator. */
export function denseOperator(a: ArrayLike<number>, n: number): LinearOperator {
  return {
    rows: n,
    cols: n,
    matvec(x, y = new Float64Array(n)) {
      for (let i = 0; i < n; i++) {
        let s = 0;
        const r = i * n;
        for (let j = 0; j < n; j++) s += a[r + j]! * x[j]!;
        y[i] = s;
      }
      return y;
    },
  };
}

/** Conjugate gradients for a symmetric positive definite matrix (x₀ = 0). */
export function conjugateGradient(a: LinearOperator, b: ArrayLike<number>, options: CgOptions = {}): CgResult {
  const n = a.rows;
  if (a.cols !== n || b.length !== n) throw new ValidationError(`conjugate gradients: ${a.rows}x${a.cols} matrix with a length-${b.length} right-hand side`);
  const tol = options.tol ?? 1e-12;
  const maxIt = options.maxIterations ?? 10 * n;
  const x = new Float64Array(n);
  const r = Float64Array.from({ length: n }, (_, i) => b[i]!);
  const p = r.slice();
  const ap = new Float64Array(n);
  let rr = 0;
  for (let i = 0; i < n; i++) rr += r[i]! * r[i]!;
  const bNorm = Math.sqrt(rr);
  if (bNorm === 0) return { x, iterations: 0, residual: 0, converged: true };
  let it = 0;
  for (; it < maxIt && Math.sqrt(rr) > tol * bNorm; it++) {
    a.matvec(p, ap);
    let pap = 0;
    for (let i = 0; i < n; i++) pap += p[i]! * ap[i]!;
    if (!(pap > 0)) break; // not positive definite along p
    const alpha = rr / pap;
    let rrNew = 0;
    for (let i = 0; i < n; i++) {
      x[i] = x[i]! + alpha * p[i]!;
      r[i] = r[i]! - alpha * ap[i]!;
      rrNew += r[i]! * r[i]!;
    }
    const beta = rrNew / rr;
    rr = rrNew;
    for (let i = 0; i < n; i++) p[i] = r[i]! + beta * p[i]!;
  }
  const res = a.matvec(x);
  let e = 0;
  for (let i = 0; i < n; i++) e += (b[i]! - res[i]!) ** 2;
  const residual = Math.sqrt(e) / bNorm;
  return { x, iterations: it, residual, converged: residual <= Math.max(tol, 1e-15) * 10 };
}
