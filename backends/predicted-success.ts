/**
 * Predicted success of a submission, as a pre-submit check: the estimated success probability
 * (ESP) and duration of the circuit about to be sent, from the backend's calibration (live device
 * data where read, else built-in data: backend.calibration). A real device whose ESP is below
 * NEGLIGIBLE_ESP gets a one-line warning — a warning, never a refusal: the user may want the
 * noise. Simulators warn about nothing; a device without calibration data gets no number.
 * @see docs/noise-and-mitigation.md (Predicted success) and docs/backends.md §C5
 */
import { circuitStats } from '../compiler/circuit/stats.js';
import { predictSuccess } from '../passes/predict-success.js';
import type { Backend, SubmitOptions } from './backend.js';
import type { PreSubmitCheck } from './prepare.js';

/** Below this ESP a device run is indistinguishable from noise for most purposes. */
export const NEGLIGIBLE_ESP = 1e-2;

/** The prediction a dry run reports: numbers from a calibration, or the reason there are none. */
export type SubmissionPrediction =
  | { readonly esp: number; readonly durationNs: number; readonly calibration: string }
  | { readonly esp: null; readonly durationNs: null; readonly reason: string };

/** Whether the backend runs on quantum hardware (not a simulator). */
export function isDevice(backend: Backend): boolean {
  return backend.provider === 'ibm' || (backend.provider === 'ionq' && backend.name !== 'simulator');
}

function isNoiselessSimulator(backend: Backend, options: SubmitOptions): boolean {
  return !isDevice(backend) && (options.noise === undefined || options.noise === 'ideal');
}

/** ESP and duration of `circuit` for `backend`, or why there are none. */
export function predictSubmission(input: Parameters<PreSubmitCheck>[0]): SubmissionPrediction {
  const { backend, circuit, target, options } = input;
  if (isNoiselessSimulator(backend, options)) return { esp: null, durationNs: null, reason: `${backend.provider}:${backend.name} simulates without noise` };
  const cal = backend.calibration?.(target, options);
  if (cal === undefined) return { esp: null, durationNs: null, reason: `no calibration data for ${backend.provider}:${backend.name}` };
  const p = predictSuccess(circuit, cal.calibration);
  return { esp: p.esp, durationNs: p.durationNs, calibration: cal.source };
}

/** Durations for people: 850 ns, 12.4 µs, 2.31 ms, 1.20 s. */
export function formatDuration(ns: number): string {
  if (ns < 1e3) return `${Math.round(ns)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toPrecision(3)} µs`;
  if (ns < 1e9) return `${(ns / 1e6).toPrecision(3)} ms`;
  return `${(ns / 1e9).toPrecision(3)} s`;
}

/** The pre-submit check: reports the prediction, and warns when a device run is hopeless. */
export const predictedSuccessCheck: PreSubmitCheck = (input) => {
  const predicted = predictSubmission(input);
  const warnings: string[] = [];
  if (predicted.esp !== null && predicted.esp < NEGLIGIBLE_ESP && isDevice(input.backend)) {
    const twoQubit = circuitStats(input.circuit).twoQubit;
    warnings.push(`predicted success on ${input.backend.name} is negligible: ESP ${predicted.esp.toExponential(2)} (${twoQubit} two-qubit gates, ${formatDuration(predicted.durationNs)}), below ${NEGLIGIBLE_ESP}: the counts will be indistinguishable from noise`);
  }
  return { warnings, predicted };
};
