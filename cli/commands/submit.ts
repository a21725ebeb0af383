/**
 * `qntk submit FILE --backend local|ibm:NAME|ionq:NAME`: prepare the circuit for the backend (its
 * target, measurements, lowering unless --no-transpile, every check: backends/prepare.ts), record
 * the job and create it once; --dry-run builds the exact request instead and prints a summary (the
 * full request goes to --request-out FILE); --wait polls to the end.
 */
import { waitForJob, type SubmitOptions } from '../../backends/backend.js';
import { dryRun, formatBytes, type DryRunReport } from '../../backends/dry-run.js';
import { netConfigFromEnv } from '../../backends/http.js';
import { openBackend, parseBackendSpec } from '../../backends/open.js';
import { formatDuration } from '../../backends/predicted-success.js';
import { planSubmission } from '../../backends/submission.js';
import { ValidationError } from '../../compiler/errors.js';
import { checkWritable, writeFileAtomic } from '../../compiler/files.js';
import { readQasmFile } from '../../compiler/qasm/index.js';
import type { JobMitigation } from '../../mitigation/job.js';
import type { ArgsOf } from '../spec.js';
import type { submitSpec } from '../specs/jobs.js';
import type { CliIo } from '../io.js';
import { parseMitigations, parseObservables } from '../options.js';
import { describeRecord, describeResult, ionqQasm3, note, out, outJson, redacting, resultJson, scrub, stageLine, storeOf } from './backend-common.js';
import { parameterSets } from './params.js';

/** The documented --json shape of a dry run: {dryRun, provider, backend, request, circuit, warnings, mitigation?}. */
function dryRunJson(r: DryRunReport, file: string | undefined, m: JobMitigation | undefined): Record<string, unknown> {
  return {
    dryRun: true, provider: r.provider, backend: r.backend,
    request: r.request === null ? null : { ...r.request, ...(file !== undefined ? { file } : {}) },
    circuit: r.circuit, warnings: r.warnings, ...(m !== undefined ? { mitigation: m } : {}),
  };
}

/** The predicted-success line (none for a noiseless simulator) and the mitigation line. */
function extraLines(r: DryRunReport, m: JobMitigation | undefined): string {
  const p = r.circuit.predicted;
  let out = '';
  if (p !== undefined && p.esp !== null) out += `predicted: ESP ${p.esp.toPrecision(3)}, duration ${formatDuration(p.durationNs)} (${p.calibration})\n`;
  else if (p !== undefined && !/without noise/.test(p.reason)) out += `predicted: ${p.reason}; no ESP\n`;
  if (m !== undefined) {
    const scales = [...new Set(m.circuits.map((c) => c.scale))].map((x) => x.toFixed(2)).join(', ');
    const how = r.request === null ? ' (inside the noisy simulation)' : m.circuits.length > 1 ? `; ${m.circuits.length} circuits in the job (noise scales ${scales})` : '';
    out += `mitigation: ${m.applied.join(', ')}${how}${m.readout !== undefined ? `; readout calibration: ${m.readout.source}` : ''}\n`;
  }
  return out;
}

function dryRunText(r: DryRunReport, file: string | undefined, m: JobMitigation | undefined): string {
  const c = r.circuit;
  const width = c.qubitsUsed === c.qubits ? `${c.qubits} qubits` : `${c.qubitsUsed} of ${c.qubits} qubits used`;
  const how = c.lowered ? `lowered for ${c.target}${c.measuredAll ? ', every qubit measured' : ''}` : c.target !== null ? `checked against ${c.target}` : 'sent as written';
  const circuit = `circuit: ${width}, ${c.gates} gates (${c.twoQubit} two-qubit), depth ${c.depth}; ${how}\n${extraLines(r, m)}`;
  const warnings = r.warnings.map((w) => `warning: ${w}\n`).join('');
  if (r.request === null) return `dry run: the local backend sends no request; the circuit is valid for it\n${circuit}${warnings}`;
  const q = r.request;
  const headers = Object.entries(q.headers).map(([k, v]) => `${k}: ${v}\n`).join('');
  const where = file !== undefined ? `full request (JSON: method, url, headers, body) written to ${file}` : 'the full request is not printed; write it with --request-out FILE';
  return `dry run (nothing sent, nothing recorded)\n${q.method} ${q.url}\n${headers}body: ${formatBytes(q.bodyBytes)} of JSON: ${q.summary}\n${circuit}${warnings}${where}\n`;
}

export function run(args: ArgsOf<typeof submitSpec>, io: CliIo): Promise<number> {
  return redacting(io, async () => {
    const spec = parseBackendSpec(args.backend);
    if (args.requestOut !== undefined && !args.dryRun) throw new ValidationError('--request-out writes the request of a dry run; add --dry-run');
    if (args.requestOut !== undefined) checkWritable(args.requestOut, '--request-out');
    const methods = parseMitigations(args.mitigate);
    const observables = parseObservables(args.observable);
    if (observables !== undefined && methods.length === 0) throw new ValidationError('--observable names the expectation values of --mitigate; add --mitigate');
    const source = readQasmFile(args.file);
    const sets = parameterSets(args.file, source, args.param, { sweep: true });
    const requested: SubmitOptions = {
      ...(args.shots !== undefined ? { shots: args.shots } : {}),
      ...(args.noise !== undefined ? { noise: args.noise } : {}),
      ...(args.seed !== undefined ? { seed: args.seed } : {}),
      ...(sets.length > 0 ? { parameterValues: sets } : {}),
    };
    const store = storeOf(io);
    // Credentials first: a missing variable stops us before anything is recorded.
    const backend = openBackend(spec, { env: io.env, store, requireCredentials: !args.dryRun, qasm3: ionqQasm3 });
    const stages = stageLine(io, args.json);
    try {
      const { prepared, options } = await planSubmission(backend, source, requested, {
        transpile: args.transpile, live: !args.dryRun, seed: args.seed ?? 1, progress: stages,
        mitigation: { methods, ...(observables ? { observables } : {}), seed: args.seed ?? 1 },
      });
      const mitigation = options.mitigation?.record;
      if (args.dryRun) {
        stages({ stage: 'request', done: 0, total: 1 });
        const report = dryRun(backend, prepared, options);
        if (args.requestOut !== undefined && report.requestText !== null) {
          stages({ stage: 'write', done: 0, total: 1 });
          writeFileAtomic(args.requestOut, scrub(io, report.requestText));
        }
        stages.done();
        const file = report.requestText !== null ? args.requestOut : undefined;
        if (args.json) outJson(io, dryRunJson(report, file, mitigation));
        else out(io, dryRunText(report, file, mitigation));
        return 0;
      }
      stages.done();
      if (!args.json) for (const w of prepared.warnings) note(io, `qntk: warning: ${w}\n`);
      let rec = await backend.submit(prepared.circuit, options);
      if (!args.wait) {
        if (args.json) outJson(io, { id: rec.id, provider: rec.provider, backend: rec.backend, status: rec.status, ...(prepared.warnings.length > 0 ? { warnings: prepared.warnings } : {}), ...(mitigation !== undefined ? { mitigation: mitigation.applied } : {}) });
        else out(io, `submitted ${describeRecord(rec)}`);
        return 0;
      }
      const net = netConfigFromEnv(io.env);
      rec = await waitForJob(backend, rec.id, { intervalMs: net.pollIntervalMs, maxIntervalMs: net.pollMaxIntervalMs, timeoutMs: net.pollTimeoutMs });
      const res = await backend.result(rec.id);
      rec = await store.get(rec.id);
      if (args.json) outJson(io, { id: rec.id, provider: rec.provider, backend: rec.backend, ...resultJson(rec, res) });
      else out(io, `${describeRecord(rec)}${describeResult(res)}`);
      return 0;
    } finally {
      stages.done();
    }
  });
}
