/**
 * IonQ behind the Backend contract: the device's target (its name, refined by IonQ's backend list
 * when live), its own rule checks (gate set, entangler, qubit count, no dynamic circuits), the
 * create request named by the local job id and sent idempotently, status (v0.4 `started` and v0.3
 * `running`), probabilities → counts, cancel.
 * @see docs/backends.md §B
 */
import { isParameterized, type Circuit } from '../../compiler/circuit/index.js';
import { BackendError, TargetError, ValidationError } from '../../compiler/errors.js';
import { distributionOf, mitigateJob } from '../../mitigation/job.js';
import { getTarget } from '../../passes/targets/builtins.js';
import type { Target } from '../../passes/targets/target.js';
import {
  FINAL_STATUSES, measuredQubits, notReady, registerInfo,
  type Backend, type BackendCalibration, type JobRecord, type JobResult, type JobStatus, type MitigationSupport, type RequestPreview, type SubmitOptions, type TargetRequest,
} from '../backend.js';
import { hashProgram, type JobStore } from '../job-store.js';
import { notSendable } from '../prepare.js';
import { cancelCloudJob, createIdempotently, newSubmission, reconcileRecord, type CreateProtocol } from '../reconcile.js';
import { nativeEntanglers, serialiseIonqCircuit } from './circuit-json.js';
import { IONQ_NOISE_MODELS, IonqClient, ionqJobBody, type IonqConfig, type IonqJobInfo } from './client.js';
import { decodeMultiCircuit, ionqMitigationSupport, isMulti, multiCircuitInput, publishedCalibration, shotsPerCircuit } from './multi-circuit.js';
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
  private readonly sleep: ((ms: number) => Promise<void>) | undefined;
  private live: Target | undefined;

  constructor(opts: IonqBackendOptions) {
    this.name = normaliseIonqBackend(opts.name);
    this.store = opts.store;
    this.qasm3 = opts.qasm3;
    this.sleep = opts.sleep;
    this.client = new IonqClient(opts.config, { ...(opts.fetch ? { fetch: opts.fetch } : {}), ...(opts.sleep ? { sleep: opts.sleep } : {}) });
    if (opts.config.apiKey !== '') this.store.addSecrets(() => [opts.config.apiKey]);
  }

  /**
   * Forte and Tempo compile to gpi/gpi2/zz, Aria and Harmony to gpi/gpi2/ms, the simulator to QIS
   * gates; live, IonQ's backend list (no key needed) gives the qubit count and native gates.
   */
  async target(options: SubmitOptions, how: TargetRequest = { live: true }): Promise<Target> {
    this.checkOptions(options);
    if (!how.live) return this.live ?? offlineTarget(this.name);
    const info = await this.client.backendInfo(this.name);
    if (info === undefined) {
      const names = (await this.client.listBackends()).map((b) => b.backend).join(', ');
      throw new TargetError(`IonQ lists no backend '${this.name}' (it has ${names})`);
    }
    const gates = info.supported_native_gates ?? [];
    const base = gates.includes('zz') ? getTarget('ionq_forte') : gates.includes('ms') ? getTarget('ionq_aria') : offlineTarget(this.name);
    this.live = { ...base, name: this.name, numQubits: typeof info.qubits === 'number' ? info.qubits : base.numQubits };
    return this.live;
  }

  /** Qubit count, dynamic-circuit and mid-circuit-measurement rules, and every gate the request format cannot carry. */
  async check(circuit: Circuit, options: SubmitOptions, target: Target | null): Promise<string[]> {
    this.checkOptions(options);
    const t = target ?? this.live ?? offlineTarget(this.name);
    const problems: string[] = [];
    if (t.numQubits !== null && circuit.numQubits > t.numQubits) problems.push(`the circuit uses ${circuit.numQubits} qubits; ${this.name} has ${t.numQubits}`);
    if (isParameterized(circuit)) problems.push(`the circuit has input parameters (${(circuit.parameters ?? []).map((p) => p.name).join(', ')}); IonQ takes numeric angles: bind the values first`);
    const format = formatProblems(circuit);
    problems.push(...format.problems);
    if (format.problems.length > 0) return problems;
    if (isMulti(options)) {
      if (format.qasm3) problems.push('a mitigated job runs several circuits (ionq.multi-circuit.v1), which cannot reset qubits');
      else problems.push(...multiCircuitInput(options.mitigation!.circuits, this.name).problems);
      return problems;
    }
    if (format.qasm3) {
      if (this.qasm3 === undefined) problems.push('the circuit resets qubits, which needs ionq.qasm3.v1, and no OpenQASM 3 printer was given');
    } else {
      problems.push(...serialiseIonqCircuit(circuit, this.name).problems);
    }
    return problems;
  }

  /** The POST /jobs body for `circuit`, named `name` (the local job id) when given. */
  jobBody(circuit: Circuit, options: SubmitOptions, name?: string): Record<string, unknown> {
    this.checkOptions(options);
    const noise = options.noise === undefined ? undefined : { model: options.noise, ...(options.seed !== undefined ? { seed: options.seed } : {}) };
    const base = { backend: this.name, shots: shotsPerCircuit(options, IONQ_DEFAULT_SHOTS), ...(noise !== undefined ? { noise } : {}), ...(name !== undefined ? { name } : {}) };
    if (isMulti(options)) return ionqJobBody({ ...base, input: { kind: 'multi', ...multiCircuitInput(options.mitigation!.circuits, this.name).input } });
    if (formatProblems(circuit).qasm3 && this.qasm3 !== undefined) {
      return ionqJobBody({ ...base, input: { kind: 'qasm3', program: this.qasm3(circuit), qubits: circuit.numQubits } });
    }
    return ionqJobBody({ ...base, input: { kind: 'circuit', circuit: serialiseIonqCircuit(circuit, this.name).input } });
  }

  preview(circuit: Circuit, options: SubmitOptions): RequestPreview {
    const body = this.jobBody(circuit, options, '<job id>');
    return this.client.previewCreateJob(body, describeIonqBody(body));
  }

  async submit(circuit: Circuit, options: SubmitOptions): Promise<JobRecord> {
    const problems = await this.check(circuit, options, null);
    if (problems.length > 0) throw new TargetError(notSendable(`ionq:${this.name}`, problems));
    const draft = this.jobBody(circuit, options);
    const rec = await this.store.create({
      provider: 'ionq', backend: this.name, programHash: hashProgram(JSON.stringify(draft.input)), shots: draft.shots as number, status: 'pending',
      qubits: circuit.numQubits, clbits: circuit.numClbits, cregs: registerInfo(circuit), measuredQubits: measuredQubits(circuit),
      details: { type: String(draft.type), ...(options.noise !== undefined ? { noise: options.noise } : {}), ...(isMulti(options) ? { circuits: options.mitigation!.circuits.length } : {}) },
      submission: newSubmission(), ...(options.mitigation !== undefined ? { mitigation: options.mitigation.record } : {}),
    });
    return createIdempotently(this.store, rec, this.protocol(rec, this.jobBody(circuit, options, rec.id)), this.timing());
  }

  async reconcile(id: string): Promise<JobRecord> {
    const rec = await this.store.get(id);
    return reconcileRecord(this.store, rec, this.protocol(rec), this.timing());
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
    const opts = { qubits: Math.max(qubits, rec.qubits), shots: rec.shots ?? IONQ_DEFAULT_SHOTS, measuredQubits: rec.measuredQubits ?? [] };
    const m = rec.mitigation;
    let result: JobResult;
    if (m !== undefined && m.circuits.length > 1) result = decodeMultiCircuit(body, info.child_job_ids, m, opts);
    else {
      const one = decodeIonqProbabilities(body, opts);
      result = m === undefined ? one : { ...one, mitigated: mitigateJob(m, [distributionOf(one.probabilities!)]) };
    }
    await this.store.update(rec.id, () => ({ result }));
    return result;
  }

  cancel(id: string): Promise<JobRecord> {
    return cancelCloudJob(this, this.store, id, 'IonQ', (remoteId) => this.client.cancel(remoteId), 'canceled');
  }


  /** IonQ's published figures for Aria and Forte devices; none for the simulator, whose noise models are IonQ's own. */
  calibration(target: Target | null): BackendCalibration | undefined {
    return this.name === 'simulator' ? undefined : publishedCalibration((target ?? this.live ?? offlineTarget(this.name)).family);
  }

  mitigationSupport(): MitigationSupport {
    return ionqMitigationSupport(this.name);
  }

  private async refresh(id: string): Promise<{ rec: JobRecord; info?: IonqJobInfo }> {
    const rec = await this.reconcile(id);
    if (rec.remoteId === undefined || (FINAL_STATUSES.has(rec.status) && (rec.result !== undefined || rec.status !== 'completed'))) return { rec };
    const info = await this.client.job(rec.remoteId);
    const m = mapIonqStatus(info);
    const next = await this.store.update(rec.id, () => ({ status: m.status, remoteStatus: m.remote, ...(m.error !== undefined ? { error: m.error } : {}) }));
    return { rec: next, info };
  }

  /** The create request of `rec` (only the submitting process has one) and the lookup of its name. */
  private protocol(rec: JobRecord, body?: Record<string, unknown>): CreateProtocol {
    return {
      service: 'IonQ',
      identity: `name ${rec.id}`,
      create: () => {
        if (body === undefined) throw new BackendError(`internal: reconciliation of job ${rec.id} tried to create a job`);
        return this.client.createJob(body);
      },
      find: () => this.client.findJobsByName(rec.id, this.name, rec.createdAt),
      cancel: (remote) => this.client.cancel(remote),
      initialStatus: (remote) => {
        const m = mapIonqStatus({ id: '', status: remote ?? 'submitted' });
        return { status: m.status, remote: m.remote };
      },
    };
  }

  private timing(): { net: IonqConfig['net']; sleep?: (ms: number) => Promise<void> } {
    return { net: this.client.config.net, ...(this.sleep ? { sleep: this.sleep } : {}) };
  }

  private checkOptions(options: SubmitOptions): void {
    const shots = options.shots ?? IONQ_DEFAULT_SHOTS;
    if (!Number.isInteger(shots) || shots < 1 || shots > 1_000_000) throw new ValidationError(`shots ${shots}: IonQ takes 1 to 1,000,000`, { parameter: 'shots' });
    if (options.twirling !== undefined || options.dynamicalDecoupling !== undefined) {
      throw new BackendError("the Sampler's twirling and dynamical decoupling are IBM options; IonQ has no such job setting", { exitCode: 2 });
    }
    if (options.noise === undefined) return;
    if (this.name !== 'simulator') throw new ValidationError(`noise ${options.noise}: noise models apply only to ionq:simulator, not ${this.name}`, { parameter: 'noise' });
    if (!(IONQ_NOISE_MODELS as readonly string[]).includes(options.noise)) {
      throw new ValidationError(`noise ${options.noise}: IonQ noise models are ${IONQ_NOISE_MODELS.join(', ')}`, { parameter: 'noise' });
    }
  }
}

/** The built-in target for an IonQ backend name. */
function offlineTarget(name: string): Target {
  const ent = nativeEntanglers(name);
  const base = ent.size === 2 ? getTarget('ionq_qis') : getTarget(ent.has('zz') ? 'ionq_forte' : 'ionq_aria');
  return { ...base, name };
}

/** One line describing an IonQ create body, for previews. */
function describeIonqBody(body: Record<string, unknown>): string {
  const input = body.input as { gateset?: string; circuit?: unknown[]; circuits?: { circuit: unknown[] }[]; qubits?: number; data?: string };
  const what = body.type === 'ionq.qasm3.v1'
    ? `OpenQASM 3 (${(input.data ?? '').split('\n').length - 1} lines)`
    : input.circuits !== undefined
      ? `${input.circuits.length} circuits of ${input.gateset} gates (${input.circuits.reduce((n, c) => n + c.circuit.length, 0)} in all, on ${input.qubits} qubits)`
      : `${input.gateset} gates (${input.circuit?.length ?? 0} on ${input.qubits} qubits)`;
  const noise = body.noise !== undefined ? `, noise ${(body.noise as { model: string }).model}` : '';
  return `${String(body.type)} job on ${String(body.backend)}: ${what}, ${String(body.shots)} shots${input.circuits !== undefined ? ' each' : ''}${noise}, name ${String(body.name)}`;
}

/**
 * Which IonQ format a circuit needs — ionq.circuit.v1 unless it resets a qubit (ionq.qasm3.v1) —
 * and what neither format can give: IonQ returns probabilities of the final qubit states, so a
 * measured qubit that is used again, or a classical condition, could not be decoded
 * (qiskit-ionq#259).
 */
function formatProblems(circuit: Circuit): { qasm3: boolean; problems: string[] } {
  const measured = new Set<number>();
  const problems = new Set<string>();
  let reset = false;
  for (const inst of circuit.instructions) {
    if (inst.condition !== undefined) problems.add(`IonQ runs no dynamic circuits: '${inst.gate}' is classically conditioned; run it on the local backend`);
    if (inst.gate === 'barrier') continue;
    if (inst.gate === 'measure') { inst.qubits.forEach((q) => measured.add(q)); continue; }
    if (inst.qubits.some((q) => measured.has(q))) {
      problems.add(`'${inst.gate}' acts on a qubit after it was measured; IonQ returns only final-state probabilities, which cannot give mid-circuit results; run it on the local backend`);
    }
    if (inst.gate === 'reset') reset = true;
  }
  return { qasm3: reset, problems: [...problems] };
}
