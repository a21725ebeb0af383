/**
 * Eigenvalues of real symmetric matrices: an exact dense solve (Householder tridiagonalisation,
 * then implicit QL with Wilkinson shifts, values only, 4n³/3 flops) and Lanczos with full
 * reorthogonalisation for the extremal eigenvalues of a sparse CSR matrix. κ = max|λ|/min|λ|.
 * @see Golub & Van Loan, Matrix Computations (4th ed.) §8.3 (tridiagonalisation, symmetric QR/QL), §10.1 (Lanczos)
 */
import { ValidationError } from '../errors.js';
import { createRandom } from './random.js';

/**
 * Reduce a symmetric matrix (row-major n×n; only the lower triangle is read) to tridiagonal form
 * by Householder reflections. Returns diagonal d and subdiagonal e (e[i] couples i and i+1).
 * Works on a copy of the lower triangle; the rank-2 updates touch only that triangle.
 */
export function tridiagonalize(a: ArrayLike<number>, n: number): { d: Float64Array; e: Float64Array } {
  const w = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) w[i * n + j] = a[i * n + j]!;
  const d = new Float64Array(n);
  const e = new Float64Array(Math.max(0, n - 1));
  const v = new Float64Array(n);
  const p = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    // x = column k below the diagonal = w[k+1..n-1][k]
    let norm2 = 0;
    for (let i = k + 1; i < n; i++) norm2 += w[i * n + k]! ** 2;
    const x0 = w[(k + 1) * n + k]!;
    const norm = Math.sqrt(norm2);
    d[k] = w[k * n + k]!;
    if (norm === 0) {
      e[k] = 0;
      continue;
    }
    const alpha = x0 >= 0 ? -norm : norm;
    e[k] = alpha;
    // v = x − αe₁, H = I − 2vvᵀ/(vᵀv); vᵀv = 2(‖x‖² − αx₀)
    for (let i = k + 1; i < n; i++) v[i] = w[i * n + k]!;
    v[k + 1] = x0 - alpha;
    const beta = 2 / (2 * (norm2 - alpha * x0));
    // p = β·A₂₂ v (A₂₂ symmetric, lower triangle stored): row-wise, both halves contiguous
    for (let i = k + 1; i < n; i++) p[i] = 0;
    for (let i = k + 1; i < n; i++) {
      const row = i * n;
      const vi = v[i]!;
      let s = w[row + i]! * vi;
      for (let j = k + 1; j < i; j++) {
        const aij = w[row + j]!;
        s += aij * v[j]!;
        p[j] = p[j]! + aij * vi;
      }
      p[i] = p[i]! + s;
    }
    let vp = 0;
    for (let i = k + 1; i < n; i++) {
      p[i] = beta * p[i]!;
      vp += v[i]! * p[i]!;
    }
    // q = p − (β/2)(vᵀp) v ; A₂₂ ← A₂₂ − v qᵀ − q vᵀ
    const half = (beta / 2) * vp;
    for (let i = k + 1; i < n; i++) p[i] = p[i]! - half * v[i]!;
    for (let i = k + 1; i < n; i++) {
      const row = i * n;
      const vi = v[i]!, qi = p[i]!;
      for (let j = k + 1; j <= i; j++) w[row + j] = w[row + j]! - vi * p[j]! - qi * v[j]!;
    }
  }
  if (n >= 2) {
    d[n - 2] = w[(n - 2) * n + n - 2]!;
    e[n - 2] = w[(n - 1) * n + n - 2]!;
  }
  if (n >= 1) d[n - 1] = w[(n - 1) * n + n - 1]!;
  return { d, e };
}

/**
 * Eigenvalues of the symmetric tridiagonal matrix (d, e) by the implicit QL method with
 * Wilkinson shifts, ascending. d and e are not modified.
 */
export function tridiagonalEigenvalues(dIn: ArrayLike<number>, eIn: ArrayLike<number>): Float64Array {
  const n = dIn.length;
  const d = Float64Array.from(dIn);
  const e = new Float64Array(n);
  for (let i = 0; i < n - 1; i++) e[i] = eIn[i]!;
  for (let l = 0; l < n; l++) {
    let iter = 0;
    for (;;) {
      let m = l;
      for (; m < n - 1; m++) {
        const dd = Math.abs(d[m]!) + Math.abs(d[m + 1]!);
        if (Math.abs(e[m]!) <= Number.EPSILON * dd) break;
      }
      if (m === l) break;
      if (++iter > 60) throw new ValidationError('symmetric eigenvalues: QL iteration did not converge (matrix contains NaN or Inf?)');
      let g = (d[l + 1]! - d[l]!) / (2 * e[l]!);
      let r = Math.hypot(g, 1);
      g = d[m]! - d[l]! + e[l]! / (g + (g >= 0 ? r : -r));
      let s = 1, c = 1, p = 0;
      let i = m - 1;
      let underflow = false;
      for (; i >= l; i--) {
        const f = s * e[i]!;
        const b = c * e[i]!;
        r = Math.hypot(f, g);
        e[i + 1] = r;
        if (r === 0) {
          d[i + 1] = d[i + 1]! - p;
          e[m] = 0;
          underflow = true;
          break;
        }
        s = f / r;
        c = g / r;
        g = d[i + 1]! - p;
        r = (d[i]! - g) * s + 2 * c * b;
        p = s * r;
        d[i + 1] = g + p;
        g = c * r - b;
      }
      if (underflow) continue;
      d[l] = d[l]! - p;
      e[l] = g;
      e[m] = 0;
    }
  }
  return d.sort();
}

/** All eigenvalues (ascending) of a dense symmetric n×n matrix, row-major. */
export function symmetricEigenvalues(a: ArrayLike<number>, n: number): Float64Array {
  if (a.length !== n * n) throw new ValidationError(`symmetricEigenvalues: expected ${n * n} entries, got ${a.length}`);
  for (let k = 0; k < a.length; k++) {
    if (!Number.isFinite(a[k]!)) throw new ValidationError(`symmetricEigenvalues: entry (${Math.floor(k / n)}, ${k % n}) is ${a[k]}`);
  }
  const { d, e } = tridiagonalize(a, n);
  return tridiagonalEigenvalues(d, e);
}

/** κ = max|λ|/min|λ| from a list of eigenvalues (Infinity when singular). */
export function conditionFromEigenvalues(eigs: ArrayLike<number>): number {
  let hi = 0, lo = Infinity;
  for (let k = 0; k < eigs.length; k++) {
    const m = Math.abs(eigs[k]!);
    hi = Math.max(hi, m);
    lo = Math.min(lo, m);
  }
  return lo === 0 ? Infinity : hi / lo;
}

/** Anything that multiplies a vector by a symmetric matrix (a CsrMatrix qualifies). */
export interface SymmetricOperator {
  readonly rows: number;
  matvec(x: ArrayLike<number>, y?: Float64Array): Float64Array;
}

export interface LanczosOptions {
  /** Stop when both extremal Ritz residuals are below tol·max|θ| (default 1e-10). */
  readonly tol?: number;
  /** Most Krylov steps (default: the dimension, where the answer is exact). */
  readonly maxSteps?: number;
  /** Seed of the random start vector. */
  readonly seed?: number;
}

export interface LanczosResult {
  readonly min: number;
  readonly max: number;
  readonly steps: number;
  /** Residual bounds ‖A u − θ u‖ of the two Ritz pairs. */
  readonly residual: readonly [number, number];
  readonly converged: boolean;
}

/** Solve (T − σI) x = b for the symmetric tridiagonal T = (alpha, beta), Gaussian elimination with row pivoting. */
function solveShiftedTridiagonal(alpha: ArrayLike<number>, beta: ArrayLike<number>, m: number, sigma: number, b: Float64Array): Float64Array {
  const dd = new Float64Array(m), du = new Float64Array(m), dl = new Float64Array(m), du2 = new Float64Array(m);
  for (let i = 0; i < m; i++) dd[i] = alpha[i]! - sigma;
  for (let i = 0; i < m - 1; i++) du[i] = dl[i] = beta[i]!;
  const tiny = 1e-300;
  for (let i = 0; i < m - 1; i++) {
    if (Math.abs(dd[i]!) >= Math.abs(dl[i]!)) {
      if (dd[i] === 0) dd[i] = tiny;
      const f = dl[i]! / dd[i]!;
      dd[i + 1] = dd[i + 1]! - f * du[i]!;
      b[i + 1] = b[i + 1]! - f * b[i]!;
    } else {
      const f = dd[i]! / dl[i]!;
      dd[i] = dl[i]!;
      const t = du[i]!;
      du[i] = dd[i + 1]!;
      dd[i + 1] = t - f * dd[i + 1]!;
      if (i < m - 2) {
        du2[i] = du[i + 1]!;
        du[i + 1] = -f * du[i + 1]!;
      }
      const bt = b[i]!;
      b[i] = b[i + 1]!;
      b[i + 1] = bt - f * b[i]!;
    }
  }
  if (dd[m - 1] === 0) dd[m - 1] = tiny;
  const x = new Float64Array(m);
  for (let i = m - 1; i >= 0; i--) {
    let s = b[i]!;
    if (i + 1 < m) s -= du[i]! * x[i + 1]!;
    if (i + 2 < m) s -= du2[i]! * x[i + 2]!;
    x[i] = s / dd[i]!;
  }
  return x;
}

/** |last component| of the unit eigenvector of T for eigenvalue θ (three steps of inverse iteration). */
function lastComponent(alpha: ArrayLike<number>, beta: ArrayLike<number>, m: number, theta: number): number {
  let z: Float64Array = new Float64Array(m).fill(1 / Math.sqrt(m));
  for (let it = 0; it < 3; it++) {
    z = solveShiftedTridiagonal(alpha, beta, m, theta, z);
    let s = 0;
    for (let i = 0; i < m; i++) s += z[i]! * z[i]!;
    const inv = 1 / Math.sqrt(s);
    for (let i = 0; i < m; i++) z[i] = z[i]! * inv;
  }
  return Math.abs(z[m - 1]!);
}

/**
 * Smallest and largest eigenvalue of a symmetric operator by Lanczos with full
 * reorthogonalisation (classical Gram–Schmidt applied twice), checked every few steps with the
 * Ritz residual bound β_m·|s_m|.
 */
export function lanczosExtremalEigenvalues(a: SymmetricOperator, options: LanczosOptions = {}): LanczosResult {
  const n = a.rows;
  if (n === 0) throw new ValidationError('lanczos: empty matrix');
  const tol = options.tol ?? 1e-10;
  const maxSteps = Math.min(n, options.maxSteps ?? n);
  const rng = createRandom(options.seed ?? 12345);
  const basis: Float64Array[] = [];
  const alpha: number[] = [];
  const beta: number[] = [];
  let q = new Float64Array(n);
  let s0 = 0;
  for (let i = 0; i < n; i++) s0 += (q[i] = rng.normal()) ** 2;
  for (let i = 0; i < n; i++) q[i] = q[i]! / Math.sqrt(s0);
  const w = new Float64Array(n);
  let result: LanczosResult | undefined;
  for (let j = 0; j < maxSteps; j++) {
    basis.push(q);
    a.matvec(q, w);
    let aj = 0;
    for (let i = 0; i < n; i++) aj += q[i]! * w[i]!;
    alpha.push(aj);
    for (let pass = 0; pass < 2; pass++) {
      for (const v of basis) {
        let h = 0;
        for (let i = 0; i < n; i++) h += v[i]! * w[i]!;
        for (let i = 0; i < n; i++) w[i] = w[i]! - h * v[i]!;
      }
    }
    let bj = 0;
    for (let i = 0; i < n; i++) bj += w[i]! * w[i]!;
    bj = Math.sqrt(bj);
    const m = j + 1;
    const last = m === maxSteps;
    const theta = tridiagonalEigenvalues(alpha, beta);
    const scale = Math.max(Math.abs(theta[0]!), Math.abs(theta[m - 1]!), Number.MIN_VALUE);
    const invariant = bj <= 1e-14 * scale;
    if (invariant || last || m % 4 === 0) {
      const rMin = invariant ? 0 : bj * lastComponent(alpha, beta, m, theta[0]!);
      const rMax = invariant ? 0 : bj * lastComponent(alpha, beta, m, theta[m - 1]!);
      const converged = invariant || m === n || Math.max(rMin, rMax) <= tol * scale;
      result = { min: theta[0]!, max: theta[m - 1]!, steps: m, residual: [rMin, rMax], converged };
      if (converged || last) break;
    }
    beta.push(bj);
    const next = new Float64Array(n);
    for (let i = 0; i < n; i++) next[i] = w[i]! / bj;
    q = next;
  }
  return result!;
}

/**
 * κ = max|λ|/min|λ| of a sparse symmetric matrix from Lanczos. When the spectrum straddles zero,
 * min|λ| is the square root of the smallest eigenvalue of A².
 */
export function lanczosCondition(a: SymmetricOperator, options: LanczosOptions = {}): number {
  const ext = lanczosExtremalEigenvalues(a, options);
  if (ext.min > 0) return ext.max / ext.min;
  if (ext.max < 0) return ext.min / ext.max;
  const tmp = new Float64Array(a.rows);
  const square: SymmetricOperator = { rows: a.rows, matvec: (x, y = new Float64Array(a.rows)) => a.matvec(a.matvec(x, tmp), y) };
  const sq = lanczosExtremalEigenvalues(square, options);
  const lo = Math.sqrt(Math.max(0, sq.min));
  return lo === 0 ? Infinity : Math.max(Math.abs(ext.min), Math.abs(ext.max)) / lo;
}
