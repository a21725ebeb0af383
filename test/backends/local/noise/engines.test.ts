import { describe, expect, it } from 'vitest';
import { CircuitBuilder } from '../../../../compiler/circuit/index.js';
import { deviceNoiseModel, noiseModel, simulateNoisy } from '../../../../backends/local/noise/index.js';
import { predictSuccess } from '../../../../passes/predict-success.js';
import { getTarget } from '../../../../passes/targets/builtins.js';
import { calibrationFor } from '../../../../passes/targets/calibration.js';
import { transpile } from '../../../../passes/transpile.js';
import { toyCalibration } from '../../../helpers/calibration.js';
import { randomCircuit } from '../../../passes/random-circuits.js';

describe('density matrix and trajectories', () => {
  it.each([1, 2, 3])('agree within statistical error on a random circuit lowered for ibm_fez (seed %d)', (seed) => {
    const logical = randomCircuit(3, 18, seed, 'rotations');
    const b = CircuitBuilder.from(logical);
    const bits = b.addCreg('c', 3);
    [0, 1, 2].forEach((q) => b.measure(q, bits[q]!));
    const c = transpile(b.build(), getTarget('ibm_fez'), { seed }).circuit;
    const m = deviceNoiseModel('ibm_fez');
    const exact = simulateNoisy(c, m, { method: 'density-matrix' }).probabilities!;
    const T = 3000;
    const mean = simulateNoisy(c, m, { method: 'trajectories', shots: T, trajectories: T, seed }).meanProbabilities!;
    exact.forEach((p, k) => {
      // Each trajectory's probability of k lies in [0, 1] with mean p: its variance is at most p(1 − p).
      const sigma = Math.sqrt(Math.max(p * (1 - p), 1e-6) / T);
      expect(Math.abs(mean[k]! - p), `seed ${seed}, outcome ${k}: ${mean[k]} vs ${p}`).toBeLessThanOrEqual(5 * sigma);
    });
    expect(exact.reduce((a, v) => a + v, 0)).toBeCloseTo(1, 12);
  });

  it('trajectories handle mid-circuit measurement, reset and conditions: T1 decay read twice', () => {
    // x; idle 30 µs; measure → c0; reset; x; measure → c1 (conditioned x flips q1 when c0 = 1).
    const t = 30_000, T1 = 60_000;
    const b = new CircuitBuilder(2, 3).x(0).add({ gate: 'delay', qubits: [0], params: [t] }).measure(0, 0);
    b.add({ gate: 'x', qubits: [1], params: [], condition: { clbits: [0], value: 1 } });
    const c = b.add({ gate: 'reset', qubits: [0], params: [] }).x(0).measure(0, 1).measure(1, 2).build();
    const m = noiseModel(toyCalibration({ t1Ns: T1, t2Ns: T1 }), { gateErrors: false, readout: false });
    const shots = 20_000;
    const r = simulateNoisy(c, m, { shots, seed: 8 });
    expect(r.method).toBe('trajectories');
    const p1 = Math.exp(-t / T1);
    // Outcomes: c0 = 1 with probability p1 (then c2 = 1 too); c1 = 1 always (no idle after reset).
    const k101 = r.outcomeCounts!.get(0b111) ?? 0, k010 = r.outcomeCounts!.get(0b010) ?? 0;
    expect(k101 + k010).toBe(shots);
    expect(Math.abs(k101 - shots * p1)).toBeLessThan(5 * Math.sqrt(shots * p1 * (1 - p1)));
  });

  it('a Bell pair on ibm_fez: the odd-parity rate is within a factor 2 of what the calibration implies', () => {
    const bell = new CircuitBuilder(2, 2).h(0).cx(0, 1).measure(0, 0).measure(1, 1).build();
    const target = getTarget('ibm_fez');
    const c = transpile(bell, target).circuit;
    const r = simulateNoisy(c, deviceNoiseModel('ibm_fez'));
    const odd = r.probabilities![1]! + r.probabilities![2]!;
    // First order: each readout error flips the parity, and 2/3 of a two-qubit depolarizing error does.
    const cal = calibrationFor(target);
    const [qa, qb] = r.physicalQubits;
    const ro = (q: number): number => (cal.qubit(q).readout01 + cal.qubit(q).readout10) / 2;
    const cz = c.instructions.find((i) => i.qubits.length === 2)!;
    const implied = ro(qa!) + ro(qb!) + (2 / 3) * cal.operation(cz).error;
    expect(odd / implied).toBeGreaterThan(0.5);
    expect(odd / implied).toBeLessThan(2);
    // And the Bell pair's ESP is the product the predictor computes, below 1 by about the same amount.
    expect(1 - predictSuccess(c, target).esp).toBeGreaterThan(implied * 0.5);
  });
});
