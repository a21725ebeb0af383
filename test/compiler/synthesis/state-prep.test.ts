import { describe, expect, it } from 'vitest';
import { circuitState } from '../../../compiler/circuit/index.js';
import { CMatrix } from '../../../compiler/linalg/complex.js';
import { circuitCost } from '../../../compiler/synthesis/cost.js';
import { StatePrep, statePrepExamples } from '../../../compiler/synthesis/state-prep.js';
import { rng } from '../../helpers/quantum.js';

function basis(dim: number, i: number): CMatrix {
  const v = new CMatrix(dim, 1);
  v.re[i] = 1;
  return v;
}

/** |ψ⟩ exactly (global phase included), on top of `offset` in the full index. */
function expectPrepared(sp: StatePrep, input: number, offset: number): void {
  const out = circuitState(sp.circuit(), basis(1 << sp.numQubits, input));
  let d = 0;
  for (let x = 0; x < sp.re.length; x++) {
    d = Math.max(d, Math.hypot(out.re[x + offset]! - sp.re[x]!, out.im[x + offset]! - sp.im[x]!));
  }
  expect(d).toBeLessThan(1e-12);
}

describe('amplitude state preparation', () => {
  it.each(statePrepExamples().map((e, i) => [i, e] as const))('example %i prepares its normalised vector exactly', (_i, sp) => {
    if (sp.controlled) {
      const dim = 1 << sp.numQubits;
      const off = circuitState(sp.circuit(), basis(dim, 0));
      expect(off.re[0]).toBeCloseTo(1, 12);
      expectPrepared(sp, dim / 2, dim / 2);
    } else {
      expectPrepared(sp, 0, 0);
    }
    const actual = circuitCost(sp.circuit());
    expect(actual.gates).toEqual(sp.cost().gates);
    expect(actual.depth).toBeLessThanOrEqual(sp.cost().depth);
  });

  it.each([1, 2, 3, 4, 5, 6])('random real and complex vectors on %i qubits; CNOTs within the 2^n − 2 bound', (n) => {
    const r = rng(40 + n);
    const dim = 1 << n;
    const re = Array.from({ length: dim }, () => r() - 0.5);
    const im = Array.from({ length: dim }, () => r() - 0.5);
    const real = new StatePrep({ amplitudes: re });
    expectPrepared(real, 0, 0);
    expect(real.cost().gates.cx ?? 0).toBeLessThanOrEqual(dim - 2);
    const cplx = new StatePrep({ amplitudes: { re, im } });
    expectPrepared(cplx, 0, 0);
    expect(cplx.cost().gates.cx ?? 0).toBeLessThanOrEqual(2 * dim - 4);
    expect(StatePrep.sized({ numQubits: n, complex: true }).cost().gates.cx ?? 0).toBe(Math.max(0, 2 * dim - 4));
  });

  it('pads non-power-of-two lengths with zeros; vectors with a sparse Walsh spectrum cost less', () => {
    const sp = new StatePrep({ amplitudes: [1, 1, 1, 1, 1] });
    expect(sp.stateQubits).toBe(3);
    expect([...sp.re.slice(5)]).toEqual([0, 0, 0]);
    expectPrepared(sp, 0, 0);
    const sparse = new StatePrep({ amplitudes: [0.6, 0, 0, 0, 0, 0, 0, 0, 0.8, 0, 0, 0, 0, 0, 0, 0] });
    expect(sparse.cost().gates.cx ?? 0).toBe(0);
    expectPrepared(sparse, 0, 0);
  });

  it('rejects zero and non-finite vectors', () => {
    expect(() => new StatePrep({ amplitudes: [0, 0] })).toThrow(/zero/);
    expect(() => new StatePrep({ amplitudes: [1, Number.NaN] })).toThrow(/finite/);
    expect(() => new StatePrep({ amplitudes: [1, 2, 3], numQubits: 1 })).toThrow(/fit/);
  });
});
