import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dryRun } from '../../backends/dry-run.js';
import { IbmBackend } from '../../backends/ibm/backend.js';
import { ibmConfigFromEnv } from '../../backends/ibm/client.js';
import { IonqBackend } from '../../backends/ionq/backend.js';
import { ionqConfigFromEnv } from '../../backends/ionq/client.js';
import { JobStore } from '../../backends/job-store.js';
import { LocalBackend } from '../../backends/local/backend.js';
import { prepareSubmission } from '../../backends/prepare.js';
import { CircuitBuilder, type Circuit } from '../../compiler/circuit/index.js';
import { TargetError } from '../../compiler/errors.js';
import { verify } from '../../passes/targets/target.js';
import { circuitState } from '../../compiler/circuit/index.js';

const store = new JobStore(mkdtempSync(join(tmpdir(), 'qntk-prepare-')));
const ibm = (name: string): IbmBackend => new IbmBackend({ name, config: ibmConfigFromEnv({}, false), store });
const ionq = (name: string): IonqBackend => new IonqBackend({ name, config: ionqConfigFromEnv({}, false), store });
const offline = { transpile: true, live: false } as const;

/** GHZ on 3 qubits, unmeasured. */
function ghz(): Circuit {
  return new CircuitBuilder(3).h(0).cx(0, 1).cx(1, 2).build();
}

describe('prepareSubmission', () => {
  it('measures every qubit where routing moves them, lowers for the target, and the result passes every predicate', async () => {
    const p = await prepareSubmission(ibm('ibm_fez'), ghz(), {}, offline);
    expect([p.lowered, p.measuredAll, p.target?.name]).toEqual([true, true, 'ibm_fez']);
    expect(verify(p.circuit, p.target!)).toEqual([]);
    expect(p.circuit.cregs).toEqual([{ name: 'meas', start: 0, size: 3 }]);
    // IonQ is all-to-all and measures every qubit itself: lowered in place, nothing added.
    const q = await prepareSubmission(ionq('forte-1'), ghz(), {}, offline);
    expect([q.lowered, q.measuredAll, q.target?.name, q.circuit.numClbits]).toEqual([true, false, 'qpu.forte-1', 0]);
    expect(new Set(q.circuit.instructions.map((i) => i.gate))).toEqual(new Set(['gpi2', 'zz', 'gpi']));
    const s = circuitState(q.circuit);
    const prob = (k: number): number => s.re[k]! ** 2 + s.im[k]! ** 2;
    expect([prob(0), prob(7)].map((x) => x.toFixed(9))).toEqual(['0.500000000', '0.500000000']);
  });

  it('sends the local simulator any circuit as written, and lowers for its noise device', async () => {
    const plain = await prepareSubmission(new LocalBackend({ store }), ghz(), {}, offline);
    expect([plain.target, plain.lowered, plain.circuit]).toEqual([null, false, ghz()]);
    const noisy = await prepareSubmission(new LocalBackend({ store }), ghz(), { noise: 'ibm_kingston', shots: 10 }, offline);
    expect([noisy.target?.name, noisy.lowered, noisy.measuredAll]).toEqual(['ibm_kingston', true, true]);
  });

  it('lists every problem in one line, and runs pre-submit checks after the backend checks', async () => {
    const raw = new CircuitBuilder(2).h(0).cx(0, 1).build();
    const e = await prepareSubmission(ibm('ibm_fez'), raw, {}, { ...offline, transpile: false }).then(() => new Error('resolved'), (x: unknown) => x as Error);
    expect(e).toBeInstanceOf(TargetError);
    expect(e.message).toMatch(/^circuit does not fit ibm:ibm_fez, nothing was submitted \(\d problems\): gate 'h' is not in the basis of ibm_fez.*the circuit measures nothing/);
    const seen: string[] = [];
    const p = await prepareSubmission(ibm('ibm_fez'), ghz(), {}, { ...offline, checks: [({ circuit, target }) => { seen.push(`${target?.name}:${circuit.numQubits}`); return ['low predicted success']; }] });
    expect([seen, p.warnings]).toEqual([['ibm_fez:156'], ['low predicted success']]);
    await expect(prepareSubmission(ibm('ibm_fez'), ghz(), {}, { ...offline, checks: [() => { throw new TargetError('refused by a check'); }] })).rejects.toThrow('refused by a check');
  });

  it('previews a device without built-in data only unlowered (unchecked against a device), and refuses to lower for it', async () => {
    const measured = new CircuitBuilder(1, 1).x(0).measure(0, 0).build();
    await expect(prepareSubmission(ibm('ibm_nowhere'), measured, {}, offline)).rejects.toThrow(/no built-in data for IBM device ibm_nowhere \(built in: ibm_brisbane, /);
    const p = await prepareSubmission(ibm('ibm_nowhere'), measured, {}, { ...offline, transpile: false });
    expect(p.target).toBeNull();
    const report = dryRun(ibm('ibm_nowhere'), p, {});
    expect(report.request?.summary).toMatch(/^Sampler V2 job on ibm_nowhere: 1 pub \(OpenQASM 3, \d+ lines\), 4096 shots, tag qntk:<job id>$/);
    expect(report.circuit).toMatchObject({ qubits: 1, qubitsUsed: 1, twoQubit: 0, target: null, lowered: false, measuredAll: false });
  });
});
