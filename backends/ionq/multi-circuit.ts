/**
 * Error mitigation on IonQ — what it supports, its calibration (IonQ's published figures) — and
 * the multi-circuit jobs (`ionq.multi-circuit.v1`) that carry the extra circuits of a mitigated
 * submission (gate-folded copies for zero-noise extrapolation, twirled copies) in one job: the
 * input lists the circuits, each with its own gate set when it differs from the parent's; the
 * parent's probabilities are keyed by child job id, and the parent's `child_job_ids` list the
 * children in the order of the submitted circuits (the order qiskit-ionq relies on too).
 * IonQ limits a job to 5,000 circuits and 150,000 gates in all.
 * @see docs/backends.md §B3, §B11
 */
import type { Circuit } from '../../compiler/circuit/index.js';
import { BackendError } from '../../compiler/errors.js';
import { distributionOf, mitigateJob, type JobMitigation } from '../../mitigation/job.js';
import { calibrationFromIonq } from '../../passes/targets/calibration.js';
import { IONQ_ARIA, IONQ_FORTE } from '../../passes/targets/data/ionq-published.js';
import type { TargetFamily } from '../../passes/targets/target.js';
import type { BackendCalibration, JobResult, MitigationSupport, SubmitOptions } from '../backend.js';
import { serialiseIonqCircuit, type IonqGateset } from './circuit-json.js';
import { decodeIonqProbabilities, largestRemainder, type IonqDecodeOptions } from './results.js';

export const MAX_CIRCUITS = 5000;
export const MAX_GATES = 150_000;

/** Readout from the published SPAM figures (QPUs); twirled and folded copies as a multi-circuit job; no decoupling. */
export function ionqMitigationSupport(backend: string): MitigationSupport {
  return {
    readout: backend === 'simulator' ? { refused: "the IonQ simulator's noise models publish no readout calibration; run readout mitigation on a QPU (e.g. ionq:qpu.forte-1)" } : 'calibration',
    twirl: 'circuits',
    dd: { refused: 'IonQ takes no delay instructions, so there are no idle windows qntk could fill with decoupling pulses' },
    zne: 'circuits',
  };
}

/** IonQ's published figures for a device of this family (Forte-like or Aria-like). */
export function publishedCalibration(family: TargetFamily): BackendCalibration | undefined {
  const published = family === 'ionq-forte' ? IONQ_FORTE : family === 'ionq-aria' ? IONQ_ARIA : undefined;
  if (published === undefined) return undefined;
  return { calibration: calibrationFromIonq(published), source: `IonQ's published ${published === IONQ_FORTE ? 'Forte' : 'Aria'} figures (${published.date})` };
}

/** Whether the job runs several circuits (mitigation copies): an ionq.multi-circuit.v1 job. */
export function isMulti(options: SubmitOptions): boolean {
  return (options.mitigation?.circuits.length ?? 1) > 1;
}

/** Shots of each circuit: twirled copies share the shots asked for (rounded up), as randomizations do. */
export function shotsPerCircuit(options: SubmitOptions, defaultShots: number): number {
  const r = options.mitigation?.record.twirl?.randomizations ?? 1;
  return Math.ceil((options.shots ?? defaultShots) / r);
}

export interface MultiCircuitInput {
  readonly gateset: IonqGateset;
  readonly qubits: number;
  readonly circuits: readonly { readonly name: string; readonly circuit: unknown[]; readonly gateset?: IonqGateset; readonly qubits?: number }[];
}

/** The multi-circuit input of `circuits`, and every reason it cannot be sent. */
export function multiCircuitInput(circuits: readonly Circuit[], backend: string): { input: MultiCircuitInput; problems: string[] } {
  const parts = circuits.map((c) => serialiseIonqCircuit(c, backend));
  const problems = [...new Set(parts.flatMap((p) => p.problems))];
  const gates = parts.reduce((n, p) => n + p.input.circuit.length, 0);
  if (circuits.length > MAX_CIRCUITS) problems.push(`${circuits.length} circuits in one job; IonQ takes at most ${MAX_CIRCUITS}`);
  if (gates > MAX_GATES) problems.push(`${gates} gates over the job's ${circuits.length} circuits; IonQ takes at most ${MAX_GATES} per job (ask for fewer zero-noise scales or twirls)`);
  const gateset = parts[0]!.input.gateset;
  const qubits = Math.max(...parts.map((p) => p.input.qubits));
  return {
    input: {
      gateset, qubits,
      circuits: parts.map((p, i) => ({
        name: `c${i}`, circuit: [...p.input.circuit],
        ...(p.input.gateset !== gateset ? { gateset: p.input.gateset } : {}),
        ...(p.input.qubits !== qubits ? { qubits: p.input.qubits } : {}),
      })),
    },
    problems,
  };
}

/**
 * A finished mitigated multi-circuit job: the parent's probabilities per child, in circuit order.
 * Counts are those of the unfolded circuits pooled (every twirled copy at scale 1), beside the
 * mitigated values.
 */
export function decodeMultiCircuit(body: unknown, children: readonly string[] | null | undefined, m: JobMitigation, opts: IonqDecodeOptions): JobResult {
  const bad = (why: string): BackendError => new BackendError(`IonQ: unexpected multi-circuit result: ${why}`);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw bad('probabilities are not an object keyed by child job');
  const byChild = body as Record<string, unknown>;
  if (!Array.isArray(children) || children.length !== m.circuits.length) {
    throw bad(`the job lists ${Array.isArray(children) ? children.length : 'no'} child jobs for ${m.circuits.length} circuits`);
  }
  const results = children.map((id) => {
    if (!(id in byChild)) throw bad(`no probabilities for child job ${id}`);
    return decodeIonqProbabilities(byChild[id], opts);
  });
  const unfolded = results.filter((_, i) => m.circuits[i]!.scale === 1);
  const probabilities: Record<string, number> = {};
  for (const r of unfolded) for (const [k, p] of Object.entries(r.probabilities!)) probabilities[k] = (probabilities[k] ?? 0) + p / unfolded.length;
  const shots = opts.shots * unfolded.length;
  const sorted = Object.fromEntries(Object.keys(probabilities).sort().map((k) => [k, probabilities[k]!]));
  return {
    counts: largestRemainder(sorted, shots), probabilities: sorted, shots,
    mitigated: mitigateJob(m, results.map((r) => distributionOf(r.probabilities!))),
  };
}
