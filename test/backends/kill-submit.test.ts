/**
 * kill -9 during `qntk submit`: real CLI processes (bin/qntk.js over the built dist/)
 * submit to the IBM and IonQ mocks and are killed at random times and at the moments that matter —
 * when the create request reaches the server, once the job exists, just after the answer is sent.
 * Then `qntk jobs` must leave zero duplicate remote jobs and zero orphans: every remote job is
 * known to exactly one record, and every record has its job or is declared never created.
 * QNTK_KILL_TRIALS raises the number of trials (default 24).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobRecord } from '../../backends/backend.js';
import { runCli } from '../helpers/cli.js';
import { leaks, filesUnder } from '../helpers/leaks.js';
import { MockIbm, TINY_HERON } from '../helpers/mock-ibm.js';
import { MockIonq } from '../helpers/mock-ionq.js';
import type { LoggedRequest } from '../helpers/mock-server.js';
import { FAST_NET_ENV } from '../helpers/net.js';
import { expectIntactStore } from '../helpers/store-check.js';

const IBM_KEY = 'ibm-kill-SECRET-0123456789';
const IONQ_KEY = 'ionq-kill-SECRET-0123456789';
const CRN = 'crn:v1:bluemix:public:quantum-computing:us-east:a/acct:guid::';
const TRIALS = Number(process.env.QNTK_KILL_TRIALS ?? 24);
const PARALLEL = 6;
const PHASES = ['random', 'received', 'handled', 'responded'] as const;
type Phase = (typeof PHASES)[number];

const dir = mkdtempSync(join(tmpdir(), 'qntk-kill-'));
const home = join(dir, 'home');
const program = join(dir, 'flips.qasm');
let entry = '';
let ibm: MockIbm;
let ionq: MockIonq;
const plan = new Map<number, Phase>();
const printed: string[] = [];

/** The pid of the process that sent a create request, read from the record its identity names. */
function submitterOf(req: LoggedRequest): number | undefined {
  try {
    const body = JSON.parse(req.body) as { tags?: string[]; name?: string };
    const id = body.tags?.[0]?.replace(/^qntk:/, '') ?? body.name;
    const rec = JSON.parse(readFileSync(join(home, 'jobs', `${id}.json`), 'utf8')) as JobRecord;
    return rec.submission?.pid;
  } catch {
    return undefined;
  }
}

/** Kill the submitter of a create request when its planned moment comes. */
function killAt(req: LoggedRequest, phase: 'received' | 'handled'): void {
  if (req.method !== 'POST' || !/\/jobs$/.test(req.path)) return;
  const pid = submitterOf(req);
  if (pid === undefined) return;
  const want = plan.get(pid);
  if (want === phase) process.kill(pid, 'SIGKILL');
  // Just after the answer leaves: the client may or may not store the job id first.
  if (want === 'responded' && phase === 'handled') setTimeout(() => process.kill(pid, 'SIGKILL'), 1 + Math.random() * 4);
}

function env(): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '', QNTK_HOME: home, ...FAST_NET_ENV,
    QNTK_IBM_URL: ibm.url, QNTK_IBM_IAM_URL: ibm.iamUrl, QNTK_IBM_TOKEN: IBM_KEY, QNTK_IBM_INSTANCE: CRN,
    QNTK_IONQ_URL: ionq.url, IONQ_API_KEY: IONQ_KEY,
  };
}

function trial(k: number): Promise<void> {
  const phase = PHASES[k % PHASES.length]!;
  const backend = Math.floor(k / PHASES.length) % 2 === 0 ? 'ibm:ibm_tiny' : 'ionq:simulator';
  return new Promise((done) => {
    const child = spawn(process.execPath, [entry, 'submit', program, '--backend', backend, '--shots', '10'], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (d: Buffer) => { text += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { text += d.toString(); });
    plan.set(child.pid!, phase);
    const timers = [setTimeout(() => child.kill('SIGKILL'), 30_000)];
    if (phase === 'random') timers.push(setTimeout(() => child.kill('SIGKILL'), 100 + Math.random() * 1500));
    child.on('exit', () => {
      timers.forEach(clearTimeout);
      printed.push(text);
      done();
    });
  });
}

beforeAll(async () => {
  // The built CLI (npm ci builds dist/ through prepare), as a user runs it.
  entry = resolve(import.meta.dirname, '../../bin/qntk.js');
  writeFileSync(program, 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[3] q;\nbit[3] c;\nx q[0];\nx q[2];\nc = measure q;\n');
  ibm = await new MockIbm({ apiKey: IBM_KEY, crn: CRN, devices: [TINY_HERON], createsPerMinute: 1000 }).start();
  ionq = await new MockIonq({ apiKey: IONQ_KEY }).start();
  ibm.hook = killAt;
  ionq.hook = killAt;
}, 60_000);
afterAll(async () => {
  await ibm.close();
  await ionq.close();
});

describe('kill -9 during qntk submit', () => {
  it(`leaves no duplicate and no orphaned job after ${TRIALS} trials`, async () => {
    const queue = Array.from({ length: TRIALS }, (_, k) => k);
    await Promise.all(Array.from({ length: PARALLEL }, async () => {
      for (let k = queue.shift(); k !== undefined; k = queue.shift()) await trial(k);
    }));
    const remote = [
      ...[...ibm.jobs.values()].map((j) => ({ id: j.id, identity: j.tags[0]!.replace(/^qntk:/, '') })),
      ...[...ionq.jobs.values()].map((j) => ({ id: j.id, identity: String(j.body.name) })),
    ];
    // Killed between the create and storing its answer: jobs whose record does not know them yet.
    const stored = new Map(filesUnder(join(home, 'jobs')).filter((f) => f.path.endsWith('.json')).map((f) => {
      const r = JSON.parse(f.text) as JobRecord;
      return [r.id, r] as const;
    }));
    const orphaned = remote.filter((j) => stored.get(j.identity)?.remoteId !== j.id);
    expect(orphaned.length, 'kills left jobs their records do not know').toBeGreaterThan(0);
    const before = (JSON.parse((await runCli(['jobs', '--json'], { ...env(), QNTK_SUBMIT_SETTLE_MS: '3600000' })).stdout) as { jobs: { id: string; remoteId?: string }[] }).jobs;
    // Within the settle time a record whose job is not found stays pending, and result says wait, not resubmit.
    const waiting = before.filter((r) => r.remoteId === undefined);
    for (const r of waiting.slice(0, 2)) {
      const res = await runCli(['result', r.id], env());
      expect(res.stderr).toMatch(/do not resubmit before then\n$/);
    }
    const final = await runCli(['jobs', '--json'], { ...env(), QNTK_SUBMIT_SETTLE_MS: '0' });
    expect(final.stderr).toBe('');
    const recs = (JSON.parse(final.stdout) as { jobs: { id: string; status: string; remoteId?: string; error?: string }[]; unreconciled?: unknown[] });
    expect(recs.unreconciled).toBeUndefined();
    // Zero duplicates: each identity is carried by at most one remote job.
    expect(new Set(remote.map((j) => j.identity)).size).toBe(remote.length);
    // Zero orphans: each remote job is the job of exactly the record its identity names.
    for (const j of remote) expect(recs.jobs.filter((r) => r.remoteId === j.id).map((r) => r.id)).toEqual([j.identity]);
    // And every record either has its job or is declared never created.
    for (const r of recs.jobs.filter((x) => x.remoteId === undefined)) {
      expect(r.status).toBe('failed');
      expect(r.error).toMatch(/^never created: /);
    }
    expect(before.filter((r) => r.remoteId !== undefined).length).toBe(remote.length);
    expect(recs.jobs.filter((r) => r.remoteId !== undefined).length).toBe(remote.length);
    expect(remote.length).toBeGreaterThanOrEqual(TRIALS / 2);
    expectIntactStore(join(home, 'jobs'));
    const all = [...printed, final.stdout, ...filesUnder(home).map((f) => f.text)].join('\n');
    expect(leaks(all, [IBM_KEY, IONQ_KEY])).toEqual([]);
  }, 120_000);
});
