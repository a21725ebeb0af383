/**
 * Phase factors for symmetric QSP: given a real polynomial of definite parity as Chebyshev
 * coefficients (|f| < 1 on [−1, 1]), find symmetric phases Φ with Re⟨0|U_Φ(x)|0⟩ = f(x).
 *
 * Methods: Newton's method for symmetric QSP (robust as ‖f‖∞ → 1), and for large degrees the
 * Anderson-accelerated fixed-point iteration (phases-large.ts; O(d²) per step, no O(d³) solve; from
 * degree 1500 it starts in coefficient space with the O(d log² d) product tree of fast-response.ts),
 * with Newton as the fallback when the fixed point stalls. Every residual is evaluated in x-space at the
 * unitary points of response.ts (not from Chebyshev coefficients). Internally the solver works in the Im convention of
 * the paper (g = Im⟨0|U|0⟩, starting point Φ = 0 where g ≡ 0 and the Jacobian is 2·[T_{d−2k}]); the
 * answer is moved to qntk's Re convention at the boundary by φ₀ −= π/4, φ_d −= π/4 (which multiplies
 * ⟨0|U|0⟩ by −i, turning Im into Re and keeping the phases symmetric).
 * The unknowns are the d̃ = ⌊d/2⌋ + 1 free phases; the equations are g(x_i) = f(x_i) at the d̃
 * positive Chebyshev nodes x_i = cos(π(2i+1)/(4d̃)), which determine a parity-d polynomial of degree
 * ≤ d uniquely. The Jacobian is structured: for symmetric Φ, U is a symmetric matrix and
 * ⟨0|E₀W…W| = (W…W E_d|0⟩)ᵀ, so the right-to-left partial products b_j alone give every partial
 * derivative ∂g/∂φ_k = 2·Re(b_{d−k}ᵀ Z e^{iφ_kZ} b_k): a whole Jacobian row costs one evaluation.
 * @see arXiv:2307.12468 (Dong, Lin, Ni, Wang) — Newton for symmetric QSP.
 * @see arXiv:2209.10162 (Dong, Lin, Ni, Wang) — the fixed-point view (J(0) ≈ 2·DCT) used to start.
 */
import { SynthesisError, ValidationError } from '../errors.js';
import { chebDegree, chebDerivative, chebMaxAbsOnGrid, chebParity } from '../linalg/chebyshev.js';
import { evalAtUnitaryPoint, unitaryPoint } from './response.js';
import type { Progress } from '../progress.js';
import { luFactor, refineSolve, luSolve, type LuFactors } from './dense-solve.js';
import { AndersonMixer, applyInitialJacobianInverse, symmetricResponseAtNodes, type NodeSet } from './phases-large.js';
import { qspChebyshevCoefficientsSymmetric } from './fast-response.js';

export interface PhaseSolveOptions {
  /** Stop when max |g(x_i) − f(x_i)| at the nodes is below this (default 1e-14). */
  readonly tolerance?: number;
  /** Newton iterations before giving up (default 60; the fixed-point path allows 40× more). */
  readonly maxIterations?: number;
  /**
   * 'newton' (dense structured Jacobian), 'fixed-point' (Anderson-accelerated), or 'auto' (default):
   * Newton up to degree 150; above, the fixed point first and Newton if it stalls (up to degree 4000).
   */
  readonly method?: 'auto' | 'newton' | 'fixed-point';
  /** Called as the residual falls: done/total is the share of the way (log scale) from the first residual to the tolerance. */
  readonly progress?: Progress;
}

export interface PhaseSolveResult {
  /** φ₀…φ_d in qntk's convention (Re⟨0|U_Φ|0⟩ = f); symmetric: φ_j = φ_{d−j}. */
  readonly phases: Float64Array;
  readonly degree: number;
  readonly parity: 0 | 1;
  readonly iterations: number;
  /** Final max residual at the interpolation nodes. */
  readonly residual: number;
}

/**
 * Highest degree the solver accepts. The degree is known before any work, so a larger one is
 * refused at once: around degree 2·10⁴ a solve takes some ten seconds and its rounding error
 * approaches 10⁻⁸, beyond that minutes for phases whose error double precision cannot certify.
 */
export const PHASE_SOLVER_MAX_DEGREE = 20000;

/** Check a coefficient vector is a real definite-parity series with |f| < 1 and a degree the solver takes; returns (degree, parity). */
export function validateQspTarget(coeffs: ArrayLike<number>): { degree: number; parity: 0 | 1 } {
  if (coeffs.length === 0) throw new ValidationError('QSP target: the coefficient list is empty; give c0…cd');
  for (let k = 0; k < coeffs.length; k++) {
    if (typeof coeffs[k] !== 'number' || !Number.isFinite(coeffs[k]!)) throw new ValidationError(`QSP target: coefficient c${k} = ${String(coeffs[k])} is not a finite number`);
  }
  // The series as given: even trailing zeros cost time in every check below.
  if (coeffs.length - 1 > PHASE_SOLVER_MAX_DEGREE) {
    throw new ValidationError(`degree ${coeffs.length - 1} is above the phase solver's limit ${PHASE_SOLVER_MAX_DEGREE}; truncate the series`, { parameter: 'degree' });
  }
  const degree = chebDegree(coeffs, 0);
  const parity = chebParity(coeffs, 1e-14);
  if (parity === undefined) throw new ValidationError('QSP target: the polynomial has no definite parity (both even and odd Chebyshev coefficients are nonzero); split it into even and odd parts');
  const sup = chebMaxAbsOnGrid(coeffs);
  if (sup >= 1) throw new ValidationError(`QSP target: max |f| on [−1, 1] is ${sup.toPrecision(6)}; QSP needs |f| < 1 — scale the polynomial down`);
  return { degree: degree % 2 === parity ? degree : degree + 1, parity };
}

/** Above this degree 'auto' does not fall back to dense Newton (O(d³) time, O(d²) memory). */
const NEWTON_MAX_DEGREE = 4000;

/** The d̃ positive Chebyshev nodes used as collocation points. */
function nodes(count: number): Float64Array {
  const x = new Float64Array(count);
  for (let i = 0; i < count; i++) x[i] = Math.cos((Math.PI * (2 * i + 1)) / (4 * count));
  return x;
}

/**
 * For one node x: g = Im⟨0|U_Φ(x)|0⟩ (Im convention, full symmetric phases) and, if `row` is given,
 * the Jacobian row ∂g/∂ϕ̃_k, k < d̃. `b` is scratch of length 4(d+1).
 */
function evaluateNode(phi: Float64Array, cosPhi: Float64Array, sinPhi: Float64Array, x: number, s: number, b: Float64Array, row: Float64Array | undefined): number {
  const d = phi.length - 1;
  // b_d = |0⟩; b_j = W e^{iφ_{j+1}Z} b_{j+1}. Layout: [ur, ui, vr, vi] per j.
  let ur = 1, ui = 0, vr = 0, vi = 0;
  let o = 4 * d;
  b[o] = 1; b[o + 1] = 0; b[o + 2] = 0; b[o + 3] = 0;
  for (let j = d - 1; j >= 0; j--) {
    const c = cosPhi[j + 1]!, sn = sinPhi[j + 1]!;
    const er = ur * c - ui * sn, ei = ur * sn + ui * c; // e^{iφ} u
    const fr = vr * c + vi * sn, fi = vi * c - vr * sn; // e^{−iφ} v
    ur = x * er - s * fi; ui = x * ei + s * fr; // x·u + i s·v
    vr = x * fr - s * ei; vi = x * fi + s * er; // i s·u + x·v
    o = 4 * j;
    b[o] = ur; b[o + 1] = ui; b[o + 2] = vr; b[o + 3] = vi;
  }
  const g = cosPhi[0]! * ui + sinPhi[0]! * ur; // Im(e^{iφ₀} u_0)
  if (row) {
    const half = row.length;
    for (let k = 0; k < half; k++) {
      const p = 4 * k, q = 4 * (d - k);
      // Re(e^{iφ} u_q u_p − e^{−iφ} v_q v_p)
      const uur = b[q]! * b[p]! - b[q + 1]! * b[p + 1]!, uui = b[q]! * b[p + 1]! + b[q + 1]! * b[p]!;
      const vvr = b[q + 2]! * b[p + 2]! - b[q + 3]! * b[p + 3]!, vvi = b[q + 2]! * b[p + 3]! + b[q + 3]! * b[p + 2]!;
      const c = cosPhi[k]!, sn = sinPhi[k]!;
      const val = c * uur - sn * uui - (c * vvr + sn * vvi);
      row[k] = k === d - k ? val : 2 * val;
    }
  }
  return g;
}

/**
 * Symmetric phase factors for f = Σ c_k T_k (definite parity, |f| < 1), in qntk's convention.
 * 'auto': Newton up to degree 150; above, the Anderson-accelerated fixed point, falling back to
 * Newton (up to degree 4000) when it stalls. Throws ValidationError for an unusable target and
 * SynthesisError when no method converges to 1e-12 at the nodes.
 */
export function solvePhases(coeffs: ArrayLike<number>, options: PhaseSolveOptions = {}): PhaseSolveResult {
  const { degree: d, parity } = validateQspTarget(coeffs);
  const tol = options.tolerance ?? 1e-14;
  const maxIt = options.maxIterations ?? 60;
  const half = (d >> 1) + 1;
  const xs = nodes(half);
  // Both sides at the unitary points x̃_i (response.ts): f in double-double, responses rescaled.
  const deriv = chebDerivative(coeffs);
  const target = Float64Array.from(xs, (x) => evalAtUnitaryPoint(coeffs, deriv, x));
  const ss = Float64Array.from(xs, (x) => unitaryPoint(x).s);
  const norms = Float64Array.from(xs, (x) => Math.exp((-d / 2) * Math.log1p(unitaryPoint(x).delta)));
  const method = options.method ?? 'auto';
  const report = residualProgress(options.progress, tol);
  if (method === 'fixed-point') return finish(solveFixedPoint(d, coeffs, { xs, ss, norms }, target, tol, report, 40 * (options.maxIterations ?? 60), Infinity), d, parity);
  if (method === 'auto' && d > 150) {
    // Anderson-accelerated fixed point first (cheap iterations); Newton when it stalls (|f| → 1).
    try {
      const fallback = d <= NEWTON_MAX_DEGREE;
      return finish(solveFixedPoint(d, coeffs, { xs, ss, norms }, target, tol, report, fallback ? 300 : 4000, fallback ? 25 : Infinity), d, parity);
    } catch (e) {
      if (!(e instanceof SynthesisError) || d > NEWTON_MAX_DEGREE) throw e;
    }
  }
  const red = new Float64Array(half);
  const phi = new Float64Array(d + 1), cosPhi = new Float64Array(d + 1), sinPhi = new Float64Array(d + 1);
  const b = new Float64Array(4 * (d + 1));
  const jac = new Float64Array(half * half);
  const resid = new Float64Array(half);
  let err = Infinity, prevErr = Infinity, it = 0;
  let factors: LuFactors | undefined;
  for (; it <= maxIt; it++) {
    for (let k = 0; k < half; k++) { phi[k] = red[k]!; phi[d - k] = red[k]!; }
    for (let j = 0; j <= d; j++) { cosPhi[j] = Math.cos(phi[j]!); sinPhi[j] = Math.sin(phi[j]!); }
    err = 0;
    for (let i = 0; i < half; i++) {
      const r = evaluateNode(phi, cosPhi, sinPhi, xs[i]!, ss[i]!, b, jac.subarray(i * half, (i + 1) * half)) * norms[i]! - target[i]!;
      resid[i] = r;
      err = Math.max(err, Math.abs(r));
    }
    if (!Number.isFinite(err)) break;
    report(err);
    // Converged, or stagnating at rounding level (quadratic convergence has stopped paying).
    if (err <= tol || (it > 2 && err > 0.25 * prevErr && err < 1e-12)) break;
    if (it === maxIt) break;
    // Reuse the last factorisation while refinement against the current Jacobian contracts.
    let step = factors ? refineSolve(jac, factors, resid) : undefined;
    if (!step) {
      factors = luFactor(jac, half);
      step = luSolve(factors, resid);
    }
    for (let k = 0; k < half; k++) red[k] = red[k]! - step[k]!;
    prevErr = err;
  }
  if (!(err < 1e-12)) throw new SynthesisError(`phase solver: Newton did not converge for degree ${d} (residual ${err.toExponential(2)} after ${it} iterations); reduce max |f| below 1`);
  return finish({ phi, iterations: it, residual: err }, d, parity);
}

/** Progress events from residuals: the share of the way (log scale) from the first residual to `tol`, never going back. */
function residualProgress(progress: Progress | undefined, tol: number): (residual: number) => void {
  let first: number | undefined;
  let shown = 0;
  return (residual) => {
    if (!progress || !Number.isFinite(residual)) return;
    first ??= Math.max(residual, 10 * tol);
    const share = Math.log(first / Math.max(residual, tol)) / Math.log(first / tol);
    shown = Math.max(shown, Math.round(1000 * Math.min(1, Math.max(0, share))));
    progress({ stage: 'angles', done: shown, total: 1000 });
  };
}

/** Move internal (Im-convention) phases to qntk's Re convention: φ₀ −= π/4, φ_d −= π/4. */
function finish(r: { phi: Float64Array; iterations: number; residual: number }, d: number, parity: 0 | 1): PhaseSolveResult {
  const phases = Float64Array.from(r.phi);
  phases[0] = phases[0]! - Math.PI / 4;
  phases[d] = phases[d]! - Math.PI / 4;
  return { phases, degree: d, parity, iterations: r.iterations, residual: r.residual };
}

/** Anderson-accelerated fixed-point iteration with x-space residuals (phases-large.ts). */
/** `giveUpAfter`: iterations without a new best residual before failing (when a fallback exists). */
function solveFixedPoint(d: number, coeffs: ArrayLike<number>, nodeSet: NodeSet, target: Float64Array, tol: number, report: (residual: number) => void, maxIt: number, giveUpAfter: number): { phi: Float64Array; iterations: number; residual: number } {
  const half = nodeSet.xs.length;
  // Large degrees: get close with O(d log² d) coefficient-space iterations first. Both stages
  // iterate the same map (J(0)⁻¹ on node residuals = D⁻¹ on coefficient residuals), so the
  // Anderson history carries over.
  const coarse = d >= FAST_START_DEGREE
    ? coarseFixedPoint(d, coeffs, Math.min(maxIt, 400), report)
    : { red: new Float64Array(half), iterations: 0, mixer: new AndersonMixer(12) };
  const mixer = coarse.mixer;
  let red: Float64Array = coarse.red;
  const phi = new Float64Array(d + 1);
  let bestPhi = new Float64Array(d + 1);
  let err = Infinity, best = Infinity, stall = 0, it = 0;
  for (; it <= maxIt; it++) {
    for (let k = 0; k < half; k++) { phi[k] = red[k]!; phi[d - k] = red[k]!; }
    const g = symmetricResponseAtNodes(phi, nodeSet);
    const r = new Float64Array(half);
    err = 0;
    for (let i = 0; i < half; i++) { r[i] = g[i]! - target[i]!; err = Math.max(err, Math.abs(r[i]!)); }
    if (!Number.isFinite(err)) break;
    report(err);
    if (err < best) bestPhi = Float64Array.from(phi);
    if (err <= tol) { best = err; break; }
    // Rounding floor: stop once 3 iterations bring no new best below 1e-13; give up after `giveUpAfter`.
    if (err < best * 0.9) { best = Math.min(best, err); stall = 0; } else {
      best = Math.min(best, err);
      if ((++stall >= 3 && best < 1e-13) || stall >= giveUpAfter) break;
    }
    const step = applyInitialJacobianInverse(r, d);
    for (let k = 0; k < half; k++) step[k] = -step[k]!;
    red = mixer.next(red, step);
  }
  if (!(best < 1e-12)) throw new SynthesisError(`phase solver: the fixed-point iteration did not converge for degree ${d} (residual ${best.toExponential(2)} after ${it} iterations); reduce max |f| (e.g. to 0.9)`);
  return { phi: bestPhi, iterations: coarse.iterations + it, residual: best };
}

/** Above this degree the fixed point starts in coefficient space with the fast evaluator. */
const FAST_START_DEGREE = 1500;

/**
 * The fixed point in Chebyshev-coefficient space, Φ̃_k ← Φ̃_k − (F(Φ̃) − c)_{d−2k}/w_k with F from
 * the O(d log² d) product tree, down to its rounding floor (~1e-13 in coefficients, but up to ~d·ε
 * in x-space, so the x-space iteration finishes the job).
 */
function coarseFixedPoint(d: number, coeffs: ArrayLike<number>, maxIt: number, report: (residual: number) => void): { red: Float64Array; iterations: number; mixer: AndersonMixer } {
  const half = (d >> 1) + 1;
  const mixer = new AndersonMixer(12);
  let red: Float64Array = new Float64Array(half);
  let best = Infinity, bestRed: Float64Array = red, stall = 0, it = 0;
  const phi = new Float64Array(d + 1);
  for (; it < maxIt; it++) {
    for (let k = 0; k < half; k++) { phi[k] = red[k]!; phi[d - k] = red[k]!; }
    const f = qspChebyshevCoefficientsSymmetric(phi).im;
    const step = new Float64Array(half);
    let err = 0;
    for (let k = 0; k < half; k++) {
      const j = d - 2 * k;
      const r = f[j]! - (coeffs[j] ?? 0);
      err = Math.max(err, Math.abs(r));
      step[k] = -r / (j === 0 ? 1 : 2);
    }
    if (!Number.isFinite(err)) break;
    report(err);
    if (err < best * 0.9) { best = err; bestRed = Float64Array.from(red); stall = 0; } else if (++stall >= (best < 1e-11 ? 2 : 25)) break;
    if (err <= 1e-13) return { red, iterations: it, mixer };
    red = mixer.next(red, step);
  }
  // Stalled (at the rounding floor, or |f| → 1) or out of iterations: the best iterate, fresh history.
  return { red: bestRed, iterations: it, mixer: new AndersonMixer(12) };
}
