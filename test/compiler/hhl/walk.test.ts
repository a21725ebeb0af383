import { describe, expect, it } from 'vitest';
import { buildHhlWalk, type HhlWalkProgram } from '../../../compiler/hhl/walk.js';
import { CsrMatrix } from '../../../compiler/linalg/csr.js';
import { postselectedState, Statevector } from '../../../backends/local/index.js';
import { stateOverlap } from '../../helpers/quantum.js';
import { solve } from './solve.js';

/** Post-selected system state and branch probability by simulation. */
function run(p: HhlWalkProgram): { state: { re: Float64Array; im: Float64Array }; probability: number } {
  const kept = postselectedState(Statevector.fromCircuit(p.circuit), p.system, p.postselect);
  return { state: { re: kept.re, im: kept.im }, probability: kept.probability };
}

describe('HHL through the block encoding (qubitization walk)', () => {
  it.each([
    ['2×2 textbook, sparse encoding', CsrMatrix.fromDense(2, 2, [1, -1 / 3, -1 / 3, 1]), [1, 0], 'sparse'],
    ['2×2 textbook, LCU', CsrMatrix.fromDense(2, 2, [1, -1 / 3, -1 / 3, 1]), [1, 0], 'lcu'],
    ['4×4 SPD, LCU', CsrMatrix.fromDense(4, 4, [2, -0.5, 0, 0, -0.5, 2, -0.5, 0, 0, -0.5, 2, -0.5, 0, 0, -0.5, 2]), [1, 0, 0, 1], 'lcu'],
  ] as const)('%s: fidelity ≥ 0.99; predictions match the simulation', (_n, a, b, enc) => {
    const p = buildHhlWalk(a, [...b], { encoding: enc });
    const r = run(p);
    const f = stateOverlap(r.state, solve(a, [...b]));
    expect(f).toBeGreaterThanOrEqual(0.99);
    expect(f).toBeCloseTo(p.expectedFidelity, 8);
    expect(r.probability).toBeCloseTo(p.successProbability, 10);
  });

  it('rejects indefinite matrices (the walk sees only |λ|)', () => {
    expect(() => buildHhlWalk(CsrMatrix.fromDense(2, 2, [1, 0, 0, -2]), [1, 1])).toThrow(/negative eigenvalues/);
  });
});
