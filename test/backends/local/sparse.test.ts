/** The sparse state against the dense state-vector: every library gate, random circuits, a compiled QSVT program. */
import { describe, expect, it } from 'vitest';
import { CircuitBuilder, gateNames, gateSpec, type Circuit } from '../../../compiler/circuit/index.js';
import { CsrMatrix } from '../../../compiler/linalg/csr.js';
import { compileLinearSystem } from '../../../compiler/pipeline.js';
import { postselectedState, SparseState, Statevector } from '../../../backends/local/index.js';
import { randomCircuit } from '../../passes/random-circuits.js';
import { rng } from '../../helpers/quantum.js';

/** Largest |ψ_sparse − ψ_dense| over all basis states. */
function distance(c: Circuit): number {
  const dense = Statevector.fromCircuit(c);
  const sparse = SparseState.fromCircuit(c);
  let d = 0;
  for (let i = 0; i < dense.dimension; i++) {
    const a = sparse.amplitude(i);
    d = Math.max(d, Math.hypot(a.re - dense.re[i]!, a.im - dense.im[i]!));
  }
  return d;
}

describe('SparseState', () => {
  it.each(gateNames())('gate %s on a superposition equals the dense simulation', (g) => {
    const s = gateSpec(g)!;
    const r = rng(g.length * 31 + g.charCodeAt(0));
    const n = 5;
    const b = new CircuitBuilder(n);
    for (let q = 0; q < n; q++) b.gate('U', [q], [r() * 3, r() * 3, r() * 3]);
    const k = s.variadic ? 4 : s.qubits;
    b.gate(g, [3, 0, 4, 1].slice(0, k), Array.from({ length: s.params }, () => (r() - 0.5) * 6));
    expect(distance(b.build())).toBeLessThan(1e-12);
  });

  it.each([1, 2, 3, 4])('random circuits (seed %i) equal the dense simulation', (seed) => {
    expect(distance(randomCircuit(7, 120, seed, 'mixed')), `seed ${seed}`).toBeLessThan(1e-11);
  });

  it('stays sparse where the dense state is not: a 40-qubit GHZ state has two amplitudes', () => {
    const b = new CircuitBuilder(40).h(0);
    for (let q = 1; q < 40; q++) b.cx(q - 1, q);
    const s = SparseState.fromCircuit(b.build());
    expect(s.size).toBe(2);
    expect(s.amplitude(0).re).toBeCloseTo(Math.SQRT1_2, 14);
    expect(s.amplitude(2 ** 40 - 1).re).toBeCloseTo(Math.SQRT1_2, 14);
    expect([...s.marginal([0, 39]).entries()].sort()).toEqual([[0, expect.closeTo(0.5, 14)], [3, expect.closeTo(0.5, 14)]]);
  });

  it('a compiled QSVT program gives the same post-selected solution as the dense simulator', () => {
    const a = CsrMatrix.fromDense(4, 4, [2, 0.3, 0, 0.1, 0.3, 1.5, 0.2, 0, 0, 0.2, 1.8, 0.4, 0.1, 0, 0.4, 2.2]);
    const p = compileLinearSystem(a, [1, 2, -1, 0.5]);
    const dense = postselectedState(Statevector.fromCircuit(p.circuit), p.system, p.postselect);
    const sparse = SparseState.fromCircuit(p.circuit).postselected(p.system, p.postselect);
    expect(sparse.probability).toBeCloseTo(dense.probability, 12);
    for (let i = 0; i < 4; i++) {
      expect(sparse.re[i]).toBeCloseTo(dense.re[i]!, 12);
      expect(sparse.im[i]).toBeCloseTo(dense.im[i]!, 12);
    }
  });

  it('refuses, with the fix, when the state stops being sparse', () => {
    const b = new CircuitBuilder(12);
    for (let q = 0; q < 12; q++) b.h(q);
    expect(() => SparseState.fromCircuit(b.build(), { maxEntries: 1000 })).toThrow(/1024 nonzero amplitudes after 'h', above the limit of 1000; use the dense simulator/);
  });
});
