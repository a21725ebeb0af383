import { describe, expect, it } from 'vitest';
import { CircuitBuilder, withInstructions } from '../../compiler/circuit/index.js';
import { getTarget, TARGET_NAMES } from '../../passes/targets/builtins.js';
import { makeTarget, verify } from '../../passes/targets/target.js';
import { chooseLayout, qubitErrorScores } from '../../passes/layout.js';
import { routeGreedy, routeSabre, routedCircuit, sabreLayoutAndRoute } from '../../passes/route-sabre.js';
import { toTwoQubitList } from '../../passes/decompose-multi-qubit.js';
import { randomCircuit, routedEquivalent } from './random-circuits.js';

describe('targets', () => {
  it('built-in targets carry the device data (qubits, basis, directed couplings, calibration)', () => {
    expect(TARGET_NAMES).toEqual(expect.arrayContaining(['generic', 'ibm_brisbane', 'ibm_torino', 'ibm_fez', 'ibm_kingston', 'ibm_miami', 'ionq_aria', 'ionq_forte', 'ionq_qis']));
    const b = getTarget('ibm_brisbane'), t = getTarget('ibm_torino');
    expect([b.numQubits, t.numQubits, getTarget('ibm_fez').numQubits, getTarget('ionq_aria').numQubits, getTarget('ionq_forte').numQubits]).toEqual([127, 133, 156, 25, 36]);
    expect([...b.basisGates!].sort()).toEqual(['ecr', 'id', 'rz', 'sx', 'x']);
    expect([...getTarget('ionq_forte').basisGates!].sort()).toEqual(['gpi', 'gpi2', 'zz']);
    // Eagle lists each ecr edge in one direction only; Heron lists both.
    const has = (tg: typeof b, x: number, y: number): boolean => tg.coupling!.some(([p, q]) => p === x && q === y);
    expect(has(b, 1, 0) && !has(b, 0, 1)).toBe(true);
    expect(has(t, 0, 1) && has(t, 1, 0)).toBe(true);
    expect(b.calibration?.qubits).toHaveLength(127);
    expect(getTarget('ibm_miami').operations.has('reset')).toBe(false);
  });

  it('verify lists every violation, not just the first', () => {
    const b = new CircuitBuilder(3).h(0).cx(0, 1).gate('ccx', [0, 1, 2]).cx(0, 2);
    b.reset(1);
    const c = b.build();
    const tg = makeTarget({ name: 'line3', numQubits: 2, basisGates: ['cx', 'rz', 'sx'], operations: ['measure'], coupling: [[0, 1], [1, 2]] });
    const v = verify(c, tg);
    expect(v.map((x) => x.predicate).sort()).toEqual(['basis', 'basis', 'basis', 'connectivity', 'connectivity', 'qubit-count'].sort());
    expect(v.every((x) => x.message.length > 0)).toBe(true);
    expect(verify(c, getTarget('generic'))).toEqual([]);
  });

  it('noise-aware layout starts from well-calibrated qubits', () => {
    const t = getTarget('ibm_torino');
    const scores = qubitErrorScores(t)!;
    const c = randomCircuit(5, 20, 3, 'clifford-t');
    const layout = chooseLayout(c, t, 'noise-aware');
    const mean = (qs: number[]): number => qs.reduce((s, q) => s + scores[q]!, 0) / qs.length;
    const all = Array.from({ length: 133 }, (_, q) => q);
    expect(mean(layout)).toBeLessThan(mean(all));
    expect(new Set(layout).size).toBe(5);
  });
});

describe('routing', () => {
  const line = makeTarget({ name: 'line6', numQubits: 6, coupling: [[0, 1], [1, 2], [2, 3], [3, 4], [4, 5]], symmetric: true });
  it.each([1, 2, 3, 4])('SABRE and greedy on a 6-qubit line: every two-qubit gate on an edge, same unitary up to the recorded permutation (seed %i)', (seed) => {
    const c0 = randomCircuit(5, 30, 40 + seed, 'mixed');
    const c = withInstructions(c0, toTwoQubitList(c0.instructions, c0.numQubits));
    const layout = chooseLayout(c, line, 'dense');
    for (const r of [sabreLayoutAndRoute(c, line, { seed }), routeSabre(c, line, layout, { seed }), routeGreedy(c, line, layout)]) {
      const routed = routedCircuit(c, line, r);
      expect(verify(routed, line).filter((v) => v.predicate === 'connectivity')).toEqual([]);
      const eq = routedEquivalent(c, routed, r.layout, r.physicalPermutation);
      expect(eq.distance).toBeLessThan(1e-8);
      expect(routed.metadata.finalPermutation).toEqual(r.finalLayout);
    }
  });

  it('SABRE adds fewer swaps than greedy on a bench circuit on heavy-hex', () => {
    const t = getTarget('ibm_torino');
    const c0 = randomCircuit(12, 150, 5, 'clifford-t');
    const c = withInstructions(c0, toTwoQubitList(c0.instructions, c0.numQubits));
    const layout = chooseLayout(c, t, 'dense');
    expect(sabreLayoutAndRoute(c, t).swaps).toBeLessThan(routeGreedy(c, t, layout).swaps);
  });
});
