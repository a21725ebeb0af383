import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient, UncertainOutcomeError, parseRetryAfter, redact } from '../../backends/http.js';
import { BackendError } from '../../compiler/errors.js';
import { MockServer } from '../helpers/mock-server.js';
import type { NetConfig } from '../../backends/http.js';
import { FAST_NET, HANG_NET } from '../helpers/net.js';

const SECRET = 'sk-live-0123456789abcdef';
let server: MockServer;
const waits: number[] = [];
const client = (net: NetConfig = FAST_NET): HttpClient => new HttpClient({
  service: 'Test', net, secrets: () => [SECRET],
  describeError: (_s, body) => { try { return (JSON.parse(body) as { message?: string }).message; } catch { return undefined; } },
  sleep: async (ms) => { waits.push(ms); },
});

beforeAll(async () => {
  server = await new MockServer(() => ({ status: 200, body: { ok: true } })).start();
});
afterAll(async () => server.close());

describe('HttpClient', () => {
  it('retries 500, 502 and 503, then succeeds', async () => {
    server.fault('GET', /^\/a$/, { status: 500 }, { status: 502, body: '<html>bad gateway</html>' }, { status: 503 });
    const before = server.log.length;
    const r = await client().json<{ ok: boolean }>({ method: 'GET', url: `${server.origin}/a` });
    expect(r.body).toEqual({ ok: true });
    expect(server.log.length - before).toBe(4);
  });

  it('honours Retry-After on 429 (seconds), and backs off without it', async () => {
    waits.length = 0;
    server.fault('GET', /^\/b$/, { status: 429, headers: { 'retry-after': '1' } }, { status: 429 }, { status: 503, headers: { 'retry-after': '0.25' } });
    await client().request({ method: 'GET', url: `${server.origin}/b` });
    expect(waits[0]).toBe(1000);
    expect(waits[1]).toBeLessThanOrEqual(FAST_NET.maxBackoffMs * 1.25);
    expect(waits[2]).toBe(250);
  });

  it('fails at once when Retry-After exceeds the cap', async () => {
    server.fault('POST', /^\/c$/, { status: 429, headers: { 'retry-after': '3600' }, body: { message: 'slow down' } });
    await expect(client().request({ method: 'POST', url: `${server.origin}/c`, body: '{}' }))
      .rejects.toThrow(/^Test: POST \/c failed: HTTP 429 slow down; retry after 3600 s$/);
  });

  it('gives up on a persistent 503 with one line naming the attempts', async () => {
    server.fault('GET', /^\/d$/, { status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
    await expect(client().request({ method: 'GET', url: `${server.origin}/d` })).rejects.toThrow(/HTTP 503 .*gave up after 4 attempts/);
  });

  it('times out on a hung server; a GET is retried, a POST is not (its outcome is unknown)', async () => {
    server.fault('GET', /^\/e$/, { hang: true }, { hang: true });
    await expect(client(HANG_NET).request({ method: 'GET', url: `${server.origin}/e` })).rejects.toThrow(/timed out after 200 ms \(2 attempts\)/);
    server.fault('POST', /^\/f$/, { hang: true });
    const n = server.log.length;
    const p = client(HANG_NET).request({ method: 'POST', url: `${server.origin}/f`, body: '{}' });
    await expect(p).rejects.toBeInstanceOf(UncertainOutcomeError);
    await expect(p).rejects.toThrow(/may or may not have taken effect/);
    expect(server.log.length - n).toBe(1);
  });

  it('reports malformed JSON as a clear error', async () => {
    server.fault('GET', /^\/g$/, { malformed: true });
    await expect(client().json({ method: 'GET', url: `${server.origin}/g` })).rejects.toThrow(/GET \/g returned malformed JSON/);
  });

  it('never lets a secret through an error message', async () => {
    server.fault('GET', /^\/h$/, { status: 400, body: { message: `bad key ${SECRET} (Bearer ${SECRET})` } });
    const e = await client().request({ method: 'GET', url: `${server.origin}/h` }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(BackendError);
    expect((e as Error).message).not.toContain(SECRET);
    expect((e as Error).message).toContain('<redacted>');
  });
});

describe('helpers', () => {
  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
  it('redacts listed secrets and credential syntax', () => {
    expect(redact(`x ${SECRET} y`, [SECRET])).toBe('x <redacted> y');
    expect(redact('Authorization: apiKey abcdefgh12345678', [])).toBe('Authorization: apiKey <redacted>');
    expect(redact('grant_type=x&apikey=abcdef123456', [])).toBe('grant_type=x&apikey=<redacted>');
  });
});
