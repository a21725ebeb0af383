/**
 * Mitigation of submitted jobs (backends/plan-mitigation.ts plans, mitigation/job.ts mitigates): a plan's
 * circuits run exactly under the device noise model give the same mitigated values as runNoisy,
 * much closer to the ideal than raw; readout alone is exact when readout is the only noise; the
 * extrapolation is exact on linear data; malformed results are refused.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SubmitOptions } from '../../backends/backend.js';
import { IbmBackend } from '../../backends/ibm/backend.js';
import { ibmConfigFromEnv } from '../../backends/ibm/client.js';
import { JobStore } from '../../backends/job-store.js';
import { deviceNoiseModel, simulateNoisy, type NoiseOptions } from '../../backends/local/noise/index.js';
import { prepareSubmission } from '../../backends/prepare.js';
import { CircuitBuilder, type Circuit } from '../../compiler/circuit/index.js';
import { ValidationError } from '../../compiler/errors.js';
import { mitigateJob, type JobMitigation } from '../../mitigation/job.js';
import { runNoisy } from '../../backends/local/noisy-run.js';
import { planMitigation } from '../../backends/plan-mitigation.js';
import type { Mitigation } from '../../mitigation/methods.js';

function program(): Circuit {
  return new CircuitBuilder(3, 3).ry(0.9, 0).ry(0.5, 2).cx(0, 1).cx(1, 2).cx(0, 1).measure(0, 0).measure(1, 1).measure(2, 2).build();
}

const store = JobStore.fromEnv({ QNTK_HOME: mkdtempSync(join(tmpdir(), 'qntk-mitjob-')) });
const brisbane = new IbmBackend({ name: 'ibm_brisbane', config: ibmConfigFromEnv({}, false), store });

/** Plan a mitigated ibm_brisbane job offline and run each of its circuits exactly under the noise model. */
async function planAndRun(methods: Mitigation[], noise: NoiseOptions = {}): Promise<{ options: SubmitOptions; dists: Map<number, number>[] }> {
  const prepared = await prepareSubmission(brisbane, program(), {}, { transpile: true, live: false });
  const options = await planMitigation(brisbane, prepared, {}, { methods, observables: [[0], [2], [0, 2]], seed: 5 });
  const model = deviceNoiseModel('ibm_brisbane', noise);
  const dists = options.mitigation!.circuits.map((c) => {
    const p = simulateNoisy(c, model).probabilities!;
    return new Map([...p].map((v, k) => [k, v] as [number, number]).filter(([, v]) => v > 0));
  });
  return { options, dists };
}

describe('mitigated jobs', () => {
  it('readout + zne from the planned circuits equals runNoisy and ends far closer to the ideal than raw', async () => {
    const { options, dists } = await planAndRun(['readout', 'zne']);
    const m = options.mitigation!.record;
    expect(m.circuits.map((c) => c.scale)).toEqual([1, 3, 5]);
    const got = mitigateJob(m, dists);
    const ref = runNoisy(program(), { device: 'ibm_brisbane', mitigate: ['readout', 'zne'], readout: { calibration: 'snapshot' }, observables: [[0], [2], [0, 2]], seed: 5 });
    got.expectations.forEach((e, i) => {
      const r = ref.expectations[i]!;
      expect(e.raw).toBeCloseTo(r.raw, 12);
      expect(e.mitigated).toBeCloseTo(r.mitigated!, 10);
      expect(Math.abs(e.mitigated - r.ideal!)).toBeLessThan(Math.abs(e.raw - r.ideal!) / 4);
    });
  });

  it('readout alone recovers the ideal exactly when readout is the only noise', async () => {
    const { options, dists } = await planAndRun(['readout'], { gateErrors: false, relaxation: false });
    const got = mitigateJob(options.mitigation!.record, dists);
    const ideal = runNoisy(program(), { device: 'ibm_brisbane', observables: [[0], [2], [0, 2]] });
    got.expectations.forEach((e, i) => expect(e.mitigated).toBeCloseTo(ideal.expectations[i]!.ideal!, 10));
    expect(Object.values(got.quasiProbabilities!).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('extrapolates linear decay exactly and pools the copies of a scale with equal weight', () => {
    // ⟨Z0⟩ = 0.9 − 0.1·λ: p(0) = (1 + E)/2 at λ = 1, 3 (two copies: 0.6 and 0.6), 5.
    const at = (e: number, total: number): Map<number, number> => new Map([[0, total * (1 + e) / 2], [1, total * (1 - e) / 2]]);
    const m: JobMitigation = { applied: ['zne'], observables: [[0]], width: 1, circuits: [{ scale: 1 }, { scale: 3 }, { scale: 3 }, { scale: 5 }], extrapolation: 'linear' };
    const r = mitigateJob(m, [at(0.8, 1000), at(0.65, 10), at(0.55, 7), at(0.4, 1)]);
    expect(r.expectations[0]!.raw).toBeCloseTo(0.8, 12);
    expect(r.expectations[0]!.zne!.values).toEqual([expect.closeTo(0.8, 12), expect.closeTo(0.6, 12), expect.closeTo(0.4, 12)]);
    expect(r.expectations[0]!.mitigated).toBeCloseTo(0.9, 12);
  });

  it('refuses results that do not match the record', () => {
    const m: JobMitigation = { applied: ['zne'], observables: [[0]], width: 1, circuits: [{ scale: 1 }, { scale: 3 }] };
    expect(() => mitigateJob(m, [new Map([[0, 1]])])).toThrow(ValidationError);
    expect(() => mitigateJob({ ...m, observables: [[1]] }, [new Map([[0, 1]]), new Map([[0, 1]])])).toThrow(/observable bit 1/);
    expect(() => mitigateJob({ ...m, circuits: [{ scale: 3 }, { scale: 5 }] }, [new Map([[0, 1]]), new Map([[0, 1]])])).toThrow(/no unfolded/);
    expect(() => mitigateJob(m, [new Map([[0, 1]]), new Map()])).toThrow(/no outcomes/);
  });
});
