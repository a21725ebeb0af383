/**
 * What the hardware experiment needs from a device: an estimated success probability (ESP), noisy
 * samples and a mitigation of them, for circuits already lowered to the device. This file is the
 * one place that binds those three to concrete models, so a better model (thermal relaxation and
 * idle decoherence from a schedule, twirling, dynamical decoupling, zero-noise extrapolation) is
 * swapped in by editing `deviceModel` alone.
 *
 * The models here:
 * - ESP = Π(1 − e_g) over every gate g and Π(1 − r_q) over every measured qubit q, with e_g the
 *   gate's calibrated error (rz is virtual: 0) and r_q the qubit's readout error. No idle factors.
 * - samples: the local backend's device noise (backends/local/noise.ts, `noiseFromDevice` for IBM,
 *   the same depolarizing form for IonQ): a Pauli error after each gate matching its error, and a
 *   symmetric readout bit flip.
 * - mitigation: readout-error inversion, tensored per measured qubit from the same readout errors,
 *   giving quasi-probabilities (entries may be negative).
 * IBM devices read their calibration snapshot (passes/targets/data). IonQ Forte publishes no
 * per-qubit calibration; its stand-in uses one- and two-qubit errors 2.0·10⁻⁴ and 4.64·10⁻³
 * (J.-S. Chen et al., arXiv:2308.05071, direct RB on a 30-qubit Forte) and the SPAM error
 * 3.9·10⁻³ IonQ publishes for Aria (none is published for Forte).
 */
import type { Circuit, Instruction } from '../compiler/circuit/index.js';
import { isGate } from '../compiler/circuit/index.js';
import { ValidationError } from '../compiler/errors.js';
import { compactQubits, noiseFromDevice, remapNoise, simulateNoisy, type NoiseModel } from '../backends/local/noise.js';
import { getTarget } from '../passes/targets/builtins.js';
import type { DeviceData } from '../passes/targets/device-data.js';

export interface SampleOptions {
  readonly shots: number;
  readonly seed: number;
}

/** A device as the experiment sees it (circuits are lowered for its target and measure into clbits). */
export interface DeviceModel {
  readonly target: string;
  /** Π(1 − error) over the circuit's gates and measurements. */
  esp(circuit: Circuit): number;
  /** Noisy counts over the clbits, keyed by bitstring with c[0] rightmost. */
  sample(circuit: Circuit, options: SampleOptions): Record<string, number>;
  /** Mitigated quasi-probabilities over the clbits (index = clbit value, c[0] least significant). */
  mitigate(circuit: Circuit, counts: Readonly<Record<string, number>>): Float64Array;
}

/** Error rates by instruction: the common ground of ESP, sampling and mitigation. */
export interface ErrorRates {
  readonly name: string;
  /** Error of a gate (0 for virtual gates). */
  gateError(inst: Instruction): number;
  /** Probability that reading physical qubit q returns the wrong bit. */
  readoutError(q: number): number;
}

/** Targets `deviceModel` knows. */
export const DEVICE_MODEL_TARGETS: readonly string[] = ['ibm_fez', 'ibm_kingston', 'ibm_torino', 'ibm_brisbane', 'ibm_miami', 'ionq_forte'];

/** Frame changes on every supported device: no error. */
const VIRTUAL = new Set(['rz', 'p', 'u1', 'gphase']);

const median = (xs: readonly number[]): number => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

/** Errors from a calibration snapshot; uncalibrated gates get the device median of their arity. */
export function calibratedRates(d: DeviceData): ErrorRates {
  const byKey = new Map<string, number>();
  const e1: number[] = [], e2: number[] = [];
  for (const [name, qs, err] of d.gates) {
    if (name.startsWith('measure') || VIRTUAL.has(name)) continue;
    byKey.set(`${name}:${qs.join(',')}`, err);
    (qs.length === 1 ? e1 : e2).push(err);
  }
  const med1 = median(e1), med2 = median(e2), medRo = median(d.qubits.map((q) => q[2]));
  return {
    name: d.name,
    gateError(inst) {
      if (!isGate(inst) || VIRTUAL.has(inst.gate) || inst.qubits.length === 0) return 0;
      const qs = inst.qubits;
      const exact = byKey.get(`${inst.gate}:${qs.join(',')}`) ?? (qs.length === 2 ? byKey.get(`${inst.gate}:${qs[1]},${qs[0]}`) : undefined);
      return exact ?? (qs.length === 1 ? med1 : med2);
    },
    readoutError: (q) => d.qubits[q]?.[2] ?? medRo,
  };
}

/** IonQ Forte's published figures, the same for every qubit and pair (see the file header). */
export const IONQ_FORTE_RATES: ErrorRates = {
  name: 'ionq_forte',
  gateError: (inst) => (!isGate(inst) || inst.qubits.length === 0 ? 0 : inst.qubits.length === 1 ? 2.0e-4 : 4.64e-3),
  readoutError: () => 1 - 0.9961,
};

/** ESP = Π(1 − e_g) over gates × Π(1 − r_q) over measured qubits. */
export function estimatedSuccess(circuit: Circuit, rates: ErrorRates): number {
  let esp = 1;
  for (const inst of circuit.instructions) {
    if (inst.gate === 'measure') for (const q of inst.qubits) esp *= 1 - rates.readoutError(q);
    else esp *= 1 - rates.gateError(inst);
  }
  return esp;
}

/** The local backend's depolarizing model over these rates: Pauli probability e·(d+1)/d. */
function depolarizingFrom(rates: ErrorRates): NoiseModel {
  return {
    name: rates.name,
    pauliProbability: (inst) => {
      const d = 2 ** inst.qubits.length;
      return Math.min(1, (rates.gateError(inst) * (d + 1)) / d);
    },
    readoutError: (q) => rates.readoutError(q),
  };
}

/** For each clbit, the qubit measured into it (the last measurement wins); −1 if none. */
export function measuredQubitOfClbit(circuit: Circuit): number[] {
  const out = new Array<number>(circuit.numClbits).fill(-1);
  for (const i of circuit.instructions) if (i.gate === 'measure') i.qubits.forEach((q, j) => { out[i.clbits![j]!] = q; });
  return out;
}

/**
 * Tensored readout-error inversion: with symmetric flips r_b on clbit b, the measured distribution
 * is (⊗_b C_b)p, C_b = [[1−r_b, r_b], [r_b, 1−r_b]], so p = (⊗_b C_b⁻¹)·counts/shots, applied one
 * clbit axis at a time. The result sums to 1 and may have negative entries (quasi-probabilities).
 */
export function invertReadout(counts: Readonly<Record<string, number>>, flips: readonly number[]): Float64Array {
  const width = flips.length;
  const p = new Float64Array(1 << width);
  let shots = 0;
  for (const [bits, c] of Object.entries(counts)) {
    if (bits.length !== width || !/^[01]*$/.test(bits)) throw new ValidationError(`readout inversion: outcome '${bits}' is not a ${width}-bit string`);
    p[width === 0 ? 0 : parseInt(bits, 2)]! += c;
    shots += c;
  }
  if (shots === 0) throw new ValidationError('readout inversion: no shots to mitigate');
  for (let k = 0; k < p.length; k++) p[k]! /= shots;
  flips.forEach((r, b) => {
    if (!(r >= 0 && r < 0.5)) throw new ValidationError(`readout inversion: flip probability ${r} of clbit ${b} must lie in [0, 0.5)`);
    const s = 1 / (1 - 2 * r);
    for (let k = 0; k < p.length; k++) {
      if ((k >> b) & 1) continue;
      const p0 = p[k]!, p1 = p[k | (1 << b)]!;
      p[k] = s * ((1 - r) * p0 - r * p1);
      p[k | (1 << b)] = s * ((1 - r) * p1 - r * p0);
    }
  });
  return p;
}

/**
 * A device model from error rates: ESP, sampling with `noise` (default: depolarizing from the same
 * rates) and tensored readout inversion.
 */
export function modelFromRates(target: string, rates: ErrorRates, noise: NoiseModel = depolarizingFrom(rates)): DeviceModel {
  return {
    target,
    esp: (circuit) => estimatedSuccess(circuit, rates),
    sample(circuit, options) {
      // Only the touched qubits are simulated (a lowered circuit spans the whole device).
      const compact = compactQubits(circuit);
      return simulateNoisy(compact.circuit, remapNoise(noise, compact.physical), options);
    },
    mitigate: (circuit, counts) => invertReadout(counts, measuredQubitOfClbit(circuit).map((q) => (q < 0 ? 0 : rates.readoutError(q)))),
  };
}

/** The device model of a target: IBM from its calibration snapshot, IonQ Forte from published figures. */
export function deviceModel(target: string): DeviceModel {
  if (!DEVICE_MODEL_TARGETS.includes(target)) {
    throw new ValidationError(`hardware experiment: no device model for '${target}'; choose one of ${DEVICE_MODEL_TARGETS.join(', ')}`);
  }
  if (target === 'ionq_forte') return modelFromRates(target, IONQ_FORTE_RATES);
  const cal = getTarget(target).calibration;
  if (cal === null) throw new ValidationError(`hardware experiment: ${target} has no calibration data`);
  return modelFromRates(target, calibratedRates(cal), noiseFromDevice(cal));
}
