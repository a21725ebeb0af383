import { scratch } from '../helpers/fixtures.js';
import { describe, expect, it } from 'vitest';
import { chebEval } from '../../compiler/linalg/chebyshev.js';
import { qspResponse } from '../../compiler/qsvt/response.js';
import { runCli } from '../helpers/cli.js';

const { file } = scratch('qntk-angles-');

describe('qntk angles', () => {
  it('--poly inverse: phases realise scale/x within ε on [1/κ, 1]', async () => {
    const r = await runCli(['angles', '--poly', 'inverse', '--kappa', '8', '--epsilon', '1e-3', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { degree: number; phases: number[]; convention: string; scale: number; maxError: number };
    expect(out.phases.length).toBe(out.degree + 1);
    expect(out.maxError).toBeLessThanOrEqual(1e-3);
    for (const x of [1 / 8, 0.3, 0.71, 1]) expect(Math.abs((qspResponse(out.phases, x) * x) / out.scale - 1)).toBeLessThanOrEqual(1e-3);
    expect(out.convention).toMatch(/Re <0\|U\(x\)\|0>/);
  });

  it('--coeffs: maxError is the independent check and is ≤ 1e-12', async () => {
    const coeffs = [0, 0.3, 0, -0.2, 0, 0.15];
    const r = await runCli(['angles', '--coeffs', file('c.json', JSON.stringify(coeffs)), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { degree: number; phases: number[]; maxError: number; scale: number };
    expect(out.degree).toBe(5);
    expect(out.scale).toBe(1);
    expect(out.maxError).toBeLessThanOrEqual(1e-12);
    for (const x of [-0.9, 0.2, 0.66]) expect(Math.abs(qspResponse(out.phases, x) - chebEval(coeffs, x))).toBeLessThan(1e-12);
  });

  it.each([
    ['mixed parity', '[0.1, 0.2]', /definite parity/],
    ['too large', '[0, 1.5]', /\|f\| < 1/],
    ['not JSON', '[0, 0.5', /not valid JSON/],
    ['not numbers', '[0, "a"]', /not a finite number/],
  ])('--coeffs %s: one-line error, exit 2', async (_name, text, re) => {
    const r = await runCli(['angles', '--coeffs', file(`bad${_name.length}.json`, text)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(re);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('refuses at once a degree beyond the phase solver\'s limit, naming both', async () => {
    const r = await runCli(['angles', '--poly', 'inverse', '--kappa', '3000', '--epsilon', '1e-8']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/needs degree 57341 \(> 20000, the phase solver's limit\)/);
    expect(r.stdout).toBe('');
  });

  it('needs exactly one source and a valid κ', async () => {
    expect((await runCli(['angles'])).code).toBe(2);
    expect((await runCli(['angles', '--poly', 'inverse', '--kappa', '1', '--epsilon', '0.01'])).code).toBe(2);
  });
});
