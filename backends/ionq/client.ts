/**
 * IonQ REST client (API v0.4): `Authorization: apiKey …`, create job (ionq.circuit.v1 or
 * ionq.qasm3.v1), job status, probabilities (legacy results URL or artifact), cancel, backends.
 * @see docs/backends.md §B1–§B9
 */
import { BackendError } from '../../compiler/errors.js';
import type { RequestPreview } from '../backend.js';
import { HttpClient, UncertainOutcomeError, type HttpRequest, type NetConfig, netConfigFromEnv } from '../http.js';
import type { RemoteJobRef } from '../reconcile.js';
import type { IonqCircuitInput } from './circuit-json.js';
import type { MultiCircuitInput } from './multi-circuit.js';
import { describeIonqError } from './errors.js';

export interface IonqConfig {
  readonly apiKey: string;
  /** Base including the version, e.g. https://api.ionq.co/v0.4. */
  readonly url: string;
  readonly net: NetConfig;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Endpoint, key and timing from the environment. */
export function ionqConfigFromEnv(env: Env, requireCredentials = true): IonqConfig {
  const apiKey = env.IONQ_API_KEY || '';
  if (requireCredentials && apiKey === '') throw new BackendError('IonQ: no API key; set IONQ_API_KEY to your IonQ API key', { exitCode: 2 });
  return { apiKey, url: (env.QNTK_IONQ_URL || 'https://api.ionq.co/v0.4').replace(/\/+$/, ''), net: netConfigFromEnv(env) };
}

/** Simulator noise models IonQ documents (plus tempo-1 seen in qiskit-ionq). */
export const IONQ_NOISE_MODELS = ['ideal', 'harmony', 'harmony-1', 'harmony-2', 'aria-1', 'aria-2', 'forte-1', 'forte-enterprise-1', 'tempo-1'] as const;

export interface IonqJobBodyOptions {
  readonly backend: string;
  readonly shots: number;
  /** The job's name: qntk uses the local job id, so a job whose create response was lost can be found. */
  readonly name?: string;
  readonly noise?: { model: string; seed?: number };
  /** A JSON circuit, several (a multi-circuit job), or OpenQASM 3 text. */
  readonly input: { kind: 'circuit'; circuit: IonqCircuitInput } | ({ kind: 'multi' } & MultiCircuitInput) | { kind: 'qasm3'; program: string; qubits: number };
}

const JOB_TYPES = { circuit: 'ionq.circuit.v1', multi: 'ionq.multi-circuit.v1', qasm3: 'ionq.qasm3.v1' } as const;

/** The POST /jobs body. */
export function ionqJobBody(o: IonqJobBodyOptions): Record<string, unknown> {
  const body: Record<string, unknown> = {
    type: JOB_TYPES[o.input.kind],
    backend: o.backend,
    shots: o.shots,
    ...(o.name !== undefined ? { name: o.name } : {}),
    metadata: { compiler: 'qntk', ...(o.name !== undefined ? { qntk_job: o.name } : {}) },
    ...(o.noise !== undefined ? { noise: o.noise } : {}),
    input: inputOf(o.input),
  };
  return body;
}

function inputOf(input: IonqJobBodyOptions['input']): unknown {
  switch (input.kind) {
    case 'circuit': return input.circuit;
    case 'multi': return { gateset: input.gateset, qubits: input.qubits, circuits: input.circuits };
    case 'qasm3': return { data: input.program, qubits: input.qubits };
  }
}

/** The parts of GET /jobs/{id} qntk reads. */
export interface IonqJobInfo {
  id: string;
  status?: string;
  failure?: { code?: string; message?: string } | null;
  stats?: { qubits?: number } | null;
  results?: Record<string, { url?: string; id?: string; format?: string }> | null;
  /** A multi-circuit job's children, in the order of its circuits. */
  child_job_ids?: string[] | null;
}

export interface IonqBackendInfo {
  backend: string;
  status?: string;
  qubits?: number;
  average_queue_time?: number;
  supported_native_gates?: string[];
}

export class IonqClient {
  readonly config: IonqConfig;
  readonly http: HttpClient;

  constructor(config: IonqConfig, inject: { fetch?: typeof fetch; sleep?: (ms: number) => Promise<void> } = {}) {
    this.config = config;
    this.http = new HttpClient({
      service: 'IonQ',
      net: config.net,
      secrets: () => (config.apiKey === '' ? [] : [config.apiKey]),
      describeError: describeIonqError,
      ...inject,
    });
  }

  previewCreateJob(body: Record<string, unknown>, summary: string): RequestPreview {
    return { method: 'POST', url: `${this.config.url}/jobs`, headers: this.headers('<redacted>'), body, summary };
  }

  /**
   * One create request, never repeated here once it may have reached IonQ: a timeout, a lost
   * connection, a 5xx or an answer without a readable job id raise UncertainOutcomeError.
   */
  async createJob(body: Record<string, unknown>): Promise<{ id: string; status?: string }> {
    const r = await this.http.request(this.toHttp({ method: 'POST', path: '/jobs', body }));
    let j: { id?: unknown; status?: unknown } | null = null;
    try {
      j = JSON.parse(r.text) as { id?: unknown; status?: unknown } | null;
    } catch {
      j = null;
    }
    if (typeof j?.id !== 'string' || j.id === '') {
      throw new UncertainOutcomeError(this.http.line(`IonQ: POST /jobs answered HTTP ${r.status} without a readable job id (body starts "${this.http.line(r.text, 60)}"); the job may have been created`));
    }
    return { id: j.id, ...(typeof j.status === 'string' ? { status: j.status } : {}) };
  }

  /**
   * Jobs on `backend` whose name (or metadata.qntk_job) is `name`, oldest first. IonQ filters jobs
   * by backend but not by name, so pages are read until the list is exhausted, or — when a page
   * shows newest-first order — until its jobs predate `since` by an hour. A lookup that cannot
   * finish throws rather than answer "absent", since an absent job may be created again.
   */
  async findJobsByName(name: string, backend: string, since: string): Promise<RemoteJobRef[]> {
    const floor = Date.parse(since) - 3_600_000;
    const out: RemoteJobRef[] = [];
    let next: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const q = new URLSearchParams({ target: backend, limit: '100', ...(next !== undefined ? { next } : {}) }).toString();
      const j = await this.get<{ jobs?: ListedJob[]; next?: string | null }>({ method: 'GET', path: `/jobs?${q}` });
      const jobs = Array.isArray(j?.jobs) ? j.jobs : [];
      for (const x of jobs) {
        if (typeof x.id === 'string' && (x.name === name || x.metadata?.qntk_job === name)) {
          out.push({ id: x.id, ...(typeof x.submitted_at === 'string' ? { createdAt: x.submitted_at } : {}) });
        }
      }
      next = typeof j?.next === 'string' && j.next !== '' ? j.next : undefined;
      if (next === undefined || pastFloor(jobs, floor)) return out.sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? ''));
    }
    throw new BackendError(`IonQ: looking up job ${name} read ${MAX_PAGES} pages of jobs without reaching its submission time; look it up later`);
  }

  /** One backend as IonQ lists it (GET /backends needs no key), or undefined. */
  async backendInfo(name: string): Promise<IonqBackendInfo | undefined> {
    return (await this.listBackends()).find((b) => b.backend === name);
  }

  async job(id: string): Promise<IonqJobInfo> {
    const j = await this.get<IonqJobInfo>({ method: 'GET', path: `/jobs/${encodeURIComponent(id)}` });
    if (j === undefined) throw new BackendError(`IonQ: GET /jobs/${id} returned nothing`);
    return j;
  }

  /** Probabilities of a completed job, from wherever the job object says they are. */
  async probabilities(info: IonqJobInfo): Promise<unknown> {
    const enc = encodeURIComponent(info.id);
    const res = info.results ?? {};
    const legacy = res.probabilities?.url;
    const artifact = res['ionq.result.probabilities.json.v1']?.id ?? res['ionq.result.probabilities-aggregate.json.v1']?.id;
    if (typeof legacy === 'string' && legacy !== '') return this.get({ method: 'GET', path: legacy, absolutePath: legacy.startsWith('/') });
    if (typeof artifact === 'string') return this.get({ method: 'GET', path: `/jobs/${enc}/artifacts/${encodeURIComponent(artifact)}` });
    return this.get({ method: 'GET', path: `/jobs/${enc}/results/probabilities` });
  }

  /** true when cancelled; false when IonQ refuses because the job is already final (400/409). */
  async cancel(id: string): Promise<boolean> {
    const r = await this.http.request({ ...this.toHttp({ method: 'PUT', path: `/jobs/${encodeURIComponent(id)}/status/cancel` }), accept: [400, 409] });
    return r.status < 300;
  }

  async listBackends(): Promise<IonqBackendInfo[]> {
    const j = await this.get<IonqBackendInfo[]>({ method: 'GET', path: '/backends' });
    if (!Array.isArray(j)) throw new BackendError('IonQ: GET /backends did not return a list');
    return j;
  }

  private headers(key: string): Record<string, string> {
    return { Authorization: `apiKey ${key}`, 'Content-Type': 'application/json', Accept: 'application/json' };
  }

  private async get<T>(req: IonqRequest): Promise<T | undefined> {
    return (await this.http.json<T>(this.toHttp(req))).body;
  }

  private toHttp(req: IonqRequest): HttpRequest {
    // A results URL like /v0.4/jobs/… is relative to the host, not to the versioned base.
    const url = req.absolutePath === true ? `${new URL(this.config.url).origin}${req.path}` : `${this.config.url}${req.path}`;
    return {
      method: req.method,
      url,
      headers: this.headers(this.config.apiKey),
      ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
    };
  }
}

const MAX_PAGES = 50;

interface ListedJob {
  id?: unknown;
  name?: unknown;
  metadata?: { qntk_job?: unknown } | null;
  submitted_at?: unknown;
}

/** A page in newest-first order whose last job was submitted before `floor`: older pages cannot hold the job. */
function pastFloor(jobs: readonly ListedJob[], floor: number): boolean {
  const times = jobs.map((x) => (typeof x.submitted_at === 'string' ? Date.parse(x.submitted_at) : NaN));
  if (times.length === 0 || times.some(Number.isNaN)) return false;
  const newestFirst = times.every((t, i) => i === 0 || t <= times[i - 1]!);
  return newestFirst && times[times.length - 1]! < floor;
}

interface IonqRequest {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  body?: unknown;
  absolutePath?: boolean;
}
