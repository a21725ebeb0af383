/**
 * HTTP for the cloud clients: fetch with a per-attempt timeout, retries with exponential backoff
 * and jitter (honouring Retry-After), provider error bodies turned into one line, and every secret
 * redacted from anything that could reach a user or the job store — redacted first, cut to length
 * after. A request that may create something (a POST) is never retried here once it may have
 * taken effect: its caller looks the effect up first (backends/reconcile.ts).
 * @see docs/backends.md §C1, §C4
 */
import { BackendError } from '../compiler/errors.js';
import { boundedLine, redactorFor } from './redact.js';

export { redact } from './redact.js';

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
  /**
   * How long after its last create request a job that no lookup finds is still assumed to be in
   * flight at the provider; after that (and once its submitting process is gone) it is recorded
   * as never created.
   */
  readonly settleMs: number;
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
  settleMs: 600_000,
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
  settleMs: 'QNTK_SUBMIT_SETTLE_MS',
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

export interface HttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /**
   * Whether repeating the request is harmless (default: true for GET/PUT/DELETE, false for POST).
   * A non-idempotent request is retried only after answers that prove it had no effect (429);
   * a timeout, a lost connection or a 5xx raises UncertainOutcomeError instead.
   */
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

/** HTTP statuses that prove the server did not act on the request: safe to repeat even a POST. */
const NOT_EXECUTED = new Set([429]);

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
    return redactorFor(this.opts.secrets()).redact(text);
  }

  /** A one-line, bounded, redacted message (redacted before it is cut). */
  line(text: string, max = 400): string {
    return boundedLine(this.redact(text), max);
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
        const reason = networkReason(err, net.timeoutMs);
        if (idempotent && !last) {
          await this.sleep(this.backoff(attempt));
          continue;
        }
        const tries = attempt + 1;
        if (!idempotent) {
          throw new UncertainOutcomeError(this.line(`${service}: ${where} ${reason}; the request may or may not have taken effect`));
        }
        throw new BackendError(this.line(`${service}: ${where} ${reason} (${tries} attempt${tries > 1 ? 's' : ''}); check the network or raise QNTK_HTTP_TIMEOUT_MS`));
      }
      if ((res.status >= 200 && res.status < 300) || req.accept?.includes(res.status)) return res;
      if (!idempotent && RETRY_STATUSES.has(res.status) && !NOT_EXECUTED.has(res.status)) {
        // A 5xx after a create may come from a proxy after the server acted: the caller looks first.
        const e = this.httpError(req, res, '; the request may or may not have taken effect');
        throw new UncertainOutcomeError(e.message, { status: res.status });
      }
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
      // Redact the whole body before cutting the quote out of it.
      const snippet = boundedLine(this.redact(text), 60);
      throw new BackendError(this.line(`${this.opts.service}: ${req.method} ${this.pathOf(req.url)} returned malformed JSON (starts "${snippet}")`));
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
    // The provider's text is redacted whole, then bounded; the suffix (our advice) is kept intact.
    const desc = boundedLine(this.redact(this.opts.describeError(res.status, res.text) ?? genericDescription(this.redact(res.text))), 300);
    return new BackendError(this.line(`${this.opts.service}: ${req.method} ${this.pathOf(req.url)} failed: HTTP ${res.status} ${desc}${suffix}`, 600), { status: res.status });
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

/** A body no provider parser recognised: quoted (already redacted) and bounded. */
function genericDescription(redactedBody: string): string {
  const t = redactedBody.trim();
  if (t === '') return '(empty body)';
  if (t.startsWith('<')) return '(HTML error page)';
  return `(${boundedLine(t, 160)})`;
}

/** Collapse whitespace so a message is one line. */
export function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
