/** Backend-test timing: retries and polls take milliseconds; timeouts stay generous so a loaded machine never trips them. */
import type { NetConfig } from '../../backends/http.js';

export const FAST_NET: NetConfig = {
  timeoutMs: 5_000, retries: 3, backoffMs: 1, maxBackoffMs: 4, maxRetryAfterMs: 2_000,
  pollIntervalMs: 1, pollMaxIntervalMs: 4, pollTimeoutMs: 10_000, settleMs: 0,
};

/** For the hung-server tests only: a short timeout and one retry. */
export const HANG_NET: NetConfig = { ...FAST_NET, timeoutMs: 200, retries: 1 };

/** FAST_NET as environment variables, for CLI tests. */
export const FAST_NET_ENV: Record<string, string> = {
  QNTK_HTTP_TIMEOUT_MS: '5000', QNTK_HTTP_RETRIES: '3', QNTK_HTTP_BACKOFF_MS: '1', QNTK_HTTP_MAX_BACKOFF_MS: '4',
  QNTK_HTTP_MAX_RETRY_AFTER_MS: '2000', QNTK_POLL_INTERVAL_MS: '1', QNTK_POLL_MAX_INTERVAL_MS: '4', QNTK_POLL_TIMEOUT_MS: '10000',
};
