/** Principal powers of unitaries and gates: checked against eigendecompositions known by construction. */
import { describe, expect, it } from 'vitest';
import { circuitUnitary, gateMatrix, gateNames, gateSpec, type Instruction } from '../../../compiler/circuit/index.js';
import { controlledParts, gatePower, principalAngle, unitaryPower } from '../../../compiler/circuit/pow.js';
import { CMatrix } from '../../../compiler/linalg/complex.js';
import { rng } from '../../helpers/quantum.js';

/** A Haar-ish random unitary: Gram–Schmidt on a random complex matrix (seeded). */
function randomUnitary(n: number, r: () => number): CMatrix {
  const cols: { re: number[]; im: number[] }[] = [];
  for (let j = 0; j < n; j++) {
    const v = { re: Array.from({ length: n }, () => r() - 0.5), im: Array.from({ length: n }, () => r() - 0.5) };
    for (const u of cols) {
      let dr = 0, di = 0;
      for (let i = 0; i < n; i++) {
        dr += u.re[i]! * v.re[i]! + u.im[i]! * v.im[i]!;
        di += u.re[i]! * v.im[i]! - u.im[i]! * v.re[i]!;
      }
      for (let i = 0; i < n; i++) {
        v.re[i]! -= dr * u.re[i]! - di * u.im[i]!;
        v.im[i]! -= dr * u.im[i]! + di * u.re[i]!;
      }
    }
    const norm = Math.hypot(...v.re, ...v.im);
    cols.push({ re: v.re.map((x) => x / norm), im: v.im.map((x) => x / norm) });
  }
  const m = new CMatrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) m.set(i, j, { re: cols[j]!.re[i]!, im: cols[j]!.im[i]! });
  return m;
}

/** V·diag(e^{iφ})·V†. */
function fromEigen(v: CMatrix, phases: readonly number[]): CMatrix {
  return v.mul(CMatrix.diagonal(phases.map((p) => ({ re: Math.cos(p), im: Math.sin(p) })))).mul(v.adjoint());
}

/** The matrix of a gate list on n local qubits, global phase included. */
function listMatrix(list: readonly Instruction[], n: number): CMatrix {
  return circuitUnitary({ numQubits: n, numClbits: 0, qregs: [], cregs: [], instructions: list, metadata: {} });
}

describe('unitaryPower', () => {
  const seeds = [1, 2, 3, 4, 5, 6];
  it.each(seeds)('equals V·diag(e^{ikφ})·V† for a unitary built from known eigenphases (seed %i)', (seed) => {
    const r = rng(seed);
    for (const n of [2, 4, 8]) {
      const v = randomUnitary(n, r);
      // Eigenphases in (−π, π], with a repeated one and, for one seed in two, exactly π (eigenvalue −1).
      const phases = Array.from({ length: n }, () => (r() * 2 - 1) * Math.PI);
      phases[1] = phases[0]!;
      if (seed % 2 === 0) phases[n - 1] = Math.PI;
      const u = fromEigen(v, phases);
      for (const k of [0.5, -0.5, 1 / 3, 2.7, -1.3, 1, 0, 7]) {
        const d = unitaryPower(u, k).maxAbsDiff(fromEigen(v, phases.map((p) => k * p)));
        expect(d, `seed ${seed}, n ${n}, k ${k}`).toBeLessThan(1e-9);
      }
    }
  });

  it('takes −1 on the principal branch: X^½ is sx, Z^½ is s, SWAP^½ squares to SWAP', () => {
    expect(unitaryPower(gateMatrix('x', []), 0.5).maxAbsDiff(gateMatrix('sx', []))).toBeLessThan(1e-12);
    expect(unitaryPower(gateMatrix('z', []), 0.5).maxAbsDiff(gateMatrix('s', []))).toBeLessThan(1e-12);
    const root = unitaryPower(gateMatrix('swap', []), 0.5);
    expect(root.mul(root).maxAbsDiff(gateMatrix('swap', []))).toBeLessThan(1e-12);
    expect(unitaryPower(CMatrix.diagonal([{ re: -1, im: -1e-17 }]), 0.5).maxAbsDiff(CMatrix.diagonal([{ re: 0, im: 1 }]))).toBeLessThan(1e-12);
  });

  it('refuses a matrix that is not unitary', () => {
    expect(() => unitaryPower(CMatrix.real([[1, 1], [0, 1]]), 0.5)).toThrow(/not unitary/);
  });
});

describe('gatePower and controlledParts', () => {
  const r = rng(11);
  const cases = gateNames().map((g) => {
    const s = gateSpec(g)!;
    const n = s.variadic ? 3 : s.qubits;
    return [g, n, Array.from({ length: s.params }, () => (r() - 0.5) * 14)] as const;
  });
  const exponents = [0.5, -0.5, 1 / 3, 2.7, -1.3, 3, -2, 10_000_001];

  it.each(cases)('%s: the closed form equals the principal power of its matrix, global phase included', (g, n, params) => {
    const inst: Instruction = { gate: g, qubits: Array.from({ length: n }, (_, i) => i), params };
    for (const k of exponents) {
      const closed = gatePower(inst, k);
      const parts = controlledParts(inst);
      if (closed === undefined && parts === undefined) continue;
      const expected = unitaryPower(gateMatrix(g, params, n), k);
      if (closed !== undefined) {
        const d = listMatrix(closed, n).maxAbsDiff(expected);
        expect(d, `${g}^${k}`).toBeLessThan(1e-7);
      } else {
        // A controlled gate: the control block's eigenphases are 0, so only the base is raised.
        const base = unitaryPower(listMatrix(parts!.base.map((b) => ({ ...b, qubits: b.qubits.map((q) => q - parts!.controls.length) })), n - parts!.controls.length), k);
        expect(expected.block(0, 0, 1, 1).maxAbsDiff(CMatrix.identity(1))).toBeLessThan(1e-9);
        const nc = parts!.controls.length;
        const all = (1 << nc) - 1;
        for (let i = 0; i < base.rows; i++) {
          for (let j = 0; j < base.cols; j++) {
            const e = expected.get(all + (i << nc), all + (j << nc)), b = base.get(i, j);
            expect(Math.hypot(e.re - b.re, e.im - b.im), `${g}^${k} block (${i}, ${j})`).toBeLessThan(1e-9);
          }
        }
      }
    }
  });

  it('keeps the gate family: rotations scale their angle, phases their phase, X^½ is sx', () => {
    const one = (gate: Instruction['gate'], params: number[], k: number): Instruction[] | undefined => gatePower({ gate, qubits: [0], params }, k);
    expect(one('x', [], 0.5)).toEqual([{ gate: 'sx', qubits: [0], params: [] }]);
    expect(one('x', [], -0.5)).toEqual([{ gate: 'sxdg', qubits: [0], params: [] }]);
    expect(one('x', [], 10_000_000)).toEqual([]);
    expect(one('z', [], 0.5)).toEqual([{ gate: 's', qubits: [0], params: [] }]);
    expect(one('s', [], 0.5)).toEqual([{ gate: 't', qubits: [0], params: [] }]);
    expect(one('t', [], -1)).toEqual([{ gate: 'tdg', qubits: [0], params: [] }]);
    expect(one('rz', [0.4], 2.5)).toEqual([{ gate: 'rz', qubits: [0], params: [1] }]);
    expect(one('p', [0.4], -0.5)).toEqual([{ gate: 'p', qubits: [0], params: [-0.2] }]);
    expect(gatePower({ gate: 'h', qubits: [0], params: [] }, 10_000_001)).toEqual([{ gate: 'h', qubits: [0], params: [] }]);
    // rx(2π) = −I: its principal power is a global phase, not rx(2πk).
    expect(one('rx', [2 * Math.PI], 0.5)).toEqual([{ gate: 'gphase', qubits: [], params: [Math.PI / 2] }]);
  });

  it('principalAngle maps onto (−π, π]', () => {
    expect(principalAngle(-Math.PI)).toBe(Math.PI);
    expect(principalAngle(3 * Math.PI)).toBeCloseTo(Math.PI, 14);
    expect(principalAngle(2 * Math.PI)).toBe(0);
    expect(principalAngle(-0.25)).toBe(-0.25);
  });
});
