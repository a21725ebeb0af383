/**
 * Submission preparation, the one path from a source circuit to what a backend sends: ask the
 * backend for its target (live device data or built-in), measure every qubit of a circuit that
 * measures nothing when layout and routing will move its qubits, lower it with `transpile`, then
 * let the backend check it (ISA, IBM's runtime rules, IonQ's formats, the local simulator's memory)
 * and run any pre-submit checks the caller adds. Backends prepare what they send, so this is the
 * one place in backends/ that calls the compiler's passes.
 * @see docs/backends.md §C5
 */
import { bindParameters, CircuitBuilder, isParameterized, type Circuit, type ParameterValues } from '../compiler/circuit/index.js';
import { TargetError, ValidationError } from '../compiler/errors.js';
import type { Progress } from '../compiler/progress.js';
import type { Target } from '../passes/targets/target.js';
import { transpile } from '../passes/transpile.js';
import type { SubmissionPrediction } from './predicted-success.js';
import { checkedParameterValues, type Backend, type SubmitOptions } from './backend.js';

/**
 * A check run on the circuit about to be sent, after lowering and the backend's own checks:
 * returns warnings to show, alone or with the predicted success it found; throws to refuse the
 * submission.
 */
export type PreSubmitCheck = (input: PreSubmitInput) => PreSubmitOutcome | Promise<PreSubmitOutcome>;

export type PreSubmitOutcome = readonly string[] | { readonly warnings: readonly string[]; readonly predicted?: SubmissionPrediction };

export interface PreSubmitInput {
  readonly circuit: Circuit;
  readonly target: Target | null;
  readonly backend: Backend;
  readonly options: SubmitOptions;
}

export interface PrepareOptions {
  /** Lower the circuit for the backend's target (false: send it as written, still checked). */
  readonly transpile: boolean;
  /** Read the target from the provider (true for a real submission); false uses built-in data. */
  readonly live: boolean;
  /** Seed of layout and routing (default 1), so a submission is reproducible. */
  readonly seed?: number;
  /** Stage events: 'target', 'lower', 'check' (the CLI draws them on a terminal). */
  readonly progress?: Progress;
  /** Extra checks before anything is recorded or sent. */
  readonly checks?: readonly PreSubmitCheck[];
}

export interface PreparedSubmission {
  /** The circuit to preview or submit. */
  readonly circuit: Circuit;
  /** What it was lowered for and checked against (null: the backend takes any circuit). */
  readonly target: Target | null;
  /** Whether it was lowered, and whether measurements of every qubit were added. */
  readonly lowered: boolean;
  readonly measuredAll: boolean;
  /** Warnings of the pre-submit checks, one line each. */
  readonly warnings: readonly string[];
  /** ESP and duration, when a pre-submit check predicted them (or why it could not). */
  readonly predicted?: SubmissionPrediction;
  /**
   * The value sets of the source's input parameters, converted to their types; the circuit keeps
   * the inputs symbolic when the backend takes values, else it was bound to the one set.
   */
  readonly parameterValues: readonly ParameterValues[];
}

const STAGES = ['target', 'lower', 'check'] as const;

/** Lower and check `source` for `backend`; throws one TargetError listing every problem. */
export async function prepareSubmission(backend: Backend, input: Circuit, options: SubmitOptions, prep: PrepareOptions): Promise<PreparedSubmission> {
  const stage = (i: number): void => prep.progress?.({ stage: STAGES[i]!, done: i, total: STAGES.length });
  // Input parameters: checked before any work. A backend that takes values gets the circuit
  // symbolic, lowered once for every set; any other gets it bound to its one set.
  const parameterValues = checkedParameterValues(input, options.parameterValues);
  let source = input;
  if (isParameterized(input) && !backend.takesParameterValues) {
    if (parameterValues.length !== 1) {
      throw new ValidationError(`${backend.provider}:${backend.name} runs one value set per job (it takes no parameter values of its own); give one set of values, not ${parameterValues.length}`);
    }
    source = bindParameters(input, parameterValues[0]!);
  }
  stage(0);
  let target: Target | null;
  try {
    target = await backend.target(options, { live: prep.live });
  } catch (err) {
    // Without device data a circuit sent as written can still be previewed, unchecked against a device.
    if (!(err instanceof TargetError) || prep.transpile || prep.live) throw err;
    target = null;
  }
  // Layout and routing move logical qubits: explicit measurements keep results over the source's qubits.
  const measuredAll = prep.transpile && target !== null && target.coupling !== null && !measures(source);
  const measured = measuredAll ? measureAll(source) : source;
  stage(1);
  const lowered = prep.transpile && target !== null;
  const circuit = lowered ? transpile(measured, target!, { seed: prep.seed ?? 1 }).circuit : measured;
  stage(2);
  const problems = await backend.check(circuit, options, target);
  if (problems.length > 0) throw new TargetError(notSendable(`${backend.provider}:${backend.name}`, problems));
  const warnings: string[] = [];
  let predicted: SubmissionPrediction | undefined;
  for (const check of prep.checks ?? []) {
    const found = await check({ circuit, target, backend, options });
    if (isStrings(found)) warnings.push(...found);
    else {
      warnings.push(...found.warnings);
      predicted = found.predicted ?? predicted;
    }
  }
  return { circuit, target, lowered, measuredAll, warnings, parameterValues, ...(predicted !== undefined ? { predicted } : {}) };
}

/** The one-line refusal listing every problem. */
export function notSendable(where: string, problems: readonly string[]): string {
  return `circuit does not fit ${where}, nothing was submitted (${problems.length} problem${problems.length > 1 ? 's' : ''}): ${problems.join('; ')}`;
}

function isStrings(o: PreSubmitOutcome): o is readonly string[] {
  return Array.isArray(o);
}

function measures(circuit: Circuit): boolean {
  return circuit.instructions.some((i) => i.gate === 'measure');
}

/**
 * Add `meas[i] = measure q[i]` for every qubit when the circuit measures nothing (as Qiskit's
 * measure_all), so that results stay over the logical qubits after layout and routing.
 */
export function measureAll(circuit: Circuit): Circuit {
  if (measures(circuit)) return circuit;
  const b = CircuitBuilder.from(circuit);
  const taken = new Set([...circuit.qregs, ...circuit.cregs].map((r) => r.name));
  let name = 'meas';
  while (taken.has(name)) name = `${name}_`;
  const bits = b.addCreg(name, circuit.numQubits);
  for (let q = 0; q < circuit.numQubits; q++) b.measure(q, bits[q]!);
  return b.build();
}
