/**
 * `qntk submit` with predicted success and --mitigate, against the IBM and IonQ mocks: each
 * mitigation changes the request as the provider documents it, `result` recovers expectation
 * values closer to the ideal than the raw counts on noisy mocks (sampled with qntk's device noise
 * models), and no record or output carries a secret.
 */
import { scratch } from '../helpers/fixtures.js';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulate } from '../../backends/local/index.js';
import { parseQasm, readQasmFile } from '../../compiler/qasm/index.js';
import { expectationZ } from '../../mitigation/index.js';
import { predictSuccess } from '../../passes/predict-success.js';
import { getTarget } from '../../passes/targets/builtins.js';
import { IBM_BRISBANE } from '../../passes/targets/data/ibm-brisbane.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { filesUnder, leaks } from '../helpers/leaks.js';
import { MockIbm, snapshotDevice, TINY_HERON } from '../helpers/mock-ibm.js';
import { MockIonq } from '../helpers/mock-ionq.js';
import { FAST_NET_ENV } from '../helpers/net.js';

const IBM_KEY = 'ibm+mit/SECRET=key&01%23456789';
const IONQ_KEY = 'ionq/mit+SECRET&key=01%23456789';
const CRN = 'crn:v1:bluemix:public:quantum-computing:us-east:a/acct:guid::';
const { dir, file } = scratch('qntk-mit-');
const home = join(dir, 'home');
let ibm: MockIbm;
let ionq: MockIonq;
const outputs: CliResult[] = [];

/** Entanglers that do not cancel: ⟨Z2⟩ and ⟨Z0 Z2⟩ are far from ±1 and from 0. */
const PROG = file('prog.qasm', 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[3] q;\nbit[3] c;\nry(0.9) q[0];\nry(0.5) q[2];\ncx q[0], q[1];\ncx q[1], q[2];\ncx q[0], q[1];\nc = measure q;\n');
const FLIPS = file('flips.qasm', 'OPENQASM 3.0;\ninclude "stdgates.inc";\nbit[2] c;\nx $0;\ncz $0, $1;\nc[0] = measure $0;\nc[1] = measure $1;\n');
/** 300 layers of rotations and a CX chain on 6 qubits: ~1500 two-qubit gates, hopeless on today's devices. */
const DEEP = file('deep.qasm', ['OPENQASM 3.0;', 'include "stdgates.inc";', 'qubit[6] q;', 'bit[6] c;',
  ...Array.from({ length: 300 }, (_, l) => [
    ...Array.from({ length: 6 }, (_, i) => `ry(${(0.3 + 0.1 * ((l * 7 + i * 3) % 11)).toFixed(2)}) q[${i}];`),
    ...Array.from({ length: 5 }, (_, i) => `cx q[${i}], q[${i + 1}];`),
  ]).flat(), 'c = measure q;', ''].join('\n'));

const ideal = (bits: number[]): number => {
  const p = simulate(readQasmFile(PROG)).probabilities!;
  return expectationZ(new Map([...p].map((v, k) => [k, v] as [number, number])), bits);
};

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
/** The body a dry run would send, from --request-out. */
async function dryBody<T>(args: string[]): Promise<T> {
  const out = join(dir, `req-${outputs.length}.json`);
  await cliJson([...args, '--dry-run', '--request-out', out], { QNTK_IBM_TOKEN: undefined, IONQ_API_KEY: undefined });
  return (JSON.parse(readFileSync(out, 'utf8')) as { body: T }).body;
}

interface Expectation { bits: number[]; raw: number; mitigated: number; zne?: { scales: number[]; values: number[] } }
interface Mitigated { applied: string[]; quasiProbabilities?: Record<string, number>; expectations: Expectation[] }

/** Every observable ends closer to the ideal than the raw value (by `factor`), and the raw value is visibly off. */
function expectCloser(m: Mitigated, factor: number): void {
  for (const e of m.expectations) {
    const rawErr = Math.abs(e.raw - ideal(e.bits)), mitErr = Math.abs(e.mitigated - ideal(e.bits));
    expect(rawErr, `raw ⟨Z${e.bits}⟩ ${e.raw} vs ideal ${ideal(e.bits)}`).toBeGreaterThan(0.01);
    expect(mitErr, `⟨Z${e.bits}⟩: raw ${e.raw}, mitigated ${e.mitigated}, ideal ${ideal(e.bits)}`).toBeLessThan(rawErr / factor);
  }
}

beforeAll(async () => {
  ibm = await new MockIbm({ apiKey: IBM_KEY, crn: CRN, devices: [snapshotDevice(IBM_BRISBANE), TINY_HERON], createsPerMinute: 100, noise: 'ibm_brisbane' }).start();
  ionq = await new MockIonq({ apiKey: IONQ_KEY, noise: 'ionq_forte' }).start();
});
afterAll(async () => {
  await ibm.close();
  await ionq.close();
  const tokens = ibm.log.map((r) => r.headers.authorization?.slice(7) ?? '').filter((t) => t.length > 8);
  const all = [...outputs.map((o) => o.stdout + o.stderr), ...filesUnder(home).map((f) => `${f.path}\n${f.text}`)].join('\n');
  expect(leaks(all, [IBM_KEY, IONQ_KEY, ...new Set(tokens)])).toEqual([]);
});

describe('predicted success on submit', () => {
  it('a dry run reports the ESP and duration of the lowered circuit it would send', async () => {
    const out = join(dir, 'prog-request.json');
    const r = await cliJson<{ circuit: { predicted: { esp: number; durationNs: number; calibration: string } }; warnings: string[] }>(
      ['submit', PROG, '--backend', 'ibm:ibm_brisbane', '--dry-run', '--request-out', out], { QNTK_IBM_TOKEN: undefined });
    const sent = parseQasm((JSON.parse(readFileSync(out, 'utf8')) as { body: { params: { pubs: [string][] } } }).body.params.pubs[0]![0]);
    const p = predictSuccess(sent, getTarget('ibm_brisbane'));
    expect(r.circuit.predicted.esp).toBeCloseTo(p.esp, 12);
    expect(r.circuit.predicted.durationNs).toBeCloseTo(p.durationNs, 6);
    expect(r.circuit.predicted.calibration).toMatch(/^ibm_brisbane built-in calibration snapshot/);
    expect(r.warnings).toEqual([]);
    const text = await cli(['submit', PROG, '--backend', 'ibm:ibm_brisbane', '--dry-run'], { QNTK_IBM_TOKEN: undefined });
    expect(text.stdout).toMatch(/\npredicted: ESP 0\.\d{3}, duration \d+(\.\d+)? µs \(ibm_brisbane built-in calibration snapshot of [^)]+\)\n/);
  });

  it('warns (on stderr, exit 0) when the ESP of a device run is below 1e-2, and lists it in the dry run', async () => {
    const dry = await cliJson<{ circuit: { predicted: { esp: number } }; warnings: string[] }>(['submit', DEEP, '--backend', 'ibm:ibm_brisbane', '--dry-run'], { QNTK_IBM_TOKEN: undefined });
    expect(dry.circuit.predicted.esp).toBeLessThan(1e-2);
    expect(dry.warnings).toEqual([expect.stringMatching(/^predicted success on ibm_brisbane is negligible: ESP \d\.\d\de-\d+ \(\d+ two-qubit gates, [\d.]+ µs\), below 0\.01/)]);
    const live = await cli(['submit', DEEP, '--backend', 'ibm:ibm_brisbane', '--shots', '10']);
    expect(live.code).toBe(0);
    expect(live.stdout).toMatch(/^submitted qj-/);
    expect(live.stderr).toMatch(/^qntk: warning: predicted success on ibm_brisbane is negligible: ESP /);
    expect(live.stderr.trim().split('\n')).toHaveLength(1);
    const ok = await cli(['submit', PROG, '--backend', 'ibm:ibm_brisbane', '--shots', '10']);
    expect([ok.code, ok.stderr]).toEqual([0, '']);
  });

  it('says so, with no number, for a device without calibration; says nothing for a noiseless simulator', async () => {
    const r = await cliJson<{ circuit: { predicted: { esp: null; reason: string } } }>(['submit', FLIPS, '--backend', 'ibm:ibm_tiny', '--dry-run', '--no-transpile'], { QNTK_IBM_TOKEN: undefined });
    expect(r.circuit.predicted).toEqual({ esp: null, durationNs: null, reason: 'no calibration data for ibm:ibm_tiny' });
    const text = await cli(['submit', FLIPS, '--backend', 'ibm:ibm_tiny', '--dry-run', '--no-transpile'], { QNTK_IBM_TOKEN: undefined });
    expect(text.stdout).toContain('\npredicted: no calibration data for ibm:ibm_tiny; no ESP\n');
    const local = await cli(['submit', PROG, '--backend', 'local', '--dry-run']);
    expect(local.stdout).not.toContain('predicted');
  });
});

describe('--mitigate changes the request as each provider documents it', () => {
  type SamplerBody = { params: { pubs: [string, null, number][]; options?: Record<string, Record<string, unknown>> } };
  const ecr = (program: string): number => program.match(/^ecr /gm)?.length ?? 0;

  it('IBM: readout adds nothing to the request; twirl and dd set the Sampler options; zne adds folded pubs', async () => {
    const base = ['submit', PROG, '--backend', 'ibm:ibm_brisbane', '--shots', '1000', '--seed', '4'];
    const readout = await dryBody<SamplerBody>([...base, '--mitigate', 'readout']);
    expect(readout.params.pubs).toHaveLength(1);
    expect(readout.params.options).toBeUndefined();
    expect((await dryBody<SamplerBody>([...base, '--mitigate', 'twirl'])).params.options).toEqual({ twirling: { enable_gates: true } });
    expect((await dryBody<SamplerBody>([...base, '--mitigate', 'dd'])).params.options).toEqual({ dynamical_decoupling: { enable: true } });
    const zne = await dryBody<SamplerBody>([...base, '--mitigate', 'zne']);
    expect(zne.params.pubs.map((p) => p[2])).toEqual([1000, 1000, 1000]);
    const counts = zne.params.pubs.map((p) => ecr(p[0]));
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts.map((n) => n / counts[0]!)).toEqual([1, 3, 5]);
    const text = await cli([...base, '--mitigate', 'zne,readout', '--dry-run'], { QNTK_IBM_TOKEN: undefined });
    expect(text.stdout).toMatch(/: 1 pub \(OpenQASM 3, \d+ lines\) \+ 2 mitigation pubs, 1000 shots each, tag/);
    expect(text.stdout).toMatch(/\nmitigation: readout, zne; 3 circuits in the job \(noise scales 1\.00, 3\.00, 5\.00\); readout calibration: ibm_brisbane built-in calibration snapshot/);
  });

  it('IonQ: readout keeps one circuit; twirl and zne send a multi-circuit job; dd and the simulator\'s readout are refused in one line', async () => {
    type IonqBody = { type: string; shots: number; input: { circuits?: { circuit: { gate: string }[] }[]; circuit?: unknown[] } };
    const base = ['submit', PROG, '--backend', 'ionq:qpu.forte-1', '--shots', '1000', '--seed', '4'];
    const readout = await dryBody<IonqBody>([...base, '--mitigate', 'readout']);
    expect([readout.type, readout.shots]).toEqual(['ionq.circuit.v1', 1000]);
    const twirl = await dryBody<IonqBody>([...base, '--mitigate', 'twirl']);
    expect([twirl.type, twirl.shots, twirl.input.circuits!.length]).toEqual(['ionq.multi-circuit.v1', 125, 8]);
    const zz = (c: { circuit: { gate: string }[] }): number => c.circuit.filter((g) => g.gate === 'zz').length;
    expect(new Set(twirl.input.circuits!.map(zz))).toEqual(new Set([zz(twirl.input.circuits![0]!)]));
    const zne = await dryBody<IonqBody>([...base, '--mitigate', 'zne']);
    expect([zne.type, zne.shots]).toEqual(['ionq.multi-circuit.v1', 1000]);
    const n = zne.input.circuits!.map(zz);
    expect(n.map((x) => x / n[0]!)).toEqual([1, 3, 5]);
    const dd = await cli([...base, '--mitigate', 'readout,dd', '--dry-run']);
    expect([dd.code, dd.stderr]).toEqual([2, "qntk: mitigation 'dd' is not available: IonQ takes no delay instructions, so there are no idle windows qntk could fill with decoupling pulses; ionq:qpu.forte-1 supports readout, twirl, zne\n"]);
    const sim = await cli(['submit', PROG, '--backend', 'ionq:simulator', '--mitigate', 'readout', '--dry-run']);
    expect(sim.code).toBe(2);
    expect(sim.stderr).toMatch(/^qntk: mitigation 'readout' is not available: the IonQ simulator's noise models publish no readout calibration; .*; ionq:simulator supports twirl, zne\n$/);
  });

  it('refuses what cannot be mitigated with one line and exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['--backend', 'local', '--mitigate', 'zne'], /^qntk: mitigation 'zne' is not available: the local simulator without a noise model is exact/],
      [['--backend', 'local', '--noise', 'ibm_fez', '--observable', '0'], /^qntk: --observable names the expectation values of --mitigate; add --mitigate\n$/],
      [['--backend', 'local', '--noise', 'ibm_fez', '--mitigate', 'readout', '--observable', '0,3'], /^qntk: observable bit 3 is not an outcome bit of the circuit \(0\.\.2\)\n$/],
      [['--backend', 'local', '--noise', 'ibm_fez', '--mitigate', 'readout,magic'], /^qntk: --mitigate: unknown mitigation 'magic'; use a comma-separated subset of readout,twirl,dd,zne\n$/],
    ];
    cases.push([['--backend', 'ibm:ibm_tiny', '--mitigate', 'readout'], /^qntk: mitigation 'readout' is not available: no readout calibration for ibm:ibm_tiny; ibm:ibm_tiny supports twirl, dd, zne\n$/]);
    for (const [args, err] of cases) {
      const r = await cli(['submit', PROG, ...args]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(err);
    }
  });
});

describe('mitigated jobs: result recovers expectation values closer to the ideal', () => {
  const observables = ['--observable', '2', '--observable', '0,2'];

  it('IBM (noisy mock of ibm_brisbane): readout, twirl, dd and zne in one Sampler job', async () => {
    const r = await cliJson<{ id: string; mitigated: Mitigated }>(['submit', PROG, '--backend', 'ibm:ibm_brisbane', '--mitigate', 'readout,twirl,dd,zne', ...observables, '--shots', '40000', '--seed', '3', '--wait']);
    const body = JSON.parse(ibm.requestsTo('POST', /\/v1\/jobs$/).at(-1)!.body) as { params: { pubs: unknown[][]; options: Record<string, unknown> } };
    expect(body.params.pubs).toHaveLength(3);
    expect(body.params.options).toEqual({ twirling: { enable_gates: true }, dynamical_decoupling: { enable: true } });
    expect(r.mitigated.applied).toEqual(['readout', 'twirl', 'dd', 'zne']);
    expectCloser(r.mitigated, 2);
    const rec = JSON.parse(readFileSync(join(home, 'jobs', `${r.id}.json`), 'utf8')) as { mitigation: { circuits: { scale: number }[]; observables: number[][]; readout: { p01: number[]; source: string } } };
    expect(rec.mitigation.circuits.map((c) => c.scale)).toEqual([1, 3, 5]);
    expect(rec.mitigation.observables).toEqual([[2], [0, 2]]);
    expect(rec.mitigation.readout.source).toBe('ibm_brisbane live properties of 2026-08-01T00:00:00Z');
    expect(rec.mitigation.readout.p01).toHaveLength(3);
    const again = await cliJson<{ mitigated: Mitigated }>(['result', r.id]);
    expect(again.mitigated).toEqual(r.mitigated);
    const text = await cli(['result', r.id]);
    expect(text.stdout).toMatch(/\nmitigated \(readout, twirl, dd, zne\):\n  quasi-probabilities \(readout errors undone\):\n/);
    expect(text.stdout).toMatch(/\n    bits\s+raw\s+mitigated\s+at scales\n    2\s+-?\d\.\d{6}\s+-?\d\.\d{6}\s+1\.00: /);
  }, 60_000);

  it('IonQ (noisy mock of Forte): readout with the published SPAM figures and zne as a multi-circuit job', async () => {
    const r = await cliJson<{ mitigated: Mitigated; counts: Record<string, number> }>(['submit', PROG, '--backend', 'ionq:qpu.forte-1', '--mitigate', 'readout,zne', ...observables, '--shots', '1000000', '--seed', '3', '--wait']);
    const body = JSON.parse(ionq.requestsTo('POST', /\/jobs$/).at(-1)!.body) as { type: string; input: { circuits: unknown[] } };
    expect([body.type, body.input.circuits.length]).toEqual(['ionq.multi-circuit.v1', 3]);
    expect(Object.values(r.counts).reduce((a, b) => a + b, 0)).toBe(1000000);
    expectCloser(r.mitigated, 2);
    // Client-side twirling: 8 twirled copies of 10,000 shots each, pooled into the job's counts.
    const t = await cliJson<{ id: string; mitigated: Mitigated; counts: Record<string, number> }>(['submit', PROG, '--backend', 'ionq:qpu.forte-1', '--mitigate', 'twirl', ...observables, '--shots', '80000', '--seed', '3', '--wait']);
    expect(JSON.parse(ionq.requestsTo('POST', /\/jobs$/).at(-1)!.body)).toMatchObject({ type: 'ionq.multi-circuit.v1', shots: 10000 });
    expect(Object.values(t.counts).reduce((a, b) => a + b, 0)).toBe(80000);
    for (const e of t.mitigated.expectations) {
      expect(e.mitigated).toBe(e.raw); // twirling alone: the pooled copies are the result
      expect(Math.abs(e.raw - ideal(e.bits))).toBeLessThan(0.05);
    }
  }, 60_000);

  it('local (--noise ibm_brisbane): the noisy simulation runs the mitigations, the record keeps raw counts and mitigated values', async () => {
    const r = await cliJson<{ id: string; counts: Record<string, number>; mitigated: Mitigated }>(['submit', PROG, '--backend', 'local', '--noise', 'ibm_brisbane', '--mitigate', 'readout,zne', ...observables, '--shots', '40000', '--seed', '3', '--wait']);
    expect(Object.values(r.counts).reduce((a, b) => a + b, 0)).toBe(40000);
    expect(Object.values(r.mitigated.quasiProbabilities!).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expectCloser(r.mitigated, 2);
    expect((await cliJson<{ mitigated: Mitigated }>(['result', r.id])).mitigated).toEqual(r.mitigated);
  }, 60_000);
});

it('keeps the job store free of secrets (checked in afterAll) and readable', () => {
  expect(readdirSync(join(home, 'jobs')).length).toBeGreaterThan(0);
});
