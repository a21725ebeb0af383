import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readNtkDir } from '../../compiler/ntk/index.js';
import { runCli } from '../helpers/cli.js';

describe('qntk ntk', () => {
  it('prints K(ρ) as JSON for the kernel subcommand', async () => {
    const r = await runCli(['ntk', 'kernel', '--depth', '1', '--rho', '1,0.5,-0.5', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { depth: number; dim: number; values: { rho: number; k: number }[] };
    expect(out.depth).toBe(1);
    expect(out.dim).toBe(784);
    expect(out.values.map((v) => v.rho)).toEqual([1, 0.5, -0.5]);
    expect(out.values[1]!.k).toBeCloseTo(-out.values[2]!.k, 15);
  });

  it('runs a small experiment with the JSON contract and saves the problem', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qntk-ntk-'));
    const r = await runCli(['ntk', '--n', '16', '--test', '32', '--trials', '1', '--patterns', '1', '--seed', '3', '--json', '--save', dir]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { runs: Record<string, unknown>[] };
    expect(out.runs).toHaveLength(1);
    expect(Object.keys(out.runs[0]!).sort()).toEqual(['accuracy', 'accuracyStd', 'delta', 'depth', 'kappa', 'n', 'postselection', 'readout', 'sparsity'].sort());
    const saved = readNtkDir(dir);
    expect(saved.ktilde.rows).toBe(16);
    expect(saved.kstar).toHaveLength(32);
    expect(saved.y).toHaveLength(16);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { n: number; digits: number[]; seed: number; kappa: number };
    expect(manifest).toMatchObject({ n: 16, digits: [8, 9], seed: 3 });
    expect(manifest.kappa).toBe((out.runs[0] as { kappa: number }).kappa);
  });

  it.each([
    [['ntk', '--n', '15'], /even integers/],
    [['ntk', '--digits', '8'], /--digits 8: expected two different digits/],
    [['ntk', 'kernel', '--rho', '0.5'], /needs --depth/],
    [['ntk', 'kernel', '--depth', '2', '--rho', '1.5'], /\[-1, 1\]/],
    [['ntk', '--depth', 'deep'], /--depth must be/],
  ])('refuses %j with exit code 2', async (args, msg) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(msg);
  });
});
