/**
 * IBM live properties → calibration: a device reporting its snapshot as properties predicts the same
 * ESP as the snapshot; units are converted; assignment probabilities are kept per qubit; properties
 * lacking T2 or entangler figures give no calibration (and no number). The mocks' request checks are
 * shown to refuse malformed Sampler and multi-circuit bodies.
 */
import { describe, expect, it } from 'vitest';
import { deviceFromApi } from '../../../backends/ibm/device.js';
import { calibrationFromProperties } from '../../../backends/ibm/properties.js';
import { CircuitBuilder } from '../../../compiler/circuit/index.js';
import { predictSuccess } from '../../../passes/predict-success.js';
import { getTarget } from '../../../passes/targets/builtins.js';
import { calibrationFromDevice } from '../../../passes/targets/calibration.js';
import { IBM_FEZ } from '../../../passes/targets/data/ibm-fez.js';
import { transpile } from '../../../passes/transpile.js';
import { MockIbm, snapshotDevice, snapshotProperties } from '../../helpers/mock-ibm.js';
import { MockIonq } from '../../helpers/mock-ionq.js';

const fez = snapshotDevice(IBM_FEZ);
const conf = { backend_name: 'ibm_fez', n_qubits: fez.numQubits, basis_gates: fez.basisGates, supported_instructions: fez.supportedInstructions, coupling_map: fez.couplingMap };
const props = snapshotProperties(fez, IBM_FEZ, '2026-08-01T00:00:00Z');

describe('IBM live calibration', () => {
  it('reads T1, T2, readout, gate errors and lengths so that the ESP equals the snapshot\'s', () => {
    const dev = deviceFromApi(conf, props);
    expect(dev.calibration?.date).toBe('2026-08-01T00:00:00Z');
    const c = transpile(new CircuitBuilder(4, 4).h(0).cx(0, 1).cx(1, 2).cx(2, 3).measure(0, 0).measure(1, 1).measure(2, 2).measure(3, 3).build(), getTarget('ibm_fez'), { seed: 1 }).circuit;
    const live = predictSuccess(c, calibrationFromDevice(dev.calibration!.data));
    const snap = predictSuccess(c, getTarget('ibm_fez'));
    expect(live.esp).toBeCloseTo(snap.esp, 12);
    expect(live.durationNs).toBeCloseTo(snap.durationNs, 6);
  });

  it('converts units and keeps the assignment probabilities of each qubit', () => {
    const q = (t1: number, unit: string): unknown[] => [
      { name: 'T1', unit, value: t1 }, { name: 'T2', unit: 'us', value: 100 }, { name: 'prob_meas1_prep0', value: 0.01 }, { name: 'prob_meas0_prep1', value: 0.03 },
    ];
    const live = calibrationFromProperties(
      { name: 'd', numQubits: 2, basisGates: ['cz', 'sx', 'rz'], supportedInstructions: ['measure'], couplingMap: [[0, 1]] },
      { qubits: [q(250_000, 'ns'), q(0.0003, 's')], gates: [{ gate: 'cz', qubits: [0, 1], parameters: [{ name: 'gate_error', value: 0.004 }, { name: 'gate_length', unit: 'us', value: 0.068 }] }] },
    )!;
    expect(live.data.qubits.map((x) => x[0])).toEqual([250, 300]);
    expect(live.data.qubits[0]![2]).toBeCloseTo(0.02, 15);
    expect(live.assignment[1]).toEqual({ p01: 0.01, p10: 0.03 });
    expect(live.data.gates).toEqual([['cz', [0, 1], 0.004, 68]]);
  });

  it('gives no calibration when the properties lack T2 or any entangler figure', () => {
    const noT2 = { ...props, qubits: (props.qubits as { name: string }[][]).map((l) => l.filter((p) => p.name !== 'T2')) };
    expect(deviceFromApi(conf, noT2).calibration).toBeUndefined();
    const noCz = { ...props, gates: (props.gates as { gate: string }[]).filter((g) => g.gate !== 'cz') };
    expect(deviceFromApi(conf, noCz).calibration).toBeUndefined();
    expect(deviceFromApi(conf).calibration).toBeUndefined();
  });
});

describe('the mocks check request shapes', () => {
  it('IBM refuses malformed pubs and option types; IonQ refuses a bad multi-circuit body', async () => {
    const ibm = await new MockIbm({ apiKey: 'k', crn: 'crn', devices: [fez] }).start();
    const ionq = await new MockIonq({ apiKey: 'k' }).start();
    try {
      const tok = (await (await fetch(`${ibm.iamUrl}/identity/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=urn:ibm:params:oauth:grant-type:apikey&apikey=k' })).json() as { access_token: string }).access_token;
      const post = async (params: Record<string, unknown>): Promise<number> => (await fetch(`${ibm.url}/v1/jobs`, {
        method: 'POST', headers: { authorization: `Bearer ${tok}`, 'service-crn': 'crn', 'content-type': 'application/json' },
        body: JSON.stringify({ program_id: 'sampler', backend: 'ibm_fez', params: { version: 2, support_qiskit: false, ...params } }),
      })).status;
      const pub = ['OPENQASM 3.0;\nbit[1] c;\nx $0;\nc[0] = measure $0;\n', null, 10];
      expect(await post({ pubs: [pub, pub] })).toBe(200);
      expect(await post({ pubs: [pub, ['x', null, -1]] })).toBe(400);
      expect(await post({ pubs: [pub], options: { twirling: { enable_gates: 'yes' } } })).toBe(400);
      expect(await post({ pubs: [pub], options: { dynamical_decoupling: { enable: true, scheduling_method: 'soon' } } })).toBe(400);
      const create = async (input: unknown): Promise<number> => (await fetch(`${ionq.url}/jobs`, {
        method: 'POST', headers: { authorization: 'apiKey k', 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'ionq.multi-circuit.v1', backend: 'qpu.forte-1', shots: 10, input }),
      })).status;
      const ok = { gateset: 'native', qubits: 1, circuits: [{ name: 'a', circuit: [{ gate: 'gpi', target: 0, phase: 0 }] }] };
      expect(await create(ok)).toBe(201);
      expect(await create({ ...ok, circuits: [] })).toBe(400);
      expect(await create({ ...ok, circuits: [{ circuit: [{ gate: 'cnot', control: 0, target: 1 }] }] })).toBe(400);
    } finally {
      await ibm.close();
      await ionq.close();
    }
  });
});
