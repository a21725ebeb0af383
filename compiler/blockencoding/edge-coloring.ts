/**
 * Proper edge colouring of the bipartite row/column graph of a sparse matrix with exactly
 * Δ = max(row count, column count) colours (König's theorem), by alternating-path recolouring.
 * Colour k of row i names the column c_k(i) of one of its nonzeros and colour k of column j the
 * row r_k(j); an entry (i, j) has one colour seen from both sides, which is what lets the sparse
 * block encoding use a single colour register (a slot index) for its row and column oracles.
 * @see D. Kőnig (1916); Schrijver, Combinatorial Optimization, Theorem 20.1
 */
import type { CsrMatrix } from '../linalg/csr.js';

export interface EdgeColoring {
  readonly colors: number;
  /** rowAt[i·colors + k] = column of row i's colour-k entry, or −1. */
  readonly rowAt: Int32Array;
  /** colAt[j·colors + k] = row of column j's colour-k entry, or −1. */
  readonly colAt: Int32Array;
}

/**
 * Colour the nonzeros of `a` (rows × cols) with max-degree colours. O(nnz · (rows + cols)).
 * With `diagonalFirst`, every diagonal entry gets colour 0 (they form a matching) and the
 * off-diagonal entries are coloured 1…Δ' (Δ' = their max degree), so one colour class holds the
 * diagonal: the weighted sparse encoding then pays max|a_ii| once instead of per colour.
 */
export function colorEntries(a: CsrMatrix, options: { diagonalFirst?: boolean } = {}): EdgeColoring {
  if (options.diagonalFirst) return colorDiagonalFirst(a);
  return colorWith(a, Math.max(1, a.maxRowNnz(), a.maxColNnz()), 0, () => true);
}

function colorDiagonalFirst(a: CsrMatrix): EdgeColoring {
  const rowDeg = new Int32Array(a.rows), colDeg = new Int32Array(a.cols);
  for (let i = 0; i < a.rows; i++) for (let e = a.rowPtr[i]!; e < a.rowPtr[i + 1]!; e++) {
    const j = a.colIdx[e]!;
    if (i !== j) {
      rowDeg[i]!++;
      colDeg[j]!++;
    }
  }
  const offDeg = Math.max(0, ...rowDeg, ...colDeg);
  const inner = colorWith(a, offDeg + 1, 1, (i, j) => i !== j);
  for (let i = 0; i < Math.min(a.rows, a.cols); i++) {
    if (a.get(i, i) === 0) continue;
    inner.rowAt[i * inner.colors] = i;
    inner.colAt[i * inner.colors] = i;
  }
  return inner;
}

/** König colouring of the entries accepted by `take`, using colours first…colors−1. */
function colorWith(a: CsrMatrix, colors: number, first: number, take: (i: number, j: number) => boolean): EdgeColoring {
  const rowAt = new Int32Array(a.rows * colors).fill(-1);
  const colAt = new Int32Array(a.cols * colors).fill(-1);
  const freeAt = (tab: Int32Array, v: number): number => {
    for (let k = first; k < colors; k++) if (tab[v * colors + k] === -1) return k;
    throw new Error('edge colouring: no free colour (degree exceeds Δ)');
  };
  for (let i = 0; i < a.rows; i++) {
    for (let e = a.rowPtr[i]!; e < a.rowPtr[i + 1]!; e++) {
      const j = a.colIdx[e]!;
      if (!take(i, j)) continue;
      const ca = freeAt(rowAt, i);
      if (colAt[j * colors + ca] !== -1) {
        // ca is used at column j: swap colours ca and cb along the path from j that alternates
        // ca, cb, ca, …; in a bipartite graph it cannot reach row i, and afterwards ca is free at j.
        const cb = freeAt(colAt, j);
        const path: [number, number][] = [];
        let col = j, want = ca;
        for (;;) {
          const row = colAt[col * colors + want]!;
          if (row === -1) break;
          path.push([row, col]);
          const other = want === ca ? cb : ca;
          const nextCol = rowAt[row * colors + other]!;
          if (nextCol === -1) break;
          path.push([row, nextCol]);
          col = nextCol;
        }
        const colorsOf = path.map(([r, c]) => (rowAt[r * colors + ca] === c ? ca : cb));
        path.forEach(([r, c], t) => {
          rowAt[r * colors + colorsOf[t]!] = -1;
          colAt[c * colors + colorsOf[t]!] = -1;
        });
        path.forEach(([r, c], t) => {
          const nc = colorsOf[t] === ca ? cb : ca;
          rowAt[r * colors + nc] = c;
          colAt[c * colors + nc] = r;
        });
      }
      rowAt[i * colors + ca] = j;
      colAt[j * colors + ca] = i;
    }
  }
  return { colors, rowAt, colAt };
}
