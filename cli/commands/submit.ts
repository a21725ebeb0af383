/**
 * `qntk submit FILE --backend local|ibm:NAME|ionq:NAME`: lower the circuit for the backend's target
 * (unless --no-transpile), check it against the target, record the job, submit it; --dry-run
 * prints the exact request instead (secrets redacted) and sends nothing; --wait polls to the end.
 */
import { waitForJob, type Backend, type JobRecord, type RequestPreview, type SubmitOptions } from '../../backends/backend.js';
import { netConfigFromEnv } from '../../backends/http.js';
import { IbmBackend } from '../../backends/ibm/backend.js';
import { groupViolations, ibmDeviceTarget, ibmRuleViolations, type IbmDevice } from '../../backends/ibm/device.js';
import { IonqBackend } from '../../backends/ionq/backend.js';
import { openBackend, parseBackendSpec, type BackendSpec } from '../../backends/open.js';
import type { Circuit } from '../../compiler/circuit/index.js';
import { TargetError, ValidationError } from '../../compiler/errors.js';
import { readQasmFile } from '../../compiler/qasm/index.js';
import { checkStateSize } from '../../backends/local/index.js';
import { getTarget } from '../../passes/targets/builtins.js';
import { isTargetName, TARGET_NAMES } from '../../passes/targets/names.js';
import { verify, type Target } from '../../passes/targets/target.js';
import type { ArgsOf } from '../spec.js';
import type { submitSpec } from '../specs/jobs.js';
import type { CliIo } from '../io.js';
import { describeRecord, describeResult, ionqQasm3, out, outJson, resultJson, storeOf } from './backend-common.js';
import { lowerForTarget, measureAll } from './lowering.js';

/** The built-in target a backend compiles for when no live device data is needed. */
export function offlineTarget(spec: BackendSpec, noise: string | undefined): Target | undefined {
  if (spec.provider === 'local') return noise !== undefined && isTargetName(noise) ? getTarget(noise) : undefined;
  if (spec.provider === 'ionq') {
    const n = spec.name.toLowerCase();
    return getTarget(/forte|tempo/.test(n) ? 'ionq_forte' : /aria|harmony/.test(n) ? 'ionq_aria' : 'ionq_qis');
  }
  return isTargetName(spec.name) ? getTarget(spec.name) : undefined;
}

/** Every violation of `target` in one TargetError line. */
function check(circuit: Circuit, target: Target): void {
  const list = groupViolations(verify(circuit, target));
  if (list.length === 0) return;
  throw new TargetError(`circuit does not fit ${target.name}, nothing was submitted (${list.length} problem${list.length > 1 ? 's' : ''}): ${list.join('; ')}`);
}

function printPreview(io: CliIo, spec: BackendSpec, req: RequestPreview | null, json: boolean): void {
  if (json) {
    outJson(io, { dryRun: true, provider: spec.provider, backend: spec.name, request: req });
    return;
  }
  if (req === null) {
    out(io, 'dry run: the local backend sends no request; the circuit is valid for it\n');
    return;
  }
  const headers = Object.entries(req.headers).map(([k, v]) => `${k}: ${v}\n`).join('');
  out(io, `dry run (nothing sent)\n${req.method} ${req.url}\n${headers}\n${JSON.stringify(req.body, null, 2)}\n`);
}

export async function run(args: ArgsOf<typeof submitSpec>, io: CliIo): Promise<number> {
  const spec = parseBackendSpec(args.backend);
  const options: SubmitOptions = {
    ...(args.shots !== undefined ? { shots: args.shots } : {}),
    ...(args.noise !== undefined ? { noise: args.noise } : {}),
    ...(args.seed !== undefined ? { seed: args.seed } : {}),
  };
  if (spec.provider === 'ibm' && options.noise !== undefined) throw new ValidationError('--noise applies to the local and IonQ simulators, not to IBM devices');
  // The local sampler's limit, checked before a job is recorded (it was recorded as failed).
  if (spec.provider === 'local' && options.shots !== undefined && options.shots > 1e9) throw new ValidationError(`--shots ${options.shots}: the local simulator samples at most 1e9 shots`);
  const dryRun = args.dryRun;
  const transpile = args.transpile;
  const store = storeOf(io);
  // Credentials first: a missing variable stops us before anything is recorded.
  const backend: Backend = openBackend(spec, { env: io.env, store, requireCredentials: !dryRun, qasm3: ionqQasm3 });
  const source = readQasmFile(args.file);

  let device: IbmDevice | undefined;
  let target = offlineTarget(spec, options.noise);
  if (backend instanceof IbmBackend && !dryRun) {
    device = await backend.device();
    target = ibmDeviceTarget(device);
  }
  if (spec.provider === 'ibm' && target === undefined && !(dryRun && !transpile)) {
    throw new ValidationError(`--dry-run for ibm:${spec.name} needs device data, and only ${TARGET_NAMES.filter((n) => n.startsWith('ibm_')).join(', ')} are built in; add --no-transpile to preview the request unchecked`);
  }
  // Hardware (and its noise model) reads qubits through layout and routing: measure them explicitly.
  const needsMeasures = spec.provider === 'ibm' || (spec.provider === 'local' && target !== undefined);
  const prepared = transpile && needsMeasures ? measureAll(source) : source;
  const circuit = target !== undefined && transpile ? lowerForTarget(prepared, target, options.seed ?? 1) : prepared;
  if (target !== undefined) check(circuit, target);
  if (spec.provider === 'ibm') {
    const rules = groupViolations(ibmRuleViolations(circuit, device ?? { name: spec.name, faultyQubits: [], faultyEdges: [] }));
    if (rules.length > 0) throw new TargetError(`circuit cannot run on ${spec.name}, nothing was submitted: ${rules.join('; ')}`);
  }

  // The local simulator's memory limit, checked before a job is recorded (it was recorded as failed).
  // (The program's own qubits: a lowered circuit addresses the whole device, and the noisy simulation keeps only the used ones.)
  if (spec.provider === 'local') checkStateSize(source.numQubits);
  if (dryRun) {
    const req = backend instanceof IbmBackend || backend instanceof IonqBackend ? backend.preview(circuit, options) : null;
    printPreview(io, spec, req, args.json);
    return 0;
  }
  let rec: JobRecord = backend instanceof IbmBackend ? await backend.submit(circuit, options, device) : await backend.submit(circuit, options);
  if (!args.wait) {
    if (args.json) outJson(io, { id: rec.id, provider: rec.provider, backend: rec.backend, status: rec.status });
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
}
