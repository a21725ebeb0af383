import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { waitForJob } from '../../../backends/backend.js';
import { IbmBackend } from '../../../backends/ibm/backend.js';
import type { IbmConfig } from '../../../backends/ibm/client.js';
import { JobStore } from '../../../backends/job-store.js';
import { CircuitBuilder, type Circuit } from '../../../compiler/circuit/index.js';
import { MockIbm, TINY_HERON } from '../../helpers/mock-ibm.js';
import { expectIntactStore } from '../../helpers/store-check.js';
import { FAST_NET, HANG_NET } from '../../helpers/net.js';

const KEY = 'ibm-api-key-SECRET-0123456789';
const CRN = 'crn:v1:bluemix:public:quantum-computing:us-east:a/acct123:inst-guid::';
let mock: MockIbm;
let store: JobStore;
const errors: string[] = [];

const config = (over: Partial<IbmConfig> = {}): IbmConfig => ({ apiKey: KEY, instance: CRN, url: mock.url, iamUrl: mock.iamUrl, net: FAST_NET, ...over });
const backend = (over: Partial<IbmConfig> = {}): IbmBackend => new IbmBackend({ name: 'ibm_tiny', config: config(over), store });
const poll = { intervalMs: 1, maxIntervalMs: 4, timeoutMs: 3000 };
const fail = async (p: Promise<unknown>): Promise<string> => {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e, 'expected a rejection').toBeInstanceOf(Error);
  const m = (e as Error).message;
  errors.push(m);
  expect(m).not.toMatch(/\n/);
  return m;
};

/** x on $0 and $2, measured into c[0..2]: outcome c = 101. */
function flips(): Circuit {
  const b = new CircuitBuilder(3, 3);
  b.x(0).x(2).rz(0.5, 1);
  for (let q = 0; q < 3; q++) b.measure(q, q);
  return b.build();
}

beforeAll(async () => {
  mock = await new MockIbm({ apiKey: KEY, crn: CRN, devices: [TINY_HERON, { ...TINY_HERON, name: 'ibm_faulty', faultyQubits: [4] }], createsPerMinute: 100 }).start();
});
afterAll(async () => {
  await mock.close();
  // Secrets never reach any message or record.
  const tokens = mock.log.map((r) => r.headers.authorization?.slice(7) ?? '').filter((t) => t.length > 8);
  const files = readdirSync(store.dir).map((f) => readFileSync(join(store.dir, f), 'utf8')).join('\n');
  for (const s of [KEY, ...tokens]) {
    expect(files).not.toContain(s);
    for (const m of errors) expect(m).not.toContain(s);
  }
});
afterEach(() => expectIntactStore(store.dir));
beforeEach(() => {
  store = new JobStore(mkdtempSync(join(tmpdir(), 'qntk-ibm-')));
});

describe('IBM Quantum client against the mock', () => {
  it('exchanges the key, submits a Sampler V2 job, polls it to completion and decodes counts (c[0] = LSB)', async () => {
    const be = backend();
    const rec = await be.submit(flips(), { shots: 50 });
    expect(rec).toMatchObject({ provider: 'ibm', backend: 'ibm_tiny', status: 'queued', shots: 50 });
    expect(rec.remoteId).toMatch(/^d[0-9a-f]+$/);
    const tok = mock.requestsTo('POST', /^\/identity\/token$/).at(-1)!;
    expect(tok.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(new URLSearchParams(tok.body).get('grant_type')).toBe('urn:ibm:params:oauth:grant-type:apikey');
    const post = mock.requestsTo('POST', /^\/api\/v1\/jobs$/).at(-1)!;
    expect(post.headers.authorization).toMatch(/^Bearer eyJ/);
    expect(post.headers['service-crn']).toBe(CRN);
    const body = JSON.parse(post.body) as { program_id: string; backend: string; params: { version: number; support_qiskit: boolean; pubs: [string, null, number][] } };
    expect(body.program_id).toBe('sampler');
    expect(body.params.version).toBe(2);
    expect(body.params.support_qiskit).toBe(false);
    const [program, values, shots] = body.params.pubs[0]!;
    expect([values, shots]).toEqual([null, 50]);
    expect(program).toContain('bit[3] c;\nx $0;\nx $2;\nrz(0.5) $1;\nc[0] = measure $0;');
    const done = await waitForJob(be, rec.id, poll);
    expect(done.status).toBe('completed');
    const res = await be.result(rec.id);
    expect(res.counts).toEqual({ '101': 50 });
    expect((await store.get(rec.id)).result?.counts).toEqual({ '101': 50 });
  });

  it('joins registers shot by shot and pads unpadded hex samples', async () => {
    const b = new CircuitBuilder();
    b.addQreg('q', 3);
    b.addCreg('a', 2);
    b.addCreg('b', 1);
    b.measure(0, 0).measure(1, 1).measure(2, 2);
    mock.samplesFor = () => ({ b: { samples: ['0x1', '0x0', '0x1'], num_bits: 1 }, a: { samples: ['0x1', '0x2', '0x1'], num_bits: 2 } });
    const be = backend();
    const rec = await be.submit(b.build(), { shots: 3 });
    await waitForJob(be, rec.id, poll);
    const res = await be.result(rec.id);
    mock.samplesFor = undefined;
    expect(res.counts).toEqual({ '010': 1, '101': 2 });
    expect(res.registers).toEqual({ a: { '01': 2, '10': 1 }, b: { '0': 1, '1': 2 } });
  });

  it('lists every ISA violation before creating any job', async () => {
    const b = new CircuitBuilder(5, 1);
    b.h(0).cz(0, 2).cx(1, 2).h(3).x(4).measure(0, 0); // cx(1, 2) sits on an edge: only its name is wrong
    const before = mock.requestsTo('POST', /^\/api\/v1\/jobs$/).length;
    const m = await fail(new IbmBackend({ name: 'ibm_faulty', config: config(), store }).submit(b.build(), {}));
    expect(m).toBe("circuit does not fit ibm:ibm_faulty, nothing was submitted (4 problems): gate 'h' is not in the basis of ibm_faulty (cz, id, rz, sx, x) (×2); gate 'cx' is not in the basis of ibm_faulty (cz, id, rz, sx, x); 'cz' on (0, 2) is not a coupling edge of ibm_faulty; qubit 4 is marked faulty (operational=0) on ibm_faulty");
    expect(mock.requestsTo('POST', /^\/api\/v1\/jobs$/).length).toBe(before);
    expect(await store.list()).toEqual([]);
  });

  it('reports a job the server fails with reason code 1517', async () => {
    const b = new CircuitBuilder(2, 1);
    b.h(0).measure(0, 0);
    const be = backend();
    const dev = { ...(await be.device()), basisGates: ['h', 'cz'] }; // pretend the client check passed
    const rec = await be.submit(b.build(), {}, dev);
    const done = await waitForJob(be, rec.id, poll);
    expect(done.status).toBe('failed');
    const m = await fail(be.result(rec.id));
    expect(m).toMatch(/^job qj-\S+ failed: code 1517: Circuits do not match the target definition \(non-ISA circuits\).* submit without --no-transpile$/);
  });

  it('refreshes the token when it expires during polling', async () => {
    const be = backend();
    const rec = await be.submit(flips(), { shots: 5 });
    const exchanges = mock.requestsTo('POST', /^\/identity\/token$/).length;
    mock.expireTokens();
    expect((await waitForJob(be, rec.id, poll)).status).toBe('completed');
    expect(mock.requestsTo('POST', /^\/identity\/token$/).length).toBe(exchanges + 1);
  });

  it('turns 401 (wrong instance) and a bad API key into one clear line', async () => {
    expect(await fail(backend({ instance: 'crn:v1:other' }).submit(flips(), {})))
      .toMatch(/HTTP 401 code 1201: Invalid credentials — invalid credentials; check QNTK_IBM_TOKEN and QNTK_IBM_INSTANCE$/);
    expect(await fail(backend({ apiKey: 'wrong-key-123456' }).submit(flips(), {})))
      .toMatch(/^IBM Quantum: POST \/identity\/token failed: HTTP 400 IAM BXNIM0415E: Provided API key could not be found — check QNTK_IBM_TOKEN/);
    expect(await store.list()).toEqual([]);
  });

  it('records a rate-limited submission (1202) as failed, with the reason', async () => {
    const be = backend();
    mock.fault('POST', /^\/api\/v1\/jobs$/, ...Array.from({ length: 4 }, () => ({ status: 429, body: { errors: [{ code: 1202, message: 'Too many requests; limit is 5 per minute.' }], trace: 't' } })));
    const m = await fail(be.submit(flips(), {}));
    expect(m).toMatch(/HTTP 429 code 1202: Too many requests; limit is 5 per minute — rate limited .*gave up after 4 attempts/);
    const [rec] = await store.list();
    expect(rec).toMatchObject({ status: 'failed' });
    expect(rec!.error).toContain('code 1202');
  });

  it('looks before it creates again: 500/502/503 answers (job not made) and a hung create are retried only after an empty lookup', async () => {
    const be = backend();
    const before = mock.jobs.size;
    const lookups = mock.requestsTo('GET', /^\/api\/v1\/jobs$/).length;
    mock.fault('POST', /^\/api\/v1\/jobs$/, { status: 500 }, { status: 502 }, { status: 503 });
    const a = await be.submit(flips(), {});
    expect(a.status).toBe('queued');
    expect(a.submission).toMatchObject({ attempts: 4, ambiguous: 3 });
    expect(mock.requestsTo('GET', /^\/api\/v1\/jobs$/).length - lookups).toBe(3);
    mock.fault('POST', /^\/api\/v1\/jobs$/, { hang: true });
    const b = await backend({ net: HANG_NET }).submit(flips(), {});
    expect(b.status).toBe('queued');
    expect(mock.jobs.size - before).toBe(2);
  });

  it('adopts the job a lost create response made, found by its qntk tag, instead of creating another', async () => {
    const before = mock.jobs.size;
    mock.fault('POST', /^\/api\/v1\/jobs$/, { hangAfter: true });
    const rec = await backend({ net: HANG_NET }).submit(flips(), { shots: 5 });
    expect(mock.jobs.size - before).toBe(1);
    const made = [...mock.jobs.values()].filter((j) => j.tags.includes(`qntk:${rec.id}`));
    expect(made.map((j) => j.id)).toEqual([rec.remoteId]);
    expect(rec.submission).toMatchObject({ attempts: 1, ambiguous: 1 });
    const be = backend();
    expect((await waitForJob(be, rec.id, poll)).status).toBe('completed');
    expect((await be.result(rec.id)).counts).toEqual({ '101': 5 });
  });

  it('reports malformed JSON while polling and keeps the record', async () => {
    const be = backend();
    const rec = await be.submit(flips(), {});
    mock.fault('GET', /^\/api\/v1\/jobs\/[^/]+$/, { malformed: true });
    expect(await fail(be.status(rec.id))).toMatch(/GET \/api\/v1\/jobs\/d[0-9a-f]+ returned malformed JSON/);
    expect((await store.get(rec.id)).status).toBe('queued');
  });

  it('cancels a queued job and refuses to cancel a finished one with a clear line', async () => {
    const be = backend();
    const a = await be.submit(flips(), {});
    expect((await be.cancel(a.id)).status).toBe('cancelled');
    expect((await be.status(a.id)).status).toBe('cancelled');
    const b = await be.submit(flips(), {});
    mock.jobs.get(b.remoteId!)!.polls = 10; // IBM finished it; our record still says queued
    const m = await fail(be.cancel(b.id));
    expect(m).toBe(`job ${b.id} cannot be cancelled: IBM reports it Completed`);
    expect((await store.get(b.id)).status).toBe('completed');
  });
});
