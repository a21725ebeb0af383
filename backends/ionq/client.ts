/**
 * IonQ REST client (API v0.4): `Authorization: apiKey …`, create job (ionq.circuit.v1 or
 * ionq.qasm3.v1), job status, probabilities (legacy results URL or artifact), cancel, backends.
 * @see docs/backends.md §B1–§B9
 */
import { BackendError } from '../../compiler/errors.js';
import type { RequestPreview } from '../backend.js';
import { HttpClient, type HttpRequest, type NetConfig, netConfigFromEnv } from '../http.js';
import type { IonqCircuitInput } from './circuit-json.js';
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
  readonly name?: string;
  readonly noise?: { model: string; seed?: number };
  /** Either a JSON circuit or OpenQASM 3 text. */
  readonly input: { kind: 'circuit'; circuit: IonqCircuitInput } | { kind: 'qasm3'; program: string; qubits: number };
}

/** The POST /jobs body. */
export function ionqJobBody(o: IonqJobBodyOptions): Record<string, unknown> {
  const body: Record<string, unknown> = {
    type: o.input.kind === 'circuit' ? 'ionq.circuit.v1' : 'ionq.qasm3.v1',
    backend: o.backend,
    shots: o.shots,
    ...(o.name !== undefined ? { name: o.name } : {}),
    metadata: { compiler: 'qntk' },
    ...(o.noise !== undefined ? { noise: o.noise } : {}),
    input: o.input.kind === 'circuit' ? o.input.circuit : { data: o.input.program, qubits: o.input.qubits },
  };
  return body;
}

/** The parts of GET /jobs/{id} qntk reads. */
export interface IonqJobInfo {
  id: string;
  status?: string;
  failure?: { code?: string; message?: string } | null;
  stats?: { qubits?: number } | null;
  results?: Record<string, { url?: string; id?: string; format?: string }> | null;
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

  previewCreateJob(body: Record<string, unknown>): RequestPreview {
    return { method: 'POST', url: `${this.config.url}/jobs`, headers: this.headers('<redacted>'), body };
  }

  async createJob(body: Record<string, unknown>): Promise<{ id: string; status?: string }> {
    const j = await this.get<{ id?: string; status?: string }>({ method: 'POST', path: '/jobs', body });
    if (typeof j?.id !== 'string' || j.id === '') throw new BackendError('IonQ: POST /jobs answered without a job id');
    return { id: j.id, ...(typeof j.status === 'string' ? { status: j.status } : {}) };
  }

  /** The id of a recent job named `name` (qntk names jobs by their local id), if IonQ lists one. */
  async findJobByName(name: string): Promise<string | undefined> {
    const j = await this.get<{ jobs?: { id?: string; name?: string | null }[] }>({ method: 'GET', path: '/jobs?limit=100' });
    const hit = j?.jobs?.find((x) => x.name === name);
    return typeof hit?.id === 'string' ? hit.id : undefined;
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
    const artifact = res['ionq.result.probabilities.json.v1']?.id;
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

interface IonqRequest {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  body?: unknown;
  absolutePath?: boolean;
}
