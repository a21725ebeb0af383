/**
 * IonQ behind the Backend contract: serialise (JSON circuit, or OpenQASM 3 for circuits the JSON
 * format cannot carry), record the intent, create the job, record its id; status (v0.4 `started`
 * and v0.3 `running`), probabilities → counts, cancel.
 * @see docs/backends.md §B
 */
import type { Circuit } from '../../compiler/circuit/index.js';
import { BackendError, TargetError } from '../../compiler/errors.js';
import {
  FINAL_STATUSES, measuredQubits, notReady, registerInfo,
  type Backend, type JobRecord, type JobResult, type JobStatus, type RequestPreview, type SubmitOptions,
} from '../backend.js';
import { UncertainOutcomeError } from '../http.js';
import { hashProgram, type JobStore } from '../job-store.js';
import { toIonqCircuit } from './circuit-json.js';
import { IONQ_NOISE_MODELS, IonqClient, ionqJobBody, type IonqConfig, type IonqJobInfo } from './client.js';
import { decodeIonqProbabilities } from './results.js';

export const IONQ_DEFAULT_SHOTS = 1024;

export interface IonqBackendOptions {
  /** IonQ backend: `simulator`, `qpu.forte-1`, … (a bare `forte-1` gets the `qpu.` prefix). */
  readonly name: string;
  readonly config: IonqConfig;
  readonly store: JobStore;
  /**
   * Prints a circuit as OpenQASM 3 with virtual qubits, for circuits that need ionq.qasm3.v1
   * (mid-circuit measurement or reset). Without it such circuits are refused.
   */
  readonly qasm3?: (circuit: Circuit) => string;
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** `forte-1` → `qpu.forte-1`; `simulator` and `qpu.*` unchanged. */
export function normaliseIonqBackend(name: string): string {
  return name === 'simulator' || name.startsWith('qpu.') ? name : `qpu.${name}`;
}

/** IonQ status word → ours. v0.3 said `running` where v0.4 says `started`. */
export function mapIonqStatus(info: IonqJobInfo): { status: JobStatus; remote: string; error?: string } {
  const remote = info.status ?? 'unknown';
  switch (remote) {
    case 'submitted':
    case 'ready':
      return { status: 'queued', remote };
    case 'started':
    case 'running':
      return { status: 'running', remote };
    case 'completed':
      return { status: 'completed', remote };
    case 'canceled':
    case 'cancelled':
      return { status: 'cancelled', remote };
    case 'failed': {
      const f = info.failure;
      const why = f ? [f.code, f.message].filter(Boolean).join(': ') : 'no reason given';
      return { status: 'failed', remote, error: why };
    }
    default:
      return { status: 'unknown', remote };
  }
}

export class IonqBackend implements Backend {
  readonly provider = 'ionq' as const;
  readonly name: string;
  readonly client: IonqClient;
  private readonly store: JobStore;
  private readonly qasm3: ((c: Circuit) => string) | undefined;

  constructor(opts: IonqBackendOptions) {
    this.name = normaliseIonqBackend(opts.name);
    this.store = opts.store;
    this.qasm3 = opts.qasm3;
    this.client = new IonqClient(opts.config, { ...(opts.fetch ? { fetch: opts.fetch } : {}), ...(opts.sleep ? { sleep: opts.sleep } : {}) });
  }

  /** The POST /jobs body for `circuit` (throws TargetError listing every unexpressible gate). */
  jobBody(circuit: Circuit, options: SubmitOptions): Record<string, unknown> {
    const shots = options.shots ?? IONQ_DEFAULT_SHOTS;
    if (!Number.isInteger(shots) || shots < 1 || shots > 1_000_000) throw new BackendError(`--shots ${shots}: IonQ takes 1 to 1,000,000`, { exitCode: 2 });
    let noise: { model: string; seed?: number } | undefined;
    if (options.noise !== undefined) {
      if (this.name !== 'simulator') throw new BackendError(`--noise applies only to ionq:simulator, not ${this.name}`, { exitCode: 2 });
      if (!(IONQ_NOISE_MODELS as readonly string[]).includes(options.noise)) {
        throw new BackendError(`--noise ${options.noise}: IonQ noise models are ${IONQ_NOISE_MODELS.join(', ')}`, { exitCode: 2 });
      }
      noise = { model: options.noise, ...(options.seed !== undefined ? { seed: options.seed } : {}) };
    }
    const base = { backend: this.name, shots, ...(noise !== undefined ? { noise } : {}) };
    if (needsQasm3(circuit)) {
      if (this.qasm3 === undefined) throw new BackendError('this circuit resets qubits, which needs ionq.qasm3.v1; no OpenQASM 3 printer was given', { exitCode: 2 });
      return ionqJobBody({ ...base, input: { kind: 'qasm3', program: this.qasm3(circuit), qubits: circuit.numQubits } });
    }
    return ionqJobBody({ ...base, input: { kind: 'circuit', circuit: toIonqCircuit(circuit, this.name) } });
  }

  preview(circuit: Circuit, options: SubmitOptions): RequestPreview {
    return this.client.previewCreateJob({ ...this.jobBody(circuit, options), name: '<job id>' });
  }

  async submit(circuit: Circuit, options: SubmitOptions): Promise<JobRecord> {
    const body = this.jobBody(circuit, options);
    const text = JSON.stringify(body.input);
    const rec = await this.store.create({
      provider: 'ionq', backend: this.name, programHash: hashProgram(text), shots: body.shots as number, status: 'pending',
      qubits: circuit.numQubits, clbits: circuit.numClbits, cregs: registerInfo(circuit), measuredQubits: measuredQubits(circuit),
      details: { type: String(body.type), ...(options.noise !== undefined ? { noise: options.noise } : {}) },
    });
    try {
      // The job is named by its local id, so a lost create response can be recovered (reconcile).
      const { id, status } = await this.client.createJob({ ...body, name: rec.id });
      const m = mapIonqStatus({ id, status: status ?? 'submitted' });
      return await this.store.update(rec.id, () => ({ remoteId: id, status: m.status, remoteStatus: m.remote }));
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      await this.store.update(rec.id, () => ({ status: err instanceof UncertainOutcomeError ? 'unknown' : 'failed', error: `submission: ${msg}` }));
      throw err;
    }
  }

  async status(id: string): Promise<JobRecord> {
    return (await this.refresh(id)).rec;
  }

  async result(id: string): Promise<JobResult> {
    const { rec, info } = await this.refresh(id);
    if (rec.result !== undefined) return rec.result;
    if (rec.status !== 'completed' || info === undefined) throw notReady(rec);
    const body = await this.client.probabilities(info);
    const qubits = info.stats?.qubits ?? rec.qubits;
    const result = decodeIonqProbabilities(body, {
      qubits: Math.max(qubits, rec.qubits), shots: rec.shots ?? IONQ_DEFAULT_SHOTS, measuredQubits: rec.measuredQubits ?? [],
    });
    await this.store.update(rec.id, () => ({ result }));
    return result;
  }

  async cancel(id: string): Promise<JobRecord> {
    const rec = await this.store.get(id);
    if (rec.remoteId === undefined) throw new BackendError(`job ${rec.id} has no IonQ job id (status ${rec.status}); there is nothing to cancel`);
    if (FINAL_STATUSES.has(rec.status)) throw new BackendError(`job ${rec.id} is already ${rec.status}; nothing to cancel`);
    const ok = await this.client.cancel(rec.remoteId);
    const now = await this.status(rec.id);
    if (!ok) throw new BackendError(`job ${rec.id} cannot be cancelled: IonQ reports it ${now.remoteStatus ?? now.status}`);
    if (now.status === 'cancelled') return now;
    return this.store.update(rec.id, () => ({ status: 'cancelled', remoteStatus: 'canceled' }));
  }

  private async refresh(id: string): Promise<{ rec: JobRecord; info?: IonqJobInfo }> {
    let rec = await this.store.get(id);
    if (rec.remoteId === undefined && (rec.status === 'pending' || rec.status === 'unknown')) {
      const found = await this.client.findJobByName(rec.id);
      if (found !== undefined) rec = await this.store.update(rec.id, () => ({ remoteId: found, status: 'queued', remoteStatus: 'submitted', error: undefined }));
    }
    if (rec.remoteId === undefined || (FINAL_STATUSES.has(rec.status) && (rec.result !== undefined || rec.status !== 'completed'))) return { rec };
    const info = await this.client.job(rec.remoteId);
    const m = mapIonqStatus(info);
    const next = await this.store.update(rec.id, () => ({ status: m.status, remoteStatus: m.remote, ...(m.error !== undefined ? { error: m.error } : {}) }));
    return { rec: next, info };
  }
}

/**
 * Which IonQ format a circuit needs: ionq.circuit.v1 unless it resets a qubit (ionq.qasm3.v1).
 * IonQ returns probabilities of the final qubit states, so a measured qubit that is used again, or
 * a classical condition, could not be decoded (qiskit-ionq#259): such circuits are refused here,
 * before anything is sent.
 */
function needsQasm3(circuit: Circuit): boolean {
  const measured = new Set<number>();
  let reset = false;
  for (const inst of circuit.instructions) {
    if (inst.condition !== undefined) throw new TargetError(`IonQ runs no dynamic circuits: '${inst.gate}' is classically conditioned; run it on the local backend`);
    if (inst.gate === 'barrier') continue;
    if (inst.gate === 'measure') { inst.qubits.forEach((q) => measured.add(q)); continue; }
    if (inst.qubits.some((q) => measured.has(q))) {
      throw new TargetError(`'${inst.gate}' acts on a qubit after it was measured; IonQ returns only final-state probabilities, which cannot give mid-circuit results; run it on the local backend`);
    }
    if (inst.gate === 'reset') reset = true;
  }
  return reset;
}
