import { existsSync } from 'node:fs';
import { scratch } from '../helpers/fixtures.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Statevector } from '../../backends/local/index.js';
import { readQasmFile } from '../../compiler/qasm/read.js';
import { solveSymmetric } from '../../compiler/linalg/solve.js';
import { prepareNtkProblem } from '../../compiler/ntk/problem.js';
import { runCli } from '../helpers/cli.js';
import { stateOverlap } from '../helpers/quantum.js';

const { dir, file } = scratch('qntk-compile-');
const mtx = (n: number, entries: [number, number, number][], symmetric = true): string =>
  `%%MatrixMarket matrix coordinate real ${symmetric ? 'symmetric' : 'general'}\n${n} ${n} ${entries.length}\n${entries.map(([i, j, v]) => `${i} ${j} ${v}`).join('\n')}\n`;

interface CompileJson { method: string; encoding: string; alpha: number; kappa: number; degree: number; n: number; system: number[]; postselect: [number, number][]; successProbability: number; stats: { qubits: number } }

describe('qntk compile --method qsvt', () => {
  it('--matrix/--rhs: the written program, simulated and post-selected, holds A⁻¹b/‖A⁻¹b‖ (fidelity ≥ 0.999)', async () => {
    // A = [[2, 0.5, 0], [0.5, 1.5, -0.3], [0, -0.3, 1]] (3×3, padded to 4), b = (1, −2, 0.5).
    const dense = [2, 0.5, 0, 0.5, 1.5, -0.3, 0, -0.3, 1];
    const a = file('a.mtx', mtx(3, [[1, 1, 2], [2, 1, 0.5], [2, 2, 1.5], [3, 2, -0.3], [3, 3, 1]]));
    const b = file('b.txt', '1\n-2\n0.5\n');
    const out = join(dir, 'out.qasm');
    const r = await runCli(['compile', '--matrix', a, '--rhs', b, '--method', 'qsvt', '--encoding', 'sparse', '--epsilon', '1e-3', '-o', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as CompileJson;
    expect([j.method, j.encoding, j.n]).toEqual(['qsvt', 'sparse', 3]);
    expect(j.system).toEqual([0, 1]);
    const circuit = readQasmFile(out);
    expect(circuit.instructions.some((i) => i.gate === 'measure')).toBe(false);
    const sv = Statevector.fromCircuit(circuit);
    const re = sv.re, im = sv.im;
    const sys = { re: new Float64Array(4), im: new Float64Array(4) };
    let prob = 0;
    for (let i = 0; i < re.length; i++) {
      if (!j.postselect.every(([q, v]) => ((i >> q) & 1) === v)) continue;
      const s = j.system.reduce((acc, q, k) => acc | (((i >> q) & 1) << k), 0);
      sys.re[s] = sys.re[s]! + re[i]!;
      sys.im[s] = sys.im[s]! + im[i]!;
      prob += re[i]! ** 2 + im[i]! ** 2;
    }
    const x = [...solveSymmetric(dense, 3, [1, -2, 0.5]), 0];
    expect(stateOverlap(sys, x)).toBeGreaterThanOrEqual(0.999);
    expect(prob).toBeCloseTo(j.successProbability, 8);
  });

  it('--digits 8,9 --n 4: the NTK front end compiles and the program solves K̃x = y (fidelity ≥ 0.999)', async () => {
    const out = join(dir, 'ntk.qasm');
    const r = await runCli(['compile', '--digits', '8,9', '--n', '4', '--method', 'qsvt', '-o', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as CompileJson;
    expect(j.n).toBe(4);
    const problem = await prepareNtkProblem({ digits: [8, 9], n: 4 });
    const sv = Statevector.fromCircuit(readQasmFile(out));
    const re = sv.re, im = sv.im;
    const sys = { re: new Float64Array(4), im: new Float64Array(4) };
    for (let i = 0; i < re.length; i++) {
      if (!j.postselect.every(([q, v]) => ((i >> q) & 1) === v)) continue;
      const s = j.system.reduce((acc, q, k) => acc | (((i >> q) & 1) << k), 0);
      sys.re[s] = sys.re[s]! + re[i]!;
      sys.im[s] = sys.im[s]! + im[i]!;
    }
    expect(stateOverlap(sys, solveSymmetric(problem.ktilde.toDense(), 4, problem.y))).toBeGreaterThanOrEqual(0.999);
  });

  it('--measure adds measurements', async () => {
    const a = file('d.mtx', mtx(2, [[1, 1, 1], [2, 2, 0.5]]));
    const r = await runCli(['compile', '--matrix', a, '--rhs', file('d.txt', '1 1'), '--measure']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/measure/);
  });

  it.each([
    ['non-symmetric', mtx(2, [[1, 1, 1], [1, 2, 0.5], [2, 2, 1]], false), '1 1', /not symmetric/],
    ['singular', mtx(2, [[1, 1, 1], [2, 1, 1], [2, 2, 1]]), '1 0', /singular/],
    ['size mismatch', mtx(2, [[1, 1, 1], [2, 2, 2]]), '1 2 3', /one entry per row/],
  ])('%s: one clear line, exit 2, no output file', async (name, m, rhs, re) => {
    const out = join(dir, `${name}.qasm`);
    const r = await runCli(['compile', '--matrix', file(`${name}.mtx`, m), '--rhs', file(`${name}.txt`, rhs), '-o', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(re);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });

  it('κ beyond what ε allows, and bad front-end combinations, exit 2', async () => {
    const a = file('k.mtx', mtx(2, [[1, 1, 1], [2, 2, 1e-7]]));
    const r = await runCli(['compile', '--matrix', a, '--rhs', file('k.txt', '1 1'), '--epsilon', '1e-9']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs degree/);
    expect((await runCli(['compile', '--matrix', a])).code).toBe(2);
    expect((await runCli(['compile', '--matrix', a, '--rhs', file('k2.txt', '1 x')])).stderr).toMatch(/k2\.txt:1:3/);
  });
});
