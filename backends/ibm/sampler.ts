/**
 * The Sampler V2 job body: one OpenQASM 3 pub with its shots, plain-JSON results
 * (`support_qiskit: false`), the qntk tag that identifies the job, and the Sampler's own error
 * suppression — Pauli twirling and dynamical decoupling — in `params.options` with IBM's field
 * names. Options are validated here, so a typo fails before submission instead of in the queue.
 * @see docs/backends.md §A4
 */
import type { Circuit, ParameterValues } from '../../compiler/circuit/index.js';
import { ValidationError } from '../../compiler/errors.js';
import type { SamplerDynamicalDecoupling, SamplerTwirling, SubmitOptions } from '../backend.js';

export interface SamplerBodyOptions {
  /** The tag that lets a job whose create response was lost be found again. */
  readonly tag?: string;
  readonly twirling?: SamplerTwirling;
  readonly dynamicalDecoupling?: SamplerDynamicalDecoupling;
  /** Programs run after the first in the same job, each as its own pub with the same shots (mitigation circuits). */
  readonly extraPrograms?: readonly string[];
  /** The pub's parameter values (samplerParameterValues), or absent for a circuit without inputs. */
  readonly parameterValues?: Readonly<Record<string, number | readonly number[]>>;
}

/**
 * A pub's parameter values as IBM's Sampler takes them: a mapping from each input's name to its
 * value (one set) or to the array of its values (a sweep: the pub's shape is the number of sets).
 * @see docs/backends.md §A4
 */
export function samplerParameterValues(sets: readonly ParameterValues[]): Record<string, number | number[]> | undefined {
  if (sets.length === 0) return undefined;
  const names = Object.keys(sets[0]!);
  return Object.fromEntries(names.map((n) => [n, sets.length === 1 ? sets[0]![n]! : sets.map((s) => s[n]!)]));
}

const STRATEGIES = ['active', 'active-accum', 'active-circuit', 'all'];
const SEQUENCES = ['XX', 'XpXm', 'XY4'];
const SLACK = ['middle', 'edges'];
const SCHEDULING = ['alap', 'asap'];

/** A positive integer or 'auto'. */
function countOrAuto(name: string, v: number | 'auto' | undefined): void {
  if (v === undefined || v === 'auto' || (Number.isInteger(v) && v >= 1)) return;
  throw new ValidationError(`Sampler twirling ${name} ${String(v)}: give a positive integer or 'auto'`);
}

function oneOf(name: string, v: string | undefined, allowed: readonly string[]): void {
  if (v !== undefined && !allowed.includes(v)) throw new ValidationError(`Sampler ${name} '${v}': use one of ${allowed.join(', ')}`);
}

/**
 * Refuse Sampler options IBM would reject, and combinations it documents as invalid: dynamical
 * decoupling cannot be combined with dynamic circuits (classically conditioned gates).
 */
export function validateSamplerOptions(options: SubmitOptions, circuit?: Circuit): void {
  const t = options.twirling;
  if (t !== undefined) {
    countOrAuto('numRandomizations', t.numRandomizations);
    countOrAuto('shotsPerRandomization', t.shotsPerRandomization);
    oneOf('twirling strategy', t.strategy, STRATEGIES);
  }
  const dd = options.dynamicalDecoupling;
  if (dd !== undefined) {
    oneOf('dynamical decoupling sequence', dd.sequenceType, SEQUENCES);
    oneOf('dynamical decoupling slack distribution', dd.extraSlackDistribution, SLACK);
    oneOf('dynamical decoupling scheduling', dd.schedulingMethod, SCHEDULING);
    if (circuit?.instructions.some((i) => i.condition !== undefined)) {
      throw new ValidationError('dynamical decoupling cannot be combined with classically conditioned gates (IBM runs no DD on dynamic circuits); drop one of them');
    }
  }
}

/** `params.options` in IBM's snake_case, or undefined when no option is set. */
export function samplerOptions(o: SamplerBodyOptions): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  const t = o.twirling;
  if (t !== undefined) {
    out.twirling = defined({
      enable_gates: t.enableGates ?? true, enable_measure: t.enableMeasure, num_randomizations: t.numRandomizations,
      shots_per_randomization: t.shotsPerRandomization, strategy: t.strategy,
    });
  }
  const dd = o.dynamicalDecoupling;
  if (dd !== undefined) {
    out.dynamical_decoupling = defined({
      enable: true, sequence_type: dd.sequenceType, extra_slack_distribution: dd.extraSlackDistribution,
      scheduling_method: dd.schedulingMethod, skip_reset_qubits: dd.skipResetQubits,
    });
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Sampler V2 job body: the first pub `[program, parameter values or null, shots]`, then one per extra program. */
export function samplerJobBody(backend: string, program: string, shots: number, o: SamplerBodyOptions = {}): Record<string, unknown> {
  const options = samplerOptions(o);
  const pubs: unknown[] = [[program, o.parameterValues ?? null, shots]];
  for (const p of o.extraPrograms ?? []) pubs.push([p, null, shots]);
  return {
    program_id: 'sampler',
    backend,
    ...(o.tag !== undefined ? { tags: [o.tag] } : {}),
    params: { pubs, version: 2, support_qiskit: false, ...(options !== undefined ? { options } : {}) },
  };
}

/** One line describing a Sampler body, for previews. */
export function describeSamplerBody(body: Record<string, unknown>, program: string): string {
  const params = body.params as { pubs: [string, Record<string, number | number[]> | null, number][]; options?: Record<string, unknown> };
  const [, values, shots] = params.pubs[0]!;
  const opts = params.options === undefined ? '' : `, options: ${Object.keys(params.options).join(', ')}`;
  const lines = program.split('\n').length - 1;
  const tags = Array.isArray(body.tags) ? `, tag ${String(body.tags[0])}` : '';
  let inputs = '';
  if (values !== null) {
    const names = Object.keys(values);
    const first = values[names[0]!];
    const sets = Array.isArray(first) ? first.length : 1;
    inputs = `, parameter values for ${names.join(', ')} (${sets} set${sets > 1 ? 's' : ''})`;
  }
  const more = params.pubs.length > 1 ? ` + ${params.pubs.length - 1} mitigation pub${params.pubs.length > 2 ? 's' : ''}` : '';
  return `Sampler V2 job on ${String(body.backend)}: 1 pub (OpenQASM 3, ${lines} lines${inputs})${more}, ${shots} shots${perSet(values)}${params.pubs.length > 1 ? ' each' : ''}${opts}${tags}`;
}

/** ` per set` when a sweep runs the shots once for each value set. */
function perSet(values: Record<string, number | number[]> | null): string {
  return values !== null && Object.values(values).some(Array.isArray) ? ' per set' : '';
}

function defined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
