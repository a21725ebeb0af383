/**
 * Idempotent submission against both mocks: for every way a create can fail — after the server
 * made the job (500/502/504 from it or a proxy, a response that never comes, a reset connection,
 * a cut-off body) or before (an error answer, a reset, a hang) — exactly one remote job carries the
 * record's identity and the record knows its id. Records left without one (a crash, a failed
 * lookup) are finished by status, result and reconcile, never by a second job.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { notReady, type Backend, type JobRecord } from '../../backends/backend.js';
import type { NetConfig } from '../../backends/http.js';
import { IbmBackend, qntkTag } from '../../backends/ibm/backend.js';
import { samplerJobBody } from '../../backends/ibm/sampler.js';
import { IonqBackend } from '../../backends/ionq/backend.js';
import { ionqJobBody } from '../../backends/ionq/client.js';
import { JobStore, hashProgram } from '../../backends/job-store.js';
import { CircuitBuilder, type Circuit } from '../../compiler/circuit/index.js';
import type { Fault } from '../helpers/mock-server.js';
import { MockIbm, TINY_HERON } from '../helpers/mock-ibm.js';
import { MockIonq } from '../helpers/mock-ionq.js';
import { expectIntactStore } from '../helpers/store-check.js';
import { FAST_NET, HANG_NET } from '../helpers/net.js';

const IBM_KEY = 'ibm-idem-SECRET-0123456789';
const IONQ_KEY = 'ionq-idem-SECRET-0123456789';
const CRN = 'crn:v1:bluemix:public:quantum-computing:us-east:a/acct:guid::';
let ibm: MockIbm;
let ionq: MockIonq;
let store: JobStore;

/** x on qubits 0 and 2, all measured: a circuit both backends accept as is. */
function flips(): Circuit {
  const b = new CircuitBuilder(3, 3);
  b.x(0).x(2);
  for (let q = 0; q < 3; q++) b.measure(q, q);
  return b.build();
}

interface Provider {
  readonly name: 'ibm' | 'ionq';
  backend(net?: NetConfig): Backend;
  createPath: RegExp;
  listPath: RegExp;
  /** Remote jobs carrying a record's identity. */
  carrying(id: string): string[];
  jobCount(): number;
  fault(method: string, path: RegExp, ...f: Fault[]): void;
  /** Create a job with `id`'s identity directly, as a crashed qntk would have. */
  createFor(id: string): Promise<string>;
}

const providers: Provider[] = [
  {
    name: 'ibm',
    backend: (net = FAST_NET) => new IbmBackend({ name: 'ibm_tiny', config: { apiKey: IBM_KEY, instance: CRN, url: ibm.url, iamUrl: ibm.iamUrl, net }, store }),
    createPath: /^\/api\/v1\/jobs$/,
    listPath: /^\/api\/v1\/jobs$/,
    carrying: (id) => [...ibm.jobs.values()].filter((j) => j.tags.includes(qntkTag(id))).map((j) => j.id),
    jobCount: () => ibm.jobs.size,
    fault: (m, p, ...f) => ibm.fault(m, p, ...f),
    createFor: async (id) => {
      const be = providers[0]!.backend() as IbmBackend;
      return (await be.client.createJob(samplerJobBody('ibm_tiny', 'OPENQASM 3.0;\nbit[1] c;\nx $0;\nc[0] = measure $0;\n', 10, { tag: qntkTag(id) }))).id;
    },
  },
  {
    name: 'ionq',
    backend: (net = FAST_NET) => new IonqBackend({ name: 'simulator', config: { apiKey: IONQ_KEY, url: ionq.url, net }, store }),
    createPath: /^\/v0\.4\/jobs$/,
    listPath: /^\/v0\.4\/jobs$/,
    carrying: (id) => [...ionq.jobs.values()].filter((j) => j.body.name === id).map((j) => j.id),
    jobCount: () => ionq.jobs.size,
    fault: (m, p, ...f) => ionq.fault(m, p, ...f),
    createFor: async (id) => {
      const be = providers[1]!.backend() as IonqBackend;
      return (await be.client.createJob(ionqJobBody({ backend: 'simulator', shots: 10, name: id, input: { kind: 'circuit', circuit: { qubits: 1, gateset: 'qis', circuit: [{ gate: 'x', target: 0 }] } } }))).id;
    },
  },
];

beforeAll(async () => {
  ibm = await new MockIbm({ apiKey: IBM_KEY, crn: CRN, devices: [TINY_HERON], createsPerMinute: 1000 }).start();
  ionq = await new MockIonq({ apiKey: IONQ_KEY }).start();
});
afterAll(async () => {
  await ibm.close();
  await ionq.close();
});
beforeEach(() => {
  store = new JobStore(mkdtempSync(join(tmpdir(), 'qntk-idem-')), [IBM_KEY, IONQ_KEY]);
});
afterEach(() => expectIntactStore(store.dir));

/** The error `p` rejects with (the test fails if it resolves). */
async function failure(p: Promise<unknown>): Promise<Error> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e, 'expected a rejection').toBeInstanceOf(Error);
  return e as Error;
}

/** A stored record as a qntk killed during submission leaves it: pending, no remote id, its submitter gone. */
async function crashedRecord(p: Provider, lastAttemptAgoMs: number): Promise<JobRecord> {
  return store.create({
    provider: p.name, backend: p.name === 'ibm' ? 'ibm_tiny' : 'simulator', programHash: hashProgram('x'), shots: 10, status: 'pending',
    qubits: 1, clbits: 1, cregs: [{ name: 'c', start: 0, size: 1 }], measuredQubits: [0],
    submission: { pid: 2 ** 22 + 12345, host: 'elsewhere', attempts: 1, lastAttemptAt: new Date(Date.now() - lastAttemptAgoMs).toISOString(), ambiguous: 0 },
  });
}

for (const p of providers) {
  describe(`${p.name}: a create whose outcome is unknown is looked up, never repeated blindly`, () => {
    const made: [string, Fault][] = [
      ['the server made the job, then answered 500', { after: { status: 500, body: { message: 'internal error' } } }],
      ['the server made the job, then a proxy answered 502', { after: { status: 502, body: '<html>bad gateway</html>' } }],
      ['the server made the job, then a proxy answered 504', { after: { status: 504, body: '<html>gateway timeout</html>' } }],
      ['the response never arrived (timeout)', { hangAfter: true }],
      ['the connection was reset after the job was made', { resetAfter: true }],
      ['the response was cut off mid-body', { truncateAfter: true }],
      ['the response was a cut, unreadable JSON', { cutAfter: true }],
    ];
    it.each(made)('%s: the job is found and adopted, none is added', async (_what, fault) => {
      const before = p.jobCount();
      p.fault('POST', p.createPath, fault);
      const rec = await p.backend(HANG_NET).submit(flips(), { shots: 10 });
      expect(p.jobCount() - before).toBe(1);
      expect(p.carrying(rec.id)).toEqual([rec.remoteId]);
      expect(rec.submission).toMatchObject({ attempts: 1, ambiguous: 1 });
      expect(rec.status).toBe('queued');
    });

    const notMade: [string, Fault][] = [
      ['500 before the job was made', { status: 500, body: { message: 'down' } }],
      ['a reset before the request was read', { reset: true }],
      ['a hang before the request was read', { hang: true }],
    ];
    it.each(notMade)('%s: the empty lookup allows one more create', async (_what, fault) => {
      const before = p.jobCount();
      p.fault('POST', p.createPath, fault);
      const rec = await p.backend(HANG_NET).submit(flips(), { shots: 10 });
      expect(p.jobCount() - before).toBe(1);
      expect(p.carrying(rec.id)).toEqual([rec.remoteId]);
      expect(rec.submission).toMatchObject({ attempts: 2, ambiguous: 1 });
    });

    it('a failed lookup stops the submission (record unknown); status then finds the job', async () => {
      const before = p.jobCount();
      p.fault('POST', p.createPath, { after: { status: 502 } });
      p.fault('GET', p.listPath, ...Array.from({ length: 4 }, () => ({ status: 503 })));
      const err = await failure(p.backend().submit(flips(), { shots: 10 }));
      expect(err.message).toMatch(/may or may not have taken effect; looking the job up by its (tag|name) \S+ failed too .*; qntk status qj-\S+ looks again$/);
      const [rec] = await store.list();
      expect(rec).toMatchObject({ status: 'unknown' });
      expect(notReady(rec!).message).toMatch(/do not resubmit before then$/);
      expect(p.jobCount() - before).toBe(1);
      const found = await p.backend().status(rec!.id);
      expect(found.remoteId).toBe(p.carrying(rec!.id)[0]);
      expect(p.jobCount() - before).toBe(1);
    });

    it('a crashed submission is finished by status, result and reconcile: adopted if made, declared never created if not', async () => {
      const made = await crashedRecord(p, 0);
      const remote = await p.createFor(made.id);
      expect((await p.backend().reconcile(made.id)).remoteId).toBe(remote);
      const missing = await crashedRecord(p, 60_000);
      const young = await failure(p.backend({ ...FAST_NET, settleMs: 3_600_000 }).result(missing.id));
      expect(young.message).toMatch(/not confirmed by \w+ yet: .*do not resubmit before then$/);
      expect((await store.get(missing.id)).status).toBe('pending');
      const old = await p.backend({ ...FAST_NET, settleMs: 30_000 }).status(missing.id);
      expect(old).toMatchObject({ status: 'failed', submission: { verdict: 'absent' } });
      expect(old.error).toMatch(/^never created: no .* job carries its (tag|name) \S+ 1 min after the last create request .*; it is safe to resubmit$/);
      expect(notReady(old).message).toMatch(/failed: never created/);
    });

    it('keeps the oldest of two jobs carrying one identity and cancels the other', async () => {
      const rec = await crashedRecord(p, 0);
      const first = await p.createFor(rec.id);
      const second = await p.createFor(rec.id);
      const done = await p.backend().reconcile(rec.id);
      expect(done.remoteId).toBe(first);
      expect(done.submission?.duplicates).toBe(`${second} cancelled`);
      expect((await p.backend().status(rec.id)).remoteId).toBe(first);
    });
  });
}
