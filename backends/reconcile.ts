/**
 * Idempotent job creation and reconciliation, shared by the IBM and IonQ backends. A create request
 * carries a client-chosen identity (IBM: a job tag; IonQ: the job name) derived from the local job
 * id. Whenever a create may have taken effect without our learning the job id — a timeout, a lost
 * or cut-off connection, a 5xx, an unreadable answer, a crash of the submitting process — the job
 * is looked up by that identity before anything is sent again; a create is repeated only once the
 * lookup shows no job. Any later qntk process can finish the story from the record alone.
 * @see docs/backends.md §C2
 */
import { hostname } from 'node:os';
import { BackendError } from '../compiler/errors.js';
import { FINAL_STATUSES, needsReconciliation, type Backend, type JobRecord, type JobStatus, type SubmissionState } from './backend.js';
import { UncertainOutcomeError, type NetConfig } from './http.js';
import { processAlive, type JobStore } from './job-store.js';

/** A remote job found by its identity. */
export interface RemoteJobRef {
  readonly id: string;
  /** Provider's creation time (ISO), to keep the oldest when several carry one identity. */
  readonly createdAt?: string;
}

/** What a cloud backend supplies for one record. */
export interface CreateProtocol {
  /** Names the provider in messages, e.g. 'IBM Quantum'. */
  readonly service: string;
  /** How the job is identified, e.g. `tag qntk:qj-…` or `name qj-…`. */
  readonly identity: string;
  /** One create request; throws UncertainOutcomeError when it may have taken effect unseen. */
  create(): Promise<{ readonly id: string; readonly status?: string }>;
  /** Jobs carrying the identity, oldest first (a GET, retried on its own). */
  find(): Promise<readonly RemoteJobRef[]>;
  /** Cancel a duplicate; true when cancelled. */
  cancel(id: string): Promise<boolean>;
  /** Our status for the provider's status word of a freshly created or found job. */
  initialStatus(remote: string | undefined): { status: JobStatus; remote: string };
}

/** Timing of the protocol (from NetConfig). */
export interface ProtocolTiming {
  readonly net: NetConfig;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

/** The submission state a new record starts with: this process, no attempt yet. */
export function newSubmission(now = new Date()): SubmissionState {
  return { pid: process.pid, host: hostname(), attempts: 0, lastAttemptAt: now.toISOString(), ambiguous: 0 };
}

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * Create the remote job for `rec` (already stored as `pending`) without ever creating two: each
 * attempt whose outcome is unknown is followed by a lookup, and only an empty lookup allows the
 * next attempt. Resolves to the record with its remote id; a refusal marks it failed (rejected);
 * running out of attempts, or a failed lookup, leaves it `unknown` for reconciliation.
 */
export async function createIdempotently(store: JobStore, rec: JobRecord, proto: CreateProtocol, timing: ProtocolTiming): Promise<JobRecord> {
  const sleep = timing.sleep ?? defaultSleep;
  const attempts = Math.max(1, timing.net.retries + 1);
  let last = '';
  for (let k = 0; k < attempts; k++) {
    await store.update(rec.id, (r) => ({ submission: { ...submissionOf(r), attempts: k + 1, lastAttemptAt: new Date().toISOString() } }));
    let made: { id: string; status?: string };
    try {
      made = await proto.create();
    } catch (err) {
      if (!(err instanceof UncertainOutcomeError)) {
        // A refusal proves this attempt created nothing; an earlier unknown one may still surface.
        await store.update(rec.id, (r) => (submissionOf(r).ambiguous > 0
          ? { status: 'unknown', error: `create refused after an attempt with unknown outcome: ${message(err)}` }
          : { status: 'failed', error: `submission: ${message(err)}`, submission: { ...submissionOf(r), verdict: 'rejected' } }));
        throw err;
      }
      last = message(err);
      await store.update(rec.id, (r) => ({
        status: 'unknown', error: `create outcome unknown: ${last}`, submission: { ...submissionOf(r), ambiguous: submissionOf(r).ambiguous + 1 },
      }));
      await sleep(backoff(timing.net, k));
      let found: readonly RemoteJobRef[];
      try {
        found = await proto.find();
      } catch (lookupErr) {
        throw new UncertainOutcomeError(`${last}; looking the job up by its ${proto.identity} failed too (${message(lookupErr)}); qntk status ${rec.id} looks again`);
      }
      if (found.length > 0) return adopt(store, rec.id, proto, found);
      continue;
    }
    return adopt(store, rec.id, proto, [{ id: made.id }], made.status);
  }
  throw new UncertainOutcomeError(`${last} — after ${attempts} attempts no job carries its ${proto.identity}; the record stays unknown and qntk status ${rec.id} looks again`);
}

/**
 * Finish the story of a record: find the job its create request may have made (adopting the
 * oldest, cancelling any duplicate), or — once its submitter is gone and `settleMs` has passed
 * since the last attempt with no job found — record that it was never created. A record that
 * already has a remote id but had ambiguous attempts is checked once for duplicates.
 */
export async function reconcileRecord(store: JobStore, rec: JobRecord, proto: CreateProtocol, timing: ProtocolTiming): Promise<JobRecord> {
  const now = (timing.now ?? Date.now)();
  const sub = rec.submission;
  const settled = sub === undefined || now - Date.parse(sub.lastAttemptAt) >= timing.net.settleMs;
  if (rec.remoteId !== undefined) {
    if (sub === undefined || sub.ambiguous === 0 || sub.verdict === 'checked' || !settled || submitterAlive(sub)) return rec;
    const found = await proto.find();
    const dupes = await cancelDuplicates(proto, found.filter((j) => j.id !== rec.remoteId));
    return store.update(rec.id, (r) => ({ submission: { ...submissionOf(r), verdict: 'checked', ...(dupes ? { duplicates: dupes } : {}) } }));
  }
  if (!needsReconciliation(rec)) return rec;
  const found = await proto.find();
  if (found.length > 0) return adopt(store, rec.id, proto, found);
  if (sub !== undefined && submitterAlive(sub)) return rec;
  if (!settled) return rec;
  const minutes = sub === undefined ? 'long' : `${Math.round((now - Date.parse(sub.lastAttemptAt)) / 60_000)} min`;
  return store.update(rec.id, (r) => (r.remoteId !== undefined ? {} : {
    status: 'failed',
    error: `never created: no ${proto.service} job carries its ${proto.identity} ${minutes} after the last create request (${r.error ?? 'the submitting process stopped before a job id came back'}); it is safe to resubmit`,
    submission: { ...submissionOf(r), verdict: 'absent' },
  }));
}

/** Whether a record with a remote id, created after attempts of unknown outcome, is due its one duplicate check. */
export function needsDuplicateCheck(rec: JobRecord, net: NetConfig, now = Date.now()): boolean {
  const sub = rec.submission;
  if (rec.remoteId === undefined || sub === undefined || sub.ambiguous === 0 || sub.verdict === 'checked') return false;
  return now - Date.parse(sub.lastAttemptAt) >= net.settleMs;
}

/**
 * Reconcile every record of the store that needs it (no remote id, or a duplicate check due),
 * opening each record's backend with `open`; resolves to the records that could not be looked up.
 */
export async function reconcileStore(store: JobStore, open: (rec: JobRecord) => Backend, net: NetConfig): Promise<{ id: string; reason: string }[]> {
  const problems: { id: string; reason: string }[] = [];
  for (const rec of await store.list()) {
    if (!needsReconciliation(rec) && !needsDuplicateCheck(rec, net)) continue;
    try {
      await open(rec).reconcile(rec.id);
    } catch (err) {
      problems.push({ id: rec.id, reason: message(err) });
    }
  }
  return problems;
}

/** Record the oldest found job as this record's remote job; cancel the others (duplicates). */
async function adopt(store: JobStore, id: string, proto: CreateProtocol, found: readonly RemoteJobRef[], remoteStatus?: string): Promise<JobRecord> {
  const sorted = [...found].sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? ''));
  const keep = sorted[0]!;
  const dupes = await cancelDuplicates(proto, sorted.slice(1));
  const st = proto.initialStatus(remoteStatus);
  return store.update(id, (r) => {
    // Another process may have adopted it first: keep what it recorded.
    if (r.remoteId !== undefined) return {};
    return {
      remoteId: keep.id, status: st.status, remoteStatus: st.remote, error: undefined,
      submission: { ...submissionOf(r), ...(dupes ? { duplicates: dupes, verdict: 'checked' as const } : {}) },
    };
  });
}

/** Cancel jobs that duplicate an adopted one; a one-line account of what happened to each. */
async function cancelDuplicates(proto: CreateProtocol, dupes: readonly RemoteJobRef[]): Promise<string | undefined> {
  if (dupes.length === 0) return undefined;
  const notes: string[] = [];
  for (const d of dupes) {
    const ok = await proto.cancel(d.id).catch(() => false);
    notes.push(`${d.id} ${ok ? 'cancelled' : 'could not be cancelled (already finished?)'}`);
  }
  return notes.join('; ');
}

/** The submission state of a record (records written before it existed get a neutral one). */
function submissionOf(r: JobRecord): SubmissionState {
  return r.submission ?? { pid: 0, host: '', attempts: 1, lastAttemptAt: r.updatedAt, ambiguous: 1 };
}

/** Whether the process that sent the create request may still be working on it. */
export function submitterAlive(sub: SubmissionState): boolean {
  if (sub.host !== hostname() || sub.pid <= 0) return false;
  return sub.pid !== process.pid && processAlive(sub.pid);
}

function backoff(net: NetConfig, attempt: number): number {
  const base = Math.min(net.maxBackoffMs, net.backoffMs * 2 ** attempt);
  return Math.round(base * (0.75 + Math.random() * 0.5));
}

/** The one-line error for a cloud operation on a record whose job is not known yet. */
export function unconfirmed(rec: JobRecord, what: string): BackendError {
  return new BackendError(`job ${rec.id} has no ${rec.provider} job id yet (status ${rec.status}); ${what} — qntk status ${rec.id} looks it up first`);
}

/** What cancelling a cloud job needs of its backend. */
export interface CancellableBackend {
  reconcile(id: string): Promise<JobRecord>;
  status(id: string): Promise<JobRecord>;
}

/**
 * Cancel a cloud job: refuse one with no remote id yet or already final, ask the provider
 * (`request`), and record the cancellation under the provider's own status word (`cancelled`).
 */
export async function cancelCloudJob(backend: CancellableBackend, store: JobStore, id: string, provider: string, request: (remoteId: string) => Promise<boolean>, cancelled: string): Promise<JobRecord> {
  const rec = await backend.reconcile(id);
  if (rec.remoteId === undefined) throw unconfirmed(rec, 'there is nothing to cancel yet');
  if (FINAL_STATUSES.has(rec.status)) throw new BackendError(`job ${rec.id} is already ${rec.status}; nothing to cancel`);
  const ok = await request(rec.remoteId);
  const now = await backend.status(rec.id);
  if (!ok) throw new BackendError(`job ${rec.id} cannot be cancelled: ${provider} reports it ${now.remoteStatus ?? now.status}`);
  if (now.status === 'cancelled') return now;
  return store.update(rec.id, () => ({ status: 'cancelled', remoteStatus: cancelled }));
}
