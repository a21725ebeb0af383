import { describe, expect, it } from 'vitest';
import { CircuitBuilder } from '../../compiler/circuit/index.js';
import { noiseModel, simulateNoisy } from '../../backends/local/noise/index.js';
import { calibrationFromRuns, expectationZ, mitigateReadout, type ReadoutCalibration } from '../../mitigation/index.js';
import { toyCalibration } from '../helpers/calibration.js';

/** A 3-qubit circuit with a nontrivial distribution (no other noise than readout). */
function circuit() {
  return new CircuitBuilder(3, 3).ry(0.7, 0).cx(0, 1).ry(1.9, 2).cx(2, 1).measure(0, 0).measure(1, 1).measure(2, 2).build();
}

const asMap = (p: Float64Array): Map<number, number> => new Map([...p].map((v, k) => [k, v] as [number, number]).filter(([, v]) => v > 0));

describe('readout-error mitigation', () => {
  const m = noiseModel(toyCalibration({ readout01: 0.04, readout10: 0.09 }), { relaxation: false, gateErrors: false });
  const ideal = simulateNoisy(circuit(), noiseModel(toyCalibration(), { relaxation: false, gateErrors: false, readout: false })).probabilities!;
  const noisy = simulateNoisy(circuit(), m).probabilities!;
  const cal: ReadoutCalibration = { p01: Float64Array.of(0.04, 0.04, 0.04), p10: Float64Array.of(0.09, 0.09, 0.09) };

  it.each(['tensored', 'm3'] as const)('%s recovers the ideal distribution exactly from the exact noisy one', (method) => {
    const q = mitigateReadout(asMap(noisy), 3, cal, { method, distance: 3 });
    for (let k = 0; k < 8; k++) expect(q.get(k) ?? 0, `outcome ${k}`).toBeCloseTo(ideal[k]!, 10);
    expect([...q.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(expectationZ(q, [0, 2])).toBeCloseTo(expectationZ(asMap(ideal), [0, 2]), 10);
  });

  it('calibration circuits measure the same assignment errors as the snapshot', () => {
    const zero = new CircuitBuilder(3, 3).measure(0, 0).measure(1, 1).measure(2, 2).build();
    const one = new CircuitBuilder(3, 3).x(0).x(1).x(2).measure(0, 0).measure(1, 1).measure(2, 2).build();
    const c = calibrationFromRuns(3, asMap(simulateNoisy(zero, m).probabilities!), asMap(simulateNoisy(one, m).probabilities!), [0, 1, 2]);
    for (let b = 0; b < 3; b++) {
      expect(c.p01[b]).toBeCloseTo(0.04, 12);
      expect(c.p10[b]).toBeCloseTo(0.09, 12);
    }
  });

  it('m3 on sampled counts agrees with the tensored inverse within shot noise, and M3 keeps only observed outcomes', () => {
    const s = simulateNoisy(circuit(), m, { shots: 50_000, seed: 4 });
    const t = mitigateReadout(s.outcomeCounts!, 3, cal, { method: 'tensored' });
    const q = mitigateReadout(s.outcomeCounts!, 3, cal, { method: 'm3' });
    for (const k of s.outcomeCounts!.keys()) expect(Math.abs((q.get(k) ?? 0) - (t.get(k) ?? 0))).toBeLessThan(5e-3);
    expect([...q.keys()].every((k) => s.outcomeCounts!.has(k))).toBe(true);
    expect(Math.abs(expectationZ(q, [1]) - expectationZ(asMap(ideal), [1]))).toBeLessThan(0.02);
  });

  it('refuses a bit whose readout carries no information', () => {
    expect(() => mitigateReadout(new Map([[0, 1]]), 1, { p01: Float64Array.of(0.5), p10: Float64Array.of(0.5) })).toThrow(/carries no information/);
  });
});
