/**
 * Explicit padding of an N₀ × N₀ matrix to the 2^n × 2^n every block encoding encodes.
 * 'maxabs' (default) puts max|a_ij| on the new diagonal entries: for a symmetric positive definite
 * A this value lies in [λ_min, λ_max] (λ_min ≤ min a_ii ≤ max|a_ij| ≤ ‖A‖), so κ, α and the
 * sparsity are unchanged and the padded matrix stays invertible. 'zero' pads with zeros: the
 * padded matrix is singular on the new coordinates, harmless for a right-hand side padded with
 * zeros but not for inversion of the whole block. For indefinite A, 'maxabs' can lower the
 * smallest |eigenvalue| to max|a_ij|; κ_padded ≤ max(κ, ‖A‖/max|a_ij|) ≤ max(κ, s).
 */
import { ValidationError } from '../errors.js';
import type { CsrMatrix } from '../linalg/csr.js';
import { ceilLog2 } from '../linalg/walsh.js';

export type PaddingMode = 'maxabs' | 'zero';

export interface Padded {
  readonly matrix: CsrMatrix;
  /** log2 of the padded size (at least 1). */
  readonly qubits: number;
  readonly originalSize: number;
  /** The value placed on the new diagonal entries. */
  readonly fill: number;
}

export function padMatrix(a: CsrMatrix, mode: PaddingMode = 'maxabs'): Padded {
  if (a.rows !== a.cols) throw new ValidationError(`block encoding: the matrix is ${a.rows}x${a.cols}; give a square matrix`);
  if (a.rows === 0) throw new ValidationError('block encoding: the matrix is empty');
  const qubits = Math.max(1, ceilLog2(a.rows));
  const size = 1 << qubits;
  const fill = mode === 'maxabs' ? a.maxAbs() : 0;
  return { matrix: size === a.rows ? a : a.padTo(size, fill), qubits, originalSize: a.rows, fill };
}
