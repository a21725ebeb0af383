import { describe, it, expect } from 'vitest';
import { runHardwareDemo } from '../../cli/commands/demo-hardware.js';
import type { CliIo } from '../../cli/io.js';
import { runCli } from '../helpers/cli.js';

function bufferIo(): CliIo & { out: string; err: string } {
  const io = { out: '', err: '', interactive: false, env: {}, stdout: (t: string) => { io.out += t; }, stderr: (t: string) => { io.err += t; } };
  return io;
}

describe('qntk demo --hardware', () => {
  it('prints exactly {hardware: {target, n, twoQubit, esp, points, agreement}} with --json', async () => {
    const io = bufferIo();
    expect(await runHardwareDemo(io, { target: 'ionq_forte', digits: [8, 9], seed: 0, json: true, points: 8, shots: 300 })).toBe(0);
    const j = JSON.parse(io.out) as { hardware: Record<string, unknown> & { points: Record<string, unknown>[] } };
    expect(Object.keys(j)).toEqual(['hardware']);
    expect(Object.keys(j.hardware)).toEqual(['target', 'n', 'twoQubit', 'esp', 'points', 'agreement']);
    expect(j.hardware.points).toHaveLength(16);
    expect(Object.keys(j.hardware.points[0]!)).toEqual(['index', 'label', 'readout', 'ideal', 'noisy', 'mitigated']);
    expect(Object.keys(j.hardware.agreement as object)).toEqual(['noisy', 'mitigated']);
  });

  it('prints one line per point with its sign agreement, and the summary line', async () => {
    const io = bufferIo();
    await runHardwareDemo(io, { target: 'ionq_forte', digits: [8, 9], seed: 0, json: false, points: 8, shots: 300 });
    const rows = io.out.split('\n').filter((l) => /^\s+\d+\s+[+-]1\s+(diagonal|sparse)\s/.test(l));
    expect(rows).toHaveLength(16);
    for (const r of rows) expect(r).toMatch(/(yes|NO)\/(yes|NO)$/);
    expect(io.out).toMatch(/ionq_forte, n = 8: 16 readouts, max two-qubit gates \d+, min ESP 0\.\d{3}, sign agreement noisy \d\.\d{3}, mitigated \d\.\d{3}\n$/);
  });

  it('refuses a target without a device model in one line, exit code 2', async () => {
    const r = await runCli(['demo', '--hardware', '--target', 'generic']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/no device model for 'generic'/);
    expect(r.stdout).toBe('');
  });
});
