import { describe, expect, it } from 'vitest';
import { colorEntries } from '../../../compiler/blockencoding/edge-coloring.js';
import { padMatrix } from '../../../compiler/blockencoding/padding.js';
import { SparseEncoding, sparseEncodingExamples } from '../../../compiler/blockencoding/sparse.js';
import { SparseEncodingModel } from '../../../compiler/blockencoding/sparse-model.js';
import { CsrMatrix } from '../../../compiler/linalg/csr.js';
import { circuitCost } from '../../../compiler/synthesis/cost.js';
import { CircuitBuilder, circuitState } from '../../../compiler/circuit/index.js';
import { CMatrix } from '../../../compiler/linalg/complex.js';
import { checkBlockEncoding, ntkLike, randomSymmetric, simulate } from './check.js';
import { rng } from '../../helpers/quantum.js';

describe('edge colouring', () => {
  it.each([5, 16, 40])('colours a random %i-row pattern properly with Δ colours', (n) => {
    const a = randomSymmetric(n, n, 0.3);
    const c = colorEntries(a);
    expect(c.colors).toBe(Math.max(a.maxRowNnz(), a.maxColNnz()));
    let seen = 0;
    for (let i = 0; i < n; i++) for (let k = 0; k < c.colors; k++) {
      const j = c.rowAt[i * c.colors + k]!;
      if (j < 0) continue;
      seen++;
      expect(a.get(i, j)).not.toBe(0);
      expect(c.colAt[j * c.colors + k]).toBe(i);
    }
    expect(seen).toBe(a.nnz);
  });
});

describe('test simulator', () => {
  it('agrees with circuitState on a random mix of controlled and plain gates', () => {
    const r = rng(3);
    const b = new CircuitBuilder(5).h(0).ry(0.3, 1).mcx([0, 1, 2], 3).gate('mcp', [4, 0, 1], [0.7]).cx(3, 4).gate('cu', [2, 0], [0.1, 0.2, 0.3, 0.4])
      .ccx(4, 3, 2).swap(1, 4).gate('cswap', [0, 1, 2]).rz(1.1, 2).gphase(0.3).gate('mcz', [0, 1, 2, 3]).gate('cry', [1, 3], [0.8]);
    const c = b.build();
    const re = Float64Array.from({ length: 32 }, () => r() - 0.5), im = Float64Array.from({ length: 32 }, () => r() - 0.5);
    const ref = circuitState(c, new CMatrix(32, 1, Float64Array.from(re), Float64Array.from(im)));
    const out = simulate(c, re, im);
    let d = 0;
    for (let i = 0; i < 32; i++) d = Math.max(d, Math.hypot(out.re[i]! - ref.re[i]!, out.im[i]! - ref.im[i]!));
    expect(d).toBeLessThan(1e-12);
  });
});

describe('sparse-access block encoding', () => {
  it.each(sparseEncodingExamples().map((e, i) => [i, e] as const))('example %i: block = A/α, α = Σ colour maxima ≤ s·max|a|, cost() = built counts', (_i, be) => {
    checkBlockEncoding(be, be.padded.matrix);
    expect(be.alpha).toBeLessThanOrEqual(be.sparsity * be.padded.matrix.maxAbs() * (1 + 1e-14));
    expect(be.alpha).toBeCloseTo(be.colorWeights.reduce((x, y) => x + y, 0), 14);
    expect(circuitCost(be.circuit()).gates).toEqual(be.cost().gates);
  });

  it.each([
    ['random dense', 4, randomSymmetric(4, 11, 1)],
    ['random dense (padded)', 6, randomSymmetric(6, 12, 1)],
    ['random sparse', 8, randomSymmetric(8, 13, 0.25)],
    ['NTK-like (padded), ancilla-free QROM', 12, ntkLike(12, 14)],
    ['NTK-like', 16, ntkLike(16, 15)],
    ['random sparse (padded), ancilla-free QROM', 20, randomSymmetric(20, 16, 0.1)],
    ['NTK-like, ancilla-free QROM', 32, ntkLike(32, 17)],
  ] as const)('%s %i', (name, n, a) => {
    const be = new SparseEncoding({ matrix: a, ...(name.includes('ancilla-free') ? { qrom: 'mcx' as const } : {}) });
    expect(be.alpha).toBeLessThanOrEqual(be.sparsity * padMatrix(a).matrix.maxAbs() * (1 + 1e-14));
    checkBlockEncoding(be, padMatrix(a).matrix, 1e-9, n);
  });

  it('pads with max|a| on the diagonal (κ of an SPD matrix unchanged) or with zeros', () => {
    const a = CsrMatrix.fromDense(3, 3, [2, 0.5, 0, 0.5, 2, 0.5, 0, 0.5, 2]);
    expect(padMatrix(a).matrix.get(3, 3)).toBe(2);
    const z = new SparseEncoding({ matrix: a, pad: 'zero' });
    expect(z.padded.matrix.get(3, 3)).toBe(0);
    checkBlockEncoding(z, z.padded.matrix);
  });

  it('a diagonally dominant matrix gets the diagonal as its own colour: α ≈ max|a_ii| + off-diagonal maxima', () => {
    const t: { row: number; col: number; value: number }[] = [];
    for (let i = 0; i < 8; i++) {
      t.push({ row: i, col: i, value: 100 + i });
      const j = (i + 3) % 8;
      t.push({ row: i, col: j, value: 1 + i / 10 }, { row: j, col: i, value: 1 + i / 10 });
    }
    const a = CsrMatrix.fromTriplets(8, 8, t);
    const be = new SparseEncoding({ matrix: a });
    expect(be.alpha).toBeLessThan(107 + 2 * 1.8 + 1e-9);
    expect(be.alpha).toBeLessThan(be.sparsity * 107 / 2);
    checkBlockEncoding(be, a);
  });

  it('rejects zero and non-square matrices', () => {
    expect(() => new SparseEncoding({ matrix: CsrMatrix.fromDense(2, 2, [0, 0, 0, 0]) })).toThrow(/zero/);
    expect(() => new SparseEncoding({ matrix: CsrMatrix.fromDense(2, 3, [1, 0, 0, 0, 1, 0]) })).toThrow(/square/);
  });
});

describe('size-only cost bounds', () => {
  it.each([
    ['NTK-like 16', ntkLike(16, 81)],
    ['random sparse 32', randomSymmetric(32, 82, 0.1)],
    ['random dense 8', randomSymmetric(8, 83, 1)],
  ] as const)('%s: the size-only model (QROM access) covers cost() gate by gate, on the same register', (_n, a) => {
    const be = new SparseEncoding({ matrix: a });
    const bound = new SparseEncodingModel({ systemQubits: be.systemQubits, colors: be.colors, access: 'qrom' }).cost();
    for (const [g, k] of Object.entries(be.cost().gates)) expect(bound.gates[g] ?? 0, g).toBeGreaterThanOrEqual(k);
    expect(bound.qubits).toBe(be.numQubits);
  });
});
