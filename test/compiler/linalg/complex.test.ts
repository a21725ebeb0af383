/**
 * Small CMatrix storage is carved from shared buffers (compiler/linalg/complex.ts): every matrix
 * must still start at zero and own its entries, across buffer boundaries and beside large ones.
 */
import { describe, expect, it } from 'vitest';
import { CMatrix } from '../../../compiler/linalg/complex.js';

describe('CMatrix storage', () => {
  it('gives every matrix zeroed entries of its own, across many shared buffers', () => {
    // 4×4 and 8×8 matrices (16 and 64 entries) fill a 4096-entry buffer many times over.
    const ms: CMatrix[] = [];
    for (let k = 0; k < 2000; k++) {
      const m = new CMatrix(k % 3 === 0 ? 8 : 4, k % 3 === 0 ? 8 : 4);
      expect(m.re.every((v) => v === 0) && m.im.every((v) => v === 0), `matrix ${k}`).toBe(true);
      m.re.fill(k + 1);
      m.im.fill(-(k + 1));
      ms.push(m);
      if (k % 97 === 0) ms.push(CMatrix.zeros(32)); // 1024 entries: a buffer of its own
    }
    let k = 0;
    for (const m of ms) {
      if (m.rows === 32) {
        expect(m.re.every((v) => v === 0)).toBe(true);
        continue;
      }
      k++;
      expect(m.re.length).toBe(m.rows * m.cols);
      expect(m.re.every((v) => v === k) && m.im.every((v) => v === -k), `matrix ${k - 1}`).toBe(true);
    }
  });

  it('keeps arithmetic on shared storage exact: (AB)ᴴ = BᴴAᴴ', () => {
    const a = CMatrix.from([[[1, 2], [0, -1]], [[3, 0], [2, 2]]]), b = CMatrix.from([[[0, 1], [4, 0]], [[1, 1], [-2, 3]]]);
    expect(a.mul(b).adjoint().maxAbsDiff(b.adjoint().mul(a.adjoint()))).toBe(0);
  });
});
