/** The hardware experiment's device models: the library's ESP, calibrated noise and readout mitigation, bound to one device. */
import { describe, expect, it } from 'vitest';
import { CircuitBuilder } from '../../compiler/circuit/index.js';
import { DEVICE_MODEL_TARGETS, deviceModel, measuredQubitOfClbit } from '../../experiments/device-model.js';
import { simulate } from '../../backends/local/index.js';
import { predictSuccess } from '../../passes/predict-success.js';
import { getTarget } from '../../passes/targets/builtins.js';

/** Bitstring keys (c[0] rightmost) → index-addressed probabilities. */
function toArray(counts: Readonly<Record<string, number>>, width: number): Float64Array {
  const p = new Float64Array(1 << width);
  let total = 0;
  for (const [k, c] of Object.entries(counts)) {
    p[parseInt(k, 2)] = p[parseInt(k, 2)]! + c;
    total += c;
  }
  return p.map((v) => v / total);
}

describe('device models of the hardware experiment', () => {
  it('ESP is the library prediction on the device (gates, readout, idle relaxation)', () => {
    const b = new CircuitBuilder(2, 2);
    b.sx(0).rz(0.3, 0).cz(0, 1).x(1).measure(0, 0).measure(1, 1);
    const c = b.build();
    expect(deviceModel('ibm_fez').esp(c)).toBe(predictSuccess(c, getTarget('ibm_fez')).esp);
    // Every factor is below one: the product is below the gate-and-readout part of the hand product.
    const gatesAndReadout = (1 - 7.640689403641555e-4) * (1 - 1.01566715843735e-2) * (1 - 1.7830158250577147e-4) * (1 - 0.011474609375) * (1 - 0.01171875);
    expect(deviceModel('ibm_fez').esp(c)).toBeLessThanOrEqual(gatesAndReadout);
    expect(deviceModel('ibm_fez').esp(c)).toBeGreaterThan(gatesAndReadout * 0.99);
  });

  it('readout mitigation recovers the ideal distribution of a small circuit under readout noise alone (statistically)', () => {
    const model = deviceModel('ibm_fez', { gateErrors: false, relaxation: false });
    const b = new CircuitBuilder(2, 2);
    b.ry(1.1, 0).x(1).measure(0, 0).measure(1, 1);
    const c = b.build();
    const ideal = simulate(c).probabilities!;
    const shots = 400_000;
    const counts = model.sample(c, { shots, seed: 5 });
    const noisy = toArray(counts, 2), mitigated = model.mitigate(c, counts);
    const sigma = 1 / Math.sqrt(shots);
    for (let k = 0; k < 4; k++) expect(Math.abs(mitigated[k]! - ideal[k]!), `outcome ${k}`).toBeLessThan(5 * sigma);
    // Unmitigated, qubit 1's readout error (1.17 % on ibm_fez) is plainly visible: P(c1 = 1) = 1 − p10.
    expect(Math.abs(noisy[2]! + noisy[3]! - 1)).toBeGreaterThan(5 * sigma);
  });

  it('a noiseless model samples the ideal distribution', () => {
    const model = deviceModel('ionq_forte', { gateErrors: false, relaxation: false, readout: false });
    const b = new CircuitBuilder(1, 1);
    b.x(0).measure(0, 0);
    expect(model.sample(b.build(), { shots: 100, seed: 1 })).toEqual({ 1: 100 });
  });

  it('knows which qubit each clbit reads, every calibrated target, and refuses the others', () => {
    const b = new CircuitBuilder(3, 2);
    b.measure(2, 0).measure(0, 1);
    expect(measuredQubitOfClbit(b.build())).toEqual([2, 0]);
    expect(DEVICE_MODEL_TARGETS).toEqual(expect.arrayContaining(['ibm_fez', 'ibm_brisbane', 'ionq_forte', 'ionq_aria']));
    for (const t of DEVICE_MODEL_TARGETS) expect(deviceModel(t).target).toBe(t);
    expect(() => deviceModel('generic')).toThrow(/no device model for 'generic'; choose one of/);
  });
});
