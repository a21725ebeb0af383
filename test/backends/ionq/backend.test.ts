import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { waitForJob } from '../../../backends/backend.js';
import { IonqBackend } from '../../../backends/ionq/backend.js';
import { JobStore } from '../../../backends/job-store.js';
import { CircuitBuilder, type Circuit } from '../../../compiler/circuit/index.js';
import { MockIonq } from '../../helpers/mock-ionq.js';
import { expectIntactStore } from '../../helpers/store-check.js';
import type { NetConfig } from '../../../backends/http.js';
import { FAST_NET, HANG_NET } from '../../helpers/net.js';

const KEY = 'ionq-key-SECRET-abcdef0123456789';
let mock: MockIonq;
let store: JobStore;
const errors: string[] = [];
const poll = { intervalMs: 1, maxIntervalMs: 4, timeoutMs: 3000 };
const backend = (name = 'simulator', over: { apiKey?: string; url?: string; net?: NetConfig; qasm3?: (c: Circuit) => string } = {}): IonqBackend =>
  new IonqBackend({ name, config: { apiKey: over.apiKey ?? KEY, url: over.url ?? mock.url, net: over.net ?? FAST_NET }, store, ...(over.qasm3 ? { qasm3: over.qasm3 } : {}) });
const fail = async (p: Promise<unknown>): Promise<string> => {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e, 'expected a rejection').toBeInstanceOf(Error);
  errors.push((e as Error).message);
  expect((e as Error).message).not.toMatch(/\n/);
  return (e as Error).message;
};

/** x(0); cx(0, 2): state |101⟩; with measure, q0 → c1 and q2 → c0 (q1 unmeasured), so clbits read "11". */
function xcx(measure: boolean): Circuit {
  const b = new CircuitBuilder(3, measure ? 2 : 0);
  b.x(0).cx(0, 2);
  if (measure) b.measure(0, 1).measure(2, 0);
  return b.build();
}

beforeAll(async () => { mock = await new MockIonq({ apiKey: KEY }).start(); });
afterAll(async () => {
  await mock.close();
  const files = readdirSync(store.dir).map((f) => readFileSync(join(store.dir, f), 'utf8')).join('\n');
  expect(files).not.toContain(KEY);
  for (const m of errors) expect(m).not.toContain(KEY);
});
afterEach(() => expectIntactStore(store.dir));
beforeEach(() => { store = new JobStore(mkdtempSync(join(tmpdir(), 'qntk-ionq-'))); });

describe('IonQ client against the mock', () => {
  it('submits ionq.circuit.v1 with apiKey auth, follows submitted → ready → started → completed, decodes counts', async () => {
    const be = backend();
    const rec = await be.submit(xcx(false), { shots: 200 });
    expect(rec).toMatchObject({ provider: 'ionq', backend: 'simulator', status: 'queued', remoteStatus: 'submitted' });
    const post = mock.requestsTo('POST', /^\/v0\.4\/jobs$/).at(-1)!;
    expect(post.headers.authorization).toBe(`apiKey ${KEY}`);
    expect(JSON.parse(post.body)).toEqual({
      type: 'ionq.circuit.v1', backend: 'simulator', shots: 200, metadata: { compiler: 'qntk', qntk_job: rec.id }, name: rec.id,
      input: { qubits: 3, gateset: 'qis', circuit: [{ gate: 'x', target: 0 }, { gate: 'cnot', control: 0, target: 2 }] },
    });
    const seen: string[] = [];
    const done = await waitForJob(be, rec.id, { ...poll, onPoll: (r) => seen.push(r.remoteStatus!) });
    expect(done.status).toBe('completed');
    expect(seen).toEqual(['ready', 'started', 'completed']);
    expect(await be.result(rec.id)).toEqual({ counts: { '101': 200 }, probabilities: { '101': 1 }, shots: 200 });
  });

  it('pads decimal keys to the qubit count and reads them through the measure map; v0.3 running; artifact results', async () => {
    const legacy = await new MockIonq({ apiKey: KEY, legacyRunning: true, artifacts: true }).start();
    try {
      legacy.probabilitiesFor = () => ({ '0': 0.25, '5': 0.5, '4': 0.25 }); // q0 q2 set; q2 only
      const be = backend('simulator', { url: legacy.url });
      const a = await be.submit(xcx(false), { shots: 7 });
      const seen: string[] = [];
      await waitForJob(be, a.id, { ...poll, onPoll: (r) => seen.push(`${r.remoteStatus}:${r.status}`) });
      expect(seen).toContain('running:running');
      expect(await be.result(a.id)).toEqual({ counts: { '000': 2, '100': 2, '101': 3 }, probabilities: { '000': 0.25, '100': 0.25, '101': 0.5 }, shots: 7 });
      const b = await be.submit(xcx(true), { shots: 4 });
      await waitForJob(be, b.id, poll);
      // c1 = q0, c0 = q2: state 5 → "11", state 4 → "01", state 0 → "00".
      expect((await be.result(b.id)).counts).toEqual({ '00': 1, '01': 1, '11': 2 });
      expect(legacy.requestsTo('GET', /\/artifacts\//).length).toBe(2);
    } finally {
      await legacy.close();
    }
  });

  it('sends native gates in turns and the simulator noise model', async () => {
    const c = new CircuitBuilder(2).gate('gpi2', [0], [Math.PI / 2]).gate('zz', [0, 1], [Math.PI / 2]).build();
    await backend().submit(c, { shots: 10, noise: 'forte-1', seed: 7 });
    const body = JSON.parse(mock.requestsTo('POST', /^\/v0\.4\/jobs$/).at(-1)!.body) as Record<string, unknown>;
    expect(body.noise).toEqual({ model: 'forte-1', seed: 7 });
    expect(body.input).toEqual({ qubits: 2, gateset: 'native', circuit: [{ gate: 'gpi2', target: 0, phase: 0.25 }, { gate: 'zz', targets: [0, 1], angle: 0.25 }] });
    expect(await fail(backend().submit(c, { noise: 'bogus' }))).toMatch(/^noise bogus: IonQ noise models are ideal, harmony/);
    expect(await fail(backend('forte-1').submit(c, { noise: 'forte-1' }))).toBe('noise forte-1: noise models apply only to ionq:simulator, not qpu.forte-1');
  });

  it('reports a QASM3 job that fails preflight with its failure code', async () => {
    const mid = new CircuitBuilder(1, 2).h(0).measure(0, 0).h(0).measure(0, 1).build();
    expect(await fail(backend().submit(mid, {}))).toBe("circuit does not fit ionq:simulator, nothing was submitted (1 problem): 'h' acts on a qubit after it was measured; IonQ returns only final-state probabilities, which cannot give mid-circuit results; run it on the local backend");
    const b = new CircuitBuilder(1, 1).h(0).reset(0).h(0).measure(0, 0).build();
    // A stand-in printer whose program IonQ's preflight rejects (a branch).
    const be = backend('simulator', { qasm3: () => 'OPENQASM 3.0;\nqubit[1] q;\nbit[1] c;\nh q[0];\nreset q[0];\nif (c[0]) { x q[0]; }\nc[0] = measure q[0];\n' });
    const rec = await be.submit(b, {});
    const body = JSON.parse(mock.requestsTo('POST', /^\/v0\.4\/jobs$/).at(-1)!.body) as { type: string; input: { qubits: number } };
    expect(body.type).toBe('ionq.qasm3.v1');
    expect(body.input.qubits).toBe(1);
    expect((await waitForJob(be, rec.id, poll)).status).toBe('failed');
    expect(await fail(be.result(rec.id))).toBe(`job ${rec.id} failed: PreflightError: Unsupported construct: dynamic circuits (loops/branches)`);
  });

  it('turns 401, 429 (with and without Retry-After), 502/503 and 400 validation errors into outcomes or one line', async () => {
    expect(await fail(backend('simulator', { apiKey: 'bad-key-000000' }).submit(xcx(false), {})))
      .toBe('IonQ: POST /v0.4/jobs failed: HTTP 401 Unauthorized Error: Invalid key provided — check IONQ_API_KEY');
    expect((await store.list()).map((r) => r.status)).toEqual(['failed']);
    mock.fault('POST', /^\/v0\.4\/jobs$/, { status: 429, headers: { 'retry-after': '0' }, body: { error: 'Too Many Requests', message: 'slow', statusCode: 429 } }, { status: 429 }, { status: 502 });
    expect((await backend().submit(xcx(false), {})).status).toBe('queued');
    // 5xx after a create is ambiguous: each is followed by a lookup; with none found, the record stays unknown.
    const e500 = { status: 500, body: { error: 'Internal Server Error', message: 'oops', statusCode: 500 } };
    mock.fault('POST', /^\/v0\.4\/jobs$/, { status: 503 }, e500, e500, e500);
    expect(await fail(backend().submit(xcx(false), {}))).toMatch(/^IonQ: POST \/v0\.4\/jobs failed: HTTP 500 Internal Server Error: oops; the request may or may not have taken effect — after 4 attempts no job carries its name qj-\S+; the record stays unknown and qntk status qj-\S+ looks again$/);
    expect((await store.list()).map((r) => r.status)).toEqual(['failed', 'queued', 'unknown']);
    expect(await fail(backend('qpu.nonexistent').submit(xcx(false), {}))).toMatch(/HTTP 400 Bad Request: Unknown backend qpu.nonexistent \(bad body: backend\)$/);
  });

  it('cancels a queued job; cancelling a finished one is a clear line and keeps the record', async () => {
    const be = backend();
    const a = await be.submit(xcx(false), {});
    expect((await be.cancel(a.id)).status).toBe('cancelled');
    const b = await be.submit(xcx(false), {});
    mock.jobs.get(b.remoteId!)!.polls = 10;
    expect(await fail(be.cancel(b.id))).toBe(`job ${b.id} cannot be cancelled: IonQ reports it completed`);
    expect((await store.get(b.id)).status).toBe('completed');
    expect(await fail(be.cancel(a.id))).toBe(`job ${a.id} is already cancelled; nothing to cancel`);
  });

  it('adopts the job a lost create response made, found by its name, instead of creating another', async () => {
    const before = mock.jobs.size;
    mock.fault('POST', /^\/v0\.4\/jobs$/, { hangAfter: true });
    const rec = await backend('simulator', { net: HANG_NET }).submit(xcx(false), { shots: 3 });
    expect(mock.jobs.size - before).toBe(1);
    expect(rec.remoteId).toBe([...mock.jobs.values()].find((j) => j.body.name === rec.id)!.id);
    const be = backend();
    await waitForJob(be, rec.id, poll);
    expect((await be.result(rec.id)).counts).toEqual({ '101': 3 });
  });

  it('keeps a hung status poll from hanging the client', async () => {
    const be = backend();
    const a = await be.submit(xcx(false), {});
    mock.fault('GET', /^\/v0\.4\/jobs\/[^/]+$/, { hang: true }, { hang: true });
    expect(await fail(backend('simulator', { net: HANG_NET }).status(a.id))).toMatch(/^IonQ: GET \/v0\.4\/jobs\/\S+ timed out after 200 ms \(2 attempts\)/);
    expect((await store.get(a.id)).status).toBe('queued');
  });
});
