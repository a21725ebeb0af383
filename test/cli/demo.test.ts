/** `qntk demo`: the programs it writes read back and fit their target; bad options are one line. */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readQasmFile } from '../../compiler/qasm/index.js';
import { predictSuccess } from '../../passes/predict-success.js';
import { getTarget } from '../../passes/targets/builtins.js';
import { verify } from '../../passes/targets/target.js';
import { runCli } from '../helpers/cli.js';

describe('qntk demo', () => {
  it('writes the optimized, device and readout programs and reports them in --json', async () => {
    const out = mkdtempSync(join(tmpdir(), 'qntk-demo-'));
    const res = await runCli(['demo', '--n', '8', '--test', '16', '--readout', '2', '--seed', '3', '--out', out, '--json']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const r = JSON.parse(res.stdout) as {
      files: Record<string, string>; gates: { optimized: { qubits: number } }; readout: { index: number; correct: boolean; predicted: number; label: number }[];
      predicted: { program: { esp: number; durationNs: number; twoQubit: number }; readouts: { esp: number; durationNs: number; twoQubit: number }[] };
    };
    expect(Object.keys(r.files)).toEqual(['generic', 'target', 'readout0', 'readout1']);
    for (const f of Object.values(r.files)) expect(existsSync(f)).toBe(true);
    expect(readQasmFile(r.files.generic!).numQubits).toBe(r.gates.optimized.qubits);
    expect(verify(readQasmFile(r.files.target!), getTarget('ibm_fez'))).toEqual([]);
    expect(readFileSync(r.files.target!, 'utf8')).toContain('$');
    for (const p of r.readout) expect(p.correct).toBe(p.predicted === p.label);
    // ESP per program: the device program as written, each readout as `qntk submit` lowers it.
    expect(r.predicted.program.esp).toBeCloseTo(predictSuccess(readQasmFile(r.files.target!), getTarget('ibm_fez')).esp, 12);
    expect(r.predicted.readouts).toHaveLength(2);
    const dry = await runCli(['submit', r.files.readout0!, '--backend', 'ibm:ibm_fez', '--dry-run', '--json']);
    const sent = (JSON.parse(dry.stdout) as { circuit: { predicted: { esp: number }; twoQubit: number } }).circuit;
    expect(r.predicted.readouts[0]!.esp).toBeCloseTo(sent.predicted.esp, 12);
    expect(r.predicted.readouts[0]!.twoQubit).toBe(sent.twoQubit);
    expect(r.predicted.readouts[0]!.esp).toBeLessThan(1e-2);
  }, 120_000);

  it('prints the readout table: label, overlaps, threshold, class and whether it is right', async () => {
    const out = mkdtempSync(join(tmpdir(), 'qntk-demo-'));
    const res = await runCli(['demo', '--n', '8', '--test', '16', '--readout', '1', '--out', out]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/accuracy over 16 draws \(classical\)\s+sparsified \d+\.\d % ± \d+\.\d %/);
    expect(res.stdout).toMatch(/threshold = median of the 16 simulated outputs = /);
    expect(res.stdout).toMatch(/\npredicted success on ibm_fez \(readouts lowered as qntk submit lowers them\):\n  \S+ntk_qsvt_ibm_fez\.qasm\s+ESP \d\.\d\de-\d+  \(\d+ two-qubit gates, [\d.]+ µs\)\n  \S+readout_0\.qasm\s+ESP /);
    // Hopeless circuits: no submission suggested, the hardware-sized experiment instead.
    expect(res.stdout).toContain('every ESP is negligible (< 0.01): on ibm_fez these programs would give noise. For an NTK experiment sized for today\'s devices: qntk demo --hardware\n');
    expect(res.stdout).not.toMatch(/^  qntk submit /m);
    expect(res.stdout).toMatch(/point\s+label\s+overlap exact\s+overlap \(shots\)\s+shots\s+output\s+class\s+right\n\s+0\s+[+-]1\s+-?\d\.\d{5}\s+-?\d\.\d{5}\s+\d+\s+\S+\s+[+-]1\s+(yes|no)\n/);
  }, 120_000);

  it('refuses a bad target with one line and exit 2', async () => {
    const res = await runCli(['demo', '--target', 'ibm_nowhere']);
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toContain('--target ibm_nowhere');
  });
});
