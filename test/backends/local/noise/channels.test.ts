import { describe, expect, it } from 'vitest';
import { CircuitBuilder, type Circuit } from '../../../../compiler/circuit/index.js';
import {
  averageGateFidelity, noiseModel, simulateNoisy, superoperator, thermalRelaxation, type NoiseModel,
} from '../../../../backends/local/noise/index.js';
import { toyCalibration } from '../../../helpers/calibration.js';

const T1 = 50_000, T2 = 30_000;

/** x (or h) on qubit 0, an idle of t ns, then (for |+⟩) h, and a measurement. */
function idle(prep: 'x' | 'h', t: number): Circuit {
  const b = new CircuitBuilder(1, 1);
  if (prep === 'x') b.x(0); else b.h(0);
  b.add({ gate: 'delay', qubits: [0], params: [t] });
  if (prep === 'h') b.h(0);
  return b.measure(0, 0).build();
}

/** k successes of n within 5σ of n·p (binomial). */
function expectBinomial(k: number, n: number, p: number): void {
  const sigma = Math.sqrt(n * p * (1 - p));
  expect(Math.abs(k - n * p), `${k} of ${n}, expected p = ${p} (σ = ${sigma.toFixed(2)})`).toBeLessThanOrEqual(5 * sigma + 1e-9);
}

const relaxOnly = (): NoiseModel => noiseModel(toyCalibration({ t1Ns: T1, t2Ns: T2 }), { gateErrors: false, readout: false });

describe('noise channels against their closed forms', () => {
  it.each([0, 10_000, 50_000, 200_000])('T1: |1⟩ idle for %d ns stays |1⟩ with probability e^(−t/T1) (density matrix, exact)', (t) => {
    const r = simulateNoisy(idle('x', t), relaxOnly(), { method: 'density-matrix' });
    expect(r.probabilities![1]).toBeCloseTo(Math.exp(-t / T1), 12);
  });

  it.each([5_000, 30_000, 90_000])('T2: |+⟩ idle for %d ns reads + with probability (1 + e^(−t/T2))/2 (density matrix, exact)', (t) => {
    const r = simulateNoisy(idle('h', t), relaxOnly(), { method: 'density-matrix' });
    expect(r.probabilities![0]).toBeCloseTo((1 + Math.exp(-t / T2)) / 2, 12);
  });

  it('T1 and T2 by trajectories agree with the closed forms within binomial error', () => {
    const shots = 20_000, t = 40_000;
    const one = simulateNoisy(idle('x', t), relaxOnly(), { method: 'trajectories', shots, seed: 11, trajectories: shots });
    expectBinomial(one.outcomeCounts!.get(1) ?? 0, shots, Math.exp(-t / T1));
    const plus = simulateNoisy(idle('h', t), relaxOnly(), { method: 'trajectories', shots, seed: 12, trajectories: shots });
    expectBinomial(plus.outcomeCounts!.get(0) ?? 0, shots, (1 + Math.exp(-t / T2)) / 2);
  });

  it('T2 above 2·T1 is clamped to 2·T1 (the physical bound)', () => {
    expect(thermalRelaxation(1000, 10_000, 50_000).coherence).toBeCloseTo(Math.exp(-1000 / 20_000), 15);
  });

  it('readout confusion: P(1|0) and P(0|1) as calibrated, exactly and sampled', () => {
    const m = noiseModel(toyCalibration({ readout01: 0.03, readout10: 0.11 }), { relaxation: false, gateErrors: false });
    const zero = new CircuitBuilder(1, 1).measure(0, 0).build();
    const one = new CircuitBuilder(1, 1).x(0).measure(0, 0).build();
    expect(simulateNoisy(zero, m).probabilities![1]).toBeCloseTo(0.03, 14);
    expect(simulateNoisy(one, m).probabilities![0]).toBeCloseTo(0.11, 14);
    const s = simulateNoisy(one, m, { method: 'trajectories', shots: 20_000, seed: 3 });
    expectBinomial(s.outcomeCounts!.get(0) ?? 0, 20_000, 0.11);
  });

  it.each([
    ['x', 1, 0.002, 60], ['cz', 2, 0.01, 100], ['cz', 2, 0.05, 300],
  ] as const)('a %s with error %d over %d ns has exactly that average gate infidelity (depolarizing + relaxation)', (gate, k, error, ns) => {
    const cal = toyCalibration({ t1Ns: T1, t2Ns: T2, gates: { [gate]: { error, durationNs: ns } } });
    const m = noiseModel(cal);
    const inst = { gate, qubits: k === 1 ? [0] : [0, 1], params: [] } as const;
    const lambda = m.depolarizing(inst);
    const r = m.relaxation(0, ns);
    const relax1 = (rho: import('../../../../compiler/linalg/complex.js').CMatrix, j: number): typeof rho => {
      // One-qubit relaxation on local qubit j, written out independently of the simulator's kernels.
      const d = rho.rows, bit = 1 << j, out = rho.scale(0);
      for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) {
        const v = rho.get(a, b), ra = (a & bit) !== 0, rb = (b & bit) !== 0;
        const add = (i: number, jj: number, s: number): void => { const o = out.get(i, jj); out.set(i, jj, { re: o.re + s * v.re, im: o.im + s * v.im }); };
        if (!ra && !rb) add(a, b, 1);
        else if (ra && rb) { add(a, b, 1 - r.gamma); add(a ^ bit, b ^ bit, r.gamma); } else add(a, b, r.coherence);
      }
      return out;
    };
    const d = 2 ** k;
    const s = superoperator(k, (rho) => {
      let x = rho;
      for (let j = 0; j < k; j++) x = relax1(x, j);
      let tr = 0;
      for (let a = 0; a < d; a++) tr += x.get(a, a).re;
      const y = x.scale(1 - lambda);
      for (let a = 0; a < d; a++) y.set(a, a, { re: y.get(a, a).re + (lambda * tr) / d, im: y.get(a, a).im });
      return y;
    });
    // Process fidelity = Tr(S)/d² in this representation.
    let trace = 0;
    for (let i = 0; i < d * d; i++) trace += s[2 * (i * d * d + i)]!;
    expect(1 - averageGateFidelity(trace / (d * d), d)).toBeCloseTo(error, 12);
    expect(lambda).toBeGreaterThan(0);
  });

  it('adds no depolarizing when relaxation alone exceeds the reported error', () => {
    const m = noiseModel(toyCalibration({ t1Ns: 1000, t2Ns: 1000, gates: { x: { error: 1e-6, durationNs: 500 } } }));
    expect(m.depolarizing({ gate: 'x', qubits: [0], params: [] })).toBe(0);
  });
});
