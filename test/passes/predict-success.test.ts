import { describe, expect, it } from 'vitest';
import { CircuitBuilder } from '../../compiler/circuit/index.js';
import { predictSuccess } from '../../passes/predict-success.js';
import { getTarget } from '../../passes/targets/builtins.js';
import { IBM_FEZ } from '../../passes/targets/data/ibm-fez.js';
import { IONQ_ARIA } from '../../passes/targets/data/ionq-published.js';

/** The snapshot entry [error, length] of a gate, read straight from the device data. */
function entry(name: string, qubits: number[]): [number, number] {
  const g = IBM_FEZ.gates.find((x) => x[0] === name && x[1].join() === qubits.join())!;
  return [g[2], g[3]!];
}

/** Average fidelity of thermal relaxation over t ns: (4 − γ + 2c)/6, T2 clamped to 2·T1. */
function idleF(t: number, t1us: number, t2us: number): number {
  const g = 1 - Math.exp(-t / (1000 * t1us)), c = Math.exp(-t / (1000 * Math.min(t2us, 2 * t1us)));
  return (4 - g + 2 * c) / 6;
}

describe('predicted success (ESP)', () => {
  it('equals the hand-computed product for a small ibm_fez circuit', () => {
    // sx q2; cz q2 q3; sx q3; measure both. ALAP: q2 idles while q3 runs its sx (24 ns).
    const c = new CircuitBuilder(156, 2).sx(2).cz(2, 3).sx(3).measure(2, 0).measure(3, 1).build();
    const [eSx2, tSx2] = entry('sx', [2]);
    const [eCz, tCz] = entry('cz', [2, 3]);
    const [eSx3, tSx3] = entry('sx', [3]);
    const [t1q2, t2q2, ro2] = IBM_FEZ.qubits[2]!;
    const ro3 = IBM_FEZ.qubits[3]![2];
    const hand = (1 - eSx2) * (1 - eCz) * (1 - eSx3) * (1 - ro2) * (1 - ro3) * idleF(tSx3, t1q2, t2q2);
    const p = predictSuccess(c, getTarget('ibm_fez'));
    expect(p.esp).toBeCloseTo(hand, 14);
    // ibm_fez reports no measure length; the props' readout_length (1560 ns) is used.
    expect(p.durationNs).toBe(tSx2 + tCz + tSx3 + 1560);
    expect([p.gateCount, p.measuredQubits, p.idleWindows]).toEqual([3, 2, 1]);
  });

  it('equals the hand-computed product on IonQ Aria (published figures)', () => {
    const c = new CircuitBuilder(2, 2).add({ gate: 'gpi2', qubits: [0], params: [0] }).add({ gate: 'ms', qubits: [0, 1], params: [0, 0, Math.PI / 2] })
      .measure(0, 0).measure(1, 1).build();
    const a = IONQ_ARIA;
    const idle = ((4 - (1 - Math.exp(-a.oneQubitNs / a.t1Ns)) + 2 * Math.exp(-a.oneQubitNs / a.t2Ns)) / 6);
    // ALAP: gpi2 on q0 then ms; q1 waits in |0⟩ before its first gate (no idle window), so no idle factor…
    const hand = (1 - a.oneQubitError) * (1 - a.twoQubitError) * (1 - a.spamError) ** 2;
    const p = predictSuccess(c, getTarget('ionq_aria'));
    expect(p.esp).toBeCloseTo(hand, 14);
    expect(p.durationNs).toBe(a.oneQubitNs + a.twoQubitNs + a.readoutNs);
    // …while a qubit that waits between gates does idle.
    const d = new CircuitBuilder(2, 2).add({ gate: 'ms', qubits: [0, 1], params: [0, 0, Math.PI / 2] }).add({ gate: 'gpi2', qubits: [0], params: [0] })
      .add({ gate: 'ms', qubits: [0, 1], params: [0, 0, Math.PI / 2] }).measure(0, 0).measure(1, 1).build();
    const q = predictSuccess(d, getTarget('ionq_aria'));
    expect(q.esp).toBeCloseTo((1 - a.oneQubitError) * (1 - a.twoQubitError) ** 2 * (1 - a.spamError) ** 2 * idle, 14);
  });

  it('refuses a target without calibration', () => {
    expect(() => predictSuccess(new CircuitBuilder(1).x(0).build(), getTarget('generic'))).toThrow(/no calibration data/);
  });
});
