import { describe, it, expect } from 'vitest';
import { circuitState } from '../../../compiler/circuit/index.js';
import { amplitudeState, kstarByAncillaRotation, diagonalNtkReadout, sparseNtkReadout, overlapFromProbabilities } from '../../../compiler/readout/index.js';
import { compileLinearSystem } from '../../../compiler/pipeline.js';
import { CsrMatrix } from '../../../compiler/linalg/csr.js';
import { conjugateGradient } from '../../../compiler/linalg/solve.js';
import { rng } from '../../helpers/quantum.js';

const probs = (c: Parameters<typeof circuitState>[0]) => {
  const s = circuitState(c);
  return (i: number): number => s.re[i]! ** 2 + s.im[i]! ** 2;
};
const dot = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};

describe('NTK readout states', () => {
  it.each([3, 5, 8])('ancilla-rotation loading of %i entries keeps Σk̃|i⟩ with probability P/2^m', (n) => {
    const r = rng(n);
    const k = Array.from({ length: n }, () => 2 * r() - 1);
    const st = kstarByAncillaRotation(k);
    const m = st.system.length;
    const s = circuitState(st.circuit);
    for (let i = 0; i < 1 << m; i++) {
      const want = (i < n ? k[i]! : 0) / Math.sqrt(1 << m);
      expect(s.re[i]).toBeCloseTo(want, 12); // flag (qubit m) = 0 block
      expect(s.im[i]).toBeCloseTo(0, 12);
    }
    expect(st.successProbability).toBeCloseTo(dot(k, k) / (1 << m), 14);
  });

  it('rejects unclipped entries', () => {
    expect(() => kstarByAncillaRotation([0.5, 1.2])).toThrow(/outside/);
  });

  it('diagonal readout measures √(p_k)·⟨k̂|ŷ⟩ for both loadings', () => {
    const r = rng(9);
    const k = Array.from({ length: 8 }, () => 2 * r() - 1);
    const y = [1, 1, 1, 1, -1, -1, -1, -1];
    const cos = dot(k, y) / Math.sqrt(dot(k, k) * dot(y, y));
    const exact = diagonalNtkReadout(amplitudeState(k), y);
    expect(overlapFromProbabilities(exact, probs(exact.circuit))).toBeCloseTo(cos, 10);
    const anc = kstarByAncillaRotation(k);
    const viaFlag = diagonalNtkReadout(anc, y);
    expect(overlapFromProbabilities(viaFlag, probs(viaFlag.circuit))).toBeCloseTo(Math.sqrt(anc.successProbability) * cos, 10);
  });

  it('sparse readout has the sign of ⟨k*|A⁻¹y⟩ for a compiled QSVT solution', () => {
    const a = CsrMatrix.fromDense(4, 4, [2, 0.3, 0, 0.1, 0.3, 1.5, 0.2, 0, 0, 0.2, 1.8, 0.4, 0.1, 0, 0.4, 2.2]);
    const y = [1, -1, 1, -1];
    const prog = compileLinearSystem(a, y, { epsilon: 1e-3, encoding: 'sparse' });
    const x = conjugateGradient(a, y, { tol: 1e-14 }).x;
    const k = [0.3, -0.9, 0.2, 0.5];
    const test = sparseNtkReadout(amplitudeState(k), { circuit: prog.circuit, system: prog.system, postselect: prog.postselect as ReadonlyArray<readonly [number, 0 | 1]> });
    const o = overlapFromProbabilities(test, probs(test.circuit));
    const cos = dot(k, x) / Math.sqrt(dot(k, k) * dot(x, x));
    // √p_solution · cos, with p_solution the QSVT success probability
    expect(o).toBeCloseTo(Math.sqrt(prog.successProbability) * cos, 3);
    expect(Math.sign(o)).toBe(Math.sign(cos));
  });
});
