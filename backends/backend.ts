/**
 * The Backend contract shared by the local simulator, IBM Quantum and IonQ: name the target it
 * compiles for, check and preview a circuit, submit it, ask for its status, fetch its result,
 * cancel it, reconcile a record whose create response was lost. Every job is a JobRecord in the
 * job store (backends/job-store.ts); the record, not the process, is the source of truth.
 * @see docs/backends.md §C
 */
import { convertParameterSets, type Circuit, type ParameterValues } from '../compiler/circuit/index.js';
import { BackendError, ValidationError } from '../compiler/errors.js';
import type { JobMitigation, MitigatedResult } from '../mitigation/job.js';
import type { Mitigation } from '../mitigation/methods.js';
import type { Calibration } from '../passes/targets/calibration.js';
import type { Target, Violation } from '../passes/targets/target.js';

/** Where a job runs. */
export type Provider = 'local' | 'ibm' | 'ionq';

/**
 * Normalised job states.
 * - `pending`: intent recorded, the create request has not been confirmed (a crash here leaves it).
 * - `unknown`: the create request was sent but its outcome is unknown (timeout / dropped connection).
 */
export type JobStatus = 'pending' | 'queued' | 'running' | 'completed' | 'failed' | 'cancelled' | 'unknown';

/** States after which a job never changes again. */
export const FINAL_STATUSES: ReadonlySet<JobStatus> = new Set<JobStatus>(['completed', 'failed', 'cancelled']);

/** A classical register as the result decoder needs it (clbit range). */
export interface RegisterInfo {
  readonly name: string;
  readonly start: number;
  readonly size: number;
}

/**
 * What a job produced. Bitstrings are over the circuit's classical bits when it measures (c[0]
 * rightmost, registers declared later further left), else over all qubits (qubit 0 rightmost).
 */
export interface JobResult {
  readonly counts: Readonly<Record<string, number>>;
  /** Exact or estimated probabilities when the backend returns them (local exact, IonQ). */
  readonly probabilities?: Readonly<Record<string, number>>;
  readonly shots: number;
  /** Counts per classical register (IBM returns one sample array per register). */
  readonly registers?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** A mitigated job: quasi-probabilities and expectation values beside the raw counts above. */
  readonly mitigated?: MitigatedResult;
  /**
   * A job over several value sets of the circuit's input parameters: one result per set, in the
   * order submitted (`counts` etc. above are then those of the first set).
   */
  readonly sweep?: readonly SweepPoint[];
}

/** The result of one value set of a parameter sweep. */
export interface SweepPoint {
  /** The values bound (after conversion to each input's type). */
  readonly values: ParameterValues;
  readonly counts: Readonly<Record<string, number>>;
  readonly probabilities?: Readonly<Record<string, number>>;
  readonly shots: number;
  readonly registers?: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** One job as the store keeps it. Never holds secrets. */
export interface JobRecord {
  /** Local id (`qj-…`), what `qntk status ID` takes. */
  readonly id: string;
  readonly provider: Provider;
  readonly backend: string;
  /** The provider's job id, once the create request returned. */
  readonly remoteId?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** sha256 of the program text or request body sent. */
  readonly programHash: string;
  readonly shots?: number;
  readonly status: JobStatus;
  /** Provider's own status word (e.g. IBM `Queued`, IonQ `started`). */
  readonly remoteStatus?: string;
  /** One line explaining a failure or an unknown outcome. */
  readonly error?: string;
  readonly qubits: number;
  readonly clbits: number;
  /** Classical registers, to decode results. */
  readonly cregs: readonly RegisterInfo[];
  /** Qubit measured into each clbit (−1 if none), for providers that return qubit states (IonQ). */
  readonly measuredQubits?: readonly number[];
  /** Free-form, secret-free extras (noise model, gate set, request type). */
  readonly details?: Readonly<Record<string, string | number | boolean>>;
  /** The value sets bound to the circuit's input parameters (converted to their types), in order. */
  readonly parameterValues?: readonly ParameterValues[];
  /** How the create request went, for records of cloud jobs (see reconcile.ts). */
  readonly submission?: SubmissionState;
  /** A mitigated job: what `result` needs (circuits' scales, observables, readout calibration). */
  readonly mitigation?: JobMitigation;
  readonly result?: JobResult;
}

/**
 * IBM Sampler V2 Pauli twirling, done by the service (`options.twirling`).
 * @see docs/backends.md §A4
 */
export interface SamplerTwirling {
  /** Twirl two-qubit gate layers (default true when this object is given). */
  readonly enableGates?: boolean;
  /** Twirl measurements. */
  readonly enableMeasure?: boolean;
  /** Randomizations per pub, or 'auto' (the service chooses). */
  readonly numRandomizations?: number | 'auto';
  /** Shots per randomization, or 'auto'. */
  readonly shotsPerRandomization?: number | 'auto';
  /** Which qubits of a twirled layer are twirled. */
  readonly strategy?: 'active' | 'active-accum' | 'active-circuit' | 'all';
}

/**
 * IBM Sampler V2 dynamical decoupling, done by the service (`options.dynamical_decoupling`).
 * @see docs/backends.md §A4
 */
export interface SamplerDynamicalDecoupling {
  /** Pulse sequence in idle windows (the service's default when absent). */
  readonly sequenceType?: 'XX' | 'XpXm' | 'XY4';
  readonly extraSlackDistribution?: 'middle' | 'edges';
  readonly schedulingMethod?: 'alap' | 'asap';
  readonly skipResetQubits?: boolean;
}

/** Options of one submission (one typed object). */
export interface SubmitOptions {
  /** Shots; undefined lets the backend choose (local: exact probabilities). */
  readonly shots?: number;
  /** Noise model: IonQ simulator model name, or a calibration device name for the local backend. */
  readonly noise?: string;
  /** Seed for sampling / noisy simulation where the backend supports one. */
  readonly seed?: number;
  /** IBM only: the Sampler's own Pauli twirling. */
  readonly twirling?: SamplerTwirling;
  /** IBM only: the Sampler's own dynamical decoupling. */
  readonly dynamicalDecoupling?: SamplerDynamicalDecoupling;
  /**
   * Values of the circuit's input parameters: one set, or several for a sweep (one job, one
   * result per set). Backends that take parameters (`takesParameterValues`) receive the circuit
   * symbolic with these values; for the others the circuit is bound before lowering.
   */
  readonly parameterValues?: readonly ParameterValues[];
  /** Error mitigation of the job (plan-mitigation.ts plans it). */
  readonly mitigation?: SubmitMitigation;
}

/** The circuits and the record of a mitigated submission. */
export interface SubmitMitigation {
  /** Every circuit the job runs, in the order of `record.circuits` (the prepared circuit first, or its twirled copies). */
  readonly circuits: readonly Circuit[];
  /** Kept in the job record: what `result` mitigates with. */
  readonly record: JobMitigation;
  /** The local simulator runs the mitigations itself: the requested noise scales and twirl randomizations. */
  readonly simulation?: { readonly scales: readonly number[]; readonly randomizations: number };
}

/**
 * How a backend runs each error-mitigation method: by the provider's own option ('service'), by
 * extra circuits in the same job ('circuits'), from a readout calibration ('calibration'), inside
 * the noisy simulation ('simulation'), or not at all (the reason, one line).
 */
export type MitigationSupport = Readonly<Record<Mitigation, 'service' | 'circuits' | 'calibration' | 'simulation' | { readonly refused: string }>>;

/** The calibration a backend's circuits are judged by, and where it comes from. */
export interface BackendCalibration {
  readonly calibration: Calibration;
  /** E.g. "ibm_fez live properties (2026-08-01)", "IonQ published figures". */
  readonly source: string;
}

/** An HTTP request exactly as it would be sent, with secrets already redacted (for --dry-run). */
export interface RequestPreview {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  /** One line saying what the body holds (program format, shots, the tag or name that identifies the job). */
  readonly summary: string;
}

/** Where a target's data came from. */
export interface TargetRequest {
  /** Read the device from the provider (needs credentials and network) rather than built-in data. */
  readonly live: boolean;
}

/** The one contract every execution target implements. */
export interface Backend {
  readonly provider: Provider;
  /** Device name, e.g. `ibm_kingston`, `qpu.forte-1`, `simulator`. */
  readonly name: string;
  /**
   * The backend takes a circuit with input parameters and the value sets to bind (IBM's Sampler
   * binds the values of a pub; the local simulator binds each set): a sweep is one job, compiled
   * once. Otherwise the circuit is bound before it is lowered, and a sweep is refused.
   */
  readonly takesParameterValues?: boolean;
  /**
   * The target circuits are compiled for: the provider's live data when `live`, built-in data
   * otherwise (TargetError when there is none); null when the backend runs any circuit of the IR as
   * written (the local simulator without a noise device). Validates the options that decide it.
   */
  target(options: SubmitOptions, how?: TargetRequest): Promise<Target | null>;
  /**
   * Every reason `circuit` cannot be sent as it is (empty when it can), each reason once with its
   * count; `target` is what target() returned. Throws ResourceError for what no circuit change fixes.
   */
  check(circuit: Circuit, options: SubmitOptions, target: Target | null): Promise<readonly string[]>;
  /** The exact create request, secrets redacted, without sending anything; null for the local simulator. */
  preview(circuit: Circuit, options: SubmitOptions): RequestPreview | null;
  /** Validate, record the intent, submit, record the remote id; resolves to the stored record. */
  submit(circuit: Circuit, options: SubmitOptions): Promise<JobRecord>;
  /** Reconcile, refresh and return the stored record of job `id` (local id). */
  status(id: string): Promise<JobRecord>;
  /** The result of a completed job (fetched once, then served from the store). */
  result(id: string): Promise<JobResult>;
  /** Ask the provider to cancel; resolves to the updated record. */
  cancel(id: string): Promise<JobRecord>;
  /**
   * For a record without a remote id (crash, lost response): look its job up by the tag or name the
   * create request carried, and record what is found. Any other record is returned unchanged.
   */
  reconcile(id: string): Promise<JobRecord>;
  /** Jobs waiting on this device, where the provider reports it. */
  queueLength?(): Promise<number | undefined>;
  /**
   * The calibration of `target` (what target() returned) for predicted success and readout
   * mitigation: live device data where read, else built-in data; undefined when there is none.
   */
  calibration?(target: Target | null, options: SubmitOptions): BackendCalibration | undefined;
  /** How this backend runs each mitigation method for these options. */
  mitigationSupport?(options: SubmitOptions): MitigationSupport;
}

/**
 * The create request's story, kept so that any later qntk process can finish it: who sent it, when
 * the last attempt went out, how many attempts left their outcome unknown, and the verdict.
 */
export interface SubmissionState {
  /** Process and host that sent the create request (to tell a crashed submitter from a live one). */
  readonly pid: number;
  readonly host: string;
  /** Create requests sent so far, and the time of the last one (ISO). */
  readonly attempts: number;
  readonly lastAttemptAt: string;
  /** Attempts whose outcome was unknown (timeout, lost connection, 5xx, unreadable answer). */
  readonly ambiguous: number;
  /**
   * `rejected`: the provider refused the request (nothing was created); `absent`: no job carries
   * the tag long after the last attempt (never created); `checked`: duplicates were looked for.
   */
  readonly verdict?: 'rejected' | 'absent' | 'checked';
  /** Remote jobs found carrying the same tag besides the adopted one, with what became of them. */
  readonly duplicates?: string;
}

/** Violation messages for people: each distinct reason once, with its count. */
export function groupViolations(violations: readonly Violation[]): string[] {
  const out = new Map<string, number>();
  for (const viol of violations) {
    const m = viol.message.replace(/^instruction \d+: /, '');
    out.set(m, (out.get(m) ?? 0) + 1);
  }
  return [...out.entries()].map(([m, n]) => (n > 1 ? `${m} (×${n})` : m));
}

/** Classical registers of a circuit in the store's shape. */
export function registerInfo(circuit: Circuit): RegisterInfo[] {
  return circuit.cregs.map((r) => ({ name: r.name, start: r.start, size: r.size }));
}

/** For each clbit, the qubit last measured into it (−1 if never measured). */
export function measuredQubits(circuit: Circuit): number[] {
  const out = new Array<number>(circuit.numClbits).fill(-1);
  for (const inst of circuit.instructions) {
    if (inst.gate !== 'measure') continue;
    inst.qubits.forEach((q, i) => {
      const c = inst.clbits?.[i];
      if (c !== undefined) out[c] = q;
    });
  }
  return out;
}

/**
 * Whether a record may have a remote job it does not know about: a cloud record without a remote id
 * that is not known to have been refused or never created. Such records are looked up by the tag
 * or name their create request carried, never resubmitted blindly.
 */
export function needsReconciliation(rec: JobRecord): boolean {
  if (rec.provider === 'local' || rec.remoteId !== undefined) return false;
  const verdict = rec.submission?.verdict;
  if (rec.status === 'pending' || rec.status === 'unknown') return true;
  return rec.status === 'failed' && verdict !== 'rejected' && verdict !== 'absent';
}

/** Whether asking the provider could change what the store says about `rec`. */
export function needsRefresh(rec: JobRecord): boolean {
  if (rec.provider === 'local') return false;
  if (needsReconciliation(rec)) return true;
  if (rec.remoteId === undefined) return false;
  return !(FINAL_STATUSES.has(rec.status) && (rec.status !== 'completed' || rec.result !== undefined));
}

/** The error for asking the result of a job that has none (yet); never invites a duplicate. */
export function notReady(rec: JobRecord): BackendError {
  if (needsReconciliation(rec)) {
    return new BackendError(`job ${rec.id} is not confirmed by ${rec.provider} yet: no job carrying its tag was found so far (${rec.error ?? 'no remote id'}); its create request may still be in flight — check again with qntk status ${rec.id}; do not resubmit before then`);
  }
  if (rec.status === 'failed') return new BackendError(`job ${rec.id} failed: ${rec.error ?? 'no reason given'}`);
  if (rec.status === 'cancelled') return new BackendError(`job ${rec.id} was cancelled; it has no result`);
  return new BackendError(`job ${rec.id} is ${rec.remoteStatus ?? rec.status}; no result yet (qntk status ${rec.id}, or submit with --wait)`);
}

/** Polling schedule of waitForJob (from NetConfig). */
export interface PollOptions {
  readonly intervalMs: number;
  readonly maxIntervalMs: number;
  readonly timeoutMs: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Called after every poll (the CLI may report progress). */
  readonly onPoll?: (rec: JobRecord) => void;
}

/**
 * Poll `backend.status(id)` with growing intervals (×1.5, capped) until the job is final or
 * `timeoutMs` has passed; on timeout a BackendError says how to look again later (the job
 * keeps running and stays in the store).
 */
export async function waitForJob(backend: Backend, id: string, poll: PollOptions): Promise<JobRecord> {
  const sleep = poll.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const start = Date.now();
  let interval = Math.max(1, poll.intervalMs);
  for (;;) {
    const rec = await backend.status(id);
    poll.onPoll?.(rec);
    if (FINAL_STATUSES.has(rec.status) || needsReconciliation(rec)) return rec;
    const left = poll.timeoutMs - (Date.now() - start);
    if (left <= 0) {
      throw new BackendError(`job ${rec.id} is still ${rec.remoteStatus ?? rec.status} after ${Math.round(poll.timeoutMs / 1000)} s of waiting; it keeps running: check with qntk status ${rec.id} (QNTK_POLL_TIMEOUT_MS sets the limit)`);
    }
    await sleep(Math.min(interval, left));
    interval = Math.min(poll.maxIntervalMs, Math.ceil(interval * 1.5));
  }
}

/**
 * The value sets converted to their inputs' types (an angle wrapped and rounded to its width,
 * float[32] rounded), checked against the circuit's inputs: every input has a value in every set
 * and no name is foreign. Empty for a circuit without inputs (which takes no values).
 */
export function checkedParameterValues(circuit: Circuit, sets: readonly ParameterValues[] | undefined): ParameterValues[] {
  const inputs = circuit.parameters ?? [];
  if (inputs.length === 0) {
    if (sets !== undefined && sets.length > 0) throw new ValidationError(`the circuit has no input parameters, but values were given for ${Object.keys(sets[0]!).join(', ')}`);
    return [];
  }
  if (sets === undefined || sets.length === 0) {
    throw new ValidationError(`the circuit has input parameters ${inputs.map((p) => p.name).join(', ')}; give their values (one set, or several for a sweep)`);
  }
  return convertParameterSets(circuit, sets);
}
