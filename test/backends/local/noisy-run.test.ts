import { describe, expect, it } from 'vitest';
import { CircuitBuilder } from '../../../compiler/circuit/index.js';
import { runNoisy } from '../../../backends/local/noisy-run.js';

/** ⟨Z0⟩ = cos 0.9 and ⟨Z0 Z2⟩ = cos 0.9·cos 0.5 … a small circuit with entanglers that do not cancel. */
function program() {
  return new CircuitBuilder(3, 3).ry(0.9, 0).ry(0.5, 2).cx(0, 1).cx(1, 2).cx(0, 1)
    .measure(0, 0).measure(1, 1).measure(2, 2).build();
}

describe('runNoisy', () => {
  it.each(['ibm_fez', 'ibm_brisbane', 'ionq_aria', 'ionq_forte'])('on %s: readout + twirl + zne + dd bring every expectation much closer to the ideal', (device) => {
    const r = runNoisy(program(), { device, mitigate: ['readout', 'twirl', 'zne', 'dd'], twirl: { randomizations: 16 }, observables: [[0], [2], [0, 2]], seed: 5 });
    expect(r.lowered).toBe(true);
    for (const e of r.expectations) {
      const rawErr = Math.abs(e.raw - e.ideal!), mitErr = Math.abs(e.mitigated! - e.ideal!);
      expect(rawErr, `${device} ${e.bits}`).toBeGreaterThan(0.005);
      expect(mitErr, `${device} ${e.bits}: raw ${e.raw}, mitigated ${e.mitigated}, ideal ${e.ideal}`).toBeLessThan(rawErr / 4);
    }
    expect(r.predicted.esp).toBeGreaterThan(0.5);
  });

  it('readout mitigation alone removes readout error exactly when readout is the only noise (snapshot calibration)', () => {
    const r = runNoisy(program(), { device: 'ibm_fez', mitigate: ['readout'], readout: { calibration: 'snapshot' }, noise: { gateErrors: false, relaxation: false } });
    for (const e of r.expectations) expect(e.mitigated).toBeCloseTo(e.ideal!, 10);
  });

  it('is reproducible for a seed with shots, and runs trajectories when asked', () => {
    const o = { device: 'ibm_torino', shots: 600, seed: 11, method: 'trajectories' as const, mitigate: ['readout' as const] };
    const a = runNoisy(program(), o), b = runNoisy(program(), o);
    expect(a.raw.method).toBe('trajectories');
    expect([...a.raw.outcomeCounts!]).toEqual([...b.raw.outcomeCounts!]);
    expect(a.expectations).toEqual(b.expectations);
  });
});
