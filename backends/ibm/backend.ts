/**
 * IBM Quantum behind the Backend contract: the device as a target (live configuration and
 * properties, or the built-in copy offline), ISA and runtime-rule checks, the Sampler V2 request,
 * idempotent creation tagged with the local job id, status, results and cancel through the store.
 * @see docs/backends.md §A
 */
import type { Circuit } from '../../compiler/circuit/index.js';
import { BackendError, TargetError } from '../../compiler/errors.js';
import { printQasm } from '../../compiler/qasm/index.js';
import { distributionOf, mitigateJob } from '../../mitigation/job.js';
import { getTarget } from '../../passes/targets/builtins.js';
import { calibrationFor, calibrationFromDevice } from '../../passes/targets/calibration.js';
import { isTargetName, TARGET_NAMES } from '../../passes/targets/names.js';
import { verify, type Target } from '../../passes/targets/target.js';
import {
  checkedParameterValues, FINAL_STATUSES, measuredQubits, notReady, registerInfo,
  type Backend, type BackendCalibration, type JobRecord, type JobResult, type JobStatus, type MitigationSupport, type RequestPreview, type SubmitOptions, type TargetRequest,
} from '../backend.js';
import { hashProgram, type JobStore } from '../job-store.js';
import { notSendable } from '../prepare.js';
import { cancelCloudJob, createIdempotently, newSubmission, reconcileRecord, type CreateProtocol } from '../reconcile.js';
import { IbmClient, type IbmConfig, type IbmJobInfo } from './client.js';
import { groupViolations, ibmDeviceTarget, ibmRuleViolations, type IbmDevice } from './device.js';
import { describeIbmCode } from './errors.js';
import { decodeSamplerPubs, decodeSamplerResult } from './results.js';
import { describeSamplerBody, samplerJobBody, samplerParameterValues, validateSamplerOptions } from './sampler.js';

/**
 * The OpenQASM 3 text IBM executes: physical `$k` qubits, `c[i] = measure $k;`, definitions for
 * ecr/rzz (absent from stdgates.inc; IBM tolerates a definition named like a basis gate), and
 * every input parameter declared `input float[64]` (the pub carries the values, already
 * converted to the declared types).
 * @see docs/backends.md §A9
 */
export function ibmQasm(circuit: Circuit): string {
  return printQasm(circuit, { dialect: 'ibm', definitions: true });
}

/** Sampler's default when the user gives no shots. */
export const IBM_DEFAULT_SHOTS = 4096;

export interface IbmBackendOptions {
  readonly name: string;
  readonly config: IbmConfig;
  readonly store: JobStore;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Map IBM's job state onto ours; `Cancelled` for running too long (1305) is a failure. */
export function mapIbmStatus(info: IbmJobInfo): { status: JobStatus; remote: string; error?: string } {
  const remote = info.state?.status ?? info.status ?? 'unknown';
  const code = info.state?.reason_code ?? info.state?.reasonCode;
  const why = (): string => describeIbmCode(code, info.state?.reason ?? remote, info.state?.reason_solution);
  const s = remote.toLowerCase();
  if (s.startsWith('queued')) return { status: 'queued', remote };
  if (s.startsWith('running')) return { status: 'running', remote };
  if (s.startsWith('completed')) return { status: 'completed', remote };
  if (s.startsWith('cancelled')) {
    return code === 1305 || /ran too long/i.test(remote) ? { status: 'failed', remote, error: why() } : { status: 'cancelled', remote };
  }
  if (s.startsWith('failed')) return { status: 'failed', remote, error: why() };
  return { status: 'unknown', remote };
}

/** The tag that ties an IBM job to its qntk record. */
export function qntkTag(id: string): string {
  return `qntk:${id}`;
}

export class IbmBackend implements Backend {
  readonly provider = 'ibm' as const;
  readonly name: string;
  /** The Sampler binds parameter values itself: they travel in the pub, the program stays symbolic. */
  readonly takesParameterValues = true;
  readonly client: IbmClient;
  private readonly store: JobStore;
  private readonly sleep: ((ms: number) => Promise<void>) | undefined;
  private live: Promise<IbmDevice> | undefined;
  /** The live device once read. */
  private known: IbmDevice | undefined;

  constructor(opts: IbmBackendOptions) {
    this.name = opts.name;
    this.store = opts.store;
    this.sleep = opts.sleep;
    this.client = new IbmClient(opts.config, { ...(opts.fetch ? { fetch: opts.fetch } : {}), ...(opts.sleep ? { sleep: opts.sleep } : {}) });
    this.store.addSecrets(() => this.client.secrets());
  }

  /** The device as IBM describes it now (configuration + properties), read once per backend. */
  device(): Promise<IbmDevice> {
    this.live ??= this.client.device(this.name).then((dev) => (this.known = dev), (err: unknown) => {
      this.live = undefined;
      throw err;
    });
    return this.live;
  }

  /**
   * Today's calibration from the live properties (assignment probabilities where listed) once the
   * device was read, else the built-in snapshot of a known device; undefined for others.
   */
  calibration(): BackendCalibration | undefined {
    const live = this.known?.calibration;
    if (live !== undefined) {
      const base = calibrationFromDevice(live.data);
      const calibration = {
        ...base,
        qubit: (q: number) => {
          const a = live.assignment[q];
          return a === undefined ? base.qubit(q) : { ...base.qubit(q), readout01: a.p01, readout10: a.p10 };
        },
      };
      return { calibration, source: `${this.name} live properties${live.date !== null ? ` of ${live.date}` : ''}` };
    }
    if (!isTargetName(this.name)) return undefined;
    const snapshot = getTarget(this.name);
    return { calibration: calibrationFor(snapshot), source: `${this.name} built-in calibration snapshot${snapshot.calibration?.calibrationDate ? ` of ${snapshot.calibration.calibrationDate}` : ''}` };
  }

  /** Readout from the calibration; the Sampler's own twirling and decoupling; folded copies as extra pubs. */
  mitigationSupport(): MitigationSupport {
    return { readout: 'calibration', twirl: 'service', dd: 'service', zne: 'circuits' };
  }

  async target(options: SubmitOptions, how: TargetRequest = { live: true }): Promise<Target> {
    this.checkOptions(options);
    if (how.live) return ibmDeviceTarget(await this.device());
    if (isTargetName(this.name)) return getTarget(this.name);
    const known = TARGET_NAMES.filter((n) => n.startsWith('ibm_')).join(', ');
    throw new TargetError(`no built-in data for IBM device ${this.name} (built in: ${known}); read its live data (credentials set, a real submission) or send the circuit as written, unlowered`);
  }

  /** ISA violations against `target`, plus IBM's rules (faulty qubits and edges from live data, rzz range, measurements, register names). */
  async check(circuit: Circuit, options: SubmitOptions, target: Target | null): Promise<string[]> {
    this.checkOptions(options, circuit);
    const dev = this.live !== undefined ? await this.device() : undefined;
    return groupViolations([
      ...(target !== null ? verify(circuit, target) : []),
      ...ibmRuleViolations(circuit, dev ?? { name: this.name, faultyQubits: [], faultyEdges: [] }),
    ]);
  }

  /** The exact create-job request (token redacted), without sending anything. */
  preview(circuit: Circuit, options: SubmitOptions): RequestPreview {
    this.checkOptions(options, circuit);
    const [program, ...extra] = programs(circuit, options);
    const values = samplerParameterValues(checkedParameterValues(circuit, options.parameterValues));
    const body = samplerJobBody(this.name, program!, this.shots(options), { ...samplerParts(options), extraPrograms: extra, tag: qntkTag('<job id>'), ...(values ? { parameterValues: values } : {}) });
    return this.client.previewCreateJob(body, describeSamplerBody(body, program!));
  }

  /** Check against the live device (or `device`, when given), record the intent, create the job once. */
  async submit(circuit: Circuit, options: SubmitOptions, device?: IbmDevice): Promise<JobRecord> {
    if (device !== undefined) this.live = Promise.resolve(device);
    const dev = await this.device();
    const problems = await this.check(circuit, options, ibmDeviceTarget({ ...dev, faultyQubits: [], faultyEdges: [] }));
    if (problems.length > 0) throw new TargetError(notSendable(`ibm:${this.name}`, problems));
    const shots = this.shots(options);
    if (dev.maxShots !== undefined && shots > dev.maxShots) throw new BackendError(`shots ${shots} exceeds ${dev.name}'s maximum of ${dev.maxShots}`, { exitCode: 2 });
    const [program, ...extra] = programs(circuit, options);
    const sets = checkedParameterValues(circuit, options.parameterValues);
    const values = samplerParameterValues(sets);
    const rec = await this.store.create({
      provider: 'ibm', backend: this.name, programHash: hashProgram([program, ...extra].join('\n')), shots, status: 'pending',
      qubits: circuit.numQubits, clbits: circuit.numClbits, cregs: registerInfo(circuit), measuredQubits: measuredQubits(circuit),
      details: { program: 'sampler', ...samplerDetails(options), ...(extra.length > 0 ? { pubs: extra.length + 1 } : {}) }, submission: newSubmission(),
      ...(options.mitigation !== undefined ? { mitigation: options.mitigation.record } : {}),
      ...(sets.length > 0 ? { parameterValues: sets } : {}),
    });
    const body = samplerJobBody(this.name, program!, shots, { ...samplerParts(options), extraPrograms: extra, tag: qntkTag(rec.id), ...(values ? { parameterValues: values } : {}) });
    return createIdempotently(this.store, rec, this.protocol(rec, body), this.timing());
  }

  async reconcile(id: string): Promise<JobRecord> {
    const rec = await this.store.get(id);
    return reconcileRecord(this.store, rec, this.protocol(rec), this.timing());
  }

  async status(id: string): Promise<JobRecord> {
    const rec = await this.reconcile(id);
    if (rec.remoteId === undefined || FINAL_STATUSES.has(rec.status)) return rec;
    const m = mapIbmStatus(await this.client.job(rec.remoteId));
    return this.store.update(rec.id, () => ({ status: m.status, remoteStatus: m.remote, ...(m.error !== undefined ? { error: m.error } : {}) }));
  }

  async result(id: string): Promise<JobResult> {
    const rec = await this.status(id);
    if (rec.result !== undefined) return rec.result;
    if (rec.status !== 'completed') throw notReady(rec);
    const body = await this.client.results(rec.remoteId!);
    if (body === undefined) throw new BackendError(`job ${rec.id}: IBM has no result for a completed job yet (HTTP 204); try again shortly`);
    const result = decodeResult(body, rec);
    await this.store.update(rec.id, () => ({ result }));
    return result;
  }

  cancel(id: string): Promise<JobRecord> {
    return cancelCloudJob(this, this.store, id, 'IBM', (remoteId) => this.client.cancel(remoteId), 'Cancelled');
  }


  queueLength(): Promise<number | undefined> {
    return this.client.queueLength(this.name);
  }

  /** The create request of `rec` (only the submitting process has one) and the lookup of its tag. */
  private protocol(rec: JobRecord, body?: Record<string, unknown>): CreateProtocol {
    const tag = qntkTag(rec.id);
    return {
      service: 'IBM Quantum',
      identity: `tag ${tag}`,
      create: () => {
        if (body === undefined) throw new BackendError(`internal: reconciliation of job ${rec.id} tried to create a job`);
        return this.client.createJob(body);
      },
      find: () => this.client.findJobsByTag(tag, this.name),
      cancel: (remote) => this.client.cancel(remote),
      initialStatus: (remote) => ({ status: 'queued', remote: remote ?? 'Queued' }),
    };
  }

  private timing(): { net: IbmConfig['net']; sleep?: (ms: number) => Promise<void> } {
    return { net: this.client.config.net, ...(this.sleep ? { sleep: this.sleep } : {}) };
  }

  private checkOptions(options: SubmitOptions, circuit?: Circuit): void {
    if (options.noise !== undefined) throw new BackendError('a noise model applies to the local and IonQ simulators, not to IBM devices', { exitCode: 2 });
    validateSamplerOptions(options, circuit);
  }

  private shots(options: SubmitOptions): number {
    return options.shots ?? IBM_DEFAULT_SHOTS;
  }
}

/** The OpenQASM 3 of every circuit the job runs: the submitted one, or the mitigation's list. */
function programs(circuit: Circuit, options: SubmitOptions): string[] {
  return (options.mitigation?.circuits ?? [circuit]).map(ibmQasm);
}

/** Counts of the first pub; for a mitigated job, the mitigated values from every pub beside them. */
function decodeResult(body: unknown, rec: JobRecord): JobResult {
  const m = rec.mitigation;
  if (m === undefined) return decodeSamplerResult(body, rec.cregs, rec.parameterValues);
  const pubs = decodeSamplerPubs(body, m.circuits.length, rec.cregs);
  return { ...pubs[0]!, mitigated: mitigateJob(m, pubs.map((p) => distributionOf(p.counts))) };
}

function samplerParts(options: SubmitOptions): { twirling?: SubmitOptions['twirling']; dynamicalDecoupling?: SubmitOptions['dynamicalDecoupling'] } {
  return { ...(options.twirling ? { twirling: options.twirling } : {}), ...(options.dynamicalDecoupling ? { dynamicalDecoupling: options.dynamicalDecoupling } : {}) };
}

function samplerDetails(options: SubmitOptions): Record<string, boolean> {
  return { ...(options.twirling ? { twirling: true } : {}), ...(options.dynamicalDecoupling ? { dynamicalDecoupling: true } : {}) };
}
