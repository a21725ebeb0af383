/**
 * Compressed sparse row matrices of real numbers: the form the sparsified NTK takes and the
 * sparse block encodings consume. O(nnz) storage; rows keep their column indices sorted.
 */
import { ValidationError } from '../errors.js';

export interface Triplet {
  readonly row: number;
  readonly col: number;
  readonly value: number;
}

export class CsrMatrix {
  readonly rows: number;
  readonly cols: number;
  /** rowPtr[i]..rowPtr[i+1] indexes row i's entries in colIdx/values. */
  readonly rowPtr: Int32Array;
  readonly colIdx: Int32Array;
  readonly values: Float64Array;

  constructor(rows: number, cols: number, rowPtr: Int32Array, colIdx: Int32Array, values: Float64Array) {
    if (rowPtr.length !== rows + 1 || colIdx.length !== values.length || rowPtr[rows] !== values.length) {
      throw new ValidationError(`CsrMatrix: inconsistent storage for a ${rows}x${cols} matrix`);
    }
    this.rows = rows;
    this.cols = cols;
    this.rowPtr = rowPtr;
    this.colIdx = colIdx;
    this.values = values;
  }

  get nnz(): number {
    return this.values.length;
  }

  /** From (row, col, value) triplets; duplicates are summed, explicit zeros dropped. */
  static fromTriplets(rows: number, cols: number, triplets: Iterable<Triplet>): CsrMatrix {
    const perRow: Map<number, number>[] = Array.from({ length: rows }, () => new Map());
    for (const t of triplets) {
      if (t.row < 0 || t.row >= rows || t.col < 0 || t.col >= cols) {
        throw new ValidationError(`CsrMatrix: entry (${t.row}, ${t.col}) is outside a ${rows}x${cols} matrix`);
      }
      const m = perRow[t.row]!;
      m.set(t.col, (m.get(t.col) ?? 0) + t.value);
    }
    const rowPtr = new Int32Array(rows + 1);
    const cols_: number[] = [];
    const vals: number[] = [];
    perRow.forEach((m, i) => {
      const entries = [...m.entries()].filter(([, v]) => v !== 0).sort((a, b) => a[0] - b[0]);
      for (const [cIdx, v] of entries) {
        cols_.push(cIdx);
        vals.push(v);
      }
      rowPtr[i + 1] = cols_.length;
    });
    return new CsrMatrix(rows, cols, rowPtr, Int32Array.from(cols_), Float64Array.from(vals));
  }

  /** From a dense row-major array (entries with |a| ≤ dropTol are dropped). */
  static fromDense(rows: number, cols: number, data: ArrayLike<number>, dropTol = 0): CsrMatrix {
    const rowPtr = new Int32Array(rows + 1);
    const cIdx: number[] = [];
    const vals: number[] = [];
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const v = data[i * cols + j]!;
        if (Math.abs(v) > dropTol) {
          cIdx.push(j);
          vals.push(v);
        }
      }
      rowPtr[i + 1] = cIdx.length;
    }
    return new CsrMatrix(rows, cols, rowPtr, Int32Array.from(cIdx), Float64Array.from(vals));
  }

  /** Entry (i, j), 0 when absent (binary search in the row). */
  get(i: number, j: number): number {
    let lo = this.rowPtr[i]!, hi = this.rowPtr[i + 1]! - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const cm = this.colIdx[mid]!;
      if (cm === j) return this.values[mid]!;
      if (cm < j) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  /** Dense row-major copy. */
  toDense(): Float64Array {
    const out = new Float64Array(this.rows * this.cols);
    for (let i = 0; i < this.rows; i++) {
      for (let k = this.rowPtr[i]!; k < this.rowPtr[i + 1]!; k++) out[i * this.cols + this.colIdx[k]!] = this.values[k]!;
    }
    return out;
  }

  /** y = A x. */
  matvec(x: ArrayLike<number>, y: Float64Array = new Float64Array(this.rows)): Float64Array {
    for (let i = 0; i < this.rows; i++) {
      let s = 0;
      for (let k = this.rowPtr[i]!; k < this.rowPtr[i + 1]!; k++) s += this.values[k]! * x[this.colIdx[k]!]!;
      y[i] = s;
    }
    return y;
  }

  /** Number of stored entries in row i. */
  rowNnz(i: number): number {
    return this.rowPtr[i + 1]! - this.rowPtr[i]!;
  }

  /** Largest number of stored entries in any row. */
  maxRowNnz(): number {
    let m = 0;
    for (let i = 0; i < this.rows; i++) m = Math.max(m, this.rowNnz(i));
    return m;
  }

  /** Largest number of stored entries in any column. */
  maxColNnz(): number {
    const counts = new Int32Array(this.cols);
    for (let k = 0; k < this.nnz; k++) counts[this.colIdx[k]!]!++;
    let m = 0;
    for (let j = 0; j < this.cols; j++) m = Math.max(m, counts[j]!);
    return m;
  }

  /** max |a_ij| over stored entries. */
  maxAbs(): number {
    let m = 0;
    for (let k = 0; k < this.nnz; k++) m = Math.max(m, Math.abs(this.values[k]!));
    return m;
  }

  transpose(): CsrMatrix {
    const t: Triplet[] = [];
    for (let i = 0; i < this.rows; i++) {
      for (let k = this.rowPtr[i]!; k < this.rowPtr[i + 1]!; k++) t.push({ row: this.colIdx[k]!, col: i, value: this.values[k]! });
    }
    return CsrMatrix.fromTriplets(this.cols, this.rows, t);
  }

  /**
   * The first (i, j) with |a_ij − a_ji| > tol·max|a|, or undefined when the matrix is symmetric.
   * Callers turn a hit into a ValidationError naming the entry.
   */
  asymmetry(tol = 1e-12): { row: number; col: number; value: number; mirror: number } | undefined {
    if (this.rows !== this.cols) return { row: -1, col: -1, value: NaN, mirror: NaN };
    const scale = Math.max(this.maxAbs(), Number.MIN_VALUE);
    for (let i = 0; i < this.rows; i++) {
      for (let k = this.rowPtr[i]!; k < this.rowPtr[i + 1]!; k++) {
        const j = this.colIdx[k]!;
        const v = this.values[k]!;
        const w = this.get(j, i);
        if (Math.abs(v - w) > tol * scale) return { row: i, col: j, value: v, mirror: w };
      }
    }
    return undefined;
  }

  isSymmetric(tol = 1e-12): boolean {
    return this.asymmetry(tol) === undefined;
  }

  /** Embed in an N×N matrix (N ≥ rows) with `fill` on the new diagonal entries (explicit padding). */
  padTo(size: number, fill: number): CsrMatrix {
    if (size < this.rows || size < this.cols) throw new ValidationError(`padTo: ${size} is smaller than ${this.rows}x${this.cols}`);
    const t: Triplet[] = [];
    for (let i = 0; i < this.rows; i++) {
      for (let k = this.rowPtr[i]!; k < this.rowPtr[i + 1]!; k++) t.push({ row: i, col: this.colIdx[k]!, value: this.values[k]! });
    }
    for (let i = Math.min(this.rows, this.cols); i < size; i++) if (fill !== 0) t.push({ row: i, col: i, value: fill });
    return CsrMatrix.fromTriplets(size, size, t);
  }
}
