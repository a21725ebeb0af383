/**
 * Angles benchmark: phase-solver time and maxError at degree 100, 1000, 10000, and the inverse-
 * polynomial degrees for (κ, ε) = (10, 1e-3) and (50, 1e-4), beside the anchors recorded on this
 * machine (pyqsp is not installed here, so its figures are the recorded ones).
 * Target polynomial for the solver: 0.9·(degree-d Chebyshev interpolant of cos(τx)), τ = d/1.5 —
 * the oscillatory family of the Newton paper (arXiv:2307.12468 uses α cos(1000x) at degree ≈ 1433).
 */
import { chebInterpolate, chebMaxAbsOnGrid } from '../compiler/linalg/chebyshev.js';
import { solvePhases } from '../compiler/qsvt/phases.js';
import { chebyshevIterationOrder, cksParameters, inversePolynomial } from '../compiler/qsvt/polynomials.js';
import { qspMaxError } from '../compiler/qsvt/response.js';
import type { BenchSuite } from './suite.js';

const PYQSP_SECONDS: Record<number, number> = { 100: 0.23, 1000: 22 };
const DEGREE_ANCHORS = [
  { kappa: 10, epsilon: 1e-3, cks: 237, chebyshevIteration: 101, minimax: 93 },
  { kappa: 50, epsilon: 1e-4, cks: 1659, chebyshevIteration: 693, minimax: 659 },
];

function cosTarget(d: number): Float64Array {
  const c = chebInterpolate((x) => Math.cos((d / 1.5) * x), d);
  const m = chebMaxAbsOnGrid(c);
  return c.map((v) => (0.9 * v) / m);
}

function timeSolve(c: Float64Array, method: 'auto' | 'newton'): { seconds: number; maxError: number; iterations: number } {
  const t0 = performance.now();
  const r = solvePhases(c, { method });
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, maxError: qspMaxError(r.phases, c), iterations: r.iterations };
}

export const anglesSuite: BenchSuite = {
  name: 'angles',
  describe: 'QSP phase solver (time, maxError) at degree 100/1000/10000; inverse-polynomial degrees vs CKS/Chebyshev-iteration/minimax anchors',
  async run(log) {
    const solver: Record<string, unknown>[] = [];
    // Warm the JIT on both paths so degree 100 is not timed cold.
    timeSolve(cosTarget(300), 'auto');
    timeSolve(cosTarget(60), 'newton');
    log('degree  method  iterations  seconds   maxError    pyqsp sym_qsp (recorded)');
    for (const d of [100, 1000, 10000]) {
      const c = cosTarget(d);
      const methods: ('auto' | 'newton')[] = d <= 1000 ? ['auto', 'newton'] : ['auto'];
      for (const method of methods) {
        const r = timeSolve(c, method);
        const peer = PYQSP_SECONDS[d];
        log(`${String(d).padStart(6)}  ${method.padEnd(6)}  ${String(r.iterations).padStart(10)}  ${r.seconds.toFixed(3).padStart(7)}  ${r.maxError.toExponential(2).padStart(9)}    ${peer === undefined ? '—' : `${peer} s (${(peer / r.seconds).toFixed(0)}× ours)`}`);
        solver.push({ degree: d, method, ...r, pyqspSeconds: peer ?? null });
      }
    }
    const degrees: Record<string, unknown>[] = [];
    log('\nκ    ε      CKS (ours/anchor)  Cheb-iter abs (ours/anchor)  minimax abs (ours/anchor)  relative-ε (contract; = minimax there)  solve s  maxError');
    for (const a of DEGREE_ANCHORS) {
      const cks = cksParameters(a.kappa, a.epsilon).degree;
      const ciAbs = 2 * chebyshevIterationOrder(a.kappa, a.epsilon, 'absolute') - 1;
      const P = inversePolynomial({ kappa: a.kappa, epsilon: a.epsilon });
      const r = timeSolve(P.coeffs, 'auto');
      const t0 = performance.now();
      const mm = inversePolynomial({ kappa: a.kappa, epsilon: a.epsilon, method: 'minimax', metric: 'absolute' });
      const remezSeconds = (performance.now() - t0) / 1000;
      log(`${String(a.kappa).padEnd(4)} ${a.epsilon.toExponential(0).padEnd(6)} ${`${cks}/${a.cks}`.padEnd(18)} ${`${ciAbs}/${a.chebyshevIteration}`.padEnd(28)} ${`${mm.degree}/${a.minimax}`.padEnd(26)} ${String(P.degree).padEnd(39)} ${r.seconds.toFixed(3).padStart(7)}  ${r.maxError.toExponential(2)}`);
      degrees.push({ ...a, oursCks: cks, oursChebyshevIterationAbsolute: ciAbs, oursMinimaxAbsolute: mm.degree, remezSeconds, oursRelative: P.degree, relativeError: P.relativeError, solveSeconds: r.seconds, maxError: r.maxError });
    }
    log('(absolute: |p − 1/x| ≤ ε on [1/κ, 1], the anchors\' metric; relative: |x·p − 1| ≤ ε, the qntk contract)');
    return { solver, degrees };
  },
};
