import { readFileSync, readdirSync } from 'node:fs';
import { scratch } from '../helpers/fixtures.js';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTarget } from '../../passes/targets/builtins.js';
import { main } from '../../cli/main.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { MockIbm, TINY_HERON } from '../helpers/mock-ibm.js';
import { MockIonq } from '../helpers/mock-ionq.js';
import { expectIntactStore } from '../helpers/store-check.js';
import { filesUnder, leaks } from '../helpers/leaks.js';
import { FAST_NET_ENV } from '../helpers/net.js';

/** Keys with the characters URL, form and JSON encodings change. */
const IBM_KEY = 'ibm+cli/SECRET=key&01%23456789';
const IONQ_KEY = 'ionq/cli+SECRET&key=01%23456789';
const CRN = 'crn:v1:bluemix:public:quantum-computing:us-east:a/acct:guid::';
const { dir, file } = scratch('qntk-cli-');
const home = join(dir, 'home');
let ibm: MockIbm;
let ionq: MockIonq;
const outputs: CliResult[] = [];

const BELL = file('bell.qasm', 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q;\nbit[2] c;\nh q[0];\ncx q[0], q[1];\nc = measure q;\n');
/** Already ISA for ibm_tiny and ibm_kingston: x on $0 and $2, measured. */
const FLIPS = file('flips.qasm', 'OPENQASM 3.0;\ninclude "stdgates.inc";\nbit[3] c;\nx $0;\nrz(0.25) $1;\nsx $1;\ncz $0, $1;\nx $2;\nc[0] = measure $0;\nc[1] = measure $1;\nc[2] = measure $2;\n');
const XCX = file('xcx.qasm', 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[3] q;\nx q[0];\ncx q[0], q[2];\n');
const X1 = file('x1.qasm', 'OPENQASM 3.0;\ninclude "stdgates.inc";\nbit[1] c;\nx $1;\nc[0] = measure $1;\n');

function env(over: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    QNTK_HOME: home, ...FAST_NET_ENV,
    QNTK_IBM_URL: ibm.url, QNTK_IBM_IAM_URL: ibm.iamUrl, QNTK_IBM_TOKEN: IBM_KEY, QNTK_IBM_INSTANCE: CRN,
    QNTK_IONQ_URL: ionq.url, IONQ_API_KEY: IONQ_KEY, ...over,
  };
}
async function cli(args: string[], over: Record<string, string | undefined> = {}): Promise<CliResult> {
  const r = await runCli(args, env(over));
  outputs.push(r);
  return r;
}
async function cliJson<T>(args: string[], over: Record<string, string | undefined> = {}): Promise<T> {
  const r = await cli([...args, '--json'], over);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as T;
}
const storeText = (): string => {
  try {
    return readdirSync(join(home, 'jobs')).map((f) => readFileSync(join(home, 'jobs', f), 'utf8')).join('\n');
  } catch { return ''; }
};

beforeAll(async () => {
  ibm = await new MockIbm({ apiKey: IBM_KEY, crn: CRN, devices: [TINY_HERON], createsPerMinute: 100 }).start();
  ionq = await new MockIonq({ apiKey: IONQ_KEY }).start();
});
afterAll(async () => {
  await ibm.close();
  await ionq.close();
  // No 8-character piece of a key or token, in any spelling, in anything printed or any file under QNTK_HOME.
  const tokens = ibm.log.map((r) => r.headers.authorization?.slice(7) ?? '').filter((t) => t.length > 8);
  const all = [...outputs.map((o) => o.stdout + o.stderr), ...filesUnder(home).map((f) => `${f.path}\n${f.text}`)].join('\n');
  expect(leaks(all, [IBM_KEY, IONQ_KEY, ...new Set(tokens)])).toEqual([]);
  expectIntactStore(join(home, 'jobs'));
});

describe('qntk submit / status / result / jobs / cancel on the local backend', () => {
  it('records exact and sampled runs', async () => {
    const exact = await cliJson<{ id: string; provider: string; backend: string; status: string }>(['submit', BELL, '--backend', 'local']);
    expect(exact).toMatchObject({ provider: 'local', backend: 'simulator', status: 'completed' });
    const res = await cliJson<{ id: string; counts: object; probabilities: Record<string, number> }>(['result', exact.id]);
    expect(Object.keys(res.probabilities).sort()).toEqual(['00', '11']);
    expect(res.probabilities['00']).toBeCloseTo(0.5, 12);
    const sampled = await cliJson<{ counts: Record<string, number> }>(['submit', BELL, '--backend', 'local', '--shots', '400', '--seed', '3', '--wait']);
    expect(Object.keys(sampled.counts).sort()).toEqual(['00', '11']);
    expect(sampled.counts['00']! + sampled.counts['11']!).toBe(400);
    const status = await cli(['status', exact.id]);
    expect(status.stdout).toBe(`${exact.id}  local  completed\n`);
    const cancel = await cli(['cancel', exact.id]);
    expect([cancel.code, cancel.stderr]).toEqual([1, `qntk: job ${exact.id} is already completed; local jobs run at submission, nothing to cancel\n`]);
  });

  it('adds calibrated readout and gate errors with --noise', async () => {
    // --no-transpile keeps the program on physical qubit 1 (lowering may pick a better qubit).
    const r = await cliJson<{ counts: Record<string, number> }>(['submit', X1, '--backend', 'local', '--noise', 'ibm_kingston', '--no-transpile', '--shots', '4000', '--seed', '11', '--wait']);
    const cal = getTarget('ibm_kingston').calibration!;
    const e = cal.gates.find((g) => g[0] === 'x' && g[1][0] === 1)![2];
    const ro = cal.qubits[1]![2];
    // Depolarizing with infidelity e flips a basis state with probability e; readout then flips with ro.
    const p0 = e * (1 - ro) + (1 - e) * ro;
    const n0 = r.counts['0'] ?? 0;
    expect(Math.abs(n0 - 4000 * p0)).toBeLessThan(4 * Math.sqrt(4000 * p0 * (1 - p0)));
    // Lowered for the device (h, cx → rz, sx, cz on a coupled pair): still mostly 00 and 11.
    const bell = await cliJson<{ counts: Record<string, number> }>(['submit', BELL, '--backend', 'local', '--noise', 'ibm_kingston', '--shots', '2000', '--seed', '2', '--wait']);
    const good = (bell.counts['00'] ?? 0) + (bell.counts['11'] ?? 0);
    expect(good).toBeGreaterThan(1800);
    expect(good).toBeLessThan(2000);
    const bad = await cli(['submit', X1, '--backend', 'local', '--noise', 'nowhere']);
    expect([bad.code, bad.stderr]).toEqual([2, `qntk: noise model 'nowhere': no calibration data; known devices are ibm_brisbane, ibm_torino, ibm_fez, ibm_kingston, ibm_miami, ionq_aria, ionq_forte\n`]);
  });
});

describe('qntk against the IBM mock', () => {
  it('submits, waits, and serves status, result and jobs from the store', async () => {
    const r = await cliJson<{ id: string; provider: string; backend: string; status: string; counts: Record<string, number> }>(['submit', FLIPS, '--backend', 'ibm:ibm_tiny', '--shots', '20', '--wait']);
    expect(r).toMatchObject({ provider: 'ibm', backend: 'ibm_tiny', status: 'completed', counts: { '101': 20 } });
    expect(await cliJson(['result', r.id])).toEqual({ id: r.id, status: 'completed', counts: { '101': 20 } });
    const queued = await cliJson<{ id: string }>(['submit', FLIPS, '--backend', 'ibm:ibm_tiny']);
    const qs = await cli(['status', queued.id]);
    expect(qs.stdout).toMatch(/^qj-\S+  ibm:ibm_tiny  queued \(ibm job d[0-9a-f]+, Queued\)\n  3 jobs queued on ibm_tiny\n$/);
    const st = await cliJson<{ status: string; remoteStatus: string }>(['status', r.id], { QNTK_IBM_TOKEN: undefined });
    expect([st.status, st.remoteStatus]).toEqual(['completed', 'Completed']);
    const jobs = await cliJson<{ jobs: { id: string }[] }>(['jobs']);
    expect(jobs.jobs.map((j) => j.id)).toContain(r.id);
    const c = await cli(['cancel', r.id]);
    expect([c.code, c.stderr]).toEqual([1, `qntk: job ${r.id} is already completed; nothing to cancel\n`]);
  });

  it('previews the exact request with --dry-run: a summary on stdout, the full request in --request-out, nothing sent or recorded', async () => {
    const before = [ibm.log.length, storeText()];
    const out = join(dir, 'request.json');
    interface DryJson {
      dryRun: boolean; provider: string; backend: string; warnings: string[];
      request: { method: string; url: string; headers: Record<string, string>; summary: string; bodyBytes: number; file?: string };
      circuit: { qubits: number; qubitsUsed: number; gates: number; twoQubit: number; depth: number; target: string; lowered: boolean; measuredAll: boolean };
    }
    const r = await cliJson<DryJson>(['submit', FLIPS, '--backend', 'ibm:ibm_kingston', '--shots', '100', '--dry-run', '--request-out', out]);
    expect(r).toMatchObject({ dryRun: true, provider: 'ibm', backend: 'ibm_kingston', warnings: [] });
    expect(r.request.method).toBe('POST');
    expect(r.request.url).toBe(`${ibm.url}/v1/jobs`);
    expect(r.request.headers.Authorization).toBe('Bearer <redacted>');
    expect(r.request.headers['Service-CRN']).toBe(CRN);
    expect(r.request.file).toBe(out);
    expect(r.request.summary).toMatch(/^Sampler V2 job on ibm_kingston: 1 pub \(OpenQASM 3, \d+ lines\), 100 shots, tag qntk:<job id>$/);
    expect(r.circuit).toMatchObject({ qubits: 156, qubitsUsed: 3, target: 'ibm_kingston', lowered: true, measuredAll: false });
    const full = JSON.parse(readFileSync(out, 'utf8')) as { method: string; url: string; headers: Record<string, string>; body: { params: { pubs: [string, null, number][] } } };
    expect([full.method, full.url, full.headers.Authorization]).toEqual(['POST', `${ibm.url}/v1/jobs`, 'Bearer <redacted>']);
    expect(full.body.params.pubs[0]![2]).toBe(100);
    expect(r.request.bodyBytes).toBe(Buffer.byteLength(JSON.stringify(full.body)));
    expect([ibm.log.length, storeText()]).toEqual(before);
    const human = await cli(['submit', XCX, '--backend', 'ionq:simulator', '--dry-run'], { IONQ_API_KEY: undefined });
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(new RegExp(`^dry run \\(nothing sent, nothing recorded\\)\nPOST ${ionq.url}/jobs\nAuthorization: apiKey <redacted>\n`));
    expect(human.stdout).toMatch(/\nbody: \d+ B of JSON: ionq\.circuit\.v1 job on simulator: qis gates \(2 on 3 qubits\), 1024 shots, name <job id>\ncircuit: 2 of 3 qubits used, 2 gates \(1 two-qubit\), depth 2; lowered for simulator\nthe full request is not printed; write it with --request-out FILE\n$/);
    const wrong = await cli(['submit', XCX, '--backend', 'ionq:simulator', '--request-out', out]);
    expect([wrong.code, wrong.stderr]).toEqual([2, 'qntk: --request-out writes the request of a dry run; add --dry-run\n']);
  });

  it('stops on missing credentials with one line naming the variable, losing no record', async () => {
    const before = storeText();
    const a = await cli(['submit', FLIPS, '--backend', 'ibm:ibm_tiny'], { QNTK_IBM_TOKEN: undefined });
    expect([a.code, a.stderr]).toEqual([2, 'qntk: IBM Quantum: no API key; set QNTK_IBM_TOKEN (or QISKIT_IBM_TOKEN) to your IBM Cloud API key\n']);
    const b = await cli(['submit', FLIPS, '--backend', 'ibm:ibm_tiny'], { QNTK_IBM_INSTANCE: '' });
    expect(b.stderr).toMatch(/^qntk: IBM Quantum: no instance; set QNTK_IBM_INSTANCE/);
    const c = await cli(['submit', XCX, '--backend', 'ionq:simulator'], { IONQ_API_KEY: undefined });
    expect([c.code, c.stderr]).toEqual([2, 'qntk: IonQ: no API key; set IONQ_API_KEY to your IonQ API key\n']);
    expect(storeText()).toBe(before);
  });

  it('refuses a non-ISA circuit before submitting, and reports a job failing with a reason code', async () => {
    const n = ibm.requestsTo('POST', /\/v1\/jobs$/).length;
    const bad = await cli(['submit', BELL, '--backend', 'ibm:ibm_tiny', '--no-transpile']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^qntk: circuit does not fit ibm:ibm_tiny, nothing was submitted \(\d problems?\): gate 'h' is not in the basis of ibm_tiny/);
    expect(ibm.requestsTo('POST', /\/v1\/jobs$/).length).toBe(n);
    ibm.nextJobFailure = { code: 1305, reason: 'Job ran longer than its maximum execution time' };
    const f = await cli(['submit', FLIPS, '--backend', 'ibm:ibm_tiny', '--wait']);
    expect(f.code).toBe(1);
    expect(f.stderr).toMatch(/^qntk: job (qj-\S+) failed: code 1305: Job ran longer than its maximum execution time — job ran longer than its maximum execution time\n$/);
    const id = /job (qj-\S+) failed/.exec(f.stderr)![1]!;
    expect((await cliJson<{ status: string }>(['status', id])).status).toBe('failed');
  });

  it('lowers h/cx circuits for the device so that IBM accepts them as ISA', async () => {
    const r = await cliJson<{ status: string; counts: Record<string, number> }>(['submit', BELL, '--backend', 'ibm:ibm_tiny', '--shots', '8', '--wait']);
    expect(r.status).toBe('completed'); // the mock fails non-ISA programs with 1517
    const program = (JSON.parse(ibm.requestsTo('POST', /\/v1\/jobs$/).at(-1)!.body) as { params: { pubs: string[][] } }).params.pubs[0]![0]!;
    const gates = new Set([...program.matchAll(/^(\w+)(?:\([^)]*\))? \$/gm)].map((m) => m[1]));
    expect([...gates].every((g) => ['rz', 'sx', 'x', 'cz'].includes(g!))).toBe(true);
    expect(program).toMatch(/c\[1\] = measure \$\d+;/);
    const out = join(dir, 'forte.json');
    await cliJson(['submit', BELL, '--backend', 'ionq:qpu.forte-1', '--dry-run', '--request-out', out]);
    const dry = JSON.parse(readFileSync(out, 'utf8')) as { body: { input: { gateset: string; circuit: { gate: string }[] } } };
    expect(dry.body.input.gateset).toBe('native');
    expect(new Set(dry.body.input.circuit.map((g) => g.gate))).toEqual(new Set(['gpi2', 'zz']));
  });

  it('lists backends', async () => {
    const r = await cliJson<{ provider: string; backends: { name: string; qubits: number; status: string }[] }>(['backends', 'ibm']);
    expect(r.backends).toEqual([{ name: 'ibm_tiny', status: 'online', qubits: 5, queue: 3, detail: 'Heron r2' }]);
    const q = await cli(['backends', 'ionq'], { IONQ_API_KEY: undefined });
    expect(q.stdout.split('\n')[0]).toMatch(/^NAME\s+STATUS\s+QUBITS\s+AVG QUEUE \(s\)$/);
    expect(q.stdout).toContain('qpu.forte-1');
  });
});

describe('qntk against the IonQ mock', () => {
  it('submits, polls, cancels', async () => {
    const r = await cliJson<{ id: string; status: string; counts: Record<string, number> }>(['submit', XCX, '--backend', 'ionq:simulator', '--shots', '10', '--wait']);
    expect(r).toMatchObject({ status: 'completed', counts: { '101': 10 } });
    const q = await cliJson<{ id: string; status: string }>(['submit', XCX, '--backend', 'ionq:simulator']);
    expect(q.status).toBe('queued');
    expect(await cliJson(['cancel', q.id])).toMatchObject({ id: q.id, status: 'cancelled' });
    const res = await cli(['result', q.id]);
    expect([res.code, res.stderr]).toEqual([1, `qntk: job ${q.id} was cancelled; it has no result\n`]);
    const unknown = await cli(['status', 'qj-nope']);
    expect(unknown.code).toBe(2);
  });
});

describe('servers that echo the key into their errors, at every offset', () => {
  const pad = (n: number): string => 'e'.repeat(n);
  it('IBM: a refused create (400) and an unknown one (502, lookup failing) keep no piece of the key in output, records or jobs --json', async () => {
    for (let n = 0; n <= 170; n += 17) {
      ibm.fault('POST', /^\/api\/v1\/jobs$/, { status: 400, body: { errors: [{ code: 1002, message: `${pad(n)}${IBM_KEY}`, solution: `${pad(n)}${encodeURIComponent(IBM_KEY)}` }], trace: 't' } });
      const refused = await cli(['submit', FLIPS, '--backend', 'ibm:ibm_tiny']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/^qntk: IBM Quantum: POST \/api\/v1\/jobs failed: HTTP 400 code 1002: e*<redacted>/);
    }
    ibm.fault('POST', /^\/api\/v1\/jobs$/, { after: { status: 502, body: `${pad(40)}${JSON.stringify({ key: IBM_KEY })}` } });
    ibm.fault('GET', /^\/api\/v1\/jobs$/, ...Array.from({ length: 4 }, () => ({ status: 503, body: `${pad(100)}${IBM_KEY}` })));
    const unknown = await cli(['submit', FLIPS, '--backend', 'ibm:ibm_tiny']);
    expect(unknown.stderr).toMatch(/may or may not have taken effect; looking the job up by its tag qntk:qj-\S+ failed too/);
    const listed = await cliJson<{ jobs: { status: string; error?: string }[] }>(['jobs']);
    expect(listed.jobs.filter((j) => j.status === 'failed' && j.error?.includes('<redacted>')).length).toBeGreaterThanOrEqual(10);
  });

  it('IonQ: a 401 echoing the key URL- and JSON-encoded leaves nothing of it', async () => {
    for (let n = 0; n <= 170; n += 17) {
      ionq.fault('POST', /^\/v0\.4\/jobs$/, { status: 401, body: { error: 'Unauthorized Error', message: `${pad(n)}${IONQ_KEY} / ${encodeURIComponent(IONQ_KEY)} / ${JSON.stringify(IONQ_KEY)}`, statusCode: 401 } });
      const r = await cli(['submit', XCX, '--backend', 'ionq:simulator']);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^qntk: IonQ: POST \/v0\.4\/jobs failed: HTTP 401 Unauthorized Error: e*<redacted>/);
    }
    await cliJson(['jobs']);
  });
});

describe('progress while a submission is prepared', () => {
  const run = async (args: string[]): Promise<CliResult> => {
    let stdout = '';
    let stderr = '';
    const code = await main(args, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, interactive: true, env: env() });
    const r = { code, stdout, stderr };
    outputs.push(r);
    return r;
  };
  it('names each stage on a terminal and erases it, and stays silent with --json', async () => {
    const r = await run(['submit', BELL, '--backend', 'ibm:ibm_fez', '--dry-run']);
    expect(r.code).toBe(0);
    const stages = r.stderr.split('\r\x1b[K').filter((x) => x !== '');
    expect(stages).toEqual(['reading the device target…', 'lowering the circuit for the device…', 'checking the circuit against the device…', 'building the request…']);
    expect(r.stderr.endsWith('\r\x1b[K')).toBe(true);
    expect((await run(['submit', BELL, '--backend', 'ibm:ibm_fez', '--dry-run', '--json'])).stderr).toBe('');
  });
});
