import { describe, expect, it } from 'vitest';
import { chooseEncoding } from '../../../compiler/blockencoding/choose.js';
import { padMatrix } from '../../../compiler/blockencoding/padding.js';
import { CsrMatrix } from '../../../compiler/linalg/csr.js';
import { checkBlockEncoding, ntkLike, randomSymmetric } from './check.js';

describe('--encoding auto', () => {
  it('FABLE α is at least N/s times the sparse α on the NTK-like 16×16 matrix, and auto never picks it there', () => {
    const a = ntkLike(16, 71);
    const { chosen, candidates } = chooseEncoding(a);
    const sparse = candidates.find((c) => c.kind === 'sparse')!;
    const fable = candidates.find((c) => c.kind === 'fable')!;
    expect(fable.alpha / sparse.alpha).toBeGreaterThanOrEqual(16 / a.maxRowNnz());
    expect(chosen.score).toBe(Math.min(...candidates.map((c) => c.score)));
    expect(chosen.kind).not.toBe('fable');
  });

  it('prefers LCU when the matrix is a short sum of Pauli strings', () => {
    // 2·I⊗I + 0.5·Z⊗Z on 2 qubits: two Pauli terms, but dense-looking to FABLE (N·max|a|).
    const a = CsrMatrix.fromDense(4, 4, [2.5, 0, 0, 0, 0, 1.5, 0, 0, 0, 0, 1.5, 0, 0, 0, 0, 2.5]);
    const { chosen } = chooseEncoding(a);
    expect(chosen.kind).toBe('lcu');
  });

  it('the chosen encoding is a correct block encoding', () => {
    const a = randomSymmetric(6, 72, 1);
    const { chosen } = chooseEncoding(a);
    checkBlockEncoding(chosen.encoding, padMatrix(a).matrix);
  });

  it('honours an explicit list of kinds and a custom query model', () => {
    const a = ntkLike(8, 73);
    expect(chooseEncoding(a, { kinds: ['fable'] }).chosen.kind).toBe('fable');
    const { candidates } = chooseEncoding(a, { queries: () => 1 });
    for (const c of candidates) expect(c.score).toBe(c.cnots);
  });
});
