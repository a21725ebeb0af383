/**
 * The paper's sparsification and preconditioning of the convolutional NTK (algorithms.md §1.4):
 * the random pattern F, then only entries above the per-class 90th percentile of within-class
 * off-diagonal |K| of a base n = 16 kernel, then K̃ ← K̃ + f·diag(K̃) with f = 0.76·(ln n)^0.9;
 * test vectors are divided by the largest off-diagonal |K| of the 16-example kernel (then clipped
 * by the shared pipeline).
 * @see arXiv:2107.09200 (CNN experiments); the authors' analysis.ipynb
 */
import { ValidationError } from '../errors.js';
import { CsrMatrix } from '../linalg/csr.js';

/** Examples per class in the base kernel the thresholds come from. */
export const BASE_PER_CLASS = 8;
/** Percentile of within-class off-diagonal |K| below which sparsified entries are dropped. */
export const THRESHOLD_PERCENTILE = 90;

/** What the base (n = 16) kernel fixes for every n. */
export interface CnnSparsityScales {
  /** Threshold on |K_ij| for class +1 (index 0) and class −1 (index 1). */
  readonly thresholds: readonly [number, number];
  /** Largest off-diagonal |K| of the base kernel: the divisor of the test vectors k*. */
  readonly maxOffDiagonal: number;
  /** Indices (into the training set) of the base examples. */
  readonly baseIndices: readonly number[];
}

/** Preconditioning factor f = 0.76·(ln n)^0.9. */
export function preconditionFactor(n: number): number {
  return 0.76 * Math.log(n) ** 0.9;
}

/** The q-th percentile with linear interpolation between order statistics (numpy's default). */
export function percentile(values: readonly number[] | Float64Array, q: number): number {
  if (values.length === 0) throw new ValidationError('percentile of no values');
  const sorted = Float64Array.from(values).sort();
  const pos = (q / 100) * (sorted.length - 1);
  const lo = Math.floor(pos), hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (pos - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * Thresholds and the k* scale from the base kernel: the first 8 examples of each class of the
 * training set (all of it at n = 16; fewer when a class has fewer). Within-class off-diagonal
 * entries are taken over both triangles, as a mask over the full matrix selects them.
 */
export function cnnSparsityScales(gram: Float64Array, labels: Float64Array): CnnSparsityScales {
  const n = labels.length;
  if (gram.length !== n * n) throw new ValidationError(`cnn sparsify: Gram has ${gram.length} entries for ${n} labels`);
  const base: number[] = [];
  for (const cls of [1, -1]) {
    let taken = 0;
    for (let i = 0; i < n && taken < BASE_PER_CLASS; i++) if (labels[i] === cls) { base.push(i); taken++; }
  }
  const within: [number[], number[]] = [[], []];
  let maxOff = 0;
  for (const i of base) for (const j of base) {
    if (i === j) continue;
    const v = Math.abs(gram[i * n + j]!);
    maxOff = Math.max(maxOff, v);
    if (labels[i] === labels[j]) within[labels[i] === 1 ? 0 : 1].push(v);
  }
  if (within[0].length === 0 || within[1].length === 0 || !(maxOff > 0)) {
    throw new ValidationError('cnn sparsify: the base kernel needs at least two examples of each class');
  }
  return { thresholds: [percentile(within[0], THRESHOLD_PERCENTILE), percentile(within[1], THRESHOLD_PERCENTILE)], maxOffDiagonal: maxOff, baseIndices: base };
}

/**
 * K̃ from the random pattern F: within-class pattern entries with |K_ij| above their class's
 * threshold, the diagonal always, then diag ← (1 + f)·diag with f = 0.76·(ln n)^0.9.
 */
export function cnnSparsifyPattern(gram: Float64Array, labels: Float64Array, pattern: CsrMatrix, scales: CnnSparsityScales): CsrMatrix {
  const n = labels.length;
  if (pattern.rows !== n || pattern.cols !== n || gram.length !== n * n) throw new ValidationError(`cnn sparsify: pattern ${pattern.rows}x${pattern.cols}, Gram of ${n} examples`);
  const f = preconditionFactor(n);
  const rowPtr = new Int32Array(n + 1), cols: number[] = [], vals: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = scales.thresholds[labels[i]! > 0 ? 0 : 1];
    let hasDiagonal = false;
    for (let e = pattern.rowPtr[i]!; e < pattern.rowPtr[i + 1]!; e++) {
      const j = pattern.colIdx[e]!;
      if (j === i) {
        hasDiagonal = true;
        cols.push(j); vals.push((1 + f) * gram[i * n + i]!);
      } else if (labels[j] === labels[i] && Math.abs(gram[i * n + j]!) > t) {
        cols.push(j); vals.push(gram[i * n + j]!);
      }
    }
    if (!hasDiagonal) throw new ValidationError(`cnn sparsify: the pattern lacks diagonal entry ${i}`);
    rowPtr[i + 1] = cols.length;
  }
  return new CsrMatrix(n, n, rowPtr, Int32Array.from(cols), Float64Array.from(vals));
}
