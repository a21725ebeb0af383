/** `qntk ntk --network cnn`: the same JSON as the fully-connected case, and a --save directory that `qntk compile --ntk` reads. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readNtkDir } from '../../compiler/ntk/ntk-dir.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'qntk-cnn-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('qntk ntk --network cnn', () => {
  it('prints the experiment JSON and saves a problem that qntk compile reads', async () => {
    const save = join(dir, 'cnn16');
    const r = await runCli(['ntk', '--network', 'cnn', '--digits', '1,0', '--n', '16', '--resolution', '14', '--test', '16', '--patterns', '1', '--save', save, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { runs: { n: number; depth: number; kappa: number; accuracy: { exact: number; sparse: number; diagonal: number }; sparsity: { maxColumn: number } }[] };
    expect(out.runs).toHaveLength(1);
    const run = out.runs[0]!;
    expect(run.n).toBe(16);
    expect(run.depth).toBe(96);
    expect(run.kappa).toBeGreaterThanOrEqual(1);
    expect(run.accuracy.exact).toBeGreaterThan(0.8);
    const saved = readNtkDir(save);
    expect(saved.ktilde.rows).toBe(16);
    // Preconditioned diagonal dominates: K̃ is symmetric with every diagonal entry positive.
    const k = saved.ktilde.toDense();
    for (let i = 0; i < 16; i++) {
      expect(k[i * 16 + i]).toBeGreaterThan(0);
      for (let j = 0; j < 16; j++) expect(k[i * 16 + j]).toBe(k[j * 16 + i]);
    }
    const c = await runCli(['compile', '--ntk', save, '--method', 'qsvt', '--epsilon', '0.01', '--json']);
    expect(c.stderr).toBe('');
    expect(c.code).toBe(0);
    expect(JSON.parse(c.stdout).n).toBe(16);
  });

  it('rejects a resolution the network does not offer', async () => {
    const r = await runCli(['ntk', '--network', 'cnn', '--digits', '1,0', '--n', '16', '--resolution', '20']);
    expect(r.code).toBe(2);
  });
});
