/**
 * IBM Quantum Runtime REST client (API v1): IAM bearer token + Service-CRN on every call,
 * backends, configuration/properties, Sampler V2 jobs, status, results, cancel. A 401 refreshes the
 * token once (it may have expired during a long poll); 429 and 5xx are retried by HttpClient.
 * @see docs/backends.md §A1–§A7
 */
import { BackendError } from '../../compiler/errors.js';
import type { RequestPreview } from '../backend.js';
import { HttpClient, UncertainOutcomeError, type HttpRequest, type NetConfig, netConfigFromEnv } from '../http.js';
import type { RemoteJobRef } from '../reconcile.js';
import { IamTokenManager } from './auth.js';
import { deviceFromApi, type IbmDevice } from './device.js';
import { describeIbmError } from './errors.js';

export const IBM_API_VERSION = '2026-04-15';

export interface IbmConfig {
  readonly apiKey: string;
  /** Instance CRN, sent as Service-CRN. */
  readonly instance: string;
  /** Runtime base without /v1, e.g. https://quantum.cloud.ibm.com/api. */
  readonly url: string;
  readonly iamUrl: string;
  readonly net: NetConfig;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Endpoints and timing from the environment; credentials may be '' when `requireCredentials` is false. */
export function ibmConfigFromEnv(env: Env, requireCredentials = true): IbmConfig {
  const apiKey = env.QNTK_IBM_TOKEN || env.QISKIT_IBM_TOKEN || '';
  const instance = env.QNTK_IBM_INSTANCE || '';
  if (requireCredentials && apiKey === '') {
    throw new BackendError('IBM Quantum: no API key; set QNTK_IBM_TOKEN (or QISKIT_IBM_TOKEN) to your IBM Cloud API key', { exitCode: 2 });
  }
  if (requireCredentials && instance === '') {
    throw new BackendError('IBM Quantum: no instance; set QNTK_IBM_INSTANCE to your instance CRN (crn:v1:bluemix:public:quantum-computing:…)', { exitCode: 2 });
  }
  return {
    apiKey,
    instance,
    url: (env.QNTK_IBM_URL || 'https://quantum.cloud.ibm.com/api').replace(/\/+$/, ''),
    iamUrl: (env.QNTK_IBM_IAM_URL || 'https://iam.cloud.ibm.com').replace(/\/+$/, ''),
    net: netConfigFromEnv(env),
  };
}

/** IBM `state` of a job as returned by GET /v1/jobs/{id}. */
export interface IbmJobInfo {
  id: string;
  status?: string;
  state?: { status?: string; reason?: string; reason_code?: number; reasonCode?: number; reason_solution?: string };
}

export interface IbmBackendSummary {
  name: string;
  status?: { name?: string; reason?: string };
  qubits?: number;
  queue_length?: number;
  processor_type?: { family?: string; revision?: string | number };
  is_simulator?: boolean;
}

export class IbmClient {
  readonly config: IbmConfig;
  readonly http: HttpClient;
  private readonly iam: IamTokenManager;

  constructor(config: IbmConfig, inject: { fetch?: typeof fetch; sleep?: (ms: number) => Promise<void> } = {}) {
    this.config = config;
    this.http = new HttpClient({
      service: 'IBM Quantum',
      net: config.net,
      secrets: () => this.secrets(),
      describeError: describeIbmError,
      ...inject,
    });
    this.iam = new IamTokenManager({ iamUrl: config.iamUrl, apiKey: config.apiKey, http: this.http });
  }

  /** The API key and the current bearer token: what no message or record may contain. */
  secrets(): string[] {
    return [this.config.apiKey, this.iam?.current ?? ''].filter((s) => s !== '');
  }

  /** The create-job request as it would be sent, bearer token redacted (for --dry-run). */
  previewCreateJob(body: Record<string, unknown>, summary: string): RequestPreview {
    return {
      method: 'POST',
      url: `${this.config.url}/v1/jobs`,
      headers: { ...this.baseHeaders('<redacted>'), 'Service-CRN': this.config.instance || '<QNTK_IBM_INSTANCE is not set>' },
      body,
      summary,
    };
  }

  async listBackends(): Promise<IbmBackendSummary[]> {
    const j = await this.api<{ devices?: IbmBackendSummary[] }>({ method: 'GET', path: '/v1/backends' });
    if (!Array.isArray(j?.devices)) throw new BackendError('IBM Quantum: GET /v1/backends returned no devices list');
    return j.devices;
  }

  /** Configuration + properties of one backend as an IbmDevice. */
  async device(name: string): Promise<IbmDevice> {
    const enc = encodeURIComponent(name);
    const conf = await this.api<Record<string, unknown>>({ method: 'GET', path: `/v1/backends/${enc}/configuration` });
    if (conf === undefined) throw new BackendError(`IBM Quantum: backend ${name} returned an empty configuration`);
    const props = await this.api<Record<string, unknown>>({ method: 'GET', path: `/v1/backends/${enc}/properties` });
    return deviceFromApi(conf, props);
  }

  /** Jobs waiting on a backend (GET /v1/backends/{name}/status `length_queue`), if reported. */
  async queueLength(name: string): Promise<number | undefined> {
    const j = await this.api<{ length_queue?: number }>({ method: 'GET', path: `/v1/backends/${encodeURIComponent(name)}/status` });
    return typeof j?.length_queue === 'number' ? j.length_queue : undefined;
  }

  /**
   * One create request, never repeated here once it may have reached IBM: a timeout, a lost
   * connection, a 5xx or an answer without a readable job id raise UncertainOutcomeError.
   */
  async createJob(body: Record<string, unknown>): Promise<{ id: string }> {
    const r = await this.call({ method: 'POST', path: '/v1/jobs', body });
    let id: unknown;
    try {
      id = (JSON.parse(r.text) as { id?: unknown } | null)?.id;
    } catch {
      id = undefined;
    }
    if (typeof id !== 'string' || id === '') {
      throw new UncertainOutcomeError(this.http.line(`IBM Quantum: POST /v1/jobs answered HTTP ${r.status} without a readable job id (body starts "${this.http.line(r.text, 60)}"); the job may have been created`));
    }
    return { id };
  }

  /** Jobs on `backend` carrying `tag`, oldest first (GET /v1/jobs?tags=…). */
  async findJobsByTag(tag: string, backend: string): Promise<RemoteJobRef[]> {
    const q = new URLSearchParams({ tags: tag, backend, limit: '20', sort: 'ASC', exclude_params: 'true' }).toString();
    const j = await this.api<{ jobs?: { id?: unknown; created?: unknown }[] }>({ method: 'GET', path: `/v1/jobs?${q}` });
    const out: RemoteJobRef[] = [];
    for (const x of j?.jobs ?? []) {
      if (typeof x.id === 'string' && x.id !== '') out.push({ id: x.id, ...(typeof x.created === 'string' ? { createdAt: x.created } : {}) });
    }
    return out;
  }

  async job(id: string): Promise<IbmJobInfo> {
    const j = await this.api<IbmJobInfo>({ method: 'GET', path: `/v1/jobs/${encodeURIComponent(id)}?exclude_params=true` });
    if (j === undefined) throw new BackendError(`IBM Quantum: GET /v1/jobs/${id} returned nothing`);
    return j;
  }

  /** Results body, or undefined while the job has none (HTTP 204). */
  async results(id: string): Promise<unknown> {
    return this.api<unknown>({ method: 'GET', path: `/v1/jobs/${encodeURIComponent(id)}/results` });
  }

  /** true when cancelled; false when IBM says the job can no longer be cancelled (409). */
  async cancel(id: string): Promise<boolean> {
    const r = await this.call({ method: 'POST', path: `/v1/jobs/${encodeURIComponent(id)}/cancel`, accept: [409], idempotent: true });
    return r.status !== 409;
  }

  private baseHeaders(token: string): Record<string, string> {
    return {
      Authorization: `Bearer ${token}`,
      'Service-CRN': this.config.instance,
      'IBM-API-Version': IBM_API_VERSION,
      Accept: 'application/json',
      'Content-Type': 'application/json',
    };
  }

  private async api<T>(req: ApiRequest): Promise<T | undefined> {
    const r = await this.call(req);
    if (r.status === 204 || r.text.trim() === '') return undefined;
    return this.http.parse<T>(this.toHttp(req, ''), r.text);
  }

  /** One authenticated call; on 401 the token is refreshed once and the call repeated. */
  private async call(req: ApiRequest): Promise<{ status: number; text: string }> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.iam.token();
      const r = await this.http.request({ ...this.toHttp(req, token), accept: [...(req.accept ?? []), ...(attempt === 0 ? [401] : [])] });
      if (r.status === 401 && attempt === 0) {
        this.iam.invalidate();
        continue;
      }
      return r;
    }
  }

  private toHttp(req: ApiRequest, token: string): HttpRequest {
    return {
      method: req.method,
      url: `${this.config.url}${req.path}`,
      headers: this.baseHeaders(token),
      ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
      ...(req.idempotent !== undefined ? { idempotent: req.idempotent } : {}),
      ...(req.accept !== undefined ? { accept: req.accept } : {}),
    };
  }
}

interface ApiRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  accept?: number[];
  idempotent?: boolean;
}
