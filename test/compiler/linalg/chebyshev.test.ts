import { describe, expect, it } from 'vitest';
import {
  chebCoeffsFromLobatto, chebDerivative, chebDivideByX, chebEval, chebEvalAccurate, chebInterpolate, chebLobattoPoints, chebMaxAbsOnGrid, chebParity, chebValuesOnLobatto,
} from '../../../compiler/linalg/chebyshev.js';
import { rng } from '../../helpers/quantum.js';

const randomSeries = (d: number, seed: number): Float64Array => {
  const r = rng(seed);
  return Float64Array.from({ length: d + 1 }, () => 2 * r() - 1);
};

describe('chebyshev', () => {
  it('Clenshaw agrees with cos(k·acos x)', () => {
    const c = randomSeries(40, 1);
    for (const x of [-1, -0.73, 0, 0.31, 0.999, 1]) {
      let s = 0;
      for (let k = 0; k < c.length; k++) s += c[k]! * Math.cos(k * Math.acos(x));
      expect(Math.abs(chebEval(c, x) - s)).toBeLessThan(1e-12);
    }
  });

  it('fast Lobatto evaluation and interpolation are inverse and match Clenshaw', () => {
    const c = randomSeries(60, 2);
    const n = 64;
    const v = chebValuesOnLobatto(c, n);
    const x = chebLobattoPoints(n);
    for (let j = 0; j <= n; j++) expect(Math.abs(v[j]! - chebEval(c, x[j]!))).toBeLessThan(1e-12);
    const back = chebCoeffsFromLobatto(v);
    for (let k = 0; k <= n; k++) expect(Math.abs(back[k]! - (c[k] ?? 0))).toBeLessThan(1e-13);
  });

  it('interpolates smooth functions to machine precision', () => {
    const c = chebInterpolate(Math.exp, 30);
    for (const x of [-0.9, -0.1, 0.4, 0.95]) expect(Math.abs(chebEval(c, x) - Math.exp(x))).toBeLessThan(1e-14);
  });

  it('divides by x exactly', () => {
    const p = randomSeries(21, 3);
    for (let k = 0; k < p.length; k += 2) p[k] = 0;
    // q = x·p computed pointwise and interpolated, then divided back.
    const q = chebInterpolate((x) => x * chebEval(p, x), 22);
    const back = chebDivideByX(q);
    for (let k = 0; k < p.length; k++) expect(Math.abs(back[k]! - p[k]!)).toBeLessThan(1e-13);
  });

  it('double-double Clenshaw agrees with the exact cosine sum; derivative series matches finite differences', () => {
    const c = randomSeries(300, 4);
    for (const j of [1, 7, 100]) {
      // x = cos(πj/512) taken as the double it rounds to; the reference sums c_k cos(k·acos x) for that double.
      const x = Math.cos((Math.PI * j) / 512);
      const t = Math.acos(x);
      let s = 0;
      for (let k = 0; k < c.length; k++) s += c[k]! * Math.cos(k * t);
      expect(Math.abs(chebEvalAccurate(c, x) - s)).toBeLessThan(1e-12);
      expect(Math.abs(chebEvalAccurate(c, x) - chebEval(c, x))).toBeLessThan(1e-12);
    }
    const g = randomSeries(12, 5), dg = chebDerivative(g);
    for (const x of [-0.5, 0.2, 0.7]) expect(Math.abs(chebEval(dg, x) - (chebEval(g, x + 1e-6) - chebEval(g, x - 1e-6)) / 2e-6)).toBeLessThan(1e-6);
  });

  it('detects parity and the sup norm', () => {
    expect(chebParity([0, 0.5, 0, 0.2])).toBe(1);
    expect(chebParity([0.1, 0, 0.3])).toBe(0);
    expect(chebParity([0.1, 0.2])).toBeUndefined();
    expect(chebMaxAbsOnGrid([0, 0, 0, 0.7])).toBeCloseTo(0.7, 14);
  });
});
