/**
 * Odd polynomials p ≈ 1/x on [1/κ, 1], as Chebyshev coefficients, for QSVT matrix inversion:
 * the Chebyshev-iteration polynomial (default; closed form, error exactly 1/T_m(g(0))) and the
 * truncated Childs–Kothari–Somma polynomial (for comparison). The QSP target is f = scale·p with
 * |f| ≤ maxNorm < 1 on [−1, 1].
 * @see arXiv:1511.02306 (Childs, Kothari, Somma), Lemmas 17–19 — the CKS polynomial.
 * @see arXiv:2507.15537 (Sünderhauf et al.) — the Chebyshev-iteration form and its error.
 */
import { ValidationError } from '../errors.js';
import { chebDivideByX, chebEval, chebInterpolate, chebMaxAbsOnGrid, chebWithParity } from '../linalg/chebyshev.js';
import { minimaxCoefficients, minimaxInverseOrder } from './minimax.js';
import { PHASE_SOLVER_MAX_DEGREE } from './phases.js';

/**
 * 'chebyshev-iteration' (closed form; the exact minimax in the relative metric), 'cks' (truncated
 * Childs–Kothari–Somma, for comparison), 'minimax' (Remez in the absolute metric; in the relative
 * metric identical to 'chebyshev-iteration', see minimax.ts).
 */
export type InversePolynomialMethod = 'chebyshev-iteration' | 'cks' | 'minimax';

/**
 * How ε is measured on [1/κ, 1]: 'relative' |x·p(x) − 1| ≤ ε (qntk's contract; what the solution
 * state's fidelity depends on) or 'absolute' |p(x) − 1/x| ≤ ε (the literature's convention, used by
 * the CKS degree formula and the published degree anchors).
 */
export type ErrorMetric = 'relative' | 'absolute';

export interface InversePolynomialOptions {
  readonly kappa: number;
  readonly epsilon: number;
  readonly method?: InversePolynomialMethod;
  readonly metric?: ErrorMetric;
  /** Target sup |f| on [−1, 1] after scaling (default 0.9; the solver needs < 1). */
  readonly maxNorm?: number;
  /** Refuse degrees above this, before any work (default PHASE_SOLVER_MAX_DEGREE: the phases could not be found). */
  readonly maxDegree?: number;
}

export interface InversePolynomial {
  readonly method: InversePolynomialMethod;
  readonly kappa: number;
  readonly epsilon: number;
  readonly degree: number;
  /** Chebyshev coefficients of p ≈ 1/x (odd, unscaled). */
  readonly p: Float64Array;
  /** Chebyshev coefficients of the QSP target f = scale·p. */
  readonly coeffs: Float64Array;
  readonly scale: number;
  /** max over [1/κ, 1] of |x·p(x) − 1| (measured on a dense grid). */
  readonly relativeError: number;
}

/** Largest m (degree 2m − 1) the Remez search in minimax.ts is asked for. */
const MAX_REMEZ_ORDER = 800;

/** T_m(y) for real y (cos/cosh forms). */
function chebT(m: number, y: number): number {
  if (Math.abs(y) <= 1) return Math.cos(m * Math.acos(y));
  const t = Math.cosh(m * Math.acosh(Math.abs(y)));
  return y < 0 && m % 2 === 1 ? -t : t;
}

/** Smallest m with 1/T_m(g(0)) ≤ ε (relative) or κ/T_m(g(0)) ≤ ε (absolute); degree is 2m − 1. */
export function chebyshevIterationOrder(kappa: number, epsilon: number, metric: ErrorMetric = 'relative'): number {
  const a = 1 / (kappa * kappa);
  const g0 = (1 + a) / (1 - a);
  const need = (metric === 'relative' ? 1 : kappa) / epsilon;
  let m = Math.max(1, Math.ceil(Math.acosh(need) / Math.acosh(g0)) - 1);
  while (chebT(m, g0) < need) m++;
  return m;
}

/** CKS parameters b = ⌈κ² ln(κ/ε)⌉ and j₀ = ⌈√(b ln(4b/ε))⌉; degree 2j₀ + 1. */
export function cksParameters(kappa: number, epsilon: number): { b: number; j0: number; degree: number } {
  const b = Math.ceil(kappa * kappa * Math.log(kappa / epsilon));
  const j0 = Math.ceil(Math.sqrt(b * Math.log((4 * b) / epsilon)));
  return { b, j0, degree: 2 * j0 + 1 };
}

/** Chebyshev coefficients of the Chebyshev-iteration polynomial (1 − T_m(g(x²))/T_m(g(0)))/x. */
export function chebyshevIterationCoefficients(kappa: number, m: number): Float64Array {
  const a = 1 / (kappa * kappa);
  const g0 = (1 + a) / (1 - a);
  const tm0 = chebT(m, g0);
  // q(x) = 1 − T_m(g(x²))/T_m(g0) is even of degree 2m with q(0) = 0; divide by x exactly.
  const q = chebInterpolate((x) => 1 - chebT(m, (1 + a - 2 * x * x) / (1 - a)) / tm0, 2 * m);
  return chebWithParity(chebDivideByX(chebWithParity(q, 0)), 1);
}

/**
 * Chebyshev coefficients of the truncated CKS polynomial
 * 4 Σ_{j=0..j₀} (−1)^j [2^{−2b} Σ_{i=j+1..b} C(2b, b+i)] T_{2j+1}(x).
 */
export function cksCoefficients(b: number, j0: number): Float64Array {
  // pmf(i) = C(2b, b+i)/4^b by the ratio recurrence from the central term (computed in logs).
  let logCentral = 0;
  for (let k = 1; k <= b; k++) logCentral += Math.log((b + k) / k);
  logCentral -= 2 * b * Math.LN2;
  let pmf = Math.exp(logCentral);
  let tail = (1 - pmf) / 2; // P(X ≥ b + 1)
  const c = new Float64Array(2 * j0 + 2);
  for (let j = 0; j <= j0; j++) {
    c[2 * j + 1] = 4 * (j % 2 === 0 ? 1 : -1) * Math.max(tail, 0);
    pmf *= (b - j) / (b + j + 1); // pmf(j + 1)
    tail -= pmf; // P(X ≥ b + j + 2)
  }
  return c;
}

/** max over a dense grid of [1/κ, 1] of |x·p(x) − 1|. */
export function inverseRelativeError(p: ArrayLike<number>, kappa: number, points = 4000): number {
  let err = 0;
  for (let i = 0; i <= points; i++) {
    // Geometric spacing: 1/x varies fastest near 1/κ.
    const x = Math.pow(kappa, -(1 - i / points));
    err = Math.max(err, Math.abs(x * chebEval(p, x) - 1));
  }
  return err;
}

/** Check κ and ε; ValidationError (exit 2) otherwise. */
function validate(kappa: number, epsilon: number, maxNorm: number): void {
  if (!Number.isFinite(kappa) || kappa <= 1) throw new ValidationError(`kappa ${kappa}: κ must be a number > 1`, { parameter: 'kappa' });
  if (!Number.isFinite(epsilon) || epsilon <= 0 || epsilon >= 1) throw new ValidationError(`epsilon ${epsilon}: ε must be in (0, 1)`, { parameter: 'epsilon' });
  if (!(maxNorm > 0 && maxNorm < 1)) throw new ValidationError(`maxNorm ${maxNorm}: must be in (0, 1)`, { parameter: 'maxNorm' });
}

/** The one-line refusal when the degree (known before any work) is above the limit. */
function tooHigh(kappa: number, epsilon: number, needs: string, limit: number): ValidationError {
  const whose = limit === PHASE_SOLVER_MAX_DEGREE ? ", the phase solver's limit" : '';
  return new ValidationError(`κ = ${kappa}, ε = ${epsilon} needs ${needs} (> ${limit}${whose}); raise ε or lower κ`, { parameter: 'kappa' });
}

/** The scaled QSP target for inversion: smallest degree of the chosen family meeting ε. */
export function inversePolynomial(options: InversePolynomialOptions): InversePolynomial {
  const { kappa, epsilon } = options;
  const method = options.method ?? 'chebyshev-iteration';
  const maxNorm = options.maxNorm ?? 0.9;
  const maxDegree = options.maxDegree ?? PHASE_SOLVER_MAX_DEGREE;
  validate(kappa, epsilon, maxNorm);
  let p: Float64Array;
  let degree: number;
  if (method === 'cks') {
    const { b, j0, degree: dg } = cksParameters(kappa, epsilon);
    degree = dg;
    if (degree > maxDegree) throw tooHigh(kappa, epsilon, `a CKS polynomial of degree ${degree}`, maxDegree);
    p = cksCoefficients(b, j0);
  } else if (method === 'minimax' && options.metric === 'absolute') {
    const upper = chebyshevIterationOrder(kappa, epsilon, 'absolute');
    if (2 * upper - 1 > maxDegree) throw tooHigh(kappa, epsilon, `degree about ${2 * upper - 1}`, maxDegree);
    // Each Remez step solves a dense (m+1)×(m+1) system: keep the search to a few seconds.
    if (upper > MAX_REMEZ_ORDER) throw new ValidationError(`method minimax: degree about ${2 * upper - 1} is beyond the Remez search limit ${2 * MAX_REMEZ_ORDER - 1}; use the chebyshev-iteration method (within ~5 % of it)`, { parameter: 'method' });
    const { m, remez } = minimaxInverseOrder(kappa, epsilon, upper);
    degree = 2 * m - 1;
    p = minimaxCoefficients(kappa, remez);
  } else {
    const m = chebyshevIterationOrder(kappa, epsilon, options.metric ?? 'relative');
    degree = 2 * m - 1;
    if (degree > maxDegree) throw tooHigh(kappa, epsilon, Number.isFinite(degree) ? `degree ${degree}` : `a degree above ${maxDegree}`, maxDegree);
    p = chebyshevIterationCoefficients(kappa, m);
  }
  const sup = chebMaxAbsOnGrid(p, 16 * (degree + 1));
  const scale = maxNorm / sup;
  const coeffs = p.map((v) => v * scale);
  return { method, kappa, epsilon, degree, p, coeffs, scale, relativeError: inverseRelativeError(p, kappa) };
}
