/**
 * IBM Cloud IAM: exchange an API key for a bearer token and refresh it before it expires (the
 * token lives about an hour; a long --wait outlives it). A 401 from Runtime also forces a refresh.
 * @see docs/backends.md §A2
 */
import { BackendError } from '../../compiler/errors.js';
import type { HttpClient } from '../http.js';

interface IamTokenResponse {
  access_token?: string;
  token_type?: string;
  expires_in?: number;
  expiration?: number;
}

export interface IamOptions {
  /** IAM base, e.g. https://iam.cloud.ibm.com (no trailing /identity/token). */
  readonly iamUrl: string;
  readonly apiKey: string;
  readonly http: HttpClient;
  readonly now?: () => number;
}

/** Caches one bearer token; `token()` refreshes it when less than a fifth of its life (≤ 60 s) is left. */
export class IamTokenManager {
  private readonly opts: IamOptions;
  private access: string | undefined;
  private expiresAtMs = 0;
  private lifetimeMs = 0;
  private inflight: Promise<string> | undefined;

  constructor(opts: IamOptions) {
    this.opts = opts;
  }

  /** The current access token (for redaction); undefined before the first exchange. */
  get current(): string | undefined {
    return this.access;
  }

  /** A valid bearer token, exchanging or refreshing as needed. */
  async token(): Promise<string> {
    const now = (this.opts.now ?? Date.now)();
    const margin = Math.min(60_000, this.lifetimeMs / 5);
    if (this.access !== undefined && now < this.expiresAtMs - margin) return this.access;
    this.inflight ??= this.exchange().finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  /** Forget the token (after a 401), so the next call exchanges the key again. */
  invalidate(): void {
    this.access = undefined;
    this.expiresAtMs = 0;
  }

  private async exchange(): Promise<string> {
    const url = `${this.opts.iamUrl.replace(/\/+$/, '')}/identity/token`;
    const body = new URLSearchParams({ grant_type: 'urn:ibm:params:oauth:grant-type:apikey', apikey: this.opts.apiKey }).toString();
    const { body: j } = await this.opts.http.json<IamTokenResponse>({
      method: 'POST',
      url,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body,
      // A token exchange creates nothing, so retrying after a timeout is safe.
      idempotent: true,
    });
    if (j === undefined || typeof j.access_token !== 'string' || j.access_token === '') {
      throw new BackendError('IBM Cloud IAM: token response has no access_token; check QNTK_IBM_IAM_URL');
    }
    const now = (this.opts.now ?? Date.now)();
    // expires_in is relative, so it is immune to clock skew; `expiration` (absolute) is the fallback.
    const expAt = typeof j.expires_in === 'number' ? now + j.expires_in * 1000
      : typeof j.expiration === 'number' ? j.expiration * 1000 : now + 3_600_000;
    this.access = j.access_token;
    this.expiresAtMs = expAt;
    this.lifetimeMs = Math.max(0, expAt - now);
    return j.access_token;
  }
}
