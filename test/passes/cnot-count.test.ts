import { describe, expect, it } from 'vitest';
import { circuitUnitary } from '../../compiler/circuit/index.js';
import { twoQubitCnotCount } from '../../compiler/synthesis/two-qubit.js';
import { minimalCnotCount } from '../../passes/primitives/cnot-count.js';
import { randomCircuit } from './random-circuits.js';
import { CircuitBuilder } from '../../compiler/circuit/index.js';

describe('minimal CNOT count from the γ invariant', () => {
  it('names the known cases', () => {
    const u = (build: (b: CircuitBuilder) => void): ReturnType<typeof circuitUnitary> => {
      const b = new CircuitBuilder(2);
      build(b);
      return circuitUnitary(b.build());
    };
    expect(minimalCnotCount(u((b) => b.gate('h', [0]).gate('rz', [1], [0.3])))).toBe(0);
    expect(minimalCnotCount(u((b) => b.gate('cx', [0, 1]).gate('ry', [1], [0.7])))).toBe(1);
    expect(minimalCnotCount(u((b) => b.gate('cz', [1, 0])))).toBe(1);
    expect(minimalCnotCount(u((b) => b.gate('rzz', [0, 1], [0.4])))).toBe(2);
    expect(minimalCnotCount(u((b) => b.gate('swap', [0, 1])))).toBe(3);
  });

  it('agrees with the certified KAK synthesis on random two-qubit circuits', () => {
    for (let seed = 1; seed <= 120; seed++) {
      const pool = seed % 3 === 0 ? 'clifford-t' : seed % 3 === 1 ? 'rotations' : 'mixed';
      const c = randomCircuit(2, 1 + (seed % 7), seed, pool);
      const m = circuitUnitary(c);
      expect(minimalCnotCount(m), `seed ${seed}`).toBe(twoQubitCnotCount(m));
    }
  });
});
