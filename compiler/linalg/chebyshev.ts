/**
 * Chebyshev series on [−1, 1]: Clenshaw evaluation, interpolation at Chebyshev–Lobatto points by the
 * fast DCT, fast evaluation on dense grids, parity, and exact division by x. Series are stored as
 * coefficient arrays c_0…c_d with f(x) = Σ c_k T_k(x); never converted to monomials (whose
 * coefficients reach 2^{d−1}).
 * @see Trefethen, Approximation Theory and Approximation Practice (SIAM 2013), ch. 3–4.
 */
import { ValidationError } from '../errors.js';
import { dct1, nextPowerOfTwo } from './fft.js';

/** f(x) = Σ c_k T_k(x) by Clenshaw's recurrence (backward-stable, O(d)). */
export function chebEval(coeffs: ArrayLike<number>, x: number): number {
  const n = coeffs.length;
  if (n === 0) return 0;
  let b1 = 0, b2 = 0;
  const x2 = 2 * x;
  for (let k = n - 1; k >= 1; k--) {
    const b0 = coeffs[k]! + x2 * b1 - b2;
    b2 = b1;
    b1 = b0;
  }
  return coeffs[0]! + x * b1 - b2;
}

/** The N + 1 Chebyshev–Lobatto points x_j = cos(πj/N), j = 0..N (from +1 down to −1). */
export function chebLobattoPoints(n: number): Float64Array {
  const x = new Float64Array(n + 1);
  // sin form keeps the points symmetric and exact at 0 and ±1.
  for (let j = 0; j <= n; j++) x[j] = Math.sin((Math.PI * (n - 2 * j)) / (2 * n));
  return x;
}

/** Coefficients c_0..c_N of the degree-N interpolant of values at the N + 1 Lobatto points (N = 2^k). */
export function chebCoeffsFromLobatto(values: ArrayLike<number>): Float64Array {
  const n = values.length - 1;
  const y = dct1(values);
  for (let k = 0; k <= n; k++) y[k] = (y[k]! * (k === 0 || k === n ? 1 : 2)) / n;
  return y;
}

/** Values of Σ c_k T_k at the N + 1 Lobatto points, N = 2^k ≥ degree: fast evaluation in O(N log N). */
export function chebValuesOnLobatto(coeffs: ArrayLike<number>, n: number): Float64Array {
  if (coeffs.length - 1 > n) throw new ValidationError(`chebValuesOnLobatto: degree ${coeffs.length - 1} exceeds grid size ${n}`);
  const u = new Float64Array(n + 1);
  for (let k = 0; k < coeffs.length; k++) u[k] = coeffs[k]!;
  // dct1 weights the end terms by ½; undo that so the plain cosine sum comes out.
  u[0] = 2 * u[0]!;
  u[n] = 2 * u[n]!;
  return dct1(u);
}

/**
 * Chebyshev coefficients c_0..c_degree of the interpolant of `fn` at 2^k + 1 ≥ degree + 1 Lobatto
 * points, truncated to `degree`. Exact (to rounding) when fn is a polynomial of degree ≤ degree.
 */
export function chebInterpolate(fn: (x: number) => number, degree: number): Float64Array {
  if (!Number.isInteger(degree) || degree < 0) throw new ValidationError(`chebInterpolate: degree ${degree} must be a non-negative integer`);
  const n = nextPowerOfTwo(Math.max(degree, 1));
  const x = chebLobattoPoints(n);
  const v = new Float64Array(n + 1);
  for (let j = 0; j <= n; j++) v[j] = fn(x[j]!);
  return chebCoeffsFromLobatto(v).slice(0, degree + 1);
}

/**
 * Parity of a series: 0 if every odd coefficient is ≤ tol·max|c|, 1 if every even one is, else
 * undefined (no definite parity).
 */
export function chebParity(coeffs: ArrayLike<number>, tol = 1e-14): 0 | 1 | undefined {
  let scale = 0;
  for (let k = 0; k < coeffs.length; k++) scale = Math.max(scale, Math.abs(coeffs[k]!));
  const small = tol * Math.max(scale, 1e-300);
  let even = true, odd = true;
  for (let k = 0; k < coeffs.length; k++) {
    if (Math.abs(coeffs[k]!) > small) {
      if (k % 2 === 0) odd = false;
      else even = false;
    }
  }
  if (even) return 0;
  if (odd) return 1;
  return undefined;
}

/** Copy with the coefficients of the other parity set to exactly zero. */
export function chebWithParity(coeffs: ArrayLike<number>, parity: 0 | 1): Float64Array {
  const out = Float64Array.from(coeffs as ArrayLike<number>);
  for (let k = 1 - parity; k < out.length; k += 2) out[k] = 0;
  return out;
}

/** Index of the last coefficient with |c_k| > tol·max|c| (the numerical degree), ≥ 0. */
export function chebDegree(coeffs: ArrayLike<number>, tol = 0): number {
  let scale = 0;
  for (let k = 0; k < coeffs.length; k++) scale = Math.max(scale, Math.abs(coeffs[k]!));
  for (let k = coeffs.length - 1; k > 0; k--) if (Math.abs(coeffs[k]!) > tol * scale) return k;
  return 0;
}

/**
 * The series p with x·p(x) = q(x), for q with q(0) = 0 handled exactly in the Chebyshev basis
 * (x·T_k = (T_{k+1} + T_{|k−1|})/2), solved from the top coefficient down. Returns degree d − 1.
 */
export function chebDivideByX(q: ArrayLike<number>): Float64Array {
  const d = q.length - 1;
  if (d < 1) return new Float64Array(1);
  const b = new Float64Array(d + 2);
  // Coefficient of T_j in x·p: (b_{j−1} + b_{j+1})/2 for j ≥ 2, b_0 + b_2/2 for j = 1.
  for (let j = d; j >= 2; j--) b[j - 1] = 2 * q[j]! - b[j + 1]!;
  b[0] = q[1]! - b[2]! / 2;
  return b.slice(0, d);
}

/** max |Σ c_k T_k| over a dense Lobatto grid of ≥ `minPoints` points (fast evaluation). */
export function chebMaxAbsOnGrid(coeffs: ArrayLike<number>, minPoints = 4096): number {
  const n = nextPowerOfTwo(Math.max(minPoints, 8 * coeffs.length));
  const v = chebValuesOnLobatto(coeffs, n);
  let m = 0;
  for (let j = 0; j <= n; j++) m = Math.max(m, Math.abs(v[j]!));
  return m;
}

/** a·b exactly as hi + lo (Dekker's product with Veltkamp splitting; JS has no fused multiply-add). */
export function twoProd(a: number, b: number): [number, number] {
  const p = a * b;
  const SPLIT = 134217729; // 2^27 + 1
  let t = SPLIT * a;
  const ah = t - (t - a), al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b), bl = b - bh;
  return [p, ((ah * bh - p) + ah * bl + al * bh) + al * bl];
}

/**
 * Σ c_k T_k(x) by Clenshaw's recurrence in double-double arithmetic: accurate to about ε·|f| plus
 * ε²-level terms at the given floating-point x, where plain Clenshaw can lose O(d²ε) near ±1
 * (≈ 3e-13 at degree 4000). Used for QSP targets and error checks at high degree.
 */
export function chebEvalAccurate(coeffs: ArrayLike<number>, x: number): number {
  const n = coeffs.length;
  if (n === 0) return 0;
  const x2 = 2 * x; // exact
  let b1h = 0, b1l = 0, b2h = 0, b2l = 0;
  for (let k = n - 1; k >= 1; k--) {
    // b0 = c_k + 2x·b1 − b2
    const [ph, pl0] = twoProd(b1h, x2);
    const pl = pl0 + b1l * x2;
    // s = ph + c_k (two-sum), then − b2h (two-sum), low parts gathered.
    let sh = ph + coeffs[k]!;
    let bb = sh - ph;
    let sl = (ph - (sh - bb)) + (coeffs[k]! - bb);
    const th = sh - b2h;
    bb = th - sh;
    sl += (sh - (th - bb)) + (-b2h - bb);
    sh = th;
    const lo = sl + pl - b2l;
    const h = sh + lo;
    const l = lo - (h - sh);
    b2h = b1h; b2l = b1l;
    b1h = h; b1l = l;
  }
  // f = c_0 + x·b1 − b2
  const [ph, pl0] = twoProd(b1h, x);
  const pl = pl0 + b1l * x;
  return ph + coeffs[0]! - b2h + (pl - b2l);
}

/** Coefficients of f′ from those of f: c′_{k−1} = c′_{k+1} + 2k·c_k (c′_0 halved). */
export function chebDerivative(coeffs: ArrayLike<number>): Float64Array {
  const n = coeffs.length;
  if (n <= 1) return new Float64Array(1);
  const d = new Float64Array(n + 1);
  for (let k = n - 1; k >= 1; k--) d[k - 1] = d[k + 1]! + 2 * k * coeffs[k]!;
  d[0] = d[0]! / 2;
  return d.slice(0, n - 1);
}
