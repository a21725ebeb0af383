/** `qntk simulate --noise/--mitigate`, `stats --target`, `optimize --json` predictions: shapes, values, errors. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readQasmFile } from '../../compiler/qasm/index.js';
import { predictSuccess } from '../../passes/predict-success.js';
import { getTarget } from '../../passes/targets/builtins.js';
import { transpile } from '../../passes/transpile.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'qntk-noise-'));
const BELL = join(dir, 'bell.qasm');
writeFileSync(BELL, 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[2] q;\nbit[2] c;\nh q[0];\ncx q[0], q[1];\nc = measure q;\n');
const HTEST = join(dir, 'htest.qasm');
// ⟨Z0⟩ = cos 0.8: the cx leave q0's populations alone.
writeFileSync(HTEST, 'OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[3] q;\nbit[1] c;\nry(0.8) q[0];\ncx q[0], q[1];\ncx q[1], q[2];\nc[0] = measure q[0];\n');

interface NoisyJson {
  qubits: number;
  probabilities?: Record<string, number>;
  counts?: Record<string, number>;
  noise: { device: string; method: string; physicalQubits: number[]; lowered: boolean; predicted: { esp: number; durationNs: number } };
  expectations: { bits: number[]; ideal?: number; raw: number; mitigated?: number }[];
  mitigated?: { applied: string[]; quasiProbabilities?: Record<string, number> };
}

describe('qntk simulate --noise', () => {
  it('lowers the program (saying so on stderr), runs the density matrix on the qubits it uses, and predicts ESP', async () => {
    const r = await runCli(['simulate', BELL, '--noise', 'ibm_fez', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/lowered for ibm_fez first/);
    const out = JSON.parse(r.stdout) as NoisyJson;
    expect(out.qubits).toBe(2);
    expect(out.noise.method).toBe('density-matrix');
    expect(out.noise.physicalQubits.length).toBe(2);
    expect(Object.values(out.probabilities!).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    const lowered = transpile(readQasmFile(BELL), getTarget('ibm_fez')).circuit;
    expect(out.noise.predicted.esp).toBeCloseTo(predictSuccess(lowered, getTarget('ibm_fez')).esp, 14);
    // Bell parity ⟨Z0 Z1⟩ is not listed by default: single bits are; ⟨Z⟩ of each is ~0.
    expect(out.expectations.map((e) => e.bits)).toEqual([[0], [1]]);
  });

  it('--mitigate readout,zne puts mitigated expectation values and quasi-probabilities beside the raw ones', async () => {
    const r = await runCli(['simulate', HTEST, '--noise', 'ibm_fez', '--mitigate', 'readout,zne', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as NoisyJson;
    const e = out.expectations[0]!;
    expect(e.ideal).toBeCloseTo(Math.cos(0.8), 12);
    expect(Math.abs(e.mitigated! - e.ideal!)).toBeLessThan(Math.abs(e.raw - e.ideal!) / 3);
    expect(out.mitigated!.applied).toEqual(['readout', 'zne']);
    expect(Object.values(out.mitigated!.quasiProbabilities!).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it('samples counts with --shots, reproducibly for a seed, and prints a table with the expectation values', async () => {
    const a = await runCli(['simulate', BELL, '--noise', 'ionq_aria', '--shots', '500', '--seed', '3', '--json']);
    const b = await runCli(['simulate', BELL, '--noise', 'ionq_aria', '--shots', '500', '--seed', '3', '--json']);
    expect(a.stdout).toBe(b.stdout);
    expect(Object.values((JSON.parse(a.stdout) as NoisyJson).counts!).reduce((x, y) => x + y, 0)).toBe(500);
    const t = await runCli(['simulate', HTEST, '--noise', 'ibm_fez', '--mitigate', 'readout', '--observable', '0']);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/noise: ibm_fez \(device qubits [\d, ]+\), density matrix; ESP 0\.\d+, duration [\d.]+ µs/);
    expect(t.stdout).toMatch(/bits {2}ideal {5}raw {7}mitigated/);
  });

  it.each([
    [['--noise', 'nowhere'], /noise model 'nowhere': no calibration data; known devices are ibm_brisbane/],
    [['--noise', 'ibm_fez', '--mitigate', 'readout,magic'], /--mitigate: unknown mitigation 'magic'/],
    [['--mitigate', 'readout'], /add --noise DEVICE/],
    [['--noise', 'ibm_fez', '--observable', '5'], /observable bit 5 is not an outcome bit/],
  ])('bad input %j: one line, exit 2', async (extra, message) => {
    const r = await runCli(['simulate', BELL, ...extra]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n').filter((l) => !/lowered for/.test(l)).length).toBe(1);
  });
});

describe('predictions in stats and optimize', () => {
  it('stats --target prints and reports ESP and duration of the lowered program', async () => {
    const r = await runCli(['stats', BELL, '--target', 'ibm_fez', '--json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/lowered for ibm_fez first/);
    const out = JSON.parse(r.stdout) as { predicted: { target: string; esp: number; durationNs: number; lowered: boolean } };
    const lowered = transpile(readQasmFile(BELL), getTarget('ibm_fez')).circuit;
    const p = predictSuccess(lowered, getTarget('ibm_fez'));
    expect(out.predicted).toEqual({ target: 'ibm_fez', esp: p.esp, durationNs: p.durationNs, lowered: true });
    const h = await runCli(['stats', BELL, '--target', 'ionq_forte']);
    expect(h.stdout).toMatch(/predicted on ionq_forte: ESP 0\.9\d+, duration [\d.]+ µs/);
  });

  it('optimize --json adds predicted {esp, durationNs} for calibrated targets only', async () => {
    const r = JSON.parse((await runCli(['optimize', BELL, '--target', 'ibm_torino', '--json'])).stdout) as { predicted?: { esp: number; durationNs: number } };
    expect(Object.keys(r.predicted!)).toEqual(['esp', 'durationNs']);
    expect(r.predicted!.esp).toBeGreaterThan(0.9);
    const g = JSON.parse((await runCli(['optimize', BELL, '--target', 'generic', '--json'])).stdout) as { predicted?: unknown };
    expect(g.predicted).toBeUndefined();
  });
});
