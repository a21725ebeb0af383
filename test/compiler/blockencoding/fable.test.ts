import { describe, expect, it } from 'vitest';
import { FableEncoding, fableExamples } from '../../../compiler/blockencoding/fable.js';
import { padMatrix } from '../../../compiler/blockencoding/padding.js';
import { circuitUnitary } from '../../../compiler/circuit/index.js';
import { CsrMatrix } from '../../../compiler/linalg/csr.js';
import { circuitCost } from '../../../compiler/synthesis/cost.js';
import { checkBlockEncoding, ntkLike, randomSymmetric } from './check.js';

/** Frobenius distance between α·block and the padded A. */
function blockError(be: FableEncoding): number {
  const u = circuitUnitary(be.circuit());
  const N = 1 << be.systemQubits;
  const a = be.padded.matrix.toDense();
  let e2 = 0;
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) e2 += (u.get(i, j).re * be.alpha - a[i * N + j]!) ** 2 + (u.get(i, j).im * be.alpha) ** 2;
  return Math.sqrt(e2);
}

describe('FABLE', () => {
  it.each(fableExamples().map((e, i) => [i, e] as const))('example %i: block = A/α within its reported ε; cost() = built counts', (_i, be) => {
    expect(blockError(be)).toBeLessThanOrEqual(be.epsilon + 1e-9);
    expect(circuitCost(be.circuit()).gates).toEqual(be.cost().gates);
    expect(be.alpha).toBeCloseTo((1 << be.systemQubits) * be.maxAbs, 14);
  });

  it.each([
    ['random dense', randomSymmetric(2, 21, 1)],
    ['random dense (padded)', randomSymmetric(5, 22, 1)],
    ['random sparse', randomSymmetric(8, 23, 0.3)],
    ['NTK-like (padded)', ntkLike(12, 24)],
    ['random dense', randomSymmetric(16, 25, 1)],
    ['NTK-like (padded)', ntkLike(24, 26)],
    ['NTK-like', ntkLike(32, 27)],
  ] as const)('%s %#: exact without compression', (_n, a) => {
    const be = new FableEncoding({ matrix: a });
    expect(be.epsilon).toBeLessThan(1e-9);
    checkBlockEncoding(be, padMatrix(a).matrix, 1e-9);
  });

  it('compression drops angles, cancels CNOTs and reports the true error', () => {
    // A smooth (Toeplitz) matrix has a compressible Walsh spectrum.
    const N = 8;
    const a = CsrMatrix.fromDense(N, N, Array.from({ length: N * N }, (_, k) => Math.exp(-Math.abs((k % N) - Math.floor(k / N)) / 3)));
    const exact = new FableEncoding({ matrix: a });
    const cmp = new FableEncoding({ matrix: a, epsilon: 0.05 });
    expect(cmp.cost().gates.cx!).toBeLessThan(exact.cost().gates.cx!);
    expect(cmp.epsilon).toBeLessThanOrEqual(0.05);
    expect(Math.abs(blockError(cmp) - cmp.epsilon)).toBeLessThan(1e-9);
  });

  it('rejects zero matrices and sizes with too many rotations', () => {
    expect(() => new FableEncoding({ matrix: CsrMatrix.fromDense(2, 2, [0, 0, 0, 0]) })).toThrow(/zero/);
    expect(() => new FableEncoding({ matrix: CsrMatrix.fromTriplets(256, 256, [{ row: 0, col: 0, value: 1 }]) })).toThrow(/sparse or LCU encoding/);
  });
});
