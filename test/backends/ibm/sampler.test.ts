import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IbmBackend } from '../../../backends/ibm/backend.js';
import { samplerJobBody, validateSamplerOptions } from '../../../backends/ibm/sampler.js';
import { IonqBackend } from '../../../backends/ionq/backend.js';
import { JobStore } from '../../../backends/job-store.js';
import { LocalBackend } from '../../../backends/local/backend.js';
import { CircuitBuilder } from '../../../compiler/circuit/index.js';
import { MockIbm, TINY_HERON } from '../../helpers/mock-ibm.js';
import { FAST_NET } from '../../helpers/net.js';

const KEY = 'ibm-sampler-SECRET-0123456789';
const CRN = 'crn:v1:bluemix:public:quantum-computing:us-east:a/acct:guid::';
let mock: MockIbm;
const store = new JobStore(mkdtempSync(join(tmpdir(), 'qntk-sampler-')));

beforeAll(async () => {
  mock = await new MockIbm({ apiKey: KEY, crn: CRN, devices: [TINY_HERON], createsPerMinute: 100 }).start();
});
afterAll(async () => mock.close());

describe("the Sampler's own twirling and dynamical decoupling", () => {
  it('are sent in params.options with IBM field names, and only the fields given', () => {
    const body = samplerJobBody('ibm_fez', 'OPENQASM 3.0;', 100, {
      tag: 'qntk:qj-x',
      twirling: { enableMeasure: true, numRandomizations: 'auto', shotsPerRandomization: 64, strategy: 'active-accum' },
      dynamicalDecoupling: { sequenceType: 'XY4', schedulingMethod: 'alap' },
    });
    expect(body.params).toEqual({
      pubs: [['OPENQASM 3.0;', null, 100]], version: 2, support_qiskit: false,
      options: {
        twirling: { enable_gates: true, enable_measure: true, num_randomizations: 'auto', shots_per_randomization: 64, strategy: 'active-accum' },
        dynamical_decoupling: { enable: true, sequence_type: 'XY4', scheduling_method: 'alap' },
      },
    });
    expect((samplerJobBody('ibm_fez', 'p', 1).params as Record<string, unknown>).options).toBeUndefined();
  });

  it('reach the service as a valid Sampler V2 job', async () => {
    const be = new IbmBackend({ name: 'ibm_tiny', config: { apiKey: KEY, instance: CRN, url: mock.url, iamUrl: mock.iamUrl, net: FAST_NET }, store });
    const c = new CircuitBuilder(2, 2).x(0).measure(0, 0).measure(1, 1).build();
    const rec = await be.submit(c, { shots: 10, twirling: { enableGates: true }, dynamicalDecoupling: { sequenceType: 'XpXm' } });
    expect(rec.status).toBe('queued');
    const sent = JSON.parse(mock.requestsTo('POST', /^\/api\/v1\/jobs$/).at(-1)!.body) as { params: { options: unknown } };
    expect(sent.params.options).toEqual({ twirling: { enable_gates: true }, dynamical_decoupling: { enable: true, sequence_type: 'XpXm' } });
    expect(rec.details).toMatchObject({ twirling: true, dynamicalDecoupling: true });
  });

  it('are checked before submission, and refused where they mean nothing', async () => {
    expect(() => validateSamplerOptions({ twirling: { numRandomizations: 0 } })).toThrow("Sampler twirling numRandomizations 0: give a positive integer or 'auto'");
    expect(() => validateSamplerOptions({ dynamicalDecoupling: { sequenceType: 'XY8' as 'XY4' } })).toThrow("Sampler dynamical decoupling sequence 'XY8': use one of XX, XpXm, XY4");
    const dynamic = new CircuitBuilder(2, 1).measure(0, 0).build();
    const conditioned = { ...dynamic, instructions: [...dynamic.instructions, { gate: 'x' as const, qubits: [1], params: [], condition: { clbits: [0], value: 1 } }] };
    expect(() => validateSamplerOptions({ dynamicalDecoupling: {} }, conditioned)).toThrow(/dynamical decoupling cannot be combined with classically conditioned gates/);
    await expect(new LocalBackend({ store }).target({ twirling: {} })).rejects.toThrow(/IBM options, not the local simulator's/);
    const ionq = new IonqBackend({ name: 'simulator', config: { apiKey: 'k', url: 'http://127.0.0.1:9', net: FAST_NET }, store });
    await expect(ionq.target({ dynamicalDecoupling: {} }, { live: false })).rejects.toThrow(/IBM options; IonQ has no such job setting/);
  });
});
