import { describe, it, expect } from 'vitest';
import { CircuitBuilder } from '../../compiler/circuit/index.js';
import {
  DEVICE_MODEL_TARGETS, IONQ_FORTE_RATES, deviceModel, estimatedSuccess, invertReadout, measuredQubitOfClbit, modelFromRates, type ErrorRates,
} from '../../experiments/device-model.js';
import { simulate } from '../../backends/local/index.js';
import { rng } from '../helpers/quantum.js';

/** Bitstring keys (c[0] rightmost) → index-addressed probabilities. */
function toArray(counts: Readonly<Record<string, number>>, width: number): Float64Array {
  const p = new Float64Array(1 << width);
  let total = 0;
  for (const [k, c] of Object.entries(counts)) { p[parseInt(k, 2)]! += c; total += c; }
  return p.map((v) => v / total);
}

/** ⊗_b C_b applied to a distribution over `flips.length` bits: the exact effect of readout flips. */
function confuse(p: Float64Array, flips: readonly number[]): Float64Array {
  const out = Float64Array.from(p);
  flips.forEach((r, b) => {
    for (let k = 0; k < out.length; k++) {
      if ((k >> b) & 1) continue;
      const p0 = out[k]!, p1 = out[k | (1 << b)]!;
      out[k] = (1 - r) * p0 + r * p1;
      out[k | (1 << b)] = r * p0 + (1 - r) * p1;
    }
  });
  return out;
}

const asCounts = (p: Float64Array, width: number, scale: number): Record<string, number> =>
  Object.fromEntries(Array.from(p, (v, k) => [k.toString(2).padStart(width, '0'), v * scale]));

describe('device models of the hardware experiment', () => {
  it('ESP on ibm_fez equals the hand product of (1 − error) from the snapshot', () => {
    // Snapshot figures: sx q0 7.640689403641555e-4, x q1 1.7830158250577147e-4, cz (0,1) 1.01566715843735e-2,
    // readout q0 1.1475e-2, q1 1.1719e-2; rz is virtual.
    const b = new CircuitBuilder(2, 2);
    b.sx(0).rz(0.3, 0).cz(0, 1).x(1).measure(0, 0).measure(1, 1);
    const hand = (1 - 7.640689403641555e-4) * (1 - 1.01566715843735e-2) * (1 - 1.7830158250577147e-4) * (1 - 0.011475) * (1 - 0.011719);
    expect(deviceModel('ibm_fez').esp(b.build())).toBeCloseTo(hand, 15);
  });

  it('ESP on ionq_forte uses the published one-qubit, two-qubit and SPAM figures', () => {
    const b = new CircuitBuilder(2, 2);
    b.gate('gpi2', [0], [0.1]).gate('gpi', [1], [0.2]).gate('zz', [0, 1], [0.25]).measure(0, 0).measure(1, 1);
    const hand = (1 - 2.0e-4) ** 2 * (1 - 4.64e-3) * (1 - 0.0039) ** 2;
    expect(deviceModel('ionq_forte').esp(b.build())).toBeCloseTo(hand, 15);
    expect(estimatedSuccess(b.build(), IONQ_FORTE_RATES)).toBeCloseTo(hand, 15);
  });

  it('tensored readout inversion undoes known flips exactly, and only the right flips do', () => {
    const r = rng(3), width = 3, flips = [0.02, 0.05, 0.1];
    const truth = Float64Array.from({ length: 8 }, () => r());
    const sum = truth.reduce((s, v) => s + v, 0);
    for (let k = 0; k < 8; k++) truth[k]! /= sum;
    const measured = asCounts(confuse(truth, flips), width, 1e6);
    const back = invertReadout(measured, flips);
    for (let k = 0; k < 8; k++) expect(back[k]).toBeCloseTo(truth[k]!, 12);
    const wrong = invertReadout(measured, [0.1, 0.05, 0.02]);
    expect(Math.max(...Array.from(wrong, (v, k) => Math.abs(v - truth[k]!)))).toBeGreaterThan(1e-3);
    expect(() => invertReadout({ '01': 3 }, flips)).toThrow(/3-bit/);
    expect(() => invertReadout({ '011': 3 }, [0.5, 0, 0])).toThrow(/\[0, 0.5\)/);
    expect(() => invertReadout({}, flips)).toThrow(/no shots/);
  });

  it('mitigation recovers the ideal distribution of a small circuit under readout noise (statistically)', () => {
    const rates: ErrorRates = { name: 'readout-only', gateError: () => 0, readoutError: (q) => [0.05, 0.1][q] ?? 0 };
    const model = modelFromRates('readout-only', rates);
    const b = new CircuitBuilder(2, 2);
    b.ry(1.1, 0).x(1).measure(0, 0).measure(1, 1);
    const c = b.build();
    const ideal = simulate(c).probabilities!;
    const shots = 40_000;
    const counts = model.sample(c, { shots, seed: 5 });
    const noisy = toArray(counts, 2), mitigated = model.mitigate(c, counts);
    const sigma = 1 / Math.sqrt(shots);
    for (let k = 0; k < 4; k++) expect(Math.abs(mitigated[k]! - ideal[k]!), `outcome ${k}`).toBeLessThan(5 * sigma);
    // Unmitigated, the readout flips are plainly visible.
    expect(Math.abs(noisy[2]! + noisy[3]! - 1)).toBeGreaterThan(20 * sigma);
  });

  it('knows which qubit each clbit reads, every listed target, and refuses the others', () => {
    const b = new CircuitBuilder(3, 2);
    b.measure(2, 0).measure(0, 1);
    expect(measuredQubitOfClbit(b.build())).toEqual([2, 0]);
    for (const t of DEVICE_MODEL_TARGETS) expect(deviceModel(t).target).toBe(t);
    expect(() => deviceModel('ionq_aria')).toThrow(/no device model for 'ionq_aria'/);
    expect(() => deviceModel('generic')).toThrow(/choose one of/);
  });
});
