/** simulate(): terminal and mid-circuit measurement, reset, conditions and shot statistics. */
import { describe, expect, it } from 'vitest';
import { CircuitBuilder, inverseCircuit, type Circuit } from '../../../compiler/circuit/index.js';
import { ResourceError } from '../../../compiler/errors.js';
import { distributionRecord, simulate, Statevector } from '../../../backends/local/index.js';
import { expectStateClose, rng } from '../../helpers/quantum.js';

/**
 * Pearson's χ² of counts against probabilities (bins with expectation < 5 pooled), and the
 * Wilson–Hilferty approximation of the χ² quantile for the given upper-tail z (z = 4.75 ↔ p ≈ 1e-6).
 */
function chiSquare(counts: ReadonlyMap<number, number>, probs: Float64Array, shots: number): { stat: number; bound: number } {
  let stat = 0, bins = 0, poolE = 0, poolO = 0;
  for (let k = 0; k < probs.length; k++) {
    const e = probs[k]! * shots, o = counts.get(k) ?? 0;
    if (e < 5) { poolE += e; poolO += o; continue; }
    stat += (o - e) ** 2 / e;
    bins++;
  }
  if (poolE > 0) { stat += (poolO - poolE) ** 2 / Math.max(poolE, 1e-300); bins++; }
  const df = bins - 1, z = 4.75, h = 2 / (9 * df);
  return { stat, bound: df * (1 - h + z * Math.sqrt(h)) ** 3 };
}

function randomState(n: number, seed: number): Circuit {
  const r = rng(seed);
  const b = new CircuitBuilder(n);
  for (let layer = 0; layer < 3; layer++) {
    for (let q = 0; q < n; q++) b.u(r() * 3, r() * 6, r() * 6, q);
    for (let q = 0; q + 1 < n; q++) b.cx(q, q + 1);
  }
  return b.build();
}

describe('simulate', () => {
  it('teleports a random state: Bob ends with the prepared state, every correction pattern has probability 1/4', () => {
    const prep = new CircuitBuilder(1).u(1.1, 0.4, -2.3, 0).build();
    const b = new CircuitBuilder(3, 3);
    b.compose(prep, [0]);
    b.h(1).cx(1, 2).cx(0, 1).h(0).measure(0, 0).measure(1, 1);
    b.add({ gate: 'x', qubits: [2], params: [], condition: { clbits: [1], value: 1 } });
    b.add({ gate: 'z', qubits: [2], params: [], condition: { clbits: [0], value: 1 } });
    // Undo the preparation on Bob's qubit: it must then read 0 with certainty.
    b.compose(inverseCircuit(prep), [2]);
    b.measure(2, 2);
    const res = simulate(b.build());
    expect(res.register).toBe('clbits');
    const p = res.probabilities!;
    for (let k = 0; k < 4; k++) expect(p[k]).toBeCloseTo(0.25, 12);
    for (let k = 4; k < 8; k++) expect(p[k]).toBeCloseTo(0, 12);
  });

  it('reset of one half of a Bell pair leaves the mixture ½|00⟩⟨00| + ½|10⟩⟨10|', () => {
    const c = new CircuitBuilder(2).h(0).cx(0, 1).reset(0).build();
    const res = simulate(c);
    expect(res.register).toBe('qubits');
    expect(Array.from(res.probabilities!)).toEqual([expect.closeTo(0.5, 12), 0, expect.closeTo(0.5, 12), 0]);
    expect(res.statevector).toBeUndefined();
  });

  it('reset of a qubit in |+⟩ yields the pure state |0⟩', () => {
    const res = simulate(new CircuitBuilder(1).h(0).reset(0).build());
    expect(res.probabilities![0]).toBeCloseTo(1, 12);
  });

  it('a measured qubit acted on again gives independent fair bits', () => {
    const c = new CircuitBuilder(1, 2).h(0).measure(0, 0).h(0).measure(0, 1).build();
    const res = simulate(c);
    for (let k = 0; k < 4; k++) expect(res.probabilities![k]).toBeCloseTo(0.25, 12);
  });

  it('conditions read clbits as an integer with clbits[0] least significant', () => {
    // c = 0b10 after measuring |1⟩ into c[1]; a gate conditioned on c == 2 fires, one on c == 1 does not.
    const b = new CircuitBuilder(3, 2).x(0).measure(0, 1);
    b.add({ gate: 'x', qubits: [1], params: [], condition: { clbits: [0, 1], value: 2 } });
    b.add({ gate: 'x', qubits: [2], params: [], condition: { clbits: [0, 1], value: 1 } });
    b.measure(1, 0);
    const res = simulate(b.build());
    expect(distributionRecord(res)).toEqual({ '11': 1 });
  });

  it('terminal measurements map qubit outcomes onto clbits (c[0] rightmost) and keep the statevector', () => {
    const c = new CircuitBuilder(3, 2).x(1).h(2).measure(1, 0).measure(0, 1).build();
    const res = simulate(c);
    expect(distributionRecord(res)).toEqual({ '01': expect.closeTo(1, 12) });
    expect(res.statevector).toBeDefined();
    expectStateClose(res.statevector!, Statevector.fromCircuit(new CircuitBuilder(3).x(1).h(2).build()), 1e-12);
  });

  it('unmeasured circuits give probabilities over all qubits, qubit 0 rightmost, tiny entries omitted', () => {
    const res = simulate(new CircuitBuilder(3).x(0).h(2).build());
    expect(distributionRecord(res)).toEqual({ '001': expect.closeTo(0.5, 12), '101': expect.closeTo(0.5, 12) });
  });

  it('shot counts pass a χ² test (p ≈ 1e-6 bound) and are reproducible from the seed', () => {
    const c = randomState(5, 3);
    const exact = simulate(c).probabilities!;
    const shots = 200_000;
    const a = simulate(c, { shots, seed: 11 });
    const { stat, bound } = chiSquare(a.outcomeCounts!, exact, shots);
    expect(stat, `χ² = ${stat}, bound ${bound}`).toBeLessThan(bound);
    expect([...a.outcomeCounts!.values()].reduce((s, x) => s + x, 0)).toBe(shots);
    expect(simulate(c, { shots, seed: 11 }).outcomeCounts).toEqual(a.outcomeCounts);
    expect(simulate(c, { shots, seed: 12 }).outcomeCounts).not.toEqual(a.outcomeCounts);
  });

  it('per-shot trajectories (forced) agree with the exact mid-circuit distribution (χ²)', () => {
    const b = new CircuitBuilder(3, 3);
    b.compose(randomState(3, 9));
    b.measure(0, 0).ry(0.7, 0).cx(0, 1).measure(1, 1);
    b.add({ gate: 'h', qubits: [2], params: [], condition: { clbits: [1], value: 1 } });
    b.reset(0).rx(1.3, 0).cx(0, 2).measure(2, 2);
    const c = b.build();
    const exact = simulate(c).probabilities!;
    const shots = 10_000;
    const traj = simulate(c, { shots, seed: 5, maxBranches: 0 });
    const { stat, bound } = chiSquare(traj.outcomeCounts!, exact, shots);
    expect(stat, `χ² = ${stat}, bound ${bound}`).toBeLessThan(bound);
    expect(() => simulate(c, { maxBranches: 0 })).toThrow(/shot count/);
  });

  it('refuses states that cannot fit before allocating', () => {
    expect(() => Statevector.zero(40)).toThrow(ResourceError);
    expect(() => simulate(new CircuitBuilder(30).h(0).build())).toThrow(ResourceError);
    expect(() => simulate(new CircuitBuilder(31).h(0).build(), { precision: 'single' })).toThrow(ResourceError);
  });
});

describe('simulate() results as data', () => {
  it('counts are a plain object keyed by bitstring: JSON shows them', () => {
    const c = new CircuitBuilder(2, 2).h(0).cx(0, 1).measure(0, 0).measure(1, 1).build();
    const r = simulate(c, { shots: 200, seed: 3 });
    const json = JSON.parse(JSON.stringify(r)) as { counts: Record<string, number> };
    expect(Object.keys(json.counts).sort()).toEqual(['00', '11']);
    expect(json.counts['00']! + json.counts['11']!).toBe(200);
    expect(json.counts['11']).toBe(r.outcomeCounts!.get(3));
  });
});
