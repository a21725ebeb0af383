/**
 * Zero-noise extrapolation: expectation values measured at noise scales λ1 < λ2 < … (gate folding,
 * passes/fold-gates.ts) extrapolated to λ = 0.
 * - 'richardson': the polynomial through all points, evaluated at 0 (Lagrange form);
 * - 'linear': the least-squares line, its intercept;
 * - 'exponential': E(λ) = a·e^{−bλ} (asymptote 0, as for a depolarized Pauli expectation), fitted
 *   by least squares on log|E|; it needs every value of one sign and falls back to 'linear' (and
 *   says so) when they are not.
 * @see K. Temme, S. Bravyi, J. M. Gambetta, Phys. Rev. Lett. 119, 180509 (2017), arXiv:1612.02058
 * @see T. Giurgica-Tiron et al., arXiv:2005.10921 (folding and the factories mitiq implements)
 */
import { ValidationError } from '../compiler/errors.js';

export type Extrapolation = 'richardson' | 'linear' | 'exponential';

export interface ZeroNoiseEstimate {
  readonly value: number;
  /** The method actually used. */
  readonly method: Extrapolation;
}

function lineFit(xs: readonly number[], ys: readonly number[]): { intercept: number; slope: number } {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n, my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0, sxx = 0;
  xs.forEach((x, i) => { sxy += (x - mx) * (ys[i]! - my); sxx += (x - mx) ** 2; });
  const slope = sxx === 0 ? 0 : sxy / sxx;
  return { intercept: my - slope * mx, slope };
}

/** The value at λ = 0 of expectation values `values` measured at noise scales `scales`. */
export function extrapolateToZero(scales: readonly number[], values: readonly number[], method: Extrapolation = 'richardson'): ZeroNoiseEstimate {
  if (scales.length !== values.length || scales.length < 2) throw new ValidationError('zero-noise extrapolation: give at least two (scale, value) pairs');
  if (new Set(scales).size !== scales.length) throw new ValidationError(`zero-noise extrapolation: the scales ${scales.join(', ')} repeat; give distinct scales`);
  if (method === 'richardson') {
    let v = 0;
    scales.forEach((si, i) => {
      let w = 1;
      scales.forEach((sj, j) => { if (j !== i) w *= sj / (sj - si); });
      v += w * values[i]!;
    });
    return { value: v, method };
  }
  if (method === 'exponential') {
    const sign = Math.sign(values[0]!);
    if (sign !== 0 && values.every((v) => Math.sign(v) === sign)) {
      const fit = lineFit(scales, values.map((v) => Math.log(Math.abs(v))));
      return { value: sign * Math.exp(fit.intercept), method };
    }
    return { value: lineFit(scales, values).intercept, method: 'linear' };
  }
  return { value: lineFit(scales, values).intercept, method: 'linear' };
}
