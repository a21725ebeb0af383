/**
 * Minimax odd polynomials for 1/x on [1/κ, 1] in the literature's absolute metric
 * max |p(x) − 1/x|, by the Remez exchange algorithm. With y = x² and p(x) = x·s(y) (s of degree
 * m − 1, p of degree 2m − 1), |p − 1/x| = √y·|s(y) − 1/y|: a weighted polynomial approximation of
 * 1/y on [1/κ², 1] with weight √y, which satisfies the Haar condition, so Remez converges to the
 * unique equioscillating best approximation.
 *
 * In qntk's own (relative) metric max |x·p(x) − 1| no search is needed: x·p − 1 = −r(y) with r of
 * degree m and r(0) = 1, and min max_{[a,1]} |r| over such r is attained by T_m(g(y))/T_m(g(0)) —
 * the Chebyshev-iteration polynomial is already the relative-error minimax (classical; the same
 * extremal property that makes Chebyshev semi-iterative methods optimal).
 * @see Remez (1934); Powell, Approximation Theory and Methods (1981), ch. 7–9 — exchange algorithm.
 * @see arXiv:2507.15537 (Sünderhauf et al.) — near-optimal inverse polynomials and their degrees.
 */
import { SynthesisError } from '../errors.js';
import { chebEval, chebInterpolate, chebWithParity } from '../linalg/chebyshev.js';
import { luFactor, luSolve } from './dense-solve.js';

export interface RemezResult {
  /** Chebyshev coefficients of s in t = (2y − 1 − a)/(1 − a) on y ∈ [a, 1]. */
  readonly s: Float64Array;
  /** The minimax error max_{x ∈ [1/κ, 1]} |p(x) − 1/x|. */
  readonly error: number;
  readonly iterations: number;
}

/** Weighted Remez for s ≈ 1/y on [a, 1], weight √y, degree m − 1. */
export function remezInverse(kappa: number, m: number): RemezResult {
  const a = 1 / (kappa * kappa);
  const toY = (t: number): number => ((1 - a) * t + 1 + a) / 2;
  // Fine grid in t (Chebyshev points of the second kind) for locating extrema.
  const nGrid = Math.max(4000, 50 * m);
  const grid = Float64Array.from({ length: nGrid + 1 }, (_, j) => -Math.cos((Math.PI * j) / nGrid));
  let ref = Float64Array.from({ length: m + 1 }, (_, i) => -Math.cos((Math.PI * i) / m));
  let s = new Float64Array(m);
  let levelled = 0, maxErr = Infinity, it = 0;
  const err = (t: number): number => {
    const y = toY(t);
    return (y * chebEval(s, t) - 1) / Math.sqrt(y);
  };
  for (; it < 40; it++) {
    // Σ b_k T_k(t_i) − (−1)^i E/√y_i = 1/y_i
    const n = m + 1;
    const mat = new Float64Array(n * n), rhs = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const t = ref[i]!, y = toY(t);
      let prev = 1, cur = t;
      mat[i * n] = 1;
      if (m > 1) mat[i * n + 1] = t;
      for (let k = 2; k < m; k++) {
        const next = 2 * t * cur - prev;
        mat[i * n + k] = next;
        prev = cur;
        cur = next;
      }
      mat[i * n + m] = -(i % 2 === 0 ? 1 : -1) / Math.sqrt(y);
      rhs[i] = 1 / y;
    }
    const sol = luSolve(luFactor(mat, n), rhs);
    s = sol.slice(0, m);
    levelled = Math.abs(sol[m]!);
    // New reference: the extremum of |e| in each run of constant sign, trimmed to m + 1 alternating points.
    const pts: number[] = [], vals: number[] = [];
    let runBest = grid[0]!, runVal = err(grid[0]!);
    for (let j = 1; j <= nGrid; j++) {
      const t = grid[j]!, v = err(t);
      if (Math.sign(v) === Math.sign(runVal) || v === 0) {
        if (Math.abs(v) > Math.abs(runVal)) { runVal = v; runBest = t; }
      } else {
        pts.push(runBest); vals.push(runVal);
        runBest = t; runVal = v;
      }
    }
    pts.push(runBest); vals.push(runVal);
    maxErr = vals.reduce((mx, v) => Math.max(mx, Math.abs(v)), 0);
    while (pts.length > m + 1) {
      // Drop the end point with the smaller |e| (keeps the alternation).
      if (Math.abs(vals[0]!) < Math.abs(vals[vals.length - 1]!)) { pts.shift(); vals.shift(); } else { pts.pop(); vals.pop(); }
    }
    if (pts.length < m + 1) break; // fewer sign changes: the current solution is already optimal on the grid
    ref = Float64Array.from(pts);
    if (maxErr - levelled <= 1e-6 * maxErr) break;
  }
  if (!Number.isFinite(maxErr)) throw new SynthesisError(`Remez for 1/x failed at κ = ${kappa}, degree ${2 * m - 1}`);
  return { s, error: maxErr, iterations: it };
}

/** Smallest m (degree 2m − 1) whose minimax absolute error is ≤ ε, searched below `upper` (which must meet ε). */
export function minimaxInverseOrder(kappa: number, epsilon: number, upper: number): { m: number; remez: RemezResult } {
  let hi = upper, best = remezInverse(kappa, upper);
  let lo = Math.max(1, Math.floor(upper * 0.7));
  // Invariant: hi meets ε; lo − 1 is not known to.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const r = remezInverse(kappa, mid);
    // A small margin: the grid maximum can sit just below the true peak.
    if (r.error <= epsilon * (1 - 5e-3)) { hi = mid; best = r; } else lo = mid + 1;
  }
  return { m: hi, remez: best };
}

/** Chebyshev coefficients in x of p(x) = x·s(x²) (odd, degree 2m − 1). */
export function minimaxCoefficients(kappa: number, remez: RemezResult): Float64Array {
  const a = 1 / (kappa * kappa);
  const m = remez.s.length;
  return chebWithParity(chebInterpolate((x) => x * chebEval(remez.s, (2 * x * x - 1 - a) / (1 - a)), 2 * m - 1), 1);
}
