import { describe, expect, it } from 'vitest';
import { chebEval } from '../../../compiler/linalg/chebyshev.js';
import { qspChebyshevCoefficients, qspChebyshevCoefficientsSymmetric } from '../../../compiler/qsvt/fast-response.js';
import { qspAmplitude } from '../../../compiler/qsvt/response.js';
import { rng } from '../../helpers/quantum.js';

describe('fast QSP evaluation (product tree)', () => {
  it.each([1, 2, 3, 4, 9, 60, 301, 1000])('degree %i: Chebyshev coefficients reproduce the direct 2×2 products (general and symmetric)', (d) => {
    const r = rng(d);
    const phi = new Float64Array(d + 1);
    for (let j = 0; j <= d / 2; j++) { phi[j] = 2 * r() - 1; phi[d - j] = phi[j]!; }
    const general = qspChebyshevCoefficients(phi);
    const sym = qspChebyshevCoefficientsSymmetric(phi);
    for (const x of [-0.97, -0.3, 0.05, 0.5, 0.88]) {
      const [re, im] = qspAmplitude(phi, x);
      for (const c of [general, sym]) {
        expect(Math.abs(chebEval(c.re, x) - re)).toBeLessThan(1e-12);
        expect(Math.abs(chebEval(c.im, x) - im)).toBeLessThan(1e-12);
      }
    }
  });
});
