/**
 * Dense real LU with partial pivoting on row-major Float64Arrays, plus solves against the factors:
 * the Newton steps of the phase-factor solver. Row-oriented elimination keeps the inner loop on
 * contiguous memory; the factors are reused across Newton steps (with refinement against the
 * current Jacobian) so most steps cost O(n²) instead of O(n³).
 */
import { SynthesisError } from '../errors.js';

export interface LuFactors {
  readonly n: number;
  /** L (unit lower, below the diagonal) and U (on and above), row-major. */
  readonly lu: Float64Array;
  /** Row i of the factored matrix is row piv[i] of the original. */
  readonly piv: Int32Array;
}

/** Factor A (n × n, row-major). A is copied, not modified. */
export function luFactor(a: Float64Array, n: number): LuFactors {
  const lu = Float64Array.from(a);
  const piv = new Int32Array(n);
  for (let i = 0; i < n; i++) piv[i] = i;
  for (let k = 0; k < n; k++) {
    let p = k, best = Math.abs(lu[k * n + k]!);
    for (let i = k + 1; i < n; i++) {
      const v = Math.abs(lu[i * n + k]!);
      if (v > best) { best = v; p = i; }
    }
    if (best === 0 || !Number.isFinite(best)) throw new SynthesisError(`phase solver: singular Newton system at column ${k}; the polynomial may reach |f| = 1`);
    if (p !== k) {
      const rk = k * n, rp = p * n;
      for (let j = 0; j < n; j++) { const t = lu[rk + j]!; lu[rk + j] = lu[rp + j]!; lu[rp + j] = t; }
      const t = piv[k]!; piv[k] = piv[p]!; piv[p] = t;
    }
    const rk = k * n;
    const inv = 1 / lu[rk + k]!;
    for (let i = k + 1; i < n; i++) {
      const ri = i * n;
      const m = lu[ri + k]! * inv;
      lu[ri + k] = m;
      if (m === 0) continue;
      for (let j = k + 1; j < n; j++) lu[ri + j] = lu[ri + j]! - m * lu[rk + j]!;
    }
  }
  return { n, lu, piv };
}

/** x with A x = b from the factors of A. */
export function luSolve(f: LuFactors, b: ArrayLike<number>): Float64Array {
  const { n, lu, piv } = f;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = b[piv[i]!]!;
  for (let i = 1; i < n; i++) {
    const ri = i * n;
    let s = x[i]!;
    for (let j = 0; j < i; j++) s -= lu[ri + j]! * x[j]!;
    x[i] = s;
  }
  for (let i = n - 1; i >= 0; i--) {
    const ri = i * n;
    let s = x[i]!;
    for (let j = i + 1; j < n; j++) s -= lu[ri + j]! * x[j]!;
    x[i] = s / lu[ri + i]!;
  }
  return x;
}

/** y = A x for row-major A (n × n). */
export function matVec(a: Float64Array, x: ArrayLike<number>, n: number): Float64Array {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let s = 0;
    for (let j = 0; j < n; j++) s += a[ri + j]! * x[j]!;
    y[i] = s;
  }
  return y;
}

/**
 * Solve A x = b using factors of a nearby matrix M (preconditioned Richardson: x += M⁻¹(b − A x)).
 * Returns undefined when the refinement does not contract (M too far from A): refactor then.
 */
export function refineSolve(a: Float64Array, f: LuFactors, b: ArrayLike<number>, sweeps = 8): Float64Array | undefined {
  const n = f.n;
  const x = luSolve(f, b);
  let bn = 0;
  for (let i = 0; i < n; i++) bn = Math.max(bn, Math.abs(b[i]!));
  let prev = Infinity;
  for (let s = 0; s < sweeps; s++) {
    const ax = matVec(a, x, n);
    const r = new Float64Array(n);
    let rn = 0;
    for (let i = 0; i < n; i++) { r[i] = b[i]! - ax[i]!; rn = Math.max(rn, Math.abs(r[i]!)); }
    if (rn <= 1e-8 * bn || rn < 1e-17) return x;
    if (rn > 0.5 * prev) return undefined;
    prev = rn;
    const dx = luSolve(f, r);
    for (let i = 0; i < n; i++) x[i] = x[i]! + dx[i]!;
  }
  return undefined;
}
