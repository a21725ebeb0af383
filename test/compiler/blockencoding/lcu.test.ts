import { describe, expect, it } from 'vitest';
import { LcuEncoding, lcuExamples } from '../../../compiler/blockencoding/lcu.js';
import { padMatrix } from '../../../compiler/blockencoding/padding.js';
import { CircuitBuilder, circuitUnitary } from '../../../compiler/circuit/index.js';
import { CsrMatrix } from '../../../compiler/linalg/csr.js';
import { pauliDecompose, pauliLabel } from '../../../compiler/linalg/pauli.js';
import { circuitCost } from '../../../compiler/synthesis/cost.js';
import { checkBlockEncoding, ntkLike, randomSymmetric } from './check.js';

describe('Pauli decomposition', () => {
  it.each([1, 2, 3])('reconstructs a random symmetric %i-qubit matrix from its terms', (n) => {
    const N = 1 << n;
    const a = randomSymmetric(N, 50 + n, 1).toDense();
    const terms = pauliDecompose(a, n);
    // Σ c·P via the circuit of each Pauli string.
    const sum = new Float64Array(N * N);
    for (const t of terms) {
      const b = new CircuitBuilder(n);
      for (let q = 0; q < n; q++) {
        const xb = (t.x >> q) & 1, zb = (t.z >> q) & 1;
        if (xb || zb) b.gate(xb && zb ? 'y' : xb ? 'x' : 'z', [q]);
      }
      const u = circuitUnitary(b.build());
      for (let k = 0; k < N * N; k++) {
        sum[k]! += t.coeff * u.re[k]!;
        expect(Math.abs(t.coeff * u.im[k]!)).toBeLessThan(1e-12);
      }
    }
    for (let k = 0; k < N * N; k++) expect(sum[k]).toBeCloseTo(a[k]!, 12);
  });

  it('labels qubit n−1 first', () => {
    expect(pauliLabel({ x: 0b01, z: 0b11, coeff: 1 }, 2)).toBe('ZY');
  });
});

describe('LCU block encoding', () => {
  it.each(lcuExamples().map((e, i) => [i, e] as const))('example %i: block = A/α with α = Σ|c|; cost() = built counts', (_i, be) => {
    checkBlockEncoding(be, be.padded.matrix);
    expect(be.alpha).toBeCloseTo(be.terms.reduce((s, t) => s + Math.abs(t.coeff), 0), 14);
    expect(circuitCost(be.circuit()).gates).toEqual(be.cost().gates);
  });

  it.each([
    ['random dense', randomSymmetric(4, 61, 1)],
    ['random dense (padded)', randomSymmetric(5, 62, 1)],
    ['random sparse', randomSymmetric(8, 63, 0.3)],
    ['NTK-like (padded)', ntkLike(6, 64)],
  ] as const)('%s %#', (_n, a) => {
    checkBlockEncoding(new LcuEncoding({ matrix: a }), padMatrix(a).matrix);
  });

  it('dropping small terms keeps the error within ε', () => {
    const a = ntkLike(4, 65);
    const exact = new LcuEncoding({ matrix: a });
    const cut = new LcuEncoding({ matrix: a, epsilon: 0.1 });
    expect(cut.terms.length).toBeLessThan(exact.terms.length);
    expect(cut.epsilon).toBeLessThanOrEqual(0.1);
    const u = circuitUnitary(cut.circuit());
    const N = 1 << cut.systemQubits;
    const d = padMatrix(a).matrix.toDense();
    let worst = 0;
    for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) worst = Math.max(worst, Math.abs(u.get(i, j).re * cut.alpha - d[i * N + j]!));
    expect(worst).toBeLessThanOrEqual(cut.epsilon + 1e-12);
  });

  it('rejects non-symmetric matrices', () => {
    expect(() => new LcuEncoding({ matrix: CsrMatrix.fromDense(2, 2, [1, 2, 0, 1]) })).toThrow(/symmetric/);
  });
});
