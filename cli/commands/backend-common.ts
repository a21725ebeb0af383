/** Shared pieces of the job commands (submit, status, result, jobs, cancel, backends): store, backends, redacted printing. */
import type { Backend, JobRecord, JobResult } from '../../backends/backend.js';
import { JobStore } from '../../backends/job-store.js';
import { openBackend } from '../../backends/open.js';
import { envSecrets, redactorFor } from '../../backends/redact.js';
import type { Circuit } from '../../compiler/circuit/index.js';
import type { Progress } from '../../compiler/progress.js';
import { printQasm } from '../../compiler/qasm/index.js';
import type { CliIo } from '../io.js';

/** The job store of this invocation ($QNTK_HOME from the injected environment). */
export function storeOf(io: CliIo): JobStore {
  return JobStore.fromEnv(io.env);
}

/** `text` with every credential of the environment redacted (in every spelling, and every 8-character piece). */
export function scrub(io: CliIo, text: string): string {
  return redactorFor(envSecrets(io.env)).redact(text);
}

/** Write text to stdout with every known secret redacted. */
export function out(io: CliIo, text: string): void {
  io.stdout(scrub(io, text));
}

/** Write a line to stderr with every known secret redacted. */
export function note(io: CliIo, text: string): void {
  io.stderr(scrub(io, text));
}

/** One JSON object on stdout (secrets redacted). */
export function outJson(io: CliIo, value: unknown): void {
  out(io, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Run a job command with its errors redacted: whatever a provider echoed into an error, the line
 * printed on stderr carries no credential of the environment.
 */
export async function redacting(io: CliIo, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof Error) {
      err.message = scrub(io, err.message);
      if (err.stack !== undefined) err.stack = scrub(io, err.stack);
    }
    throw err;
  }
}

const STAGE_LABELS: Readonly<Record<string, string>> = {
  target: 'reading the device target',
  lower: 'lowering the circuit for the device',
  check: 'checking the circuit against the device',
  request: 'building the request',
  write: 'writing the request',
};

/**
 * Stage lines on stderr while a submission is prepared: shown at once (a stage such as lowering
 * blocks, so nothing could be drawn during it), erased when done; silent unless stderr is a
 * terminal, and silent with --json.
 */
export function stageLine(io: CliIo, quiet: boolean): Progress & { done(): void } {
  let drawn = false;
  const fn = ((ev) => {
    if (quiet || !io.interactive) return;
    io.stderr(`\r\x1b[K${STAGE_LABELS[ev.stage] ?? ev.stage}…`);
    drawn = true;
  }) as Progress & { done(): void };
  fn.done = () => {
    if (drawn) io.stderr('\r\x1b[K');
    drawn = false;
  };
  return fn;
}

/** IonQ jobs that need ionq.qasm3.v1 are printed with virtual qubit registers. */
export const ionqQasm3 = (c: Circuit): string => printQasm(c);

/** The backend a stored job belongs to; credentials are needed only if `needsNetwork`. */
export function backendFor(rec: JobRecord, io: CliIo, store: JobStore, needsNetwork: boolean): Backend {
  return openBackend({ provider: rec.provider, name: rec.backend }, { env: io.env, store, requireCredentials: needsNetwork, qasm3: ionqQasm3 });
}

/** `provider:backend` as users type it. */
export function specOf(rec: JobRecord): string {
  return rec.provider === 'local' ? 'local' : `${rec.provider}:${rec.backend}`;
}

/** One human line per record state. */
export function describeRecord(rec: JobRecord): string {
  const remote = rec.remoteId !== undefined ? ` (${rec.provider} job ${rec.remoteId}${rec.remoteStatus ? `, ${rec.remoteStatus}` : ''})` : '';
  const err = rec.error !== undefined ? `\n  ${rec.error}` : '';
  const dupes = rec.submission?.duplicates !== undefined ? `\n  duplicate jobs carrying its tag: ${rec.submission.duplicates}` : '';
  return `${rec.id}  ${specOf(rec)}  ${rec.status}${remote}${err}${dupes}\n`;
}

/** Result JSON: {id, status, counts, probabilities?, parameterValues?, sweep?: [{values, counts, …}], mitigated?}. */
export function resultJson(rec: JobRecord, res: JobResult): Record<string, unknown> {
  return {
    id: rec.id, status: rec.status, counts: res.counts, ...(res.probabilities !== undefined ? { probabilities: res.probabilities } : {}),
    ...(rec.parameterValues !== undefined && res.sweep === undefined ? { parameterValues: rec.parameterValues[0] } : {}),
    ...(res.sweep !== undefined ? { sweep: res.sweep } : {}),
    ...(res.mitigated !== undefined ? { mitigated: res.mitigated } : {}),
  };
}

/** Quasi-probabilities listed by `result` (largest magnitude first); --json has them all. */
const QUASI_ROWS = 16;

/** The mitigated part of a result: quasi-probabilities, then ⟨Z…Z⟩ raw and mitigated (and the value at each noise scale). */
function describeMitigated(m: NonNullable<JobResult['mitigated']>): string {
  const fmt = (x: number): string => x.toFixed(6);
  let out = `mitigated (${m.applied.join(', ')}):\n`;
  if (m.quasiProbabilities !== undefined) {
    const rows = Object.entries(m.quasiProbabilities).sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]) || (a[0] < b[0] ? -1 : 1));
    out += `  quasi-probabilities (readout errors undone${rows.length > QUASI_ROWS ? `; ${QUASI_ROWS} of ${rows.length} shown, --json lists all` : ''}):\n`;
    out += rows.slice(0, QUASI_ROWS).map(([k, v]) => `    ${k}  ${v.toPrecision(6)}\n`).join('');
  }
  const zne = m.expectations.some((e) => e.zne !== undefined);
  const ideal = m.expectations.some((e) => e.ideal !== undefined);
  const head = ['bits', ...(ideal ? ['ideal'] : []), 'raw', 'mitigated', ...(zne ? ['at scales'] : [])];
  const body = m.expectations.map((e) => [
    e.bits.join(','), ...(ideal ? [e.ideal === undefined ? '—' : fmt(e.ideal)] : []), fmt(e.raw), fmt(e.mitigated),
    ...(zne ? [e.zne === undefined ? '' : e.zne.scales.map((s, i) => `${s.toFixed(2)}: ${fmt(e.zne!.values[i]!)}`).join(', ')] : []),
  ]);
  const w = head.map((h, j) => Math.max(h.length, ...body.map((r) => r[j]!.length)));
  out += '  expectation values ⟨Z…Z⟩ of outcome bits:\n';
  for (const r of [head, ...body]) out += `    ${r.map((c, j) => c.padEnd(w[j]!)).join('  ')}`.trimEnd() + '\n';
  return out;
}

/** Counts (or probabilities) as aligned lines, most frequent first; a sweep point by point. */
export function describeResult(res: Pick<JobResult, 'counts' | 'probabilities' | 'shots' | 'sweep' | 'mitigated'>, indent = '  '): string {
  if (res.sweep !== undefined) {
    return `${res.sweep.length} parameter value sets\n${res.sweep.map((p, k) => `${indent}set ${k + 1}: ${Object.entries(p.values).map(([n, v]) => `${n} = ${v}`).join(', ')}; ${describeResult(p, `${indent}  `)}`).join('')}`;
  }
  const useCounts = Object.keys(res.counts).length > 0;
  const dist = useCounts ? res.counts : (res.probabilities ?? {});
  const rows = Object.entries(dist).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const head = useCounts ? `${res.shots} shots\n` : 'exact probabilities\n';
  return head + rows.map(([k, v]) => `${indent}${k}  ${useCounts ? v : v.toPrecision(6)}\n`).join('') + (res.mitigated !== undefined ? describeMitigated(res.mitigated) : '');
}
