/**
 * IBM Quantum behind the Backend contract: ISA check against the live device, intent recorded,
 * Sampler V2 job created, remote id recorded; status, results and cancel through the job store.
 * @see docs/backends.md §A
 */
import type { Circuit } from '../../compiler/circuit/index.js';
import { BackendError, TargetError } from '../../compiler/errors.js';
import {
  FINAL_STATUSES, measuredQubits, notReady, registerInfo,
  type Backend, type JobRecord, type JobResult, type JobStatus, type RequestPreview, type SubmitOptions,
} from '../backend.js';
import { UncertainOutcomeError } from '../http.js';
import { hashProgram, type JobStore } from '../job-store.js';
import { IbmClient, samplerJobBody, type IbmConfig, type IbmJobInfo } from './client.js';
import { isaViolations, type IbmDevice } from './device.js';
import { describeIbmCode } from './errors.js';
import { printQasm } from '../../compiler/qasm/index.js';
import { decodeSamplerResult } from './results.js';

/**
 * The OpenQASM 3 text IBM executes: physical `$k` qubits, `c[i] = measure $k;`, definitions for
 * ecr/rzz (absent from stdgates.inc; IBM tolerates a definition named like a basis gate).
 * @see docs/backends.md §A9
 */
export function ibmQasm(circuit: Circuit): string {
  return printQasm(circuit, { dialect: 'ibm', definitions: true });
}

/** Sampler's default when the user gives no --shots. */
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

export class IbmBackend implements Backend {
  readonly provider = 'ibm' as const;
  readonly name: string;
  readonly client: IbmClient;
  private readonly store: JobStore;

  constructor(opts: IbmBackendOptions) {
    this.name = opts.name;
    this.store = opts.store;
    this.client = new IbmClient(opts.config, { ...(opts.fetch ? { fetch: opts.fetch } : {}), ...(opts.sleep ? { sleep: opts.sleep } : {}) });
  }

  /** The device as IBM describes it now (configuration + properties). */
  device(): Promise<IbmDevice> {
    return this.client.device(this.name);
  }

  /** Throw one TargetError listing every ISA violation of `circuit` on `device`. */
  static checkIsa(circuit: Circuit, device: IbmDevice): void {
    const v = isaViolations(circuit, device);
    if (v.length > 0) {
      throw new TargetError(`circuit is not ISA for ${device.name}, nothing was submitted (${v.length} problem${v.length > 1 ? 's' : ''}): ${v.join('; ')}`);
    }
  }

  /** The exact create-job request (token redacted), without sending anything. */
  preview(circuit: Circuit, options: SubmitOptions): RequestPreview {
    rejectNoise(options);
    return this.client.previewCreateJob(samplerJobBody(this.name, ibmQasm(circuit), this.shots(options), qntkTag('<job id>')));
  }

  async submit(circuit: Circuit, options: SubmitOptions, device?: IbmDevice): Promise<JobRecord> {
    rejectNoise(options);
    const dev = device ?? (await this.device());
    IbmBackend.checkIsa(circuit, dev);
    const shots = this.shots(options);
    if (dev.maxShots !== undefined && shots > dev.maxShots) throw new BackendError(`--shots ${shots} exceeds ${dev.name}'s maximum of ${dev.maxShots}`, { exitCode: 2 });
    const program = ibmQasm(circuit);
    const rec = await this.store.create({
      provider: 'ibm', backend: this.name, programHash: hashProgram(program), shots, status: 'pending',
      qubits: circuit.numQubits, clbits: circuit.numClbits, cregs: registerInfo(circuit), measuredQubits: measuredQubits(circuit),
      details: { program: 'sampler' },
    });
    try {
      const { id } = await this.client.createJob(samplerJobBody(this.name, program, shots, qntkTag(rec.id)));
      return await this.store.update(rec.id, () => ({ remoteId: id, status: 'queued', remoteStatus: 'Queued' }));
    } catch (err) {
      const unknown = err instanceof UncertainOutcomeError;
      const msg = err instanceof Error ? err.message : String(err);
      await this.store.update(rec.id, () => ({ status: unknown ? 'unknown' : 'failed', error: `submission: ${msg}` }));
      throw err;
    }
  }

  async status(id: string): Promise<JobRecord> {
    let rec = await this.store.get(id);
    if (rec.remoteId === undefined && (rec.status === 'pending' || rec.status === 'unknown')) rec = await this.reconcile(rec);
    if (rec.remoteId === undefined || FINAL_STATUSES.has(rec.status)) return rec;
    const m = mapIbmStatus(await this.client.job(rec.remoteId));
    return this.store.update(rec.id, () => ({ status: m.status, remoteStatus: m.remote, ...(m.error !== undefined ? { error: m.error } : {}) }));
  }

  /** A job recorded without its IBM id (crash, lost response): look it up by its qntk tag. */
  private async reconcile(rec: JobRecord): Promise<JobRecord> {
    const found = await this.client.findJobByTag(qntkTag(rec.id));
    if (found === undefined) return rec;
    return this.store.update(rec.id, () => ({ remoteId: found, status: 'queued', remoteStatus: 'Queued', error: undefined }));
  }

  async result(id: string): Promise<JobResult> {
    const rec = await this.status(id);
    if (rec.result !== undefined) return rec.result;
    if (rec.status !== 'completed') throw notReady(rec);
    const body = await this.client.results(rec.remoteId!);
    if (body === undefined) throw new BackendError(`job ${rec.id}: IBM has no result for a completed job yet (HTTP 204); try again shortly`);
    const result = decodeSamplerResult(body, rec.cregs);
    await this.store.update(rec.id, () => ({ result }));
    return result;
  }

  async cancel(id: string): Promise<JobRecord> {
    const rec = await this.store.get(id);
    if (rec.remoteId === undefined) throw new BackendError(`job ${rec.id} has no IBM job id (status ${rec.status}); there is nothing to cancel`);
    if (FINAL_STATUSES.has(rec.status)) throw new BackendError(`job ${rec.id} is already ${rec.status}; nothing to cancel`);
    const ok = await this.client.cancel(rec.remoteId);
    if (!ok) {
      const now = await this.status(rec.id);
      throw new BackendError(`job ${rec.id} cannot be cancelled: IBM reports it ${now.remoteStatus ?? now.status}`);
    }
    return this.store.update(rec.id, () => ({ status: 'cancelled', remoteStatus: 'Cancelled' }));
  }

  private shots(options: SubmitOptions): number {
    return options.shots ?? IBM_DEFAULT_SHOTS;
  }
}

function rejectNoise(options: SubmitOptions): void {
  if (options.noise !== undefined) throw new BackendError('--noise applies to the local and IonQ simulators, not to IBM devices', { exitCode: 2 });
}

/** The tag that ties an IBM job to its qntk record. */
function qntkTag(id: string): string {
  return `qntk:${id}`;
}
