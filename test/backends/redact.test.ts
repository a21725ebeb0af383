import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../backends/http.js';
import { describeIbmError } from '../../backends/ibm/errors.js';
import { describeIonqError } from '../../backends/ionq/errors.js';
import { boundedLine, redact, REDACTED } from '../../backends/redact.js';
import { leaks } from '../helpers/leaks.js';
import { MockServer } from '../helpers/mock-server.js';
import { FAST_NET } from '../helpers/net.js';

/** Keys with the characters URL and form encoding change (+ / = & %) and a JSON escape (/). */
const KEYS = ['Zq+9/aB=c&d%e4F7-h2k+Lm/Np=Q8rS', 'sk-live_0123456789abcdefXYZ'];
const [KEY] = KEYS as [string];

describe('redact', () => {
  const url = encodeURIComponent(KEY);
  const forms: [string, string][] = [
    ['raw', KEY],
    ['URL-encoded', url],
    ['URL-encoded, lower-case hex', url.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())],
    ['double URL-encoded', encodeURIComponent(url)],
    ['form-encoded', new URLSearchParams({ k: KEY }).toString().slice(2)],
    ['JSON-escaped', JSON.stringify(KEY).slice(1, -1).replace(/\//g, '\\/')],
    ['\\u-escaped', [...KEY].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')],
    ['HTML entities', [...KEY].map((c) => `&#${c.charCodeAt(0)};`).join('')],
    ['mixed per character', [...KEY].map((c, i) => (i % 2 === 0 ? c : `%${c.charCodeAt(0).toString(16)}`)).join('')],
  ];
  it.each(forms)('removes the %s key whole', (_name, form) => {
    const out = redact(`error: key ${form} is invalid`, KEYS);
    expect(out).toBe(`error: key ${REDACTED} is invalid`);
  });

  it('removes every piece of 8 or more characters, even where the echo was already cut', () => {
    for (let len = 8; len < KEY.length; len++) {
      for (const at of [0, KEY.length - len, Math.floor((KEY.length - len) / 2)]) {
        const out = redact(`bad key '${KEY.slice(at, at + len)}…'`, KEYS);
        expect(leaks(out, KEYS), `${len} chars at ${at}`).toEqual([]);
      }
    }
    // Seven characters are ordinary text: nothing to redact (and the leak test counts 8).
    expect(redact(`x ${KEY.slice(0, 7)} y`, KEYS)).toBe(`x ${KEY.slice(0, 7)} y`);
  });

  it('has a leak scanner that finds what it looks for', () => {
    expect(leaks(`…${KEY.slice(3, 11)}…`, KEYS)).toHaveLength(1);
    expect(leaks(`…${encodeURIComponent(KEY).slice(5, 13)}…`, KEYS).length).toBeGreaterThan(0);
    expect(leaks('nothing here', KEYS)).toEqual([]);
  });

  it('keeps ordinary text and bounds lines after redaction, escaping control characters', () => {
    expect(redact('job qj-20261124-142711-7e2e3a queued', KEYS)).toBe('job qj-20261124-142711-7e2e3a queued');
    expect(boundedLine('a\u001b[31mred\u0007\n  b', 100)).toBe('a\\x1b[31mred\\x07 b');
    expect(boundedLine('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('a server that echoes the key at every offset of its error text', () => {
  let server: MockServer;
  let echo: (offset: number) => { status: number; body: unknown };
  beforeAll(async () => {
    server = await new MockServer((r) => echo(Number(r.path.split('/').at(-1)))).start();
  });
  afterAll(async () => server.close());

  const client = (describe: (s: number, b: string) => string | undefined): HttpClient =>
    new HttpClient({ service: 'Echo', net: { ...FAST_NET, retries: 0 }, secrets: () => KEYS, describeError: describe });

  /** Error bodies carrying `key` after `pad` characters, in the shapes IBM, IAM, IonQ and proxies use. */
  const shapes: Record<string, (pad: string, key: string) => { status: number; body: unknown }> = {
    'IBM error container': (pad, key) => ({ status: 400, body: { errors: [{ code: 1002, message: `${pad}${key} rejected`, solution: `${pad}${key}` }], trace: 't' } }),
    'IAM error': (pad, key) => ({ status: 400, body: { errorCode: 'BXNIM0415E', errorMessage: `${pad}${key}` } }),
    'IonQ error': (pad, key) => ({ status: 401, body: { error: 'Unauthorized Error', message: `${pad}${key} is not a key`, statusCode: 401 } }),
    'proxy text': (pad, key) => ({ status: 403, body: `${pad}${key}${pad}` }),
    'URL-encoded in text': (pad, key) => ({ status: 403, body: `${pad}apikey=${encodeURIComponent(key)}&x=1` }),
    'JSON-escaped in text': (pad, key) => ({ status: 403, body: `${pad}${JSON.stringify({ key }).replace(/\//g, '\\/')}` }),
    'malformed 200': (pad, key) => ({ status: 200, body: `{"id": "${pad}${key}` }),
  };

  for (const [name, shape] of Object.entries(shapes)) {
    it(`leaks nothing of the key from a ${name}`, async () => {
      const messages: string[] = [];
      for (const key of KEYS) {
        for (let offset = 0; offset <= 200; offset++) {
          echo = () => shape('p'.repeat(offset), key);
          const c = client(name.startsWith('IonQ') ? describeIonqError : describeIbmError);
          const e = await c.json({ method: 'GET', url: `${server.origin}/e/${offset}` }).then(() => undefined, (x: unknown) => x as Error);
          expect(e, `offset ${offset}`).toBeInstanceOf(Error);
          messages.push(e!.message);
        }
      }
      expect(leaks(messages.join('\n'), KEYS)).toEqual([]);
      expect(messages.every((m) => !m.includes('\n') && m.length <= 700)).toBe(true);
    });
  }
});
