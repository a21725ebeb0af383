import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimateResources } from '../../compiler/estimate.js';
import { runCli } from '../helpers/cli.js';

describe('qntk estimate', () => {
  it('prints a table for 2^10, 2^20, 2^30 with the rules', async () => {
    const r = await runCli(['estimate', '--n', '2^10,2^20,2^30', '--sparsity', '8', '--kappa', '1.5', '--epsilon', '1e-3']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const head = lines.findIndex((l) => /^\s*n\s+s\s+c\s+kappa_eff/.test(l));
    expect(head).toBeGreaterThan(0);
    const e = estimateResources({ n: 2 ** 20, sparsity: 8, kappa: 1.5, epsilon: 1e-3, method: 'qsvt' });
    const row = lines[head + 2]!.trim().split(/\s+/);
    expect(row[0]).toBe('2^20');
    expect(Number(row[4])).toBe(e.degree);
    expect(Number(row[6])).toBe(e.qram.qubits);
    expect(Number(row[8])).toBe(e.qram.t.rotations);
    expect(r.stdout).toContain('Toffoli = 7 T');
  });

  it('--call-graph prints the components each estimate evaluates', async () => {
    const r = await runCli(['estimate', '--n', '2^20', '--sparsity', '16', '--kappa', '1', '--access', 'qram', '--call-graph']);
    expect(r.code, r.stderr).toBe(0);
    const graph = r.stdout.slice(r.stdout.indexOf('call graph at n = 1048576, QRAM access'));
    expect(graph).toMatch(/^qsvt-inversion \(degree 121, 47 qubits\)/m);
    expect(graph).toMatch(/sparse-block-encoding .* ×61/);
    expect(graph).toMatch(/sparse-block-encoding .*† ×60/);
    expect(graph).toMatch(/lookup-oracle ×2/);
  });

  it('--access qrom shows only the QROM columns', async () => {
    const r = await runCli(['estimate', '--n', '2^12', '--sparsity', '4', '--kappa', '1', '--access', 'qrom']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('QROM CNOT');
    expect(r.stdout).not.toContain('QRAM CNOT');
  });

  it('prints one JSON object equal to the library estimate (HHL)', async () => {
    const r = await runCli(['estimate', '--n', '4096', '--sparsity', '4', '--kappa', '2', '--method', 'hhl', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { estimates: unknown[]; rules: string[] };
    expect(j.estimates).toEqual([JSON.parse(JSON.stringify(estimateResources({ n: 4096, sparsity: 4, kappa: 2, epsilon: 0.01, method: 'hhl' })))]);
    expect(j.rules.length).toBeGreaterThan(3);
  });

  it('writes an SVG with every series, well-formed, atomically', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'qntk-est-'));
    const file = join(dir, 'cost.svg');
    const r = await runCli(['estimate', '--n-range', '2^4..2^30', '--sparsity', '8', '--kappa', '1', '--plot', file]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir)).toEqual(['cost.svg']);
    const svg = readFileSync(file, 'utf8');
    expect(svg.startsWith('<?xml')).toBe(true);
    // Tags balance (a light well-formedness check): every opened element is closed in order.
    const stack: string[] = [];
    for (const m of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
      if (m[3] === '/') continue;
      if (m[1] === '/') expect(stack.pop()).toBe(m[2]);
      else stack.push(m[2]!);
    }
    expect(stack).toEqual([]);
    const names = [...svg.matchAll(/class="series" data-name="([^"]+)"/g)].map((m) => m[1]);
    expect(names).toEqual(['QSVT CNOTs outside the oracle (QRAM)', 'QSVT T outside the oracle (QRAM)', 'block-encoding queries', 'QROM data loading: CNOTs', 'QSVT total with QROM: CNOTs']);
    // 27 sizes (2^4 … 2^30): one marker each per series.
    expect((svg.match(/<circle /g) ?? []).length).toBe(5 * 27);
  });

  it.each([
    [['estimate', '--n', '1024', '--sparsity', '4']],
    [['estimate', '--n', 'abc', '--sparsity', '4', '--kappa', '2']],
    [['estimate', '--n-range', '2^8..2^4', '--sparsity', '4', '--kappa', '2']],
    [['estimate', '--n', '64', '--sparsity', '4', '--kappa', '2', '--epsilon', '2']],
    [['estimate', '--n', '64', '--sparsity', '4', '--kappa', '0.5']],
  ])('rejects bad input with one line and exit 2: %j', async (args) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });

  it('--from-ntk measures the sparsified NTK at n = 16 and extrapolates', async () => {
    const r = await runCli(['estimate', '--from-ntk', '--ntk-n', '16', '--n', '16,2^20', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { fromNtk: { measured: { n: number; sparsity: number; kappa: number; kappaEff: number } }; estimates: { n: number; sparsity: number; kappa: number; kappaEff: number }[] };
    const m = j.fromNtk.measured;
    expect(m.n).toBe(16);
    expect(j.estimates[0]!.sparsity).toBe(m.sparsity);
    expect(j.estimates[0]!.kappaEff).toBe(m.kappaEff);
    expect(j.estimates[1]!.kappa).toBe(1);
    expect(j.estimates[1]!.sparsity).toBeGreaterThan(m.sparsity);
  }, 60000);
});

describe('NTK extrapolation', () => {
  it('row nonzeros follow 1 + ln n at every size (stable at 2^30)', async () => {
    const { expectedRowNonzeros: rowNonzeros } = await import('../../compiler/ntk/sparsity.js');
    const { expectedRowNonzeros } = await import('../../compiler/ntk/sparsity.js');
    for (const n of [16, 512, 4096]) expect(rowNonzeros(n)).toBeCloseTo(expectedRowNonzeros(n), 6);
    for (const k of [20, 30]) expect(Math.abs(rowNonzeros(2 ** k) - (1 + Math.log(2 ** k)))).toBeLessThan(0.01 * Math.log(2 ** k));
  });
});
