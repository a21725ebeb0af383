import { describe, expect, it } from 'vitest';
import { CircuitBuilder } from '../../compiler/circuit/index.js';
import { foldGates } from '../../passes/fold-gates.js';
import { getTarget } from '../../passes/targets/builtins.js';
import { verify } from '../../passes/targets/target.js';
import { expectSameUnitary } from '../helpers/quantum.js';
import { loweredRandom, unitaryPart, usedQubits } from './noise-helpers.js';

describe('gate folding', () => {
  it.each(['ibm_fez', 'ibm_brisbane', 'ionq_aria', 'ionq_forte'])('on %s: same unitary, legal gates, and the achieved scale counts the folds', (name) => {
    const target = getTarget(name);
    const c = loweredRandom(name, 6, 30);
    const q = usedQubits(c);
    const count = (x: typeof c, pred: (k: number) => boolean): number => x.instructions.filter((i) => pred(i.qubits.length) && !['measure', 'barrier'].includes(i.gate) && !['rz'].includes(i.gate)).length;
    for (const [scale, gates] of [[3, 'two-qubit'], [2, 'two-qubit'], [3, 'all']] as const) {
      const f = foldGates(c, { scale, gates, target, seed: 2 });
      expectSameUnitary(unitaryPart(f.circuit, q), unitaryPart(c, q), 1e-8);
      expect(verify(f.circuit, target)).toEqual([]);
      if (gates === 'two-qubit') {
        expect(f.scale).toBeCloseTo(count(f.circuit, (k) => k === 2) / count(c, (k) => k === 2), 12);
        expect(Math.abs(f.scale - scale)).toBeLessThanOrEqual(2 / count(c, (k) => k === 2));
      }
    }
  });

  it('folds every two-qubit gate (2k + 1)-fold at odd integer scales', () => {
    const c = new CircuitBuilder(2).h(0).cx(0, 1).cz(0, 1).build();
    const f = foldGates(c, { scale: 5 });
    expect(f.scale).toBe(5);
    expect(f.circuit.instructions.map((i) => i.gate)).toEqual(['h', 'cx', 'cx', 'cx', 'cx', 'cx', 'cz', 'cz', 'cz', 'cz', 'cz']);
    expect(() => foldGates(c, { scale: 0.5 })).toThrow(/scale ≥ 1/);
  });
});
