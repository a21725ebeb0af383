import { describe, expect, it } from 'vitest';
import { noiseFromDevice, simulateNoisy } from '../../../backends/local/noise.js';
import { CircuitBuilder } from '../../../compiler/circuit/index.js';
import type { DeviceData } from '../../../passes/targets/device-data.js';

/** A made-up device with large errors so the statistics are sharp. */
const DEV: DeviceData = {
  name: 'toy', family: 'Heron', numQubits: 3, basisGates: ['cz', 'rz', 'sx', 'x'], supportedInstructions: ['measure'], calibrationDate: null,
  coupling: [[0, 1], [1, 0]],
  qubits: [[100, 100, 0], [100, 100, 0.1], [100, 100, 0]],
  gates: [['x', [0], 0.2, 32], ['x', [1], 0.2, 32], ['cz', [0, 1], 0.3, 68], ['rz', [0], 0, 0], ['measure', [1], 0.1, 1000]],
};
const within = (k: number, n: number, p: number): void => {
  expect(Math.abs(k - n * p), `${k} of ${n}, expected p = ${p}`).toBeLessThan(4.5 * Math.sqrt(n * p * (1 - p)));
};

describe('local device noise', () => {
  it('flips a basis state with the gate infidelity (1 qubit) and then with the readout error', () => {
    const c = new CircuitBuilder(2, 1).x(1).measure(1, 0).build();
    const counts = simulateNoisy(c, noiseFromDevice(DEV), { shots: 20000, seed: 5 });
    // Depolarizing of infidelity e moves a basis state to the other one with probability e.
    within(counts['0'] ?? 0, 20000, 0.2 * 0.9 + 0.8 * 0.1);
  });

  it('flips a qubit after a noisy cz with probability λ/2, λ = e·4/3 (2-qubit depolarizing); rz is noiseless', () => {
    const c = new CircuitBuilder(2, 2).rz(0.3, 0).cz(0, 1).measure(0, 0).build();
    const counts = simulateNoisy(c, noiseFromDevice(DEV), { shots: 20000, seed: 9 });
    // E(ρ) = (1−λ)ρ + λI/4 with infidelity e = λ·3/4; its marginal on qubit 0 is (1−λ)ρ0 + λI/2.
    const lambda = (0.3 * 4) / 3;
    within(counts['01'] ?? 0, 20000, lambda / 2);
    expect(Object.keys(counts).sort()).toEqual(['00', '01']);
  });

  it('is reproducible for a seed and uses device medians for uncalibrated gates', () => {
    const c = new CircuitBuilder(3, 3).h(2).cx(2, 0).measure(0, 0).measure(2, 2).build();
    const m = noiseFromDevice(DEV);
    expect(simulateNoisy(c, m, { shots: 500, seed: 1 })).toEqual(simulateNoisy(c, m, { shots: 500, seed: 1 }));
    expect(m.pauliProbability({ gate: 'cx', qubits: [2, 0], params: [] })).toBeCloseTo(0.3 * 5 / 4, 12);
    expect(m.pauliProbability({ gate: 'h', qubits: [2], params: [] })).toBeCloseTo(0.2 * 3 / 2, 12);
    expect(m.readoutError(7)).toBe(0);
  });
});
