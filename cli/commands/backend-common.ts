/** Shared pieces of the job commands (submit, status, result, jobs, cancel, backends): store, backends, printing. */
import type { Backend, JobRecord, JobResult } from '../../backends/backend.js';
import { FINAL_STATUSES } from '../../backends/backend.js';
import { redact } from '../../backends/http.js';
import { JobStore } from '../../backends/job-store.js';
import { openBackend } from '../../backends/open.js';
import type { Circuit } from '../../compiler/circuit/index.js';
import { printQasm } from '../../compiler/qasm/index.js';
import type { CliIo } from '../io.js';

/** The job store of this invocation ($QNTK_HOME from the injected environment). */
export function storeOf(io: CliIo): JobStore {
  return JobStore.fromEnv(io.env);
}

/** Every secret the environment holds, for a last redaction pass over anything printed. */
export function envSecrets(io: CliIo): string[] {
  return [io.env.QNTK_IBM_TOKEN, io.env.QISKIT_IBM_TOKEN, io.env.IONQ_API_KEY].filter((s): s is string => typeof s === 'string' && s.length >= 4);
}

/** Write text to stdout with every known secret redacted. */
export function out(io: CliIo, text: string): void {
  io.stdout(redact(text, envSecrets(io)));
}

/** One JSON object on stdout (secrets redacted). */
export function outJson(io: CliIo, value: unknown): void {
  out(io, `${JSON.stringify(value, null, 2)}\n`);
}

/** IonQ jobs that need ionq.qasm3.v1 are printed with virtual qubit registers. */
const qasm3 = (c: Circuit): string => printQasm(c);

/** The backend a stored job belongs to; credentials are needed only if `needsNetwork`. */
export function backendFor(rec: JobRecord, io: CliIo, store: JobStore, needsNetwork: boolean): Backend {
  return openBackend({ provider: rec.provider, name: rec.backend }, { env: io.env, store, requireCredentials: needsNetwork, qasm3 });
}

/** Whether asking the provider could change what the store says. */
export function needsRefresh(rec: JobRecord): boolean {
  return rec.provider !== 'local' && rec.remoteId !== undefined && !(FINAL_STATUSES.has(rec.status) && (rec.status !== 'completed' || rec.result !== undefined));
}

export { qasm3 as ionqQasm3 };

/** `provider:backend` as users type it. */
export function specOf(rec: JobRecord): string {
  return rec.provider === 'local' ? 'local' : `${rec.provider}:${rec.backend}`;
}

/** One human line per record state. */
export function describeRecord(rec: JobRecord): string {
  const remote = rec.remoteId !== undefined ? ` (${rec.provider} job ${rec.remoteId}${rec.remoteStatus ? `, ${rec.remoteStatus}` : ''})` : '';
  const err = rec.error !== undefined ? `\n  ${rec.error}` : '';
  return `${rec.id}  ${specOf(rec)}  ${rec.status}${remote}${err}\n`;
}

/** Result JSON: {id, status, counts, probabilities?}. */
export function resultJson(rec: JobRecord, res: JobResult): Record<string, unknown> {
  return { id: rec.id, status: rec.status, counts: res.counts, ...(res.probabilities !== undefined ? { probabilities: res.probabilities } : {}) };
}

/** Counts (or probabilities) as aligned lines, most frequent first. */
export function describeResult(res: JobResult): string {
  const useCounts = Object.keys(res.counts).length > 0;
  const dist = useCounts ? res.counts : (res.probabilities ?? {});
  const rows = Object.entries(dist).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const head = useCounts ? `${res.shots} shots\n` : 'exact probabilities\n';
  return head + rows.map(([k, v]) => `  ${k}  ${useCounts ? v : v.toPrecision(6)}\n`).join('');
}
