import { describe, it, expect } from 'vitest';
import { CMatrix, globalPhaseDistance } from '../../../compiler/linalg/complex.js';
import { gateNames, gateSpec, gateMatrix, gateInverse, uMatrix, CircuitBuilder, circuitUnitary, equivalent, inverseCircuit } from '../../../compiler/circuit/index.js';
import { rng } from '../../helpers/quantum.js';

const rand = rng(7);
const paramsFor = (n: number): number[] => Array.from({ length: n }, () => (rand() - 0.5) * 7);

describe('gate library', () => {
  it.each(gateNames())('%s is unitary and its inverse undoes it', (name) => {
    const spec = gateSpec(name)!;
    const nq = spec.variadic ? spec.qubits + 2 : spec.qubits;
    const params = paramsFor(spec.params);
    const m = gateMatrix(name, params, nq);
    expect(m.rows).toBe(1 << nq);
    expect(m.mul(m.adjoint()).maxAbsDiff(CMatrix.identity(m.rows))).toBeLessThan(1e-12);
    const inv = gateInverse(name, params);
    const mi = gateMatrix(inv.gate, inv.params, nq);
    expect(mi.mul(m).maxAbsDiff(CMatrix.identity(m.rows))).toBeLessThan(1e-12);
  });

  it('cx flips the target (qubits[1]) when the control (qubits[0], low bit) is 1', () => {
    const c = new CircuitBuilder(2).x(0).cx(0, 1).build();
    const u = circuitUnitary(c);
    // |00> -> X on q0 -> |01> (index 1) -> CX -> |11> (index 3)
    expect(u.get(3, 0).re).toBeCloseTo(1, 12);
  });

  it('known identities hold up to global phase', () => {
    const hzh = new CircuitBuilder(1).h(0).z(0).h(0).build();
    const x = new CircuitBuilder(1).x(0).build();
    expect(equivalent(hzh, x)).toBe(true);
    const sx2 = new CircuitBuilder(1).sx(0).sx(0).build();
    expect(equivalent(sx2, x)).toBe(true);
    // swap = 3 CNOTs
    const swap = new CircuitBuilder(2).swap(0, 1).build();
    const cnots = new CircuitBuilder(2).cx(0, 1).cx(1, 0).cx(0, 1).build();
    expect(equivalent(swap, cnots)).toBe(true);
    // ccz from h·ccx·h on its target
    const ccz = new CircuitBuilder(3).gate('ccz', [0, 1, 2]).build();
    const hccxh = new CircuitBuilder(3).h(2).ccx(0, 1, 2).h(2).build();
    expect(equivalent(ccz, hccxh)).toBe(true);
    // ecr = (I⊗... ) Qiskit: ECR = (IX − XY)/√2 with X on qubit 0 and Y on qubit 1? check with rzx form: ECR ~ RZX(π/4) X RZX(−π/4)
    expect(equivalent(new CircuitBuilder(2).gate('ecr', [0, 1]).gate('ecr', [0, 1]).build(), new CircuitBuilder(2).build())).toBe(true);
    // MS(0,0,θ) = RXX(θ); zz = rzz
    const th = 0.731;
    expect(equivalent(new CircuitBuilder(2).gate('ms', [0, 1], [0, 0, th]).build(), new CircuitBuilder(2).gate('rxx', [0, 1], [th]).build())).toBe(true);
    expect(equivalent(new CircuitBuilder(2).gate('zz', [0, 1], [th]).build(), new CircuitBuilder(2).gate('rzz', [0, 1], [th]).build())).toBe(true);
    // gpi(0) = X, gpi2(0) = RX(π/2), gpi2(π/2) = RY(π/2)
    expect(equivalent(new CircuitBuilder(1).gate('gpi', [0], [0]).build(), x)).toBe(true);
    expect(equivalent(new CircuitBuilder(1).gate('gpi2', [0], [0]).build(), new CircuitBuilder(1).rx(Math.PI / 2, 0).build())).toBe(true);
    expect(equivalent(new CircuitBuilder(1).gate('gpi2', [0], [Math.PI / 2]).build(), new CircuitBuilder(1).ry(Math.PI / 2, 0).build())).toBe(true);
    // u3 = rz(φ) ry(θ) rz(λ) up to phase
    const [t, p, l] = [0.3, 1.1, -0.7];
    expect(globalPhaseDistance(uMatrix(t, p, l), circuitUnitary(new CircuitBuilder(1).rz(l, 0).ry(t, 0).rz(p, 0).build()))).toBeLessThan(1e-12);
  });

  it('MS with phases matches the σ(φ0)⊗σ(φ1) form on qubits [0, 1]', () => {
    const [f0, f1, th] = [0.4, -1.3, 0.9];
    const ms = circuitUnitary(new CircuitBuilder(2).gate('ms', [0, 1], [f0, f1, th]).build());
    // σ(φ) = Rz(φ) X Rz(−φ) up to phase, so MS = (Rz(φ0)⊗Rz(φ1)) RXX(θ) (Rz(−φ0)⊗Rz(−φ1))
    const ref = new CircuitBuilder(2).rz(-f0, 0).rz(-f1, 1).gate('rxx', [0, 1], [th]).rz(f0, 0).rz(f1, 1).build();
    expect(globalPhaseDistance(ms, circuitUnitary(ref))).toBeLessThan(1e-12);
  });

  it('inverseCircuit composes to the identity', () => {
    const c = new CircuitBuilder(3).h(0).t(1).cx(0, 2).rz(0.4, 2).gate('cu', [2, 1], [0.1, 0.2, 0.3, 0.4]).gate('mcx', [0, 1, 2]).build();
    const both = CircuitBuilder.from(c).compose(inverseCircuit(c)).build();
    expect(equivalent(both, new CircuitBuilder(3).build())).toBe(true);
  });
});
