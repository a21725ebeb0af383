/** Reference dense solver for the HHL tests. */
import type { CsrMatrix } from '../../../compiler/linalg/csr.js';

/** Dense solve by Gaussian elimination (reference). */
export function solve(a: CsrMatrix, b: ArrayLike<number>): Float64Array {
  const n = a.rows;
  const m = a.toDense();
  const x = Float64Array.from(b);
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(m[i * n + k]!) > Math.abs(m[p * n + k]!)) p = i;
    for (let j = 0; j < n; j++) [m[k * n + j], m[p * n + j]] = [m[p * n + j]!, m[k * n + j]!];
    [x[k], x[p]] = [x[p]!, x[k]!];
    for (let i = k + 1; i < n; i++) {
      const f = m[i * n + k]! / m[k * n + k]!;
      for (let j = k; j < n; j++) m[i * n + j]! -= f * m[k * n + j]!;
      x[i]! -= f * x[k]!;
    }
  }
  for (let k = n - 1; k >= 0; k--) {
    for (let j = k + 1; j < n; j++) x[k]! -= m[k * n + j]! * x[j]!;
    x[k]! /= m[k * n + k]!;
  }
  return x;
}

