import { describe, expect, it } from 'vitest';
import { CircuitBuilder } from '../../compiler/circuit/index.js';
import { noiseModel, simulateNoisy } from '../../backends/local/noise/index.js';
import { insertDynamicalDecoupling } from '../../passes/dynamical-decoupling.js';
import { idleWindows, scheduleCircuit } from '../../passes/schedule.js';
import { getTarget } from '../../passes/targets/builtins.js';
import { calibrationFor } from '../../passes/targets/calibration.js';
import { verify } from '../../passes/targets/target.js';
import { expectSameUnitary } from '../helpers/quantum.js';
import { toyCalibration } from '../helpers/calibration.js';
import { loweredRandom, unitaryPart, usedQubits } from './noise-helpers.js';

describe('dynamical decoupling', () => {
  it.each([
    ['ibm_fez', 'xx'], ['ibm_fez', 'xy4'], ['ibm_brisbane', 'xy4'], ['ionq_aria', 'xx'], ['ionq_forte', 'xy4'],
  ] as const)('on %s with %s: same unitary, and every window long enough is filled', (name, sequence) => {
    const target = getTarget(name);
    const cal = calibrationFor(target);
    for (const seed of [1, 2, 3]) {
      const c = loweredRandom(name, seed);
      const dd = insertDynamicalDecoupling(c, target, { sequence });
      const q = usedQubits(c);
      expectSameUnitary(unitaryPart(dd, q), unitaryPart(c, q), 1e-8);
      const durationOf = (i: Parameters<typeof cal.operation>[0]): number => cal.operation(i).durationNs;
      const before = idleWindows(c, scheduleCircuit(c, durationOf));
      const after = idleWindows(dd, scheduleCircuit(dd, durationOf));
      // One X (or Y) pulse on the window's qubit, in this device's gates.
      const pulseNs = (q: number): number => durationOf({ gate: name.startsWith('ionq') ? 'gpi' : 'x', qubits: [q], params: [0] });
      const trainNs = (q: number): number => (sequence === 'xx' ? 2 : 4) * pulseNs(q);
      // Every window that could hold the train got one; the windows left are the short ones, unchanged.
      const expected = before.filter((w) => w.durationNs < trainNs(w.qubit)).map((w) => [w.qubit, w.durationNs]);
      expect(after.map((w) => [w.qubit, w.durationNs]), `seed ${seed}`).toEqual(expected);
      expect(dd.instructions.length > c.instructions.length, `seed ${seed}: no window was filled`).toBe(before.length > expected.length);
      if (!name.startsWith('ionq')) expect(verify(dd, target)).toEqual([]);
    }
  });

  it('undoes a static idle detuning exactly, which plain idling turns into cos(2πδt)', () => {
    // q0 holds |+⟩ while q1 (in |0⟩, so the cz act trivially) runs 20 x gates (400 ns) between two cz;
    // then q0 is rotated back and read: ⟨Z⟩ = cos φ with φ = 2πδ·400 ns.
    const b = new CircuitBuilder(2, 1).h(0).cz(0, 1);
    for (let k = 0; k < 20; k++) b.x(1);
    const c = b.cz(0, 1).h(0).measure(0, 0).build();
    const cal = toyCalibration({ gates: { x: { error: 0, durationNs: 20 }, h: { error: 0, durationNs: 20 }, cz: { error: 0, durationNs: 50 } } });
    const delta = 1.1e6; // Hz
    const m = noiseModel(cal, { relaxation: false, gateErrors: false, readout: false, idleDetuningHz: delta });
    const z = (r: ReturnType<typeof simulateNoisy>): number => r.probabilities![0]! - r.probabilities![1]!;
    expect(z(simulateNoisy(c, m))).toBeCloseTo(Math.cos(2 * Math.PI * delta * 400e-9), 12);
    for (const sequence of ['xx', 'xy4'] as const) {
      const dd = insertDynamicalDecoupling(c, getTarget('generic'), { sequence, calibration: cal });
      expect(z(simulateNoisy(dd, m)), sequence).toBeCloseTo(1, 12);
    }
  });
});
