/**
 * HTTP for the cloud clients: fetch with a per-attempt timeout, retries with exponential backoff
 * and jitter on 429 and 5xx (honouring Retry-After), provider error bodies turned into one line,
 * and every secret redacted from anything that could reach a user, a log or the job store.
 */
import { BackendError } from '../compiler/errors.js';

/** Timing knobs; all overridable from the environment so tests can run in milliseconds. */
export interface NetConfig {
  /** Per-attempt timeout (connect + full body). */
  readonly timeoutMs: number;
  /** Retries after the first attempt. */
  readonly retries: number;
  /** First backoff delay; doubles each retry, with ±25 % jitter, capped at maxBackoffMs. */
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
  /** A Retry-After longer than this fails at once instead of sleeping. */
  readonly maxRetryAfterMs: number;
  /** Job polling: first interval, cap, and overall limit. */
  readonly pollIntervalMs: number;
  readonly pollMaxIntervalMs: number;
  readonly pollTimeoutMs: number;
}

export const DEFAULT_NET: NetConfig = {
  timeoutMs: 30_000,
  retries: 5,
  backoffMs: 500,
  maxBackoffMs: 30_000,
  maxRetryAfterMs: 120_000,
  pollIntervalMs: 1_000,
  pollMaxIntervalMs: 30_000,
  pollTimeoutMs: 600_000,
};

const NET_ENV: Record<keyof NetConfig, string> = {
  timeoutMs: 'QNTK_HTTP_TIMEOUT_MS',
  retries: 'QNTK_HTTP_RETRIES',
  backoffMs: 'QNTK_HTTP_BACKOFF_MS',
  maxBackoffMs: 'QNTK_HTTP_MAX_BACKOFF_MS',
  maxRetryAfterMs: 'QNTK_HTTP_MAX_RETRY_AFTER_MS',
  pollIntervalMs: 'QNTK_POLL_INTERVAL_MS',
  pollMaxIntervalMs: 'QNTK_POLL_MAX_INTERVAL_MS',
  pollTimeoutMs: 'QNTK_POLL_TIMEOUT_MS',
};

/** NetConfig from `QNTK_HTTP_*` / `QNTK_POLL_*` variables (non-negative integers), else defaults. */
export function netConfigFromEnv(env: Readonly<Record<string, string | undefined>>): NetConfig {
  const out: Record<string, number> = { ...DEFAULT_NET };
  for (const [key, name] of Object.entries(NET_ENV)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const v = Number(raw);
    if (!Number.isInteger(v) || v < 0) throw new BackendError(`${name}=${raw} is not a non-negative integer`, { exitCode: 2 });
    out[key] = v;
  }
  return out as unknown as NetConfig;
}

/** Replace every occurrence of each secret (and credential-looking header values) by `<redacted>`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 4) out = out.split(s).join('<redacted>');
  // Belt and braces: credential syntax we emit ourselves, whatever the value.
  return out
    .replace(/(Bearer|apiKey|apikey)(\s+)(?!<redacted>)[A-Za-z0-9._~+/=-]{8,}/g, '$1$2<redacted>')
    .replace(/(apikey=|access_token"?\s*[:=]\s*"?)(?!<redacted>)[^&"\s]+/gi, '$1<redacted>');
}

export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Also retry when the outcome is unknown (timeout, connection lost); true for GET/PUT/DELETE. */
  readonly idempotent?: boolean;
  /** HTTP statuses that are answers, not errors (e.g. 204 or 409 handled by the caller). */
  readonly accept?: readonly number[];
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/** Provider-specific reading of an error body: a short phrase, or undefined if unrecognised. */
export type ErrorDescriber = (status: number, body: string) => string | undefined;

export interface HttpClientOptions {
  /** Names the provider in messages, e.g. 'IBM Quantum'. */
  readonly service: string;
  readonly net: NetConfig;
  /** Current secrets (API keys, tokens) to scrub from every message. */
  readonly secrets: () => readonly string[];
  readonly describeError: ErrorDescriber;
  /** Injected for tests; defaults to global fetch. */
  readonly fetch?: typeof fetch;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Raised when the outcome of a non-idempotent request is unknown (it may have taken effect). */
export class UncertainOutcomeError extends BackendError {}

const RETRY_STATUSES = new Set([429, 500, 502, 503, 504, 520, 521, 522, 523, 524, 525, 526, 527, 528, 529]);

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Parse Retry-After (delta seconds or HTTP date) into milliseconds; undefined if absent or bad. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : Math.max(0, t - now);
}

/** One provider's HTTP channel. */
export class HttpClient {
  private readonly opts: HttpClientOptions;
  private readonly doFetch: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(opts: HttpClientOptions) {
    this.opts = opts;
    this.doFetch = opts.fetch ?? fetch;
    this.sleep = opts.sleep ?? defaultSleep;
  }

  /** Scrub the current secrets from `text`. */
  redact(text: string): string {
    return redact(text, this.opts.secrets());
  }

  /**
   * Send `req`, retrying 429 and 5xx (and, for idempotent requests, timeouts and network errors).
   * Resolves to 2xx or an `accept`ed status; otherwise throws a one-line BackendError.
   */
  async request(req: HttpRequest): Promise<HttpResponse> {
    const { net, service } = this.opts;
    const idempotent = req.idempotent ?? req.method !== 'POST';
    const where = `${req.method} ${this.pathOf(req.url)}`;
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= net.retries;
      let res: HttpResponse;
      try {
        res = await this.once(req);
      } catch (err) {
        const reason = this.redact(networkReason(err, net.timeoutMs));
        if (idempotent && !last) {
          await this.sleep(this.backoff(attempt));
          continue;
        }
        const tries = attempt + 1;
        if (!idempotent) {
          throw new UncertainOutcomeError(`${service}: ${where} ${reason}; the request may or may not have taken effect (no retry, to avoid a duplicate)`);
        }
        throw new BackendError(`${service}: ${where} ${reason} (${tries} attempt${tries > 1 ? 's' : ''}); check the network or raise QNTK_HTTP_TIMEOUT_MS`);
      }
      if ((res.status >= 200 && res.status < 300) || req.accept?.includes(res.status)) return res;
      if (RETRY_STATUSES.has(res.status) && !last) {
        let wait = this.backoff(attempt);
        // Retry-After comes with 429 and, during maintenance, with 503 (RFC 9110 §10.2.3).
        if (res.status === 429 || res.status === 503) {
          const ra = parseRetryAfter(res.headers.get('retry-after'));
          if (ra !== undefined) {
            if (ra > net.maxRetryAfterMs) throw this.httpError(req, res, `; retry after ${Math.ceil(ra / 1000)} s`);
            wait = ra;
          }
        }
        await this.sleep(wait);
        continue;
      }
      const tries = attempt + 1;
      throw this.httpError(req, res, RETRY_STATUSES.has(res.status) ? ` (gave up after ${tries} attempts)` : '');
    }
  }

  /** Send and parse a JSON answer; a body that is not JSON is a clear error, not a crash. */
  async json<T>(req: HttpRequest): Promise<{ status: number; body: T | undefined }> {
    const res = await this.request(req);
    if (res.status === 204 || res.text.trim() === '') return { status: res.status, body: undefined };
    return { status: res.status, body: this.parse<T>(req, res.text) };
  }

  /** Parse a JSON body or throw a one-line BackendError naming the request. */
  parse<T>(req: HttpRequest, text: string): T {
    try {
      return JSON.parse(text) as T;
    } catch {
      const snippet = this.redact(text.slice(0, 60).replace(/\s+/g, ' '));
      throw new BackendError(`${this.opts.service}: ${req.method} ${this.pathOf(req.url)} returned malformed JSON (starts "${snippet}")`);
    }
  }

  private async once(req: HttpRequest): Promise<HttpResponse> {
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(new TimeoutSignal()), this.opts.net.timeoutMs);
    try {
      const init: RequestInit = { method: req.method, headers: { ...(req.headers ?? {}) }, signal: ac.signal };
      if (req.body !== undefined) init.body = req.body;
      const r = await this.doFetch(req.url, init);
      const text = await r.text();
      return { status: r.status, headers: r.headers, text };
    } finally {
      clearTimeout(timer);
    }
  }

  private backoff(attempt: number): number {
    const { backoffMs, maxBackoffMs } = this.opts.net;
    const base = Math.min(maxBackoffMs, backoffMs * 2 ** attempt);
    return Math.round(base * (0.75 + Math.random() * 0.5));
  }

  private httpError(req: HttpRequest, res: HttpResponse, suffix: string): BackendError {
    const desc = this.opts.describeError(res.status, res.text) ?? genericDescription(res);
    const msg = `${this.opts.service}: ${req.method} ${this.pathOf(req.url)} failed: HTTP ${res.status} ${desc}${suffix}`;
    return new BackendError(this.redact(oneLine(msg)), { status: res.status });
  }

  private pathOf(url: string): string {
    try {
      const u = new URL(url);
      return u.pathname;
    } catch {
      return url;
    }
  }
}

class TimeoutSignal extends Error {}

function networkReason(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; cause?: unknown; message?: string };
  if (e instanceof TimeoutSignal || e?.cause instanceof TimeoutSignal || e?.name === 'AbortError' || e?.name === 'TimeoutError') {
    return `timed out after ${timeoutMs} ms`;
  }
  const cause = e?.cause as { code?: string; message?: string } | undefined;
  return `failed: ${cause?.code ?? cause?.message ?? e?.message ?? String(err)}`;
}

function genericDescription(res: HttpResponse): string {
  const t = res.text.trim();
  if (t === '') return '(empty body)';
  if (t.startsWith('<')) return '(HTML error page)';
  return `(${t.slice(0, 160)})`;
}

/** Collapse whitespace so a message is one line. */
export function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
