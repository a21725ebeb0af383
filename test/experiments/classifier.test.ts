/** The classifier workflow against an independent classical computation on the same data. */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../backends/local/index.js';
import { conjugateGradient } from '../../compiler/linalg/solve.js';
import { accuracy, classifyAtMedian, median } from '../../compiler/ntk/evaluate.js';
import { prepareNtkProblem } from '../../compiler/ntk/index.js';
import { runClassifier } from '../../experiments/index.js';
import { getTarget } from '../../passes/targets/builtins.js';
import { verify } from '../../passes/targets/target.js';

describe('runClassifier', () => {
  it.each([
    ['qsvt', 'ibm_fez', 1e-3, 8],
    ['hhl', 'ionq_forte', 1e-2, 16],
  ] as const)('classifies from the simulated %s solution and reads signs out with shots (%s)', async (method, target, epsilon, n) => {
    const { report: r, programs } = await runClassifier({ digits: [8, 9], n, test: 32, method, target, epsilon, seed: 3, readoutPoints: 2 });
    expect(r.fidelity.compiled).toBeGreaterThanOrEqual(1 - epsilon);
    expect(r.fidelity.optimized).toBeGreaterThanOrEqual(1 - epsilon);
    // Independent classical prediction with the same data: sign(k̃*·K̃⁻¹y − median), the authors' tie rule.
    const p = await prepareNtkProblem({ digits: [8, 9], n, test: 32, seed: 3 });
    const x = conjugateGradient(p.ktilde, p.y, { tol: 1e-13 }).x;
    const out = p.kstar.map((k) => k.reduce((s, v, i) => s + v * x[i]!, 0));
    expect(r.accuracy.quantum).toBeCloseTo(accuracy(classifyAtMedian(out), p.testLabels), 10);
    const xNorm = Math.hypot(...x);
    expect(r.threshold * xNorm).toBeCloseTo(median(out), 8);
    expect(r.readout).toHaveLength(2);
    for (const ro of r.readout) {
      const exact = p.kstar[ro.index]!.reduce((s, v, i) => s + v * x[i]!, 0);
      expect(Math.sign(ro.exactOverlap)).toBe(Math.sign(exact));
      expect(Math.abs(ro.estimatedOverlap - ro.exactOverlap)).toBeLessThan(5 / Math.sqrt(ro.shots));
      expect(ro.predicted).toBe(Math.sign(ro.output - ro.threshold));
      expect(ro.correct).toBe(ro.predicted === p.testLabels[ro.index]);
    }
    // The device program satisfies the device's predicates.
    expect(verify(programs.lowered, getTarget(target))).toEqual([]);
    // The readout circuit as written, simulated on the dense engine, gives the same signed overlap.
    const probabilities = simulate(programs.readouts[0]!).probabilities!;
    let diff = 0;
    probabilities.forEach((prob, i) => {
      if (i >> 1 === 0) diff += i & 1 ? -prob : prob;
    });
    expect(diff).toBeCloseTo(r.readout[0]!.exactOverlap, 10);
  }, 120_000);
});
