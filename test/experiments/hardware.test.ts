import { describe, it, expect } from 'vitest';
import { prepareNtkProblem } from '../../compiler/ntk/index.js';
import { claimedOverlap, compactReadout } from '../../compiler/readout/compact-readout.js';
import { deviceModel } from '../../experiments/device-model.js';
import { runHardwareExperiment, type HardwareReport } from '../../experiments/hardware.js';

const noiseless = (target: string) => deviceModel(target, { gateErrors: false, relaxation: false, readout: false });

/** Agreement fractions recomputed from the points. */
function recomputedAgreement(h: HardwareReport): { noisy: number; mitigated: number } {
  const frac = (key: 'noisy' | 'mitigated'): number => h.points.filter((p) => Math.sign(p[key]) === Math.sign(p.ideal)).length / h.points.length;
  return { noisy: frac('noisy'), mitigated: frac('mitigated') };
}

describe('hardware experiment', () => {
  it('without noise: ideal = the readout\'s claimed overlap, samples scatter around it, mitigation changes nothing', async () => {
    const shots = 4000;
    const r = await runHardwareExperiment({ target: 'ionq_forte', points: 8, shots, device: noiseless('ionq_forte') });
    const h = r.hardware;
    expect(Object.keys(h)).toEqual(['target', 'n', 'twoQubit', 'esp', 'points', 'agreement']);
    expect([h.target, h.n, h.points.length, h.esp]).toEqual(['ionq_forte', 8, 16, 1]);
    expect(h.twoQubit).toBe(Math.max(...r.circuits.map((c) => c.twoQubit)));
    const p = await prepareNtkProblem({ n: 8, test: 8, seed: 0 });
    for (const pt of h.points) {
      const ro = compactReadout(pt.readout, p.kstar[pt.index]!, p.y, p.ktilde);
      expect(pt.ideal).toBeCloseTo(claimedOverlap(ro), 10);
      expect(pt.label).toBe(p.testLabels[pt.index]);
      expect(Math.abs(pt.noisy - pt.ideal)).toBeLessThan(5 / Math.sqrt(shots));
      expect(pt.mitigated).toBeCloseTo(pt.noisy, 12);
    }
    expect(h.agreement).toEqual(recomputedAgreement(h));
  });

  it('on ibm_fez: ≤ 200 two-qubit gates, ESP in (0, 1), noise shrinks the overlaps, agreement as counted', async () => {
    const r = await runHardwareExperiment({ target: 'ibm_fez', points: 8, shots: 2000, seed: 0 });
    const h = r.hardware;
    expect(h.twoQubit).toBeLessThanOrEqual(200);
    expect(h.esp).toBeGreaterThan(0.5);
    expect(h.esp).toBeLessThan(1);
    expect(h.esp).toBe(Math.min(...r.circuits.map((c) => c.esp)));
    expect(r.circuits.map((c) => c.qubits)).toEqual(r.circuits.map((c) => (c.readout === 'diagonal' ? 4 : 6)));
    // Depolarizing noise pulls the estimate towards 0: the mean ratio over the clear points is below 1.
    const clear = h.points.filter((p) => Math.abs(p.ideal) > 0.1);
    const ratio = clear.reduce((s, p) => s + p.noisy / p.ideal, 0) / clear.length;
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(0.98);
    expect(h.agreement).toEqual(recomputedAgreement(h));
  });

  it('refuses bad settings by name', async () => {
    await expect(runHardwareExperiment({ points: 6 })).rejects.toThrow(/even integer ≥ 8/);
    await expect(runHardwareExperiment({ points: 9 })).rejects.toThrow(/even integer ≥ 8/);
    await expect(runHardwareExperiment({ shots: 0 })).rejects.toThrow(/shots/);
    await expect(runHardwareExperiment({ readouts: [] })).rejects.toThrow(/at least one readout/);
    await expect(runHardwareExperiment({ target: 'generic' })).rejects.toThrow(/no device model/);
  });

  // The default experiment end to end (30–70 s per target on two busy cores): QNTK_FULL_TESTS=1.
  it.runIf(process.env.QNTK_FULL_TESTS === '1').each(['ibm_fez', 'ionq_forte'])('the default experiment on %s meets the targets', async (target) => {
    const { hardware: h } = await runHardwareExperiment({ target });
    expect(h.points.length).toBe(32);
    expect(h.twoQubit).toBeLessThanOrEqual(200);
    expect(h.agreement.mitigated).toBeGreaterThanOrEqual(0.9);
  }, 300_000);
});
