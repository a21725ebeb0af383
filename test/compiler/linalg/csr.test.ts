import { describe, it, expect } from 'vitest';
import { CsrMatrix } from '../../../compiler/linalg/csr.js';
import { rng } from '../../helpers/quantum.js';

describe('CsrMatrix', () => {
  it('round-trips dense data and agrees with dense matvec', () => {
    const r = rng(3);
    const n = 9, m = 7;
    const dense = Float64Array.from({ length: n * m }, () => (r() < 0.3 ? r() - 0.5 : 0));
    const a = CsrMatrix.fromDense(n, m, dense);
    expect(Array.from(a.toDense())).toEqual(Array.from(dense));
    const x = Array.from({ length: m }, () => r());
    const y = a.matvec(x);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < m; j++) s += dense[i * m + j]! * x[j]!;
      expect(y[i]).toBeCloseTo(s, 14);
    }
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) expect(a.get(i, j)).toBe(dense[i * m + j]);
  });

  it('sums duplicate triplets, detects asymmetry and pads explicitly', () => {
    const a = CsrMatrix.fromTriplets(3, 3, [
      { row: 0, col: 1, value: 1 }, { row: 0, col: 1, value: 1 }, { row: 1, col: 0, value: 2 }, { row: 2, col: 2, value: 5 },
    ]);
    expect(a.get(0, 1)).toBe(2);
    expect(a.isSymmetric()).toBe(true);
    const b = CsrMatrix.fromTriplets(2, 2, [{ row: 0, col: 1, value: 1 }]);
    expect(b.asymmetry()).toEqual({ row: 0, col: 1, value: 1, mirror: 0 });
    const p = a.padTo(4, 1);
    expect(p.get(3, 3)).toBe(1);
    expect(p.get(2, 2)).toBe(5);
    expect(p.maxColNnz()).toBe(1);
    expect(a.transpose().get(1, 0)).toBe(2);
  });
});
