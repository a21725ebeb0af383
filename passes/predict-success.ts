/**
 * Predicted success of a circuit on a device, from its calibration (an analysis, no simulation):
 *
 *   ESP = Π_gates (1 − e_g) · Π_measured qubits (1 − e_ro(q)) · Π_idle windows F(q, t)
 *
 * - e_g is the gate's reported error (its average gate infidelity, which already includes the
 *   decoherence during the gate); frame changes (rz on IBM) have e = 0;
 * - e_ro(q) is the qubit's readout assignment error, (P(1|0) + P(0|1))/2;
 * - F(q, t) is the average gate fidelity of thermal relaxation over an idle window or delay of
 *   t ns: (4 − γ + 2c)/6 with γ = 1 − e^{−t/T1}, c = e^{−t/T2} (error-channels.ts); the windows
 *   are those of the ALAP schedule (schedule.ts), none before a qubit's first operation.
 * Resets and barriers count 1. ESP is a product of independent survival probabilities, the
 * estimated success probability of Nishio et al.; it ignores crosstalk, leakage and the way
 * errors cancel or add coherently, so it is a figure of merit, not a fidelity.
 * @see S. Nishio, Y. Pan, T. Satoh, H. Amano, R. Van Meter, ACM JETC 16, 32 (2020), arXiv:1905.10195
 */
import type { Circuit } from '../compiler/circuit/index.js';
import { calibrationFor, type Calibration } from './targets/calibration.js';
import { averageGateFidelity, relaxationProcessFidelity, thermalRelaxation } from './targets/error-channels.js';
import { verify, type Target } from './targets/target.js';
import { idleWindows, scheduleCircuit, type ScheduleMethod } from './schedule.js';
import { transpile } from './transpile.js';

export interface SuccessPrediction {
  /** Estimated success probability: gates · readout · idle. */
  readonly esp: number;
  /** Length of the schedule (ns). */
  readonly durationNs: number;
  /** Π (1 − e) over gates. */
  readonly gates: number;
  /** Π (1 − e_ro) over measured qubits. */
  readonly readout: number;
  /** Π of relaxation fidelities over idle windows and delays. */
  readonly idle: number;
  readonly gateCount: number;
  readonly measuredQubits: number;
  readonly idleWindows: number;
}

export interface PredictOptions {
  readonly schedule?: ScheduleMethod;
}

/** Average gate fidelity of a qubit's thermal relaxation over t ns. */
export function idleFidelity(cal: Calibration, q: number, tNs: number): number {
  const c = cal.qubit(q);
  return averageGateFidelity(relaxationProcessFidelity(thermalRelaxation(tNs, c.t1Ns, c.t2Ns)), 2);
}

/** ESP and duration of `circuit` (on the device's qubits, in its basis) on a calibrated target. */
export function predictSuccess(circuit: Circuit, device: Target | Calibration, options: PredictOptions = {}): SuccessPrediction {
  const cal = 'operation' in device ? device : calibrationFor(device);
  const schedule = scheduleCircuit(circuit, (i) => cal.operation(i).durationNs, options.schedule ?? 'alap');
  let gates = 1, readout = 1, idle = 1, gateCount = 0, measured = 0;
  for (const inst of circuit.instructions) {
    switch (inst.gate) {
      case 'barrier':
      case 'reset':
        continue;
      case 'delay':
        for (const q of inst.qubits) idle *= idleFidelity(cal, q, cal.operation(inst).durationNs);
        continue;
      case 'measure':
        for (const q of inst.qubits) {
          const c = cal.qubit(q);
          readout *= 1 - (c.readout01 + c.readout10) / 2;
          measured++;
        }
        continue;
      default:
        gates *= 1 - cal.operation(inst).error;
        gateCount++;
    }
  }
  const windows = idleWindows(circuit, schedule);
  for (const w of windows) idle *= idleFidelity(cal, w.qubit, w.durationNs);
  return { esp: gates * readout * idle, durationNs: schedule.totalNs, gates, readout, idle, gateCount, measuredQubits: measured, idleWindows: windows.length };
}

/** A program's predicted success on a target, lowered first (transpile, -O2) when it is not in the target's instruction set. */
export interface TargetPrediction {
  readonly prediction: SuccessPrediction;
  /** True when the program had to be lowered. */
  readonly lowered: boolean;
  /** The circuit the prediction is for. */
  readonly circuit: Circuit;
}

export function predictOnTarget(circuit: Circuit, target: Target, options: PredictOptions & { readonly level?: 0 | 1 | 2 | 3; readonly seed?: number } = {}): TargetPrediction {
  const inIsa = verify(circuit, target).length === 0;
  const c = inIsa ? circuit : transpile(circuit, target, { level: options.level ?? 2, seed: options.seed ?? 1 }).circuit;
  return { prediction: predictSuccess(c, target, options), lowered: !inIsa, circuit: c };
}
