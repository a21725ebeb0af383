import { describe, expect, it } from 'vitest';
import { chebEval } from '../../../compiler/linalg/chebyshev.js';
import { minimaxCoefficients, remezInverse } from '../../../compiler/qsvt/minimax.js';
import { chebyshevIterationOrder, inversePolynomial } from '../../../compiler/qsvt/polynomials.js';
import { runCli } from '../../helpers/cli.js';

/** Grid of [1/κ, 1] that is Chebyshev-spaced in y = x² (where the error oscillates like T_m). */
function grid(kappa: number, n = 40000): number[] {
  const a = 1 / (kappa * kappa);
  return Array.from({ length: n + 1 }, (_, j) => Math.sqrt((1 + a) / 2 - ((1 - a) / 2) * Math.cos((Math.PI * j) / n)));
}

/** Signed error p(x) − 1/x on a dense grid of [1/κ, 1] and its alternating extrema. */
function alternation(p: ArrayLike<number>, kappa: number): { max: number; extrema: number[] } {
  const ext: number[] = [];
  let best = 0, max = 0;
  for (const x of grid(kappa)) {
    const e = chebEval(p, x) - 1 / x;
    max = Math.max(max, Math.abs(e));
    if (best !== 0 && Math.sign(e) !== Math.sign(best)) { ext.push(best); best = e; } else if (Math.abs(e) > Math.abs(best)) best = e;
  }
  ext.push(best);
  return { max, extrema: ext };
}

describe('minimax inverse polynomial (absolute metric, Remez)', () => {
  it('κ = 10, ε = 1e-3: meets ε below the Chebyshev-iteration degree and equioscillates (de la Vallée Poussin)', () => {
    const P = inversePolynomial({ kappa: 10, epsilon: 1e-3, method: 'minimax', metric: 'absolute' });
    const ci = 2 * chebyshevIterationOrder(10, 1e-3, 'absolute') - 1;
    expect(P.degree).toBeLessThan(ci);
    const { max, extrema } = alternation(P.p, 10);
    expect(max).toBeLessThanOrEqual(1e-3);
    // m + 1 alternating extrema of nearly equal size certify that no polynomial of this degree does better
    // than min |extremum| (de la Vallée Poussin): the result is minimax to within 0.1 %.
    const m = (P.degree + 1) / 2;
    expect(extrema.length).toBeGreaterThanOrEqual(m + 1);
    const mags = extrema.map(Math.abs);
    expect(Math.min(...mags) / Math.max(...mags)).toBeGreaterThan(0.999);
    // One order lower cannot meet ε: its own minimax error (again certified by alternation) exceeds it.
    const lower = remezInverse(10, m - 1);
    const alt = alternation(minimaxCoefficients(10, lower), 10);
    expect(Math.min(...alt.extrema.map(Math.abs))).toBeGreaterThan(1e-3);
  });

  it('relative metric: the Chebyshev-iteration polynomial equioscillates m + 1 times, so it is already minimax', () => {
    const P = inversePolynomial({ kappa: 20, epsilon: 1e-4 });
    const m = (P.degree + 1) / 2;
    const ext: number[] = [];
    let best = 0;
    for (const x of grid(20)) {
      const e = x * chebEval(P.p, x) - 1;
      if (best !== 0 && Math.sign(e) !== Math.sign(best)) { ext.push(best); best = e; } else if (Math.abs(e) > Math.abs(best)) best = e;
    }
    ext.push(best);
    expect(ext.length).toBeGreaterThanOrEqual(m + 1);
    const mags = ext.map(Math.abs);
    expect(Math.min(...mags) / Math.max(...mags)).toBeGreaterThan(0.999);
  });

  it('qntk angles --method minimax --metric absolute realises it', async () => {
    const r = await runCli(['angles', '--poly', 'inverse', '--kappa', '10', '--epsilon', '1e-3', '--method', 'minimax', '--metric', 'absolute', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { degree: number; maxError: number; metric: string };
    expect(out.metric).toBe('absolute');
    expect(out.maxError).toBeLessThanOrEqual(1e-3);
    expect(out.degree).toBeLessThan(99);
  });
});
