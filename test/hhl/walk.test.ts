import { describe, expect, it } from 'vitest';
import { buildHhlWalk, type HhlWalkProgram } from '../../compiler/hhl/walk.js';
import { CsrMatrix } from '../../compiler/linalg/csr.js';
import { simulate } from '../blockencoding/check.js';
import { stateFidelity } from '../helpers/quantum.js';
import { solve } from './solve.js';

/** Post-selected system state and branch probability by simulation. */
function run(p: HhlWalkProgram): { state: { re: Float64Array; im: Float64Array }; probability: number } {
  const dim = 2 ** p.circuit.numQubits;
  const re = new Float64Array(dim), im = new Float64Array(dim);
  re[0] = 1;
  const out = simulate(p.circuit, re, im);
  let mask = 0, want = 0;
  for (const [q, v] of p.postselect) {
    mask |= 1 << q;
    if (v) want |= 1 << q;
  }
  const N = 2 ** p.system.length;
  const state = { re: new Float64Array(N), im: new Float64Array(N) };
  let probability = 0;
  for (let x = 0; x < dim; x++) {
    if ((x & mask) !== want) continue;
    probability += out.re[x]! ** 2 + out.im[x]! ** 2;
    let j = 0;
    p.system.forEach((q, k) => { if ((x >> q) & 1) j |= 1 << k; });
    state.re[j] = out.re[x]!;
    state.im[j] = out.im[x]!;
  }
  return { state, probability };
}

describe('HHL through the block encoding (qubitization walk)', () => {
  it.each([
    ['2×2 textbook, sparse encoding', CsrMatrix.fromDense(2, 2, [1, -1 / 3, -1 / 3, 1]), [1, 0], 'sparse'],
    ['2×2 textbook, LCU', CsrMatrix.fromDense(2, 2, [1, -1 / 3, -1 / 3, 1]), [1, 0], 'lcu'],
    ['4×4 SPD, LCU', CsrMatrix.fromDense(4, 4, [2, -0.5, 0, 0, -0.5, 2, -0.5, 0, 0, -0.5, 2, -0.5, 0, 0, -0.5, 2]), [1, 0, 0, 1], 'lcu'],
  ] as const)('%s: fidelity ≥ 0.99; predictions match the simulation', (_n, a, b, enc) => {
    const p = buildHhlWalk(a, [...b], { encoding: enc });
    const r = run(p);
    const f = stateFidelity(r.state, solve(a, [...b]));
    expect(f).toBeGreaterThanOrEqual(0.99);
    expect(f).toBeCloseTo(p.expectedFidelity, 8);
    expect(r.probability).toBeCloseTo(p.successProbability, 10);
  });

  it('rejects indefinite matrices (the walk sees only |λ|)', () => {
    expect(() => buildHhlWalk(CsrMatrix.fromDense(2, 2, [1, 0, 0, -2]), [1, 1])).toThrow(/negative eigenvalues/);
  });
});
