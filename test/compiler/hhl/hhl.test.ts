import { describe, expect, it } from 'vitest';
import { buildHhl, HhlCircuit, type HhlProgram } from '../../../compiler/hhl/hhl.js';
import { appendOrthogonal } from '../../../compiler/hhl/orthogonal.js';
import { CircuitBuilder, circuitUnitary } from '../../../compiler/circuit/index.js';
import { CMatrix } from '../../../compiler/linalg/complex.js';
import { CsrMatrix } from '../../../compiler/linalg/csr.js';
import { circuitCost } from '../../../compiler/synthesis/cost.js';
import { ntkLike } from '../blockencoding/check.js';
import { postselectedState, Statevector } from '../../../backends/local/index.js';
import { expectSameUnitary, rng, stateOverlap } from '../../helpers/quantum.js';
import { solve } from './solve.js';
import { randomOrthogonal } from '../components/examples.js';

/** Simulate, post-select, and return the system state's fidelity with A⁻¹b and the branch probability. */
function run(p: HhlProgram, a: CsrMatrix, b: number[]): { fidelity: number; probability: number } {
  const kept = postselectedState(Statevector.fromCircuit(p.circuit), p.system, p.postselect);
  const { probability } = kept;
  const N = 2 ** p.system.length;
  const xs = new Float64Array(N);
  xs.set(solve(a, b));
  return { fidelity: stateOverlap({ re: kept.re, im: kept.im }, xs), probability };
}

const textbook = CsrMatrix.fromDense(2, 2, [1, -1 / 3, -1 / 3, 1]);

function spd(n: number, seed: number, cond: number): CsrMatrix {
  // Q·diag·Qᵀ with eigenvalues spread over [1/cond, 1].
  const r = rng(seed);
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) {
    const v = (r() - 0.5) * 0.3;
    m[i * n + j] = v;
    m[j * n + i] = v;
  }
  for (let i = 0; i < n; i++) m[i * n + i] = 1 / cond + (i / Math.max(1, n - 1)) * (1 - 1 / cond) + 0.3;
  return CsrMatrix.fromDense(n, n, m);
}

describe('HHL', () => {
  it('the 2×2 textbook system (eigenvalues 2/3, 4/3) is solved exactly with 2 clock qubits', () => {
    const b = [1, 0];
    const p = buildHhl(textbook, b);
    expect(p.clockQubits).toBe(2);
    expect(p.circuit.numQubits).toBe(4);
    const r = run(p, textbook, b);
    expect(r.fidelity).toBeGreaterThan(1 - 1e-12);
    expect(r.probability).toBeCloseTo(p.successProbability, 10);
  });

  it.each([
    ['4×4 random SPD', spd(4, 1, 5), [1, 2, -1, 0.5]],
    ['3×3 SPD (padded)', spd(3, 2, 4), [0.3, -1, 2]],
    ['4×4 indefinite', CsrMatrix.fromDense(4, 4, [2, 0.5, 0, 0.1, 0.5, -1.5, 0.3, 0, 0, 0.3, 1, -0.4, 0.1, 0, -0.4, -2.5]), [1, 1, 1, 1]],
    ['8×8 NTK-like', ntkLike(8, 3), [1, -1, 1, -1, 1, -1, 1, -1]],
    ['16×16 random SPD (κ ≈ 10)', spd(16, 7, 10), Array.from({ length: 16 }, (_, i) => Math.sin(i + 1))],
    ['12×12 SPD (padded)', spd(12, 8, 6), Array.from({ length: 12 }, (_, i) => (i % 2 ? 1 : -0.5))],
  ] as const)('%s: fidelity ≥ 0.99 at the default ε; closed-form predictions match the simulation', (_name, a, b) => {
    const p = buildHhl(a, [...b]);
    const r = run(p, a, [...b]);
    expect(r.fidelity).toBeGreaterThanOrEqual(0.99);
    expect(r.fidelity).toBeCloseTo(p.expectedFidelity, 8);
    expect(r.probability).toBeCloseTo(p.successProbability, 10);
  });

  it('a smaller ε buys more clock qubits and a better state', () => {
    // Eigenvalues off every clock grid: κ ≈ 7.7.
    const a = CsrMatrix.fromDense(4, 4, [1, 0, 0, 0, 0, 0.37, 0, 0, 0, 0, 0.61, 0, 0, 0, 0, 0.13]);
    const b = [1, 1, 1, 1];
    const coarse = buildHhl(a, b, { epsilon: 0.05 });
    const fine = buildHhl(a, b, { epsilon: 1e-4 });
    expect(fine.clockQubits).toBeGreaterThan(coarse.clockQubits);
    expect(run(fine, a, b).fidelity).toBeGreaterThanOrEqual(0.9999);
  });

  it('rejects non-symmetric, singular and mismatched systems, and a κ below the true one', () => {
    expect(() => buildHhl(CsrMatrix.fromDense(2, 2, [1, 2, 0, 1]), [1, 0])).toThrow(/symmetric/);
    expect(() => buildHhl(CsrMatrix.fromDense(2, 2, [1, 1, 1, 1]), [1, 0])).toThrow(/singular/);
    expect(() => buildHhl(textbook, [1, 0, 0])).toThrow(/entries/);
    expect(() => buildHhl(textbook, [1, 0], { kappa: 1.5 })).toThrow(/kappa/);
  });
});

describe('orthogonal synthesis (Householder reflections)', () => {
  it.each([1, 2, 3])('random %i-qubit orthogonal matrices are synthesised exactly', (n) => {
    const N = 1 << n;
    const vectors = randomOrthogonal(N, n);
    const b = new CircuitBuilder(n);
    appendOrthogonal(b, vectors, [...Array(n).keys()]);
    expectSameUnitary(b.build(), new CMatrix(N, N, Float64Array.from(vectors), new Float64Array(N * N)));
    expect(circuitUnitary(b.build()).rows).toBe(N);
    expect(circuitCost(b.build()).gates.cx ?? 0).toBeLessThanOrEqual(2 * N * N);
  });
});

describe('HHL cost from sizes', () => {
  it.each([
    ['2×2', textbook, [1, 0]],
    ['8×8 NTK-like', ntkLike(8, 3), [1, -1, 1, -1, 1, -1, 1, -1]],
    ['16×16 random SPD (κ ≈ 10)', spd(16, 7, 10), Array.from({ length: 16 }, (_, i) => Math.sin(i + 1))],
    ['12×12 SPD (padded)', spd(12, 8, 6), Array.from({ length: 12 }, (_, i) => (i % 2 ? 1 : -0.5))],
  ] as const)('%s: the size-only bound covers the built circuit gate by gate', (_n, a, b) => {
    const p = buildHhl(a, [...b]);
    const built = circuitCost(p.circuit);
    const est = HhlCircuit.sized({ systemQubits: p.system.length, clockQubits: p.clockQubits }).cost();
    expect(p.component.cost().gates).toEqual(built.gates);
    expect(est.qubits).toBe(p.circuit.numQubits);
    for (const [g, k] of Object.entries(built.gates)) expect(est.gates[g] ?? 0, g).toBeGreaterThanOrEqual(k);
    expect(est.depth).toBeGreaterThanOrEqual(built.depth);
  });
});
