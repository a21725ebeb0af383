/**
 * The Backend contract shared by the local simulator, IBM Quantum and IonQ: submit a finished
 * circuit, ask for its status, fetch its result, cancel it. Every job is a JobRecord in the job
 * store (backends/job-store.ts); the record, not the process, is the source of truth.
 */
import type { Circuit } from '../compiler/circuit/index.js';
import { BackendError } from '../compiler/errors.js';

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
  readonly result?: JobResult;
}

/** Options of one submission (one typed object). */
export interface SubmitOptions {
  /** Shots; undefined lets the backend choose (local: exact probabilities). */
  readonly shots?: number;
  /** Noise model: IonQ simulator model name, or a calibration device name for the local backend. */
  readonly noise?: string;
  /** Seed for sampling / noisy simulation where the backend supports one. */
  readonly seed?: number;
}

/** An HTTP request exactly as it would be sent, with secrets already redacted (for --dry-run). */
export interface RequestPreview {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** The one contract every execution target implements. */
export interface Backend {
  readonly provider: Provider;
  /** Device name, e.g. `ibm_kingston`, `qpu.forte-1`, `simulator`. */
  readonly name: string;
  /** Validate, record the intent, submit, record the remote id; resolves to the stored record. */
  submit(circuit: Circuit, options: SubmitOptions): Promise<JobRecord>;
  /** Refresh and return the stored record of job `id` (local id). */
  status(id: string): Promise<JobRecord>;
  /** The result of a completed job (fetched once, then served from the store). */
  result(id: string): Promise<JobResult>;
  /** Ask the provider to cancel; resolves to the updated record. */
  cancel(id: string): Promise<JobRecord>;
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

/** The error for asking the result of a job that has none (yet). */
export function notReady(rec: JobRecord): BackendError {
  if (rec.status === 'failed') return new BackendError(`job ${rec.id} failed: ${rec.error ?? 'no reason given'}`);
  if (rec.status === 'cancelled') return new BackendError(`job ${rec.id} was cancelled; it has no result`);
  if (rec.status === 'pending' || rec.status === 'unknown') {
    return new BackendError(`job ${rec.id} was never confirmed by ${rec.provider} (${rec.error ?? 'no remote id'}); check the provider's job list and resubmit if needed`);
  }
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
    if (FINAL_STATUSES.has(rec.status) || rec.status === 'pending' || rec.status === 'unknown') return rec;
    const left = poll.timeoutMs - (Date.now() - start);
    if (left <= 0) {
      throw new BackendError(`job ${rec.id} is still ${rec.remoteStatus ?? rec.status} after ${Math.round(poll.timeoutMs / 1000)} s of waiting; it keeps running: check with qntk status ${rec.id} (QNTK_POLL_TIMEOUT_MS sets the limit)`);
    }
    await sleep(Math.min(interval, left));
    interval = Math.min(poll.maxIntervalMs, Math.ceil(interval * 1.5));
  }
}
