/**
 * The QSP response evaluated directly from its definition with 2×2 complex products: the
 * independent check of every phase-factor solve (the solver has its own product evaluators; the two
 * share only the choice of evaluation point and the evaluation of f).
 * Convention (qntk, public): U_Φ(x) = e^{iφ₀Z} Π_{j=1..d} [W(x) e^{iφ_jZ}],
 * W(x) = [[x, i√(1−x²)], [i√(1−x²), x]]; the realised function is Re⟨0|U_Φ(x)|0⟩.
 * @see arXiv:2002.11649 (Dong, Meng, Whaley, Lin), §2 — the W_x convention.
 */
import { chebDerivative, chebEval, chebEvalAccurate, twoProd } from '../linalg/chebyshev.js';

/**
 * A point on the unit circle as floating-point (x, s) with s = √(1 − x²), and δ = x² + s² − 1
 * computed to ~ε² (double-double). W(x, s) = √(1+δ)·W(x̃) with x̃ = x/√(1+δ) exactly unitary, so a
 * product of d factors is (1+δ)^{d/2}·U(x̃): dividing that scalar out removes the coherent d·ε
 * drift of long products, leaving the evaluation at the nearby point x̃ (x̃ − x ≈ −xδ/2).
 */
export function unitaryPoint(x: number): { x: number; s: number; delta: number } {
  const s = Math.sqrt(Math.max(0, (1 - x) * (1 + x)));
  const [p, e] = twoProd(x, x);
  const [q, f] = twoProd(s, s);
  const h = p + q;
  const l = q - (h - p);
  return { x, s, delta: (h - 1) + (l + e + f) };
}

/**
 * ⟨0|U_Φ(x̃)|0⟩ as [re, im] at the unitary point x̃ ≈ x (see unitaryPoint), by multiplying the 2×2
 * factors left to right onto ⟨0|.
 */
export function qspAmplitude(phases: ArrayLike<number>, x: number): [number, number] {
  const { s, delta } = unitaryPoint(x);
  // Row vector r = ⟨0| e^{iφ₀Z} … ; components (ar + i ai, br + i bi).
  let ar = Math.cos(phases[0]!), ai = Math.sin(phases[0]!), br = 0, bi = 0;
  for (let j = 1; j < phases.length; j++) {
    // r·W: [a x + b·i s, a·i s + b x]
    const nar = ar * x - bi * s, nai = ai * x + br * s;
    const nbr = br * x - ai * s, nbi = bi * x + ar * s;
    // r·e^{iφZ}: [a e^{iφ}, b e^{−iφ}]
    const c = Math.cos(phases[j]!), sn = Math.sin(phases[j]!);
    ar = nar * c - nai * sn; ai = nar * sn + nai * c;
    br = nbr * c + nbi * sn; bi = nbi * c - nbr * sn;
  }
  const norm = Math.exp((-(phases.length - 1) / 2) * Math.log1p(delta));
  return [ar * norm, ai * norm];
}

/** f(x̃) for the unitary point x̃ = x/√(1+δ) near x: f(x) − f′(x)·xδ/2 (second order is ~ε²). */
export function evalAtUnitaryPoint(coeffs: ArrayLike<number>, derivative: ArrayLike<number>, x: number): number {
  const { delta } = unitaryPoint(x);
  return chebEvalAccurate(coeffs, x) - (chebEval(derivative, x) * x * delta) / 2;
}

/** Re⟨0|U_Φ(x)|0⟩: the function the phases realise in qntk's convention. */
export function qspResponse(phases: ArrayLike<number>, x: number): number {
  return qspAmplitude(phases, x)[0];
}

/** Points used for maxError checks: `count` Chebyshev points of the first kind, plus ±1 and 0. */
export function checkPoints(count = 2000): Float64Array {
  const xs = new Float64Array(count + 3);
  for (let j = 0; j < count; j++) xs[j] = Math.cos((Math.PI * (j + 0.5)) / count);
  xs[count] = 1;
  xs[count + 1] = -1;
  xs[count + 2] = 0;
  return xs;
}

/**
 * max_x |Re⟨0|U_Φ(x)|0⟩ − Σ c_k T_k(x)| over `points` (default: 2000 Chebyshev points, ±1, 0). Both
 * sides are taken at the same unitary point x̃ (unitaryPoint) and f in double-double Clenshaw, so the
 * check measures the phases rather than rounding drift of a length-d product.
 */
export function qspMaxError(phases: ArrayLike<number>, coeffs: ArrayLike<number>, points: ArrayLike<number> = checkPoints()): number {
  const deriv = chebDerivative(coeffs);
  let err = 0;
  for (let i = 0; i < points.length; i++) {
    const x = points[i]!;
    err = Math.max(err, Math.abs(qspResponse(phases, x) - evalAtUnitaryPoint(coeffs, deriv, x)));
  }
  return err;
}
