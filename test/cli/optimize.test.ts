import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { benchCircuit } from '../helpers/fixtures.js';
import { parseQasm } from '../../compiler/qasm/index.js';
import { checkEquivalence } from '../../passes/primitives/equivalence.js';
import { getTarget } from '../../passes/targets/builtins.js';
import { verify } from '../../passes/targets/target.js';

const TOF = benchCircuit('nam_ccz', 'tof_3');
const dir = mkdtempSync(join(tmpdir(), 'qntk-opt-'));

describe('qntk optimize', () => {
  it('-O3 --json on a bench circuit: fewer gates, same unitary', async () => {
    const out = join(dir, 'tof3.qasm');
    const r = await runCli(['optimize', TOF, '-O', '3', '-o', out, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { before: { size: number; tCount: number }; after: { size: number; tCount: number; multiQubit: number }; target: string; layout: number[]; finalPermutation: number[] };
    expect(j.target).toBe('generic');
    expect(j.after.multiQubit).toBe(0);
    expect(j.after.tCount).toBe(15);
    expect(j.layout).toEqual([0, 1, 2, 3, 4]);
    const before = parseQasm(readFileSync(TOF, 'utf8'), { file: TOF });
    const after = parseQasm(readFileSync(out, 'utf8'), { file: out });
    expect(checkEquivalence(before, after).distance).toBeLessThan(1e-7);
  });

  it('--target ibm_torino writes physical qubits in the Heron basis; the program re-reads and verifies', async () => {
    const out = join(dir, 'tof3-torino.qasm');
    const r = await runCli(['optimize', TOF, '--target', 'ibm_torino', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('two-qubit gates');
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/\$\d+/);
    const c = parseQasm(text, { file: out });
    expect(verify({ ...c, numQubits: 133 }, getTarget('ibm_torino')).filter((v) => v.predicate !== 'qubit-count')).toEqual([]);
  });

  it('--basis and --coupling make a custom target', async () => {
    const cm = join(dir, 'line.json');
    writeFileSync(cm, JSON.stringify([[0, 1], [1, 2], [2, 3], [3, 4]]));
    const r = await runCli(['optimize', TOF, '--basis', 'cx,rz,sx,x', '--coupling', cm, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { after: { counts: Record<string, number> }; finalPermutation: number[] };
    expect(Object.keys(j.after.counts).every((g) => ['cx', 'rz', 'sx', 'x'].includes(g))).toBe(true);
    expect([...j.finalPermutation].sort()).toEqual([0, 1, 2, 3, 4]);
  });

  it('--basis h,rz,cx,x: -O3 output and --json counts only in that basis, same unitary', async () => {
    const out = join(dir, 'tof3-hrz.qasm');
    const r = await runCli(['optimize', TOF, '-O', '3', '--basis', 'h,rz,cx,x', '-o', out, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { after: { counts: Record<string, number>; tCount: number | null } };
    expect(Object.keys(j.after.counts).every((g) => ['h', 'rz', 'cx', 'x'].includes(g))).toBe(true);
    expect(j.after.tCount).toBe(15);
    const before = parseQasm(readFileSync(TOF, 'utf8'), { file: TOF });
    const after = parseQasm(readFileSync(out, 'utf8'), { file: out });
    expect(checkEquivalence(before, after).distance).toBeLessThan(1e-7);
  });

  it('Clifford+T basis refuses a non-Clifford+T input with one line; IonQ reports no T count', async () => {
    const bad = join(dir, 'rz.qasm');
    writeFileSync(bad, 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[2];\nrz(0.3) q[0];\ncx q[0],q[1];\n');
    const r = await runCli(['optimize', bad, '--basis', 'h,s,sdg,t,tdg,x,cx']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/exactly Clifford\+T/);
    const ionq = await runCli(['optimize', TOF, '--target', 'ionq_aria', '--json']);
    expect((JSON.parse(ionq.stdout) as { after: { tCount: number | null } }).after.tCount).toBeNull();
  });

  it('--layout noise-aware places the circuit on well-calibrated qubits of ibm_fez', async () => {
    const r = await runCli(['optimize', TOF, '--target', 'ibm_fez', '--layout', 'noise-aware', '-O', '1', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { layout: number[]; finalPermutation: number[] };
    expect(new Set(j.layout).size).toBe(5);
    expect(j.finalPermutation).toHaveLength(5);
  });

  it('bad input: exit 2 with one line', async () => {
    const r1 = await runCli(['optimize', TOF, '-O', '7']);
    expect(r1.code).toBe(2);
    const r2 = await runCli(['optimize', TOF, '--basis', 'cx,frob']);
    expect(r2.code).toBe(2);
    expect(r2.stderr.trim().split('\n')).toHaveLength(1);
    const r3 = await runCli(['optimize', join(dir, 'missing.qasm')]);
    expect(r3.code).toBe(2);
  });
});
