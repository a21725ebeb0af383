import { describe, expect, it } from 'vitest';
import { CircuitBuilder, circuitUnitary, expandGates, type Instruction } from '../../../compiler/circuit/index.js';
import { mcpNoAncilla, mcxDirtyChain, mcxNoAncilla, mcxOneCleanAncilla, mcxOneDirtyAncilla, mczNoAncilla, relativePhaseToffoli } from '../../../compiler/synthesis/mcx.js';
import { expectSameUnitary } from '../../helpers/quantum.js';

const circ = (n: number, insts: readonly Instruction[]) => {
  const b = new CircuitBuilder(n);
  for (const i of insts) b.add(i);
  return b.build();
};
const cnots = (insts: readonly Instruction[]): number => expandGates(insts, new Set(['cx', 'h', 't', 'tdg', 's', 'sdg', 'x', 'p', 'cp', 'U', 'rz', 'ry', 'gphase'])).filter((i) => i.gate === 'cx').length
  + 2 * insts.filter((i) => i.gate === 'cp').length;
const range = (a: number, b: number): number[] => Array.from({ length: b - a }, (_, i) => a + i);

describe('multi-controlled gate synthesis', () => {
  it.each([3, 4, 5, 6])('mcx with %i controls and no ancilla equals mcx (and mcz, mcp)', (k) => {
    const n = k + 1, c = range(0, k);
    expectSameUnitary(circ(n, mcxNoAncilla(c, k)), circ(n, [{ gate: 'mcx', qubits: [...c, k], params: [] }]));
    expectSameUnitary(circ(n, mczNoAncilla(range(0, n))), circ(n, [{ gate: 'mcz', qubits: range(0, n), params: [] }]));
    expectSameUnitary(circ(n, mcpNoAncilla(0.37, c, k)), circ(n, [{ gate: 'mcp', qubits: [...c, k], params: [0.37] }]));
  });

  it.each([3, 4, 5])('V-chain with k − 2 dirty ancillas (k = %i) is exact on every ancilla state', (k) => {
    const n = k + 1 + (k - 2), c = range(0, k), anc = range(k + 1, n);
    expectSameUnitary(circ(n, mcxDirtyChain(c, k, anc)), circ(n, [{ gate: 'mcx', qubits: [...c, k], params: [] }]));
  });

  it.each([3, 4, 5, 6])('one dirty ancilla (k = %i): exact unitary including the ancilla', (k) => {
    const n = k + 2, c = range(0, k);
    expectSameUnitary(circ(n, mcxOneDirtyAncilla(c, k, k + 1)), circ(n, [{ gate: 'mcx', qubits: [...c, k], params: [] }]));
  });

  it.each([3, 4, 5, 6])('one clean ancilla (k = %i): exact on the ancilla-|0⟩ subspace, ancilla returned to |0⟩', (k) => {
    const n = k + 2, c = range(0, k), a = k + 1;
    const u = circuitUnitary(circ(n, mcxOneCleanAncilla(c, k, a)));
    const v = circuitUnitary(circ(n, [{ gate: 'mcx', qubits: [...c, k], params: [] }]));
    // Columns with the ancilla bit 0 must agree exactly (one common phase) and stay in that subspace.
    const dim = 1 << n, cols: number[] = [];
    for (let j = 0; j < dim; j++) if (((j >> a) & 1) === 0) cols.push(j);
    let pr = 0, pi = 0;
    for (const j of cols) for (let i = 0; i < dim; i++) {
      const ur = u.re[i * dim + j]!, ui = u.im[i * dim + j]!, vr = v.re[i * dim + j]!, vi = v.im[i * dim + j]!;
      pr += vr * ur + vi * ui;
      pi += vr * ui - vi * ur;
    }
    const nrm = Math.hypot(pr, pi), cr = pr / nrm, ci = pi / nrm;
    let d = 0;
    for (const j of cols) for (let i = 0; i < dim; i++) {
      const ur = u.re[i * dim + j]!, ui = u.im[i * dim + j]!, vr = v.re[i * dim + j]!, vi = v.im[i * dim + j]!;
      d = Math.max(d, Math.hypot(vr * cr - vi * ci - ur, vr * ci + vi * cr - ui));
    }
    expect(d).toBeLessThan(1e-9);
  });

  it('relative-phase Toffoli is ccx times a diagonal', () => {
    const u = circuitUnitary(circ(3, relativePhaseToffoli(0, 1, 2)));
    const v = circuitUnitary(circ(3, [{ gate: 'ccx', qubits: [0, 1, 2], params: [] }]));
    const d = v.adjoint().mul(u);
    for (let i = 0; i < 8; i++) for (let j = 0; j < 8; j++) {
      const mag = Math.hypot(d.re[i * 8 + j]!, d.im[i * 8 + j]!);
      expect(mag).toBeCloseTo(i === j ? 1 : 0, 9);
    }
    expect(cnots(relativePhaseToffoli(0, 1, 2))).toBe(3);
  });

  it('CNOT counts grow linearly with one ancilla and quadratically without', () => {
    const lin = [8, 16, 32].map((k) => cnots(mcxOneDirtyAncilla(range(0, k), k, k + 1)));
    expect(lin[2]! / lin[1]!).toBeLessThan(2.3);
    expect(lin[2]!).toBeLessThanOrEqual(16 * 6 * 32);
    const clean = cnots(mcxOneCleanAncilla(range(0, 32), 32, 33));
    expect(clean).toBeLessThan(lin[2]!);
    for (const k of [8, 16, 32]) expect(cnots(mcxNoAncilla(range(0, k), k))).toBeLessThanOrEqual(40 * k * k);
    expect(lin[0]!).toBeLessThanOrEqual(48 * 8);
  });
});
