import { describe, expect, it } from 'vitest';
import { transpile } from '../../passes/transpile.js';
import { getTarget } from '../../passes/targets/builtins.js';
import { verify } from '../../passes/targets/target.js';
import { checkEquivalence } from '../../passes/primitives/equivalence.js';
import { CircuitBuilder } from '../../compiler/circuit/index.js';
import { randomCircuit, routedEquivalent } from './random-circuits.js';

const LEVELS = [0, 1, 2, 3] as const;

describe('transpile: predicates always hold, and the circuit is unchanged up to phase and permutation', () => {
  it.each(['generic', 'ionq_qis', 'ionq_aria', 'ionq_forte'])('%s at every level on random 2–6 qubit circuits', (name) => {
    const t = getTarget(name);
    for (const level of LEVELS) {
      for (let seed = 1; seed <= 3; seed++) {
        const n = 2 + ((seed + level) % 5);
        const c = randomCircuit(n, 30, 100 * level + seed + name.length);
        const r = transpile(c, t, { level, seed });
        expect(verify(r.circuit, t), `${name} O${level} seed ${seed}`).toEqual([]);
        const eq = checkEquivalence(c, r.circuit);
        expect(eq.distance, `${name} O${level} seed ${seed}`).toBeLessThan(1e-7);
      }
    }
  });

  it.each(['ibm_torino', 'ibm_brisbane', 'ibm_fez', 'ibm_kingston', 'ibm_miami'])('%s: routed and translated circuits verify and match under the recorded permutation', (name) => {
    const t = getTarget(name);
    for (const level of LEVELS) {
      const c = randomCircuit(4, 25, 7 + level + name.length);
      const r = transpile(c, t, { level, seed: level + 1 });
      expect(verify(r.circuit, t)).toEqual([]);
      expect(r.circuit.numQubits).toBe(t.numQubits);
      expect(r.circuit.metadata.finalPermutation).toEqual(r.finalPermutation);
      const eq = routedEquivalent(c, r.circuit, r.layout, r.physicalPermutation);
      expect(eq.qubits).toBeLessThanOrEqual(12);
      expect(eq.distance, `${name} O${level}`).toBeLessThan(1e-7);
    }
  });

  it('measured circuits keep their measurements and classical bits', () => {
    const b = new CircuitBuilder(3, 3).h(0).cx(0, 1).cx(1, 2).t(2).rz(0.3, 1).cz(0, 2);
    for (let q = 0; q < 3; q++) b.measure(q, q);
    const c = b.build();
    for (const name of ['ibm_torino', 'ibm_brisbane', 'ionq_aria']) {
      const r = transpile(c, getTarget(name), { level: 3 });
      expect(verify(r.circuit, getTarget(name))).toEqual([]);
      const ms = r.circuit.instructions.filter((i) => i.gate === 'measure');
      expect(ms.map((m) => m.clbits![0]).sort()).toEqual([0, 1, 2]);
      // Each clbit measures the physical qubit that holds its logical qubit at that point.
      for (const m of ms) expect(m.qubits[0]).toBe(r.finalPermutation[m.clbits![0]!]);
    }
  });
});

describe('transpile refuses what no lowering can fix, before any work', () => {
  it('reset on ibm_miami and conditions on IonQ are TargetErrors naming the target', () => {
    const c = new CircuitBuilder(2, 1).h(0).measure(0, 0).reset(0).build();
    expect(() => transpile(c, getTarget('ibm_miami'))).toThrow(/'reset', which ibm_miami does not support/);
    const d = new CircuitBuilder(2, 1).h(0).measure(0, 0).add({ gate: 'x', qubits: [1], params: [], condition: { clbits: [0], value: 1 } }).build();
    expect(() => transpile(d, getTarget('ionq_aria'))).toThrow(/conditioned gates, which ionq_aria/);
    expect(verify(transpile(d, getTarget('ibm_torino')).circuit, getTarget('ibm_torino'))).toEqual([]);
  });
});
