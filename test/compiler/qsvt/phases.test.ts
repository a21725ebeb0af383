import { describe, expect, it } from 'vitest';
import { CMatrix } from '../../../compiler/linalg/complex.js';
import { chebMaxAbsOnGrid } from '../../../compiler/linalg/chebyshev.js';
import { PHASE_SOLVER_MAX_DEGREE, solvePhases } from '../../../compiler/qsvt/phases.js';
import { qspAmplitude, qspMaxError } from '../../../compiler/qsvt/response.js';
import { rng } from '../../helpers/quantum.js';

/** A random parity-d series scaled to sup norm `norm`. */
function randomTarget(d: number, seed: number, norm: number): Float64Array {
  const r = rng(seed);
  const c = new Float64Array(d + 1);
  for (let k = d % 2; k <= d; k += 2) c[k] = (2 * r() - 1) / (1 + 0.1 * k);
  const m = chebMaxAbsOnGrid(c);
  return c.map((v) => (v * norm) / m);
}

describe('QSP convention', () => {
  it('qspAmplitude equals ⟨0|e^{iφ₀Z} Π W(x) e^{iφⱼZ}|0⟩ built from CMatrix products', () => {
    const r = rng(11);
    const phases = Array.from({ length: 7 }, () => 2 * r() - 1);
    for (const x of [-0.8, 0.05, 0.6]) {
      const s = Math.sqrt(1 - x * x);
      const ez = (p: number) => CMatrix.from([[[Math.cos(p), Math.sin(p)], 0], [0, [Math.cos(p), -Math.sin(p)]]]);
      const w = CMatrix.from([[x, [0, s]], [[0, s], x]]);
      let u = ez(phases[0]!);
      for (let j = 1; j < phases.length; j++) u = u.mul(w).mul(ez(phases[j]!));
      const [re, im] = qspAmplitude(phases, x);
      expect(Math.abs(re - u.re[0]!) + Math.abs(im - u.im[0]!)).toBeLessThan(1e-14);
    }
  });
});

describe('solvePhases (Newton, symmetric QSP)', () => {
  it.each([
    [1, 1, 0.5], [2, 2, 0.8], [7, 3, 0.9], [20, 4, 0.9], [51, 5, 0.95], [200, 6, 0.9], [301, 7, 0.99],
  ])('degree %i (seed %i, sup %f): the independent 2×2 check reproduces f to 1e-12', (d, seed, norm) => {
    const c = randomTarget(d, seed, norm);
    const r = solvePhases(c);
    expect(r.degree).toBe(d);
    expect(r.phases.length).toBe(d + 1);
    for (let j = 0; j <= d; j++) expect(r.phases[j]).toBeCloseTo(r.phases[d - j]!, 12);
    const err = qspMaxError(r.phases, c);
    expect(err, `seed ${seed}`).toBeLessThanOrEqual(1e-12);
  });

  it.each([
    ['fixed-point', 600, 8, 0.9], ['auto', 700, 9, 0.95], ['auto (Newton fallback at |f| → 1)', 400, 10, 0.9995],
    ['auto (product-tree start)', 1601, 11, 0.9],
  ] as const)('%s, degree %i (seed %i, sup %f): ≤ 1e-12 by the independent check', (method, d, seed, norm) => {
    const c = randomTarget(d, seed, norm);
    const r = solvePhases(c, { method: method === 'fixed-point' ? 'fixed-point' : 'auto' });
    expect(qspMaxError(r.phases, c), `seed ${seed}`).toBeLessThanOrEqual(1e-12);
  });

  it('handles a constant and refuses bad targets with one-line errors', () => {
    const r = solvePhases([0.3]);
    expect(qspMaxError(r.phases, [0.3])).toBeLessThan(1e-14);
    expect(() => solvePhases([0.1, 0.2])).toThrow(/definite parity/);
    expect(() => solvePhases([0, 1.2])).toThrow(/\|f\| < 1/);
    expect(() => solvePhases([])).toThrow(/empty/);
  });

  it('reports progress through both stages of a large solve: monotone, up to the tolerance', () => {
    const events: { stage: string; done: number; total: number }[] = [];
    const c = randomTarget(1601, 11, 0.9);
    solvePhases(c, { progress: (e) => events.push(e) });
    expect(events.length).toBeGreaterThan(10);
    expect(events.every((e) => e.stage === 'angles' && e.total === 1000)).toBe(true);
    for (let i = 1; i < events.length; i++) expect(events[i]!.done).toBeGreaterThanOrEqual(events[i - 1]!.done);
    expect(events.at(-1)!.done).toBeGreaterThanOrEqual(900);
  });

  it('refuses a degree above its limit at once, naming the degree and the limit', () => {
    const c = new Float64Array(PHASE_SOLVER_MAX_DEGREE + 2);
    c[PHASE_SOLVER_MAX_DEGREE + 1] = 0.5;
    expect(() => solvePhases(c)).toThrow(new RegExp(`degree ${PHASE_SOLVER_MAX_DEGREE + 1} is above the phase solver's limit ${PHASE_SOLVER_MAX_DEGREE}`));
  });
});
