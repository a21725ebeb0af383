import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CsrMatrix } from '../../../compiler/linalg/csr.js';
import { formatMatrixMarket, parseMatrixMarket } from '../../../compiler/linalg/matrix-market.js';
import { readMatrixMarket, writeMatrixMarket } from '../../../compiler/matrix-file.js';
import { createRandom } from '../../../compiler/linalg/random.js';

function randomSparse(rows: number, cols: number, density: number, seed: number, symmetric: boolean): CsrMatrix {
  const rng = createRandom(seed);
  const t: { row: number; col: number; value: number }[] = [];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < (symmetric ? i + 1 : cols); j++) {
      if (rng.next() < density) {
        const v = rng.normal() * 10 ** rng.int(12) * 1e-6;
        t.push({ row: i, col: j, value: v });
        if (symmetric && i !== j) t.push({ row: j, col: i, value: v });
      }
    }
  }
  return CsrMatrix.fromTriplets(rows, cols, t);
}

function expectSame(a: CsrMatrix, b: CsrMatrix): void {
  expect([b.rows, b.cols]).toEqual([a.rows, a.cols]);
  expect(Array.from(b.rowPtr)).toEqual(Array.from(a.rowPtr));
  expect(Array.from(b.colIdx)).toEqual(Array.from(a.colIdx));
  expect(Array.from(b.values)).toEqual(Array.from(a.values)); // bit-exact
}

describe('Matrix Market', () => {
  it.each([[40, 40, true], [37, 23, false], [1, 1, true], [60, 60, false]])('round-trips a CSR matrix %ix%i (symmetric %s) exactly through a file', (r, c, sym) => {
    const a = randomSparse(r, c, 0.2, r * c, sym);
    const file = join(mkdtempSync(join(tmpdir(), 'qntk-mtx-')), 'a.mtx');
    writeMatrixMarket(file, a, sym ? { symmetry: 'symmetric' } : { symmetry: 'general' });
    const back = readMatrixMarket(file);
    expect(back.symmetry).toBe(sym ? 'symmetric' : 'general');
    expectSame(a, back.matrix);
  });

  it('stores only the lower triangle of a symmetric matrix', () => {
    const a = CsrMatrix.fromDense(2, 2, [1, 2, 2, 3]);
    expect(formatMatrixMarket(a, { comments: ['hi'] })).toBe('%%MatrixMarket matrix coordinate real symmetric\n% hi\n2 2 3\n1 1 1\n2 1 2\n2 2 3\n');
  });

  it('reads pattern and integer fields', () => {
    const p = parseMatrixMarket('%%MatrixMarket matrix coordinate pattern general\n2 3 2\n1 3\n2 1\n').matrix;
    expect(Array.from(p.toDense())).toEqual([0, 0, 1, 1, 0, 0]);
    const q = parseMatrixMarket('%%MatrixMarket matrix coordinate integer symmetric\n%c\n\n2 2 1\n2 1 -4\n').matrix;
    expect(Array.from(q.toDense())).toEqual([0, -4, -4, 0]);
  });

  it.each([
    ['%%MatrixMarket matrix array real general\n1 1\n1\n', 'm.mtx:1:23: format'],
    ['hello\n', "m.mtx:1:1: not a Matrix Market file"],
    ['%%MatrixMarket matrix coordinate complex general\n', 'm.mtx:1:34: field'],
    ['%%MatrixMarket matrix coordinate real general\n2 2 1\n3 1 1.0\n', 'm.mtx:3:1: row index 3 is outside 1…2'],
    ['%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 abc\n', "m.mtx:3:5: value 'abc'"],
    ['%%MatrixMarket matrix coordinate real symmetric\n2 2 1\n1 2 1.0\n', 'm.mtx:3:3: entry (1, 2) is above the diagonal'],
    ['%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 1.0\n', 'only 1 of the 2 declared entries'],
    ['%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 1\n2 2 2\n', 'm.mtx:4:1: more entries'],
    ['%%MatrixMarket matrix coordinate real general\n2 x 1\n', "m.mtx:2:3: column count 'x'"],
    ['%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 1\n1 1 2\n', 'entry (1, 1) appears twice'],
    // Sizes are checked against limits and the file before anything is allocated.
    ['%%MatrixMarket matrix coordinate real general\n2147483647 2147483647 1\n', 'm.mtx:2:1: row count 2147483647 is outside 0…16777216'],
    ['%%MatrixMarket matrix coordinate real general\n2 99999999999999999999999999999 1\n', 'm.mtx:2:3: column count 999999999999999999999999… is outside 0…16777216'],
    ['%%MatrixMarket matrix coordinate real general\n2 2 2147483647\n1 1 1\n', 'm.mtx:2:5: the size line declares 2147483647 entries but only 2 line(s) follow'],
  ])('reports %j at its place', (text, msg) => {
    expect(() => parseMatrixMarket(text, 'm.mtx')).toThrow(msg);
  });
});
