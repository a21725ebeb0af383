/**
 * The random sparsity pattern F of the sparsified NTK and K̃ = K ∘ F: per row i draw
 * m_i ~ Binomial(n, p), p = min(2 ln n / n, 1), column indices uniformly with replacement; keep the
 * lower triangle (with diagonal) and mirror it; zero the entries between the two classes (rows
 * ordered class +1 then class −1, n/2 each); set the diagonal. Mean nonzeros per row ≈ 1 + ln n.
 * @see arXiv:2107.09200 §Methods (sparsified NTK); the authors' analysis.ipynb `get_sparsity_pattern`
 */
import { ValidationError } from '../errors.js';
import { CsrMatrix } from '../linalg/csr.js';
import type { Random } from '../linalg/random.js';

/** p = min(2 ln n / n, 1). */
export function patternProbability(n: number): number {
  return Math.min((2 * Math.log(n)) / n, 1);
}

/**
 * Expected nonzeros per row of the pattern, exactly: the diagonal plus each of the n/2 − 1 other
 * same-class entries, present when the later of its two rows drew it: 1 − (1 − p/n)^n.
 */
export function expectedRowNonzeros(n: number): number {
  const p = patternProbability(n);
  // expm1/log1p keep 1 − (1 − p/n)^n accurate when p/n is tiny (n up to 2^30 in estimates).
  return 1 + (n / 2 - 1) * -Math.expm1(n * Math.log1p(-p / n));
}

/**
 * The pattern as a binary CSR matrix (values 1). `classSplit` is the first row of the second
 * class (n/2 for the balanced sets the experiments draw).
 */
export function sparsityPattern(n: number, rng: Random, classSplit: number = n / 2): CsrMatrix {
  if (!Number.isInteger(n) || n < 2) throw new ValidationError(`sparsity pattern: n must be an integer ≥ 2, got ${n}`);
  if (!Number.isInteger(classSplit) || classSplit < 0 || classSplit > n) throw new ValidationError(`sparsity pattern: bad class split ${classSplit}`);
  const p = patternProbability(n);
  // lower[i] = columns j ≤ i drawn by row i (a set: draws with replacement may repeat)
  const lower: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  for (let i = 0; i < n; i++) {
    const m = rng.binomial(n, p);
    for (let t = 0; t < m; t++) {
      const j = rng.int(n);
      if (j <= i) lower[i]!.add(j);
    }
  }
  const sameClass = (i: number, j: number): boolean => (i < classSplit) === (j < classSplit);
  const rows: number[][] = Array.from({ length: n }, (_, i) => [i]);
  for (let i = 0; i < n; i++) {
    for (const j of lower[i]!) {
      if (j === i || !sameClass(i, j)) continue;
      rows[i]!.push(j);
      rows[j]!.push(i);
    }
  }
  const rowPtr = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) rowPtr[i + 1] = rowPtr[i]! + rows[i]!.length;
  const colIdx = new Int32Array(rowPtr[n]!);
  rows.forEach((r, i) => colIdx.set(Int32Array.from(r).sort(), rowPtr[i]!));
  return new CsrMatrix(n, n, rowPtr, colIdx, new Float64Array(colIdx.length).fill(1));
}

/** K̃ = K ∘ F: the dense n×n K (row-major) sampled on the pattern's entries. */
export function hadamardPattern(k: Float64Array, pattern: CsrMatrix): CsrMatrix {
  const n = pattern.rows;
  if (k.length !== n * pattern.cols) throw new ValidationError(`K ∘ F: K has ${k.length} entries, the pattern is ${n}x${pattern.cols}`);
  const values = new Float64Array(pattern.nnz);
  for (let i = 0; i < n; i++) {
    for (let t = pattern.rowPtr[i]!; t < pattern.rowPtr[i + 1]!; t++) values[t] = k[i * pattern.cols + pattern.colIdx[t]!]!;
  }
  return new CsrMatrix(n, pattern.cols, pattern.rowPtr.slice(), pattern.colIdx.slice(), values);
}

/** Sparsity figures of a square sparse matrix: largest column count and mean row count. */
export function sparsityStats(a: CsrMatrix): { maxColumn: number; meanRow: number } {
  return { maxColumn: a.maxColNnz(), meanRow: a.nnz / a.rows };
}
