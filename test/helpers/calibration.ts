/** A made-up device calibration for noise tests: every figure chosen, so closed forms can be checked. */
import type { Instruction } from '../../compiler/circuit/index.js';
import type { Calibration, OperationCalibration } from '../../passes/targets/calibration.js';

export interface ToyDevice {
  readonly numQubits?: number;
  readonly t1Ns?: number;
  readonly t2Ns?: number;
  /** P(1|0), P(0|1) of every qubit. */
  readonly readout01?: number;
  readonly readout10?: number;
  /** error and duration by gate name (gates not listed: 0 error, 0 ns). */
  readonly gates?: Readonly<Record<string, OperationCalibration>>;
  readonly measureNs?: number;
}

export function toyCalibration(d: ToyDevice = {}): Calibration {
  const qubit = { t1Ns: d.t1Ns ?? 100_000, t2Ns: d.t2Ns ?? 80_000, readout01: d.readout01 ?? 0, readout10: d.readout10 ?? 0 };
  return {
    device: 'toy',
    numQubits: d.numQubits ?? 8,
    source: 'test',
    date: null,
    qubit: () => qubit,
    operation(inst: Instruction): OperationCalibration {
      if (inst.gate === 'delay') return { error: 0, durationNs: inst.params[0] ?? 0 };
      if (inst.gate === 'barrier') return { error: 0, durationNs: 0 };
      if (inst.gate === 'measure') return { error: 1 - (1 - (qubit.readout01 + qubit.readout10) / 2) ** inst.qubits.length, durationNs: d.measureNs ?? 1000 };
      return d.gates?.[inst.gate] ?? { error: 0, durationNs: 0 };
    },
  };
}
