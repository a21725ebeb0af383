import { describe, expect, it } from 'vitest';
import {
  applyNtkInPlace, erfLayerTable, ERF_VARIANCE, ERF_WEIGHT_VARIANCE, erfNtkReference, ntkValue, nonlinearity, reluNtkReference,
} from '../../../compiler/ntk/kernels.js';
import { convergenceDepth, roundHalfEven, ruleDepth } from '../../../compiler/ntk/depth.js';
import { gramMatrix } from '../../../compiler/ntk/gram.js';
import { symmetricEigenvalues } from '../../../compiler/linalg/eigen.js';
import { createRandom } from '../../../compiler/linalg/random.js';

/** ∫ f(x) φ(x) dx over N(0,1) by the composite Simpson rule on [−12, 12] (independent of the code under test). */
function gaussianExpectation(f: (x: number) => number): number {
  const a = -12, b = 12, m = 20000, h = (b - a) / m;
  let s = 0;
  for (let i = 0; i <= m; i++) {
    const x = a + i * h;
    const w = i === 0 || i === m ? 1 : i % 2 === 1 ? 4 : 2;
    s += w * f(x) * Math.exp(-x * x / 2);
  }
  return (s * h) / 3 / Math.sqrt(2 * Math.PI);
}

function erf(x: number): number {
  // Abramowitz–Stegun 7.1.26 is too coarse; use the Maclaurin series / continued fraction split.
  const ax = Math.abs(x);
  if (ax < 3) {
    let term = ax, sum = ax;
    for (let k = 1; k < 200; k++) {
      term *= (-ax * ax) / k;
      sum += term / (2 * k + 1);
      if (Math.abs(term) < 1e-18) break;
    }
    return Math.sign(x) * (2 / Math.sqrt(Math.PI)) * sum;
  }
  // erfc continued fraction (Lentz)
  let f = ax, c = ax, d = 0;
  for (let k = 1; k < 300; k++) {
    const an = k / 2;
    d = ax + an * d; d = 1 / d;
    c = ax + an / c;
    f *= c * d;
  }
  return Math.sign(x) * (1 - Math.exp(-ax * ax) / (f * Math.sqrt(Math.PI)));
}

describe('erf NTK', () => {
  it('uses c = E[erf(X)²] and μ = 1 − E[X·σ(X)]² (checked by quadrature)', () => {
    expect(ERF_VARIANCE).toBeCloseTo(gaussianExpectation((x) => erf(x) ** 2), 10);
    expect(ERF_WEIGHT_VARIANCE).toBeCloseTo(2.152579, 6);
    const m = gaussianExpectation((x) => x * erf(x) / Math.sqrt(ERF_VARIANCE));
    expect(nonlinearity('erf')).toBeCloseTo(1 - m * m, 10);
    expect(nonlinearity('erf')).toBeCloseTo(0.086417, 6);
    const mr = gaussianExpectation((x) => x * Math.SQRT2 * Math.max(0, x));
    expect(nonlinearity('relu')).toBeCloseTo(1 - mr * mr, 10);
  });

  // L = 1 by hand: after Dense the pre-activations have Σ_uu = s/d, Σ_uv = sρ/d, and Θ = Σ_uv.
  // Williams (1997): E[erf u · erf v] = (2/π) asin(2Σ_uv/(1 + 2Σ_uu)), E[erf′u · erf′v] = (4/π)/√((1+2Σ_uu)² − 4Σ_uv²).
  // Readout Dense: K = s·E[erf erf] + s·Σ_uv·E[erf′ erf′]
  //              = (2s/π)·asin(2sρ/(d+2s)) + (4s²ρ/π)/√((d+2s)² − 4s²ρ²).
  const closedForm = (rho: number, d: number): number => {
    const s = 1 / ((2 / Math.PI) * Math.asin(2 / 3));
    return (2 * s / Math.PI) * Math.asin((2 * s * rho) / (d + 2 * s)) + (4 * s * s * rho / Math.PI) / Math.sqrt((d + 2 * s) ** 2 - 4 * s * s * rho * rho);
  };

  it.each([[1, 784], [0.99, 784], [0.5, 784], [0, 784], [-0.3, 784], [0.7, 1], [1, 3]])('L = 1 matches the closed form at ρ=%f, d=%i', (rho, d) => {
    const want = closedForm(rho, d);
    expect(erfNtkReference(rho, 1, d)).toBeCloseTo(want, 14);
    expect(Math.abs(ntkValue(rho, { kind: 'erf', depth: 1, dim: d }) - want)).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(want)));
  });

  it('L = 1 Gram entries match the closed form', async () => {
    const rng = createRandom(9);
    const n = 12, d = 784;
    const x = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += (x[i * d + k] = rng.normal()) ** 2;
      for (let k = 0; k < d; k++) x[i * d + k]! /= Math.sqrt(s);
    }
    const rho = await gramMatrix({ data: x, rows: n, cols: d });
    const k = await gramMatrix({ data: x, rows: n, cols: d }, { kernel: { kind: 'erf', depth: 1, dim: d } });
    for (let i = 0; i < n * n; i++) expect(k[i]).toBeCloseTo(closedForm(rho[i]!, d), 13);
  });

  it.each([1, 2, 7, 60, 200])('is odd, K(−ρ) = −K(ρ), exactly at depth %i', (depth) => {
    for (const rho of [1, 0.999, 0.8, 0.3, 1e-3, 0]) {
      const a = ntkValue(rho, { kind: 'erf', depth, dim: 784 });
      expect(ntkValue(-rho, { kind: 'erf', depth, dim: 784 }) === -a).toBe(true); // === so that ±0 agree
      expect(erfNtkReference(rho, depth, 784)).toBe(a);
    }
  });

  it('fast matrix path reproduces the literal recursion bit for bit', () => {
    for (const depth of [1, 50, 111]) {
      const rhos = Float64Array.from({ length: 2001 }, (_, i) => -1 + i / 1000);
      const fast = rhos.slice();
      applyNtkInPlace(fast, 0, fast.length, 0, depth, 784, erfLayerTable(depth, 784));
      rhos.forEach((r, i) => expect(fast[i]).toBe(erfNtkReference(r, depth, 784)));
    }
  });

  it('decays towards the diagonal with depth and gives positive definite Grams', async () => {
    let prev = 1;
    for (const depth of [1, 10, 40, 90]) {
      const r = ntkValue(0.9, { kind: 'erf', depth, dim: 784 }) / ntkValue(1, { kind: 'erf', depth, dim: 784 });
      expect(r).toBeLessThan(prev);
      prev = r;
    }
    const rng = createRandom(4);
    const n = 20, d = 30;
    const x = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += (x[i * d + k] = rng.normal()) ** 2;
      for (let k = 0; k < d; k++) x[i * d + k]! /= Math.sqrt(s);
    }
    for (const kind of ['erf', 'relu'] as const) {
      const k = await gramMatrix({ data: x, rows: n, cols: d }, { kernel: { kind, depth: 5, dim: d } });
      expect(symmetricEigenvalues(k, n)[0]).toBeGreaterThan(0);
    }
  });
});

describe('ReLU NTK', () => {
  // L = 1: Θ = ρ·κ₀(ρ) + κ₁(ρ), κ₀ = (π − θ)/π, κ₁ = (sin θ + (π − θ) cos θ)/π, θ = arccos ρ.
  it.each([1, 0.6, 0, -0.4, -1])('L = 1 matches the arc-cosine closed form at ρ=%f', (rho) => {
    const t = Math.acos(rho);
    const want = rho * (Math.PI - t) / Math.PI + (Math.sqrt(1 - rho * rho) + (Math.PI - t) * rho) / Math.PI;
    expect(reluNtkReference(rho, 1)).toBeCloseTo(want, 14);
    expect(ntkValue(rho, { kind: 'relu', depth: 1, dim: 784 })).toBeCloseTo(want, 14);
  });
  it('has K(1) = L + 1', () => {
    for (const L of [0, 1, 5, 30]) expect(ntkValue(1, { kind: 'relu', depth: L, dim: 5 })).toBeCloseTo(L + 1, 12);
  });
});

describe('depth rule', () => {
  it('rounds half to even like Python', () => {
    expect([0.5, 1.5, 2.5, 3.49, 3.5, 4.51].map(roundHalfEven)).toEqual([0, 2, 2, 3, 4, 5]);
  });
  it('is round(0.1 · 8 ln(n/δ)/μ)', () => {
    const mu = nonlinearity('erf');
    expect(convergenceDepth(64, 0.11)).toBeCloseTo((8 * Math.log(64 / 0.11)) / mu, 12);
    expect(ruleDepth(64, 0.11)).toBe(59); // 0.1 · 8 ln(581.8)/0.086417 = 58.97
    expect(ruleDepth(16, 0.2)).toBe(41);
    expect(() => ruleDepth(16, 0)).toThrow(/parallel/);
  });
});
