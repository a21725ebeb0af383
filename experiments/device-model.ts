/**
 * What the hardware experiment needs from a device, for circuits already lowered to it: the
 * estimated success probability, noisy samples, and their mitigation. Each is the library's
 * general machinery bound to one device:
 * - ESP: passes/predict-success.ts (gate and readout errors, idle relaxation from the schedule);
 * - samples: the calibrated noise model of backends/local/noise (T1/T2 relaxation in every gate
 *   and idle window, depolarizing to the reported gate error, readout assignment errors) —
 *   density matrix for the small readout circuits;
 * - mitigation: readout-error inversion (mitigation/readout.ts, tensored) with the device's
 *   readout errors, giving quasi-probabilities.
 * IBM devices use their calibration snapshot; IonQ devices the published figures of
 * passes/targets/data/ionq-published.ts.
 */
import type { Circuit } from '../compiler/circuit/index.js';
import { ValidationError } from '../compiler/errors.js';
import { deviceNoiseModel, noiseModelNames, simulateNoisy, type NoiseModel, type NoiseOptions } from '../backends/local/noise/index.js';
import { mitigateReadout } from '../mitigation/readout.js';
import { predictSuccess } from '../passes/predict-success.js';

export interface SampleOptions {
  readonly shots: number;
  readonly seed: number;
}

/** A device as the experiment sees it (circuits are lowered for its target and measure into clbits). */
export interface DeviceModel {
  readonly target: string;
  /** The estimated success probability of a lowered circuit. */
  esp(circuit: Circuit): number;
  /** Noisy counts over the clbits, keyed by bitstring with c[0] rightmost. */
  sample(circuit: Circuit, options: SampleOptions): Record<string, number>;
  /** Mitigated quasi-probabilities over the clbits (index = clbit value, c[0] least significant). */
  mitigate(circuit: Circuit, counts: Readonly<Record<string, number>>): Float64Array;
}

/** Targets the experiment runs on: every calibrated built-in device. */
export const DEVICE_MODEL_TARGETS: readonly string[] = noiseModelNames();

/** For each clbit, the qubit measured into it (the last measurement wins); −1 if none. */
export function measuredQubitOfClbit(circuit: Circuit): number[] {
  const out = new Array<number>(circuit.numClbits).fill(-1);
  for (const i of circuit.instructions) if (i.gate === 'measure') i.qubits.forEach((q, j) => { out[i.clbits![j]!] = q; });
  return out;
}

/** The device model of a calibrated target; `noise` switches parts of the noise off (e.g. for a noiseless check). */
export function deviceModel(target: string, noise: NoiseOptions = {}): DeviceModel {
  if (!DEVICE_MODEL_TARGETS.includes(target)) {
    throw new ValidationError(`hardware experiment: no device model for '${target}'; choose one of ${DEVICE_MODEL_TARGETS.join(', ')}`);
  }
  const model: NoiseModel = deviceNoiseModel(target, noise);
  return {
    target,
    esp(circuit) {
      // The parts of the noise switched off predict no failure either.
      const p = predictSuccess(circuit, model.calibration), o = model.options;
      return (o.gateErrors ? p.gates : 1) * (o.readout ? p.readout : 1) * (o.relaxation ? p.idle : 1);
    },
    sample(circuit, options) {
      const r = simulateNoisy(circuit, model, options);
      return { ...r.counts! };
    },
    mitigate(circuit, counts) {
      const width = circuit.numClbits;
      const dist = new Map<number, number>();
      for (const [bits, c] of Object.entries(counts)) dist.set(width === 0 ? 0 : parseInt(bits, 2), c);
      const qubits = measuredQubitOfClbit(circuit);
      const p01 = Float64Array.from(qubits, (q) => (q < 0 ? 0 : model.readout(q).p01));
      const p10 = Float64Array.from(qubits, (q) => (q < 0 ? 0 : model.readout(q).p10));
      const quasi = mitigateReadout(dist, width, { p01, p10 });
      const p = new Float64Array(2 ** width);
      for (const [k, v] of quasi) p[k] = v;
      return p;
    },
  };
}
