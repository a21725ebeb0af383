import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDemo } from '../../cli/demo/run.js';
import { readQasmFile } from '../../compiler/qasm/index.js';
import { getTarget } from '../../passes/targets/builtins.js';
import { verify } from '../../passes/targets/target.js';
import { conjugateGradient } from '../../compiler/linalg/solve.js';
import { prepareNtkProblem } from '../../compiler/ntk/index.js';
import { runCli } from '../helpers/cli.js';

describe('qntk demo', () => {
  it.each([
    ['qsvt', 'ibm_fez', 1e-3, 8],
    ['hhl', 'ionq_forte', 1e-2, 16],
  ] as const)('classifies from the simulated %s solution and reads signs out with shots (%s)', async (method, target, epsilon, n) => {
    const outDir = mkdtempSync(join(tmpdir(), 'qntk-demo-'));
    const opts = { digits: [8, 9] as const, n, test: 32, method, target, epsilon, seed: 3, readoutPoints: 2, outDir };
    const r = await runDemo(opts);
    expect(r.fidelity.compiled).toBeGreaterThanOrEqual(1 - epsilon);
    expect(r.fidelity.optimized).toBeGreaterThanOrEqual(1 - epsilon);
    // Independent classical prediction with the same data: sign(k̃*·K̃⁻¹y − median)
    const p = await prepareNtkProblem({ digits: [8, 9], n, test: 32, seed: 3 });
    const x = conjugateGradient(p.ktilde, p.y, { tol: 1e-13 }).x;
    const out = p.kstar.map((k) => k.reduce((s, v, i) => s + v * x[i]!, 0));
    const sorted = [...out].sort((a, b) => a - b);
    const med = (sorted[15]! + sorted[16]!) / 2;
    const acc = out.filter((v, i) => (v - med > 0 ? 1 : -1) === p.testLabels[i]).length / out.length;
    expect(r.accuracy.quantum).toBeCloseTo(acc, 10);
    for (const ro of r.readout) {
      const sign = Math.sign(p.kstar[ro.index]!.reduce((s, v, i) => s + v * x[i]!, 0));
      expect(Math.sign(ro.exactOverlap)).toBe(sign);
      expect(Math.abs(ro.estimatedOverlap - ro.exactOverlap)).toBeLessThan(5 / Math.sqrt(ro.shots));
      expect(existsSync(ro.file)).toBe(true);
    }
    // The written programs read back; the device program satisfies the device's predicates.
    expect(readQasmFile(r.files.generic).numQubits).toBe(r.gates.optimized.qubits);
    const lowered = readQasmFile(r.files.target);
    expect(verify(lowered, getTarget(target))).toEqual([]);
    if (target.startsWith('ibm_')) expect(readFileSync(r.files.target, 'utf8')).toContain('$');
  });

  it('refuses a bad target with one line and exit 2', async () => {
    const res = await runCli(['demo', '--target', 'ibm_nowhere']);
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toContain('--target ibm_nowhere');
  });
});
