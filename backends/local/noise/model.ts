/**
 * The device noise model: a calibration (passes/targets/calibration.ts) read as channels.
 * - every gate: thermal relaxation of each of its qubits for the gate's duration, then (applied
 *   first) a depolarizing channel making up the rest of the reported gate error (channels.ts);
 * - every idle window of the schedule and every delay: thermal relaxation for its length;
 * - every measurement: a classical assignment error P(1|0), P(0|1) per qubit.
 * Virtual gates (rz on IBM) take no time and carry no error. The parts can be switched off one by
 * one (tests check each against its closed form; `qntk simulate` uses all of them).
 */
import type { Instruction } from '../../../compiler/circuit/index.js';
import { BackendError } from '../../../compiler/errors.js';
import { getTarget, TARGET_NAMES } from '../../../passes/targets/builtins.js';
import { calibrationFor, hasCalibration, type Calibration, type OperationCalibration, type QubitCalibration } from '../../../passes/targets/calibration.js';
import type { ScheduleMethod } from '../../../passes/schedule.js';
import { depolarizingParameter, NO_RELAXATION, relaxationProcessFidelity, thermalRelaxation, type Relaxation } from '../../../passes/targets/error-channels.js';

export interface NoiseOptions {
  /** Depolarizing part of each gate's reported error (default true). */
  readonly gateErrors?: boolean;
  /** T1/T2 relaxation during gates, delays and idle windows (default true). */
  readonly relaxation?: boolean;
  /** Readout assignment errors (default true). */
  readonly readout?: boolean;
  /** How idle windows are found (default 'alap'). */
  readonly schedule?: ScheduleMethod;
  /**
   * Coherent terms the calibration does not report (default 0), to study the mitigations aimed at
   * them: a static frequency offset (Hz) turning every idle qubit about Z, which decoupling undoes,
   * and a ZZ over-rotation (rad) after every two-qubit gate, which twirling makes stochastic.
   */
  readonly idleDetuningHz?: number;
  readonly twoQubitOverRotation?: number;
}

/** Readout assignment errors of one qubit. */
export interface ReadoutError {
  /** P(read 1 | 0). */
  readonly p01: number;
  /** P(read 0 | 1). */
  readonly p10: number;
}

export interface NoiseModel {
  readonly name: string;
  readonly calibration: Calibration;
  readonly options: Required<NoiseOptions>;
  /** The device qubit that simulator qubit k stands for. */
  physical(k: number): number;
  /** Error and duration of an instruction on simulator qubits. */
  operation(inst: Instruction): OperationCalibration;
  qubit(k: number): QubitCalibration;
  /** Relaxation of simulator qubit k over t ns (none when relaxation is off). */
  relaxation(k: number, tNs: number): Relaxation;
  /** Depolarizing λ after a gate (0 for directives, measurements and error-free gates). */
  depolarizing(inst: Instruction): number;
  readout(k: number): ReadoutError;
  /** The same model seen through a compact numbering: simulator qubit k is device qubit physical[k]. */
  onQubits(physical: readonly number[]): NoiseModel;
}

function build(cal: Calibration, options: Required<NoiseOptions>, physical: readonly number[] | null): NoiseModel {
  const dev = (k: number): number => (physical === null ? k : physical[k] ?? k);
  const onDevice = (inst: Instruction): Instruction => (physical === null ? inst : { ...inst, qubits: inst.qubits.map(dev) });
  const model: NoiseModel = {
    name: cal.device,
    calibration: cal,
    options,
    physical: dev,
    operation: (inst) => cal.operation(onDevice(inst)),
    qubit: (k) => cal.qubit(dev(k)),
    relaxation(k, tNs) {
      if (!options.relaxation || !(tNs > 0)) return NO_RELAXATION;
      const q = cal.qubit(dev(k));
      return thermalRelaxation(tNs, q.t1Ns, q.t2Ns);
    },
    depolarizing(inst) {
      if (!options.gateErrors || inst.qubits.length === 0 || ['measure', 'reset', 'barrier', 'delay'].includes(inst.gate)) return 0;
      const op = model.operation(inst);
      if (!(op.error > 0)) return 0;
      let fe = 1;
      for (const q of inst.qubits) fe *= relaxationProcessFidelity(model.relaxation(q, op.durationNs));
      return depolarizingParameter(op.error, fe, 2 ** inst.qubits.length);
    },
    readout(k) {
      if (!options.readout) return { p01: 0, p10: 0 };
      const q = cal.qubit(dev(k));
      return { p01: q.readout01, p10: q.readout10 };
    },
    onQubits: (phys) => build(cal, options, phys.map(dev)),
  };
  return model;
}

/** The noise model of a calibration. */
export function noiseModel(calibration: Calibration, options: NoiseOptions = {}): NoiseModel {
  return build(calibration, {
    gateErrors: options.gateErrors ?? true, relaxation: options.relaxation ?? true,
    readout: options.readout ?? true, schedule: options.schedule ?? 'alap',
    idleDetuningHz: options.idleDetuningHz ?? 0, twoQubitOverRotation: options.twoQubitOverRotation ?? 0,
  }, null);
}

/** Devices with calibration data, usable as a noise model: IBM snapshots and IonQ Aria / Forte. */
export function noiseModelNames(): string[] {
  return TARGET_NAMES.filter((n) => hasCalibration(getTarget(n)));
}

/** The noise model of a calibrated built-in device; a one-line error naming the known ones otherwise. */
export function deviceNoiseModel(name: string, options: NoiseOptions = {}): NoiseModel {
  const names = noiseModelNames();
  if (!names.includes(name)) throw new BackendError(`noise model '${name}': no calibration data; known devices are ${names.join(', ')}`, { exitCode: 2 });
  return noiseModel(calibrationFor(getTarget(name)), options);
}
