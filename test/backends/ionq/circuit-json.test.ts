import { describe, expect, it } from 'vitest';
import { toIonqCircuit, type IonqGate } from '../../../backends/ionq/circuit-json.js';
import { CircuitBuilder, applyMatrixToColumns, gateMatrix } from '../../../compiler/circuit/index.js';
import { CMatrix, type Complex } from '../../../compiler/linalg/complex.js';
import { createRandom } from '../../../compiler/linalg/random.js';
import { expectSameUnitary } from '../../helpers/quantum.js';

const e = (t: number): Complex => ({ re: Math.cos(t), im: Math.sin(t) });
const mulI = (z: Complex, s: number): Complex => ({ re: z.im * s, im: -z.re * s }); // −i·s·z
const TAU = 2 * Math.PI;

/** IonQ's native gates exactly as documented (design/backends.md §B5), parameters in turns. */
function nativeMatrix(g: IonqGate): CMatrix {
  const S = Math.SQRT1_2;
  switch (g.gate) {
    case 'gpi': return CMatrix.from([[0, e(-TAU * g.phase!)], [e(TAU * g.phase!), 0]]);
    case 'gpi2': return CMatrix.from([[S, mulI(e(-TAU * g.phase!), S)], [mulI(e(TAU * g.phase!), S), S]]);
    case 'ms': {
      const [p0, p1] = g.phases!;
      const c = Math.cos(Math.PI * g.angle!), s = Math.sin(Math.PI * g.angle!);
      // Little-endian basis |q1 q0⟩, q0 = targets[0].
      return CMatrix.from([
        [c, 0, 0, mulI(e(-TAU * (p0! + p1!)), s)],
        [0, c, mulI(e(TAU * (p0! - p1!)), s), 0],
        [0, mulI(e(-TAU * (p0! - p1!)), s), c, 0],
        [mulI(e(TAU * (p0! + p1!)), s), 0, 0, c],
      ]);
    }
    case 'zz': {
      const a = Math.PI * g.angle!;
      return CMatrix.diagonal([e(-a), e(a), e(a), e(-a)]);
    }
    default: throw new Error(`not native: ${g.gate}`);
  }
}

/** IonQ QIS names read back through their documented meaning (si = S†, v = √X, rotations in radians). */
const QIS_BACK: Record<string, string> = { si: 'sdg', ti: 'tdg', v: 'sx', vi: 'sxdg', xx: 'rxx', yy: 'ryy', zz: 'rzz' };
function qisMatrix(g: IonqGate): { mat: CMatrix; qubits: number[] } {
  const controls = g.controls ?? (g.control !== undefined ? [g.control] : []);
  const targets = g.targets ?? [g.target!];
  const base = g.gate === 'cnot' ? 'x' : QIS_BACK[g.gate] ?? g.gate;
  const params = g.rotation !== undefined ? [g.rotation] : [];
  const name = controls.length === 0 ? base : base === 'x' ? 'mcx' : base === 'z' ? 'mcz' : `c${base}`;
  return { mat: gateMatrix(name, params, controls.length + targets.length), qubits: [...controls, ...targets] };
}

function unitaryOf(n: number, gates: readonly IonqGate[], native: boolean): CMatrix {
  const u = CMatrix.identity(1 << n);
  for (const g of gates) {
    if (native) applyMatrixToColumns(u, nativeMatrix(g), g.targets ?? [g.target!]);
    else { const { mat, qubits } = qisMatrix(g); applyMatrixToColumns(u, mat, qubits); }
  }
  return u;
}

describe('IonQ JSON circuits', () => {
  it.each([1, 2, 3])('native gates in turns reproduce the IR unitary (seed %i)', (seed) => {
    const rng = createRandom(seed);
    const b = new CircuitBuilder(3);
    const ang = (): number => (rng.next() - 0.5) * 4 * Math.PI;
    for (let k = 0; k < 12; k++) {
      const q = rng.int(3), r = (q + 1 + rng.int(2)) % 3;
      const kind = rng.int(4);
      if (kind === 0) b.gate('gpi', [q], [ang()]);
      else if (kind === 1) b.gate('gpi2', [q], [ang()]);
      else if (kind === 2) b.gate('ms', [q, r], [ang(), ang(), (rng.next() - 0.5) * Math.PI]); // |θ| ≤ π/2 = 0.25 turns
      else b.gate('zz', [q, r], [ang()]);
    }
    const c = b.build();
    const json = toIonqCircuit(c, 'simulator');
    expect(json.gateset).toBe('native');
    for (const g of json.circuit) {
      if (g.phase !== undefined) expect(g.phase >= 0 && g.phase < 1).toBe(true);
      if (g.gate === 'ms') expect(g.angle! >= 0 && g.angle! <= 0.25).toBe(true);
    }
    expectSameUnitary(unitaryOf(3, json.circuit, true), c);
  });

  it('QIS gates keep radians and controls and reproduce the IR unitary', () => {
    const b = new CircuitBuilder(4);
    b.h(0).cx(0, 1).ccx(0, 1, 2).mcx([0, 1, 2], 3).rz(0.3, 2).sdg(1).sx(3).gate('sxdg', [0]).tdg(2).gate('crz', [3, 0], [0.7])
      .gate('rzz', [1, 3], [0.4]).gate('rxx', [0, 2], [1.1]).swap(0, 3).p(0.9, 1).gate('cz', [2, 3]).gate('ccz', [0, 1, 3]).gate('cy', [1, 0]);
    const c = b.build();
    const json = toIonqCircuit(c, 'qpu.forte-1');
    expect(json.gateset).toBe('qis');
    expect(json.circuit[1]).toEqual({ gate: 'cnot', control: 0, target: 1 });
    expect(json.circuit[2]).toEqual({ gate: 'x', controls: [0, 1], target: 2 });
    expectSameUnitary(unitaryOf(4, json.circuit, false), c);
  });

  it('refuses MS on Forte, ZZ on Aria and non-QIS gates, listing every problem', () => {
    const nat = new CircuitBuilder(2).gate('ms', [0, 1], [0, 0, 0.5]).gate('zz', [0, 1], [0.2]).build();
    expect(() => toIonqCircuit(nat, 'qpu.forte-1')).toThrow(/\(1 problem\): 'ms' is not native on qpu.forte-1 \(it uses ZZ\)$/);
    expect(() => toIonqCircuit(nat, 'qpu.aria-1')).toThrow(/'zz' is not native on qpu.aria-1 \(it uses MS\)$/);
    const qis = new CircuitBuilder(2, 1).u(1, 2, 3, 0).gate('cp', [0, 1], [0.2]).u(1, 2, 3, 1).measure(0, 0).x(0).build();
    expect(() => toIonqCircuit(qis, 'simulator')).toThrow(
      "circuit cannot be sent to IonQ simulator as qis gates (3 problems): gate 'U' is not an IonQ QIS gate; lower the circuit first (drop --no-transpile) (×2); gate 'cp' is not an IonQ QIS gate; lower the circuit first (drop --no-transpile); 'x' after a measurement (IonQ measures only at the end)");
  });
});
