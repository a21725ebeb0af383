/** `qntk simulate`: JSON and table output, shots, bitstring conventions, errors; checked against the dense reference. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { circuitState } from '../../compiler/circuit/index.js';
import { readQasmFile } from '../../compiler/qasm/index.js';
import { runCli } from '../helpers/cli.js';
import { BENCH_CIRCUITS } from '../helpers/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'qntk-simulate-'));
function program(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
const BENCH = BENCH_CIRCUITS;

describe('qntk simulate', () => {
  it.each(['nam_ccz/barenco_tof_3.qasm', 'nam_rz/mod5_4.qasm', 'nam_clifford_t/tof_4.qasm', 'nam_ccz/hwb6.qasm', 'nam_rz/grover_5.qasm', 'nam_ccz/gf2^4_mult.qasm'])(
    'bench circuit %s: probabilities equal |ψ|² of the dense reference state',
    async (rel) => {
      const file = join(BENCH, rel);
      const res = await runCli(['simulate', file, '--json']);
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      const out = JSON.parse(res.stdout) as { qubits: number; probabilities: Record<string, number> };
      const c = readQasmFile(file);
      expect(out.qubits).toBe(c.numQubits);
      const ref = circuitState(c);
      const expected: Record<string, number> = {};
      for (let i = 0; i < ref.rows; i++) {
        const p = ref.re[i]! ** 2 + ref.im[i]! ** 2;
        if (p >= 1e-12) expected[i.toString(2).padStart(c.numQubits, '0')] = p;
      }
      expect(Object.keys(out.probabilities).sort()).toEqual(Object.keys(expected).sort());
      for (const [k, p] of Object.entries(expected)) expect(out.probabilities[k]).toBeCloseTo(p, 10);
    },
  );

  it('a 19-qubit bench circuit (cache-blocked, two threads) is a reversible Toffoli network: |0…0⟩ stays |0…0⟩', async () => {
    // barenco_tof_10 computes a 10-control Toffoli with ancillas returned clean: all-zero input → all-zero output.
    const res = await runCli(['simulate', join(BENCH, 'nam_ccz/barenco_tof_10.qasm'), '--json']);
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout) as { qubits: number; probabilities: Record<string, number> };
    expect(out.qubits).toBe(19);
    expect(Object.keys(out.probabilities)).toEqual(['0'.repeat(19)]);
    expect(out.probabilities['0'.repeat(19)]).toBeCloseTo(1, 10);
  });

  it('--shots on a 19-qubit bench circuit: every shot lands on the one output state', async () => {
    const res = await runCli(['simulate', join(BENCH, 'nam_clifford_t/tof_10.qasm'), '--shots', '100', '--seed', '1', '--json']);
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout) as { counts: Record<string, number> };
    expect(out.counts).toEqual({ ['0'.repeat(19)]: 100 });
  });

  it('measured programs give bitstrings over the classical bits, c[0] rightmost', async () => {
    const file = program('bell.qasm', 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[3] q;\nbit[2] c;\nx q[2];\nh q[0];\ncx q[0], q[1];\nc[1] = measure q[2];\nc[0] = measure q[1];\n');
    const res = await runCli(['simulate', file, '--json']);
    expect(res.code).toBe(0);
    const out = JSON.parse(res.stdout) as { probabilities: Record<string, number> };
    expect(Object.keys(out.probabilities).sort()).toEqual(['10', '11']);
    expect(out.probabilities['10']).toBeCloseTo(0.5, 12);
  });

  it('--shots gives counts that sum to the shots and repeat with the same --seed', async () => {
    const file = program('plus.qasm', 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[2];\nh q[0];\nh q[1];\n');
    const a = await runCli(['simulate', file, '--shots', '4000', '--seed', '7', '--json']);
    const b = await runCli(['simulate', file, '--shots', '4000', '--seed', '7', '--json']);
    expect(a.code).toBe(0);
    const out = JSON.parse(a.stdout) as { qubits: number; counts: Record<string, number>; seed: number };
    expect(out.qubits).toBe(2);
    expect(Object.values(out.counts).reduce((s, k) => s + k, 0)).toBe(4000);
    // Each of 4 outcomes ~ Binomial(4000, 1/4): sd ≈ 27; ±6 sd.
    for (const k of ['00', '01', '10', '11']) expect(Math.abs(out.counts[k]! - 1000)).toBeLessThan(165);
    expect(b.stdout).toBe(a.stdout);
  });

  it('prints a table sorted by probability', async () => {
    const file = program('ry.qasm', 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[1] q;\nry(pi/3) q[0];\n');
    const res = await runCli(['simulate', file]);
    expect(res.code).toBe(0);
    const rows = res.stdout.split('\n').filter((l) => /^\s+[01]+\s/.test(l));
    expect(rows.map((r) => r.trim().split(/\s+/)[0])).toEqual(['0', '1']);
    expect(Number(rows[0]!.trim().split(/\s+/)[1])).toBeCloseTo(0.75, 10);
  });

  it.each([
    [['--shots', '0'], /--shots 0: expected an integer in 1\.\.1000000000/],
    [['--shots', '2.5'], /--shots 2\.5: expected an integer in 1\.\.1000000000/],
    [['--seed', '-1'], /--seed -1: expected an integer in 0\.\.4294967295/],
  ])('bad option %j exits 2 with one line', async (extra, message) => {
    const file = program('x.qasm', 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[1] q;\nx q[0];\n');
    const res = await runCli(['simulate', file, ...extra]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(message);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stdout).toBe('');
  });

  it('a program too large for memory is refused before allocating (exit 2)', async () => {
    const file = program('big.qasm', 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[40] q;\nh q[0];\n');
    const res = await runCli(['simulate', file, '--json']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/40 qubits need .* reduce the qubit count/);
    expect(res.stdout).toBe('');
  });

  it('a missing file exits 2', async () => {
    const res = await runCli(['simulate', join(dir, 'nope.qasm')]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/no such file/);
  });
});
