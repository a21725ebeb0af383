import { describe, expect, it } from 'vitest';
import { SparseEncoding } from '../../../compiler/blockencoding/sparse.js';
import { estimateResources } from '../../../compiler/estimate.js';
import { measureNtk, ntkPointAt } from '../../../compiler/estimate/ntk.js';
import { prepareNtkProblem } from '../../../compiler/ntk/problem.js';
import { compileLinearSystem } from '../../../compiler/pipeline.js';
import { circuitCost, cnotCount } from '../../../compiler/synthesis/cost.js';

describe('--from-ntk at the measured size', () => {
  it('matches the pipeline-built circuit for the sparsified NTK at n = 16: degree, qubits; gate counts bounded', async () => {
    const m = await measureNtk({ n: 16 });
    const p = ntkPointAt(m, 16);
    expect(p.source).toBe('measured');
    const problem = await prepareNtkProblem({ n: 16, digits: [8, 9], seed: 0, test: 16 });
    expect(problem.sparsity.maxColumn).toBe(m.sparsity);
    const prog = compileLinearSystem(problem.ktilde, problem.y, { method: 'qsvt', encoding: 'sparse', epsilon: 1e-3 });
    expect(new SparseEncoding({ matrix: problem.ktilde }).colors).toBe(p.colors);
    const e = estimateResources({ n: 16, sparsity: p.sparsity, colors: p.colors, kappa: p.kappa, alphaRatio: p.alphaRatio, kappaEff: p.kappaEff, epsilon: 1e-3, method: 'qsvt' });
    expect(e.kappaEff).toBeCloseTo(prog.kappa, 9);
    expect(e.degree).toBe(prog.degree);
    expect(e.qrom.qubits).toBe(prog.circuit.numQubits);
    const built = circuitCost(prog.circuit);
    for (const [g, k] of Object.entries(built.gates)) expect(e.qrom.gates[g] ?? 0, g).toBeGreaterThanOrEqual(k);
    expect(e.qrom.cnots).toBeGreaterThanOrEqual(cnotCount(built));
    expect(e.qrom.depth).toBeGreaterThanOrEqual(built.depth);
  }, 60000);
});

describe('sparsity extrapolation rule', () => {
  it('the extreme-value max column count tracks the paper\'s random pattern', async () => {
    const { maxColumnModel } = await import('../../../compiler/estimate/ntk.js');
    const { sparsityPattern } = await import('../../../compiler/ntk/sparsity.js');
    const { createRandom } = await import('../../../compiler/linalg/random.js');
    for (const n of [64, 256, 1024, 4096]) {
      let sum = 0;
      const seeds = 6;
      for (let seed = 0; seed < seeds; seed++) sum += sparsityPattern(n, createRandom(seed)).maxColNnz();
      expect(Math.abs(sum / seeds - maxColumnModel(n)), `n = ${n}`).toBeLessThanOrEqual(1.5);
    }
    // It grows with n (O(log n) mean, a slowly widening tail) and is finite at 2^30.
    expect(maxColumnModel(2 ** 30)).toBeGreaterThan(maxColumnModel(2 ** 20));
    expect(maxColumnModel(2 ** 30)).toBeLessThan(100);
  });
});
