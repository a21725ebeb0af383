import { describe, expect, it } from 'vitest';
import { chebEval, chebMaxAbsOnGrid, chebParity } from '../../../compiler/linalg/chebyshev.js';
import {
  chebyshevIterationCoefficients, chebyshevIterationOrder, cksCoefficients, cksParameters, inversePolynomial, inverseRelativeError,
} from '../../../compiler/qsvt/polynomials.js';

/** max over [1/κ, 1] of |x·p(x) − 1| on a dense uniform grid (independent of the library's own grid). */
function relErr(p: ArrayLike<number>, kappa: number): number {
  let e = 0;
  for (let i = 0; i <= 20000; i++) {
    const x = 1 / kappa + ((1 - 1 / kappa) * i) / 20000;
    e = Math.max(e, Math.abs(x * chebEval(p, x) - 1));
  }
  return e;
}

describe('inverse polynomials', () => {
  it.each([[3, 1e-2], [10, 1e-3], [20, 1e-6], [50, 1e-4]])('Chebyshev iteration κ = %f, ε = %f: meets ε, |f| ≤ 1, odd', (kappa, eps) => {
    const P = inversePolynomial({ kappa, epsilon: eps });
    expect(relErr(P.p, kappa)).toBeLessThanOrEqual(eps);
    expect(chebParity(P.coeffs)).toBe(1);
    expect(P.coeffs.length - 1).toBe(P.degree);
    // |f| ≤ 1 on a dense uniform grid of [−1, 1].
    let sup = 0;
    for (let i = 0; i <= 40000; i++) sup = Math.max(sup, Math.abs(chebEval(P.coeffs, -1 + i / 20000)));
    expect(sup).toBeLessThanOrEqual(1);
    // f ≈ scale/x: the scaled relative error is the same.
    const x = 0.5 + 0.5 / kappa;
    expect(Math.abs((chebEval(P.coeffs, x) * x) / P.scale - 1)).toBeLessThanOrEqual(eps);
  });

  it('uses the smallest Chebyshev-iteration degree: one order less misses ε', () => {
    for (const [kappa, eps] of [[10, 1e-3], [50, 1e-4]] as const) {
      const m = chebyshevIterationOrder(kappa, eps);
      expect(relErr(chebyshevIterationCoefficients(kappa, m - 1), kappa)).toBeGreaterThan(eps);
    }
  });

  it('matches the closed form pointwise (coefficients are exact)', () => {
    const kappa = 7, m = 12, a = 1 / 49;
    const c = chebyshevIterationCoefficients(kappa, m);
    const T = (n: number, y: number) => (Math.abs(y) <= 1 ? Math.cos(n * Math.acos(y)) : Math.cosh(n * Math.acosh(y)));
    for (const x of [0.05, 0.3, 0.77, -0.4]) {
      const exact = (1 - T(m, (1 + a - 2 * x * x) / (1 - a)) / T(m, (1 + a) / (1 - a))) / x;
      expect(Math.abs(chebEval(c, x) - exact)).toBeLessThan(1e-11);
    }
  });

  it('truncated CKS equals (1 − (1 − x²)^b)/x up to its truncation error', () => {
    const { b, j0 } = cksParameters(4, 1e-2);
    const c = cksCoefficients(b, j0);
    for (const x of [0.25, 0.5, 0.9]) expect(Math.abs(chebEval(c, x) - (1 - (1 - x * x) ** b) / x)).toBeLessThan(1e-2);
    const P = inversePolynomial({ kappa: 10, epsilon: 1e-3, method: 'cks' });
    expect(inverseRelativeError(P.p, 10)).toBeLessThan(10 * 1e-3);
    expect(chebMaxAbsOnGrid(P.coeffs)).toBeLessThanOrEqual(0.9 + 1e-12);
  });

  it('refuses bad κ, ε and degrees beyond the limit', () => {
    expect(() => inversePolynomial({ kappa: 0.5, epsilon: 1e-3 })).toThrow(/κ must be/);
    expect(() => inversePolynomial({ kappa: 10, epsilon: 2 })).toThrow(/ε must be/);
    expect(() => inversePolynomial({ kappa: 1e6, epsilon: 1e-9, maxDegree: 1000 })).toThrow(/needs degree/);
    // By default the limit is the phase solver's, checked from the degree formula before any coefficient is computed.
    expect(() => inversePolynomial({ kappa: 3000, epsilon: 1e-8 })).toThrow(/needs degree 57341 \(> 20000, the phase solver's limit\); raise ε or lower κ/);
  });
});

describe('chebApply', () => {
  it('equals V diag(f(λ)) Vᵀ v for a symmetric matrix', async () => {
    const { chebApply } = await import('../../../compiler/qsvt/matrix-function.js');
    // M = rotation-conjugated diagonal in 2D: eigenvalues 0.3 and −0.7.
    const t = 0.4, c = Math.cos(t), s = Math.sin(t);
    const l = [0.3, -0.7];
    const m = [[c * c * l[0]! + s * s * l[1]!, c * s * (l[0]! - l[1]!)], [c * s * (l[0]! - l[1]!), s * s * l[0]! + c * c * l[1]!]];
    const coeffs = [0.1, 0.2, -0.3, 0.05];
    const y = chebApply(coeffs, (x) => Float64Array.from([m[0]![0]! * x[0]! + m[0]![1]! * x[1]!, m[1]![0]! * x[0]! + m[1]![1]! * x[1]!]), [1, 2]);
    const f = l.map((x) => chebEval(coeffs, x));
    // V = [[c, −s], [s, c]]; Vᵀ v then scale then V.
    const w = [c * 1 + s * 2, -s * 1 + c * 2].map((x, i) => x * f[i]!);
    const expected = [c * w[0]! - s * w[1]!, s * w[0]! + c * w[1]!];
    expect(Math.abs(y[0]! - expected[0]!) + Math.abs(y[1]! - expected[1]!)).toBeLessThan(1e-14);
  });
});
