/**
 * A mitigated job of the local simulator: the submitted circuit run with the device noise model
 * and every mitigation done inside the simulation (runNoisy), stored like a cloud job's result —
 * the raw counts, and beside them the readout-mitigated quasi-probabilities and the expectation
 * values (ideal where the program is small enough to simulate without noise).
 */
import type { Circuit } from '../../compiler/circuit/index.js';
import { bitstring, distributionRecord } from './results.js';
import type { JobResult, SubmitMitigation } from '../backend.js';
import { runNoisy } from './noisy-run.js';

export function runMitigatedSimulation(circuit: Circuit, m: SubmitMitigation, o: { readonly device: string; readonly shots: number; readonly seed: number }): JobResult {
  const rec = m.record;
  const sim = m.simulation ?? { scales: [1, 3, 5], randomizations: 16 };
  const r = runNoisy(circuit, {
    device: o.device, shots: o.shots, seed: o.seed, mitigate: rec.applied, observables: rec.observables,
    zne: { scales: sim.scales, ...(rec.extrapolation !== undefined ? { extrapolation: rec.extrapolation } : {}) },
    twirl: { randomizations: sim.randomizations },
  });
  const quasi = r.mitigation?.quasiProbabilities;
  return {
    counts: distributionRecord(r.raw), shots: o.shots,
    mitigated: {
      applied: rec.applied,
      ...(quasi !== undefined ? { quasiProbabilities: Object.fromEntries([...quasi].sort((a, b) => a[0] - b[0]).map(([k, v]) => [bitstring(k, r.raw.width), v])) } : {}),
      expectations: r.expectations.map((e) => ({
        bits: e.bits, ...(e.ideal !== undefined ? { ideal: e.ideal } : {}), raw: e.raw, mitigated: e.mitigated!, ...(e.zne !== undefined ? { zne: e.zne } : {}),
      })),
    },
  };
}
