import { describe, expect, it } from 'vitest';
import { waitForJob, type Backend, type JobRecord } from '../../../backends/backend.js';
import { IamTokenManager } from '../../../backends/ibm/auth.js';
import { mapIbmStatus } from '../../../backends/ibm/backend.js';
import { deviceFromApi, isaViolations } from '../../../backends/ibm/device.js';
import { describeIbmError } from '../../../backends/ibm/errors.js';
import { decodeSamplerResult } from '../../../backends/ibm/results.js';
import { HttpClient } from '../../../backends/http.js';
import { CircuitBuilder } from '../../../compiler/circuit/index.js';
import { MockServer } from '../../helpers/mock-server.js';
import { FAST_NET } from '../../helpers/net.js';

describe('IBM pieces', () => {
  it('refreshes the IAM token before it expires, not on every call', async () => {
    let n = 0;
    const server = await new MockServer(() => ({ status: 200, body: { access_token: `tok-${++n}-abcdefgh`, expires_in: 100, expiration: 1 } })).start();
    try {
      let now = 1_000_000;
      const http = new HttpClient({ service: 'IAM', net: FAST_NET, secrets: () => [], describeError: () => undefined });
      // A server clock far behind ours (expiration in our past) must not force a refresh on every call.
      const iam = new IamTokenManager({ iamUrl: server.origin, apiKey: 'k', http, now: () => now });
      const a = await iam.token();
      now += 70_000;
      expect(await iam.token()).toBe(a);
      now += 15_000; // 85 s of 100: inside the last fifth → refresh
      expect(await iam.token()).not.toBe(a);
    } finally {
      await server.close();
    }
  });

  it('checks coupling direction on Eagle (ecr listed one way) and reset support on Nighthawk', () => {
    const eagle = deviceFromApi({ backend_name: 'eagle', n_qubits: 3, basis_gates: ['ecr', 'id', 'rz', 'sx', 'x'], supported_instructions: ['measure', 'reset', 'delay'], coupling_map: [[1, 0], [1, 2]] });
    const c = new CircuitBuilder(3, 1).gate('ecr', [1, 0]).gate('ecr', [0, 1]).reset(2).measure(0, 0).build();
    expect(isaViolations(c, eagle)).toEqual(["'ecr' on (0, 1) is not a coupling edge of eagle"]);
    const miami = deviceFromApi({ backend_name: 'miami', n_qubits: 3, basis_gates: ['cz', 'rz', 'sx', 'x'], supported_instructions: ['measure', 'delay'], coupling_map: [[0, 1], [1, 0]] });
    expect(isaViolations(c, miami)).toEqual([
      "gate 'ecr' is not in the basis of miami (cz, rz, sx, x) (×2)", "'reset' is not supported on miami",
    ]);
  });

  it('reads rzz ranges, dynamic-circuit support and register names', () => {
    const dev = deviceFromApi({ backend_name: 'h', n_qubits: 2, basis_gates: ['cz', 'rz', 'sx', 'x', 'rzz'], supported_instructions: ['measure'], coupling_map: [[0, 1], [1, 0]] });
    const b = new CircuitBuilder();
    b.addQreg('q', 2);
    b.addCreg('lambda', 1);
    b.gate('rzz', [0, 1], [2]).gate('rzz', [0, 1], [0.5]).measure(0, 0);
    b.add({ gate: 'x', qubits: [1], params: [], condition: { clbits: [0], value: 1 } });
    expect(isaViolations(b.build(), dev)).toEqual([
      "classically conditioned 'x' is not supported on h", 'rzz angle 2 is outside [0, π/2]', "classical register name 'lambda' is not accepted by IBM's sampler",
    ]);
  });

  it('refuses a circuit that measures nothing', () => {
    const dev = deviceFromApi({ backend_name: 'h', n_qubits: 1, basis_gates: ['x'], supported_instructions: ['measure'], coupling_map: [] });
    expect(isaViolations(new CircuitBuilder(1).x(0).build(), dev)).toEqual(['the circuit measures nothing (the Sampler returns measured bits only); add measurements']);
  });

  it('maps job states, 1305 to failure, and error bodies to one line', () => {
    expect(mapIbmStatus({ id: 'a', state: { status: 'Queued' } }).status).toBe('queued');
    expect(mapIbmStatus({ id: 'a', status: 'Cancelled - Ran too long', state: { status: 'Cancelled', reason_code: 1305 } })).toMatchObject({ status: 'failed' });
    expect(mapIbmStatus({ id: 'a', state: { status: 'Failed', reasonCode: 1517, reason: 'non-ISA' } }).error).toMatch(/^code 1517: non-ISA — circuit is not ISA/);
    expect(describeIbmError(409, JSON.stringify({ errors: [{ code: 4317, message: 'Usage exceeds instance limit.' }], trace: 'x' })))
      .toBe('code 4317: Usage exceeds instance limit — the instance has used its quota for this period; wait for it to reset or use another instance');
    expect(describeIbmError(401, JSON.stringify({ error: { code: 1201, message: 'Invalid credentials.' } }))).toBe('code 1201: Invalid credentials — invalid credentials; check QNTK_IBM_TOKEN and QNTK_IBM_INSTANCE');
    expect(describeIbmError(503, '<html>maintenance</html>')).toMatch(/maintenance/);
  });

  it('refuses Qiskit-typed results and samples wider than their register', () => {
    expect(() => decodeSamplerResult({ results: [{ data: { __type__: 'DataBin' } }] }, [])).toThrow(/support_qiskit=false/);
    expect(() => decodeSamplerResult({ results: [{ data: { c: { samples: ['0x4'], num_bits: 2 } } }] }, [])).toThrow(/does not fit register 'c' of 2 bits/);
    expect(decodeSamplerResult({ results: [{ data: { c: { samples: ['0x0', '0x2'], num_bits: 2 } } }] }, []).counts).toEqual({ '00': 1, '10': 1 });
  });

  it('gives up polling after the overall limit with a clear line', async () => {
    const rec = { id: 'qj-x', status: 'queued', remoteStatus: 'Queued' } as JobRecord;
    const be = { status: async () => rec } as unknown as Backend;
    await expect(waitForJob(be, 'qj-x', { intervalMs: 1, maxIntervalMs: 2, timeoutMs: 20 }))
      .rejects.toThrow('job qj-x is still Queued after 0 s of waiting; it keeps running: check with qntk status qj-x (QNTK_POLL_TIMEOUT_MS sets the limit)');
  });
});
