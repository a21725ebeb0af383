import { describe, expect, it } from 'vitest';
import { CircuitBuilder } from '../../compiler/circuit/index.js';
import { noiseModel, simulateNoisy } from '../../backends/local/noise/index.js';
import { foldGates } from '../../passes/fold-gates.js';
import { expectationZ, extrapolateToZero } from '../../mitigation/index.js';
import { toyCalibration } from '../helpers/calibration.js';

describe('zero-noise extrapolation', () => {
  it('is exact for data of its own form', () => {
    const s = [1, 2, 3];
    expect(extrapolateToZero(s, s.map((x) => 0.8 - 0.1 * x + 0.02 * x * x), 'richardson').value).toBeCloseTo(0.8, 12);
    expect(extrapolateToZero(s, s.map((x) => 0.7 - 0.05 * x), 'linear').value).toBeCloseTo(0.7, 12);
    expect(extrapolateToZero(s, s.map((x) => -0.9 * Math.exp(-0.3 * x)), 'exponential').value).toBeCloseTo(-0.9, 12);
    const mixed = extrapolateToZero(s, [0.1, -0.1, 0.05], 'exponential');
    expect(mixed.method).toBe('linear');
    expect(() => extrapolateToZero([1, 1], [0.5, 0.4])).toThrow(/repeat/);
  });

  it('recovers the ideal expectation of a depolarized circuit: exactly with the exponential fit, closely with Richardson', () => {
    // ⟨X0 X1⟩ (read as ⟨Z0 Z1⟩ after H⊗H) of a Bell pair made with five cx: ideal 1. Each cx's
    // depolarizing multiplies it by 1 − λ, so at noise scale s it is (1 − λ)^(5s): the exponential fit is exact.
    const b = new CircuitBuilder(2, 2).h(0);
    for (let k = 0; k < 4; k++) b.cx(0, 1);
    const c = b.cx(0, 1).h(0).h(1).measure(0, 0).measure(1, 1).build();
    const m = noiseModel(toyCalibration({ gates: { cx: { error: 0.02, durationNs: 100 } } }), { relaxation: false, readout: false });
    const e = (s: number): { scale: number; value: number } => {
      const f = foldGates(c, { scale: s });
      const p = simulateNoisy(f.circuit, m).probabilities!;
      return { scale: f.scale, value: expectationZ(new Map([...p].map((v, k) => [k, v] as [number, number])), [0, 1]) };
    };
    const pts = [1, 3, 5].map(e);
    const ideal = 1;
    const raw = pts[0]!.value;
    expect(ideal - raw).toBeGreaterThan(0.1);
    expect(extrapolateToZero(pts.map((p) => p.scale), pts.map((p) => p.value), 'exponential').value).toBeCloseTo(ideal, 10);
    const rich = extrapolateToZero(pts.map((p) => p.scale), pts.map((p) => p.value), 'richardson').value;
    expect(Math.abs(rich - ideal)).toBeLessThan((ideal - raw) / 20);
  });
});
