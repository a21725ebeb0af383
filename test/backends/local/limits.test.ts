/** Memory limits: the state-size cap, and the free-memory check with its workspace, both before any allocation. */
import { afterEach, describe, expect, it, vi } from 'vitest';

const memory = vi.hoisted(() => ({ free: 0 }));
vi.mock('node:os', async (importOriginal) => {
  const os = await importOriginal<typeof import('node:os')>();
  return { ...os, freemem: () => memory.free || os.freemem() };
});

const { CircuitBuilder } = await import('../../../compiler/circuit/index.js');
const { ResourceError } = await import('../../../compiler/errors.js');
const { checkStateSize, simulate, Statevector, stateBytes, MAX_QUBITS, MAX_QUBITS_SINGLE } = await import('../../../backends/local/index.js');

const GiB = 2 ** 30;

describe('state size limits', () => {
  afterEach(() => { memory.free = 0; });

  it('caps the state at 8 GiB: 29 qubits in double precision, 30 in single, with one line naming the fix', () => {
    expect([MAX_QUBITS, MAX_QUBITS_SINGLE]).toEqual([29, 30]);
    expect(stateBytes(29)).toBe(8 * GiB);
    expect(stateBytes(30, 'single')).toBe(8 * GiB);
    memory.free = 1024 * GiB;
    expect(() => checkStateSize(29)).not.toThrow();
    expect(() => checkStateSize(30, { precision: 'single' })).not.toThrow();
    expect(() => checkStateSize(30)).toThrow(/30 qubits need 16\.0 GiB of amplitudes in double precision, above the 8\.0 GiB limit .*precision 'single' simulates 30 qubits/);
    expect(() => checkStateSize(31, { precision: 'single' })).toThrow(/31 qubits .* single precision.*reduce the qubit count/);
    expect(() => Statevector.zero(31, { precision: 'single' })).toThrow(ResourceError);
    for (const n of [30, 31]) {
      try {
        checkStateSize(n);
      } catch (e) {
        expect((e as Error).message).not.toContain('\n');
        expect((e as { exitCode?: number }).exitCode).toBe(2);
      }
    }
  });

  it('refuses when the state and its workspace exceed the share of free memory it may take', () => {
    memory.free = 9 * GiB;
    // 28 qubits: 4 GiB of amplitudes fit in 80 % of 9 GiB; with a 2^28-entry probability table (2 GiB) too.
    expect(() => checkStateSize(28, { workspaceBytes: 2 * GiB })).not.toThrow();
    expect(() => checkStateSize(29)).toThrow(/29 qubits need 8\.0 GiB of amplitudes but only 9\.0 GiB of memory is free \(80 % of it may be used\).*precision 'single'/);
    expect(() => checkStateSize(29, { precision: 'single' })).not.toThrow();
    expect(() => checkStateSize(29, { precision: 'single', workspaceBytes: 4 * GiB })).toThrow(/4\.0 GiB of amplitudes and 4\.0 GiB of workspace/);
    // simulate() counts the exact probability table as workspace; sampling shots from a pure state needs none.
    const MiB = 2 ** 20;
    const c = new CircuitBuilder(20).h(0).build();
    memory.free = 28 * MiB;
    expect(() => simulate(c)).toThrow(/20 qubits need 16 MiB of amplitudes and 8 MiB of workspace but only 28 MiB/);
    expect(() => simulate(c, { precision: 'single' })).not.toThrow();
    memory.free = 16 * MiB;
    expect(() => simulate(c, { precision: 'single' })).toThrow(ResourceError);
    expect(() => simulate(c, { precision: 'single', shots: 10 })).not.toThrow();
  });
});
