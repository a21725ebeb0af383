import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { waitForJob, type SubmitOptions } from '../../../backends/backend.js';
import { IbmBackend } from '../../../backends/ibm/backend.js';
import { samplerJobBody } from '../../../backends/ibm/sampler.js';
import { JobStore } from '../../../backends/job-store.js';
import { prepareSubmission } from '../../../backends/prepare.js';
import { simulate, distributionRecord } from '../../../backends/local/index.js';
import { bindParameters, coerceParameterValue } from '../../../compiler/circuit/index.js';
import { parseParameterValues, parseQasm } from '../../../compiler/qasm/index.js';
import { MockIbm, TINY_HERON } from '../../helpers/mock-ibm.js';
import { FAST_NET } from '../../helpers/net.js';

const KEY = 'ibm-api-key-SECRET-params-0123456789';
const CRN = 'crn:v1:bluemix:public:quantum-computing:us-east:a/acct123:inst-guid::';
let mock: MockIbm;
let store: JobStore;
const backend = (): IbmBackend => new IbmBackend({ name: 'ibm_tiny', config: { apiKey: KEY, instance: CRN, url: mock.url, iamUrl: mock.iamUrl, net: FAST_NET }, store });
const poll = { intervalMs: 1, maxIntervalMs: 4, timeoutMs: 3000 };

/** rx(θ) and a φ-dependent phase between Hadamards: P(c[0] = 1) = sin²(θ/2), P(c[1] = 1) = sin²(φ/2). */
const SOURCE = parseQasm(`OPENQASM 3.0;
include "stdgates.inc";
input float[64] theta;
input angle[8] phi;
qubit[2] q;
bit[2] c;
rx(theta) q[0];
h q[1];
rz(phi / 2) q[1];
rz(phi / 2) q[1];
h q[1];
c = measure q;
`);

interface Pub { 0: string; 1: Record<string, number | number[]> | null; 2: number }
const lastPub = (): Pub => (JSON.parse(mock.requestsTo('POST', /^\/api\/v1\/jobs$/).at(-1)!.body) as { params: { pubs: Pub[] } }).params.pubs[0]!;

beforeAll(async () => {
  mock = await new MockIbm({ apiKey: KEY, crn: CRN, devices: [TINY_HERON], createsPerMinute: 100 }).start();
});
afterAll(async () => {
  await mock.close();
});
beforeEach(() => {
  store = new JobStore(mkdtempSync(join(tmpdir(), 'qntk-ibm-params-')));
  mock.samplesFor = undefined;
});

describe('IBM Sampler pubs carry the parameter values; the program keeps its inputs', () => {
  it('one value set: [program with input declarations, {name: value}, shots], lowered once, bound by the pub', async () => {
    const be = backend();
    const options: SubmitOptions = { shots: 100, parameterValues: [{ theta: 0.7, phi: 7 }] };
    const prepared = await prepareSubmission(be, SOURCE, options, { transpile: true, live: true });
    expect(prepared.circuit.instructions.some((i) => i.exprs !== undefined)).toBe(true);
    const rec = await be.submit(prepared.circuit, options);
    const [program, values, shots] = [lastPub()[0], lastPub()[1], lastPub()[2]];
    expect(program).toMatch(/^input float\[64\] theta;$/m);
    expect(program).toMatch(/^input float\[64\] phi;$/m);
    expect(program).toMatch(/^rz\(.*theta.*\) \$\d+;$/m);
    // angle[8]: 7 rad wraps into [0, 2π) and rounds to a multiple of 2π/256.
    const phi = (Math.round(((7 - 2 * Math.PI) / (2 * Math.PI)) * 256) * 2 * Math.PI) / 256;
    expect(values).toEqual({ theta: 0.7, phi });
    expect(shots).toBe(100);
    expect(rec.parameterValues).toEqual([{ theta: 0.7, phi }]);
    // The program bound with the pub's values means what the source means with the user's values.
    const sent = parseQasm(program);
    const a = distributionRecord(simulate(bindParameters(sent, values as Record<string, number>)));
    const b = distributionRecord(simulate(bindParameters(SOURCE, { theta: 0.7, phi: 7 })));
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) expect(a[k] ?? 0, k).toBeCloseTo(b[k] ?? 0, 9);
    await waitForJob(be, rec.id, poll);
    expect((await be.result(rec.id)).shots).toBe(100);
  });

  it('a sweep is one job with one pub: arrays of values, one result per set in order', async () => {
    const be = backend();
    const sets = parseParameterValues(['theta=[0, 3.14159, 1]', 'phi=2']);
    const options: SubmitOptions = { shots: 8, parameterValues: sets };
    const prepared = await prepareSubmission(be, SOURCE, options, { transpile: true, live: true });
    // The mock answers c[0] = 1 exactly when θ > 2 (so the order of the points is visible).
    mock.samplesFor = ({ shots: n, values }) => ({ c: { samples: new Array<string>(n).fill(values.theta! > 2 ? '0x1' : '0x0'), num_bits: 2 } });
    const before = mock.requestsTo('POST', /^\/api\/v1\/jobs$/).length;
    const rec = await be.submit(prepared.circuit, options);
    expect(mock.requestsTo('POST', /^\/api\/v1\/jobs$/).length).toBe(before + 1);
    const [, values, shots] = [lastPub()[0], lastPub()[1], lastPub()[2]];
    const phi = coerceParameterValue({ name: 'phi', type: 'angle', width: 8 }, 2);
    expect(values).toEqual({ theta: [0, 3.14159, 1], phi: [phi, phi, phi] });
    expect(shots).toBe(8);
    await waitForJob(be, rec.id, poll);
    const res = await be.result(rec.id);
    expect(res.sweep?.map((p) => [p.values.theta, p.counts])).toEqual([[0, { '00': 8 }], [3.14159, { '01': 8 }], [1, { '00': 8 }]]);
    expect(res.counts).toEqual({ '00': 8 });
  });

  it('values that do not fit the inputs are refused before anything is recorded or sent', async () => {
    const be = backend();
    const posts = mock.requestsTo('POST', /^\/api\/v1\/jobs$/).length;
    await expect(prepareSubmission(be, SOURCE, { parameterValues: [] }, { transpile: true, live: true })).rejects.toThrow(/input parameters theta, phi; give their values/);
    await expect(prepareSubmission(be, SOURCE, { parameterValues: [{ theta: 1, phi: 1, psi: 2 }] }, { transpile: true, live: true })).rejects.toThrow(/parameter 'psi' is not an input of the program \(its inputs are theta, phi\)/);
    await expect(prepareSubmission(be, SOURCE, { parameterValues: [{ theta: 1 }] }, { transpile: true, live: true })).rejects.toThrow(/value set 1: input parameter phi has no value/);
    expect(mock.requestsTo('POST', /^\/api\/v1\/jobs$/).length).toBe(posts);
    expect(existsSync(store.dir) ? readdirSync(store.dir) : []).toEqual([]);
  });

  it('the mock checks the pub as IBM documents it (the checks can fail)', async () => {
    const be = backend();
    const program = 'OPENQASM 3.0;\ninclude "stdgates.inc";\ninput float[64] theta;\nbit[1] c;\nrz(theta) $0;\nc[0] = measure $0;\n';
    const create = (values: unknown): Promise<unknown> => be.client.createJob({ ...samplerJobBody('ibm_tiny', program, 10), params: { pubs: [[program, values, 10]], version: 2, support_qiskit: false } });
    await expect(create(null)).rejects.toThrow(/parameters theta but the pub binds no values/);
    await expect(create({ theta: 1, phi: 2 })).rejects.toThrow(/missing none, unknown phi/);
    await expect(create({ theta: [1, 'x'] })).rejects.toThrow(/finite numbers/);
    await expect(create({ theta: [1, 2] })).resolves.toMatchObject({ id: expect.any(String) });
  });
});
