/**
 * Low-degree polynomials of a well-conditioned K̃ for the compact readout, split symmetrically:
 * K̃⁻¹ = K̃^{-1/2}·K̃^{-1/2}, and a readout that applies one block encoding of q(K̃) ≈ √c·K̃^{-1/2}
 * to both branches of a joint state measures ⟨q(K̃)k̂|q(K̃)ŷ⟩ = k̂ᵀq(K̃)²ŷ ≈ c·k̂ᵀK̃⁻¹ŷ without any
 * controlled block encoding.
 *
 * q is the first-order Taylor polynomial of x^{-1/2} about c: with K̃ = c(I + E),
 *   q(K̃) = (3I − K̃/c)/2 = I − E/2,
 *   c·K̃⁻¹ − q(K̃)² = (I+E)⁻¹ − (I − E/2)² = E²(3I − E)(I + E)⁻¹/4,
 * so ‖c·K̃⁻¹ − q(K̃)²‖ ≤ g²(3 + g)/(4(1 − g)) whenever ‖E‖ ≤ g < 1. The centre c and the radius g
 * come from Gershgorin discs (no eigensolver): the spectrum lies in [lo, hi] with
 * lo = minᵢ(K̃ᵢᵢ − Rᵢ), hi = maxᵢ(K̃ᵢᵢ + Rᵢ), Rᵢ = Σ_{j≠i}|K̃ᵢⱼ|; c = (lo + hi)/2, g = (hi − lo)/(hi + lo).
 * For the sparsified NTK at n = 8, g ≈ 3·10⁻³ and the bound is ≈ 6·10⁻⁶.
 * @see arXiv:2107.09200 §III (κ(K̃) ≈ 1 for the sparsified NTK at the paper's depth)
 */
import { SynthesisError, ValidationError } from '../errors.js';
import type { CsrMatrix } from '../linalg/csr.js';
import { xorLcuEncoding, type XorLcuEncoding } from './compact-block-encoding.js';

export interface InverseSqrtPolynomial {
  /** Centre c of the Gershgorin interval of K̃. */
  readonly centre: number;
  /** g with ‖K̃/c − I‖ ≤ g. */
  readonly radius: number;
  /** q(K̃) = (3I − K̃/c)/2, dense 2^m × 2^m row-major (padding rows: identity). */
  readonly matrix: Float64Array;
  /** Bound on ‖c·K̃⁻¹ − q(K̃)²‖ (spectral norm). */
  readonly errorBound: number;
  readonly encoding: XorLcuEncoding;
}

/** Relative spread of √(c/K̃ᵢᵢ) below which the diagonal counts as constant. */
const CONSTANT_DIAGONAL = 1e-9;

export interface DiagonalInverseSqrt {
  /** c = max K̃ᵢᵢ; the operator is diag(√(c/K̃ᵢᵢ)), whose square is c·diag(K̃)⁻¹. */
  readonly centre: number;
  readonly matrix: Float64Array;
  /** Bound on ‖matrix² − c·diag(K̃)⁻¹‖: 0, or the rounding of a constant diagonal to I. */
  readonly errorBound: number;
  /** Absent when the diagonal is constant (within 10⁻⁹): the operator is then I, with no circuit. */
  readonly encoding?: XorLcuEncoding;
}

function checkSquare(k: CsrMatrix, m: number, name: string): void {
  if (k.rows !== k.cols) throw new ValidationError(`${name}: K̃ is ${k.rows}×${k.cols}; it must be square`);
  if (k.rows > 1 << m) throw new ValidationError(`${name}: K̃ of size ${k.rows} does not fit ${m} qubits`);
}

/** The first-order polynomial q(K̃) ≈ √c·K̃^{-1/2} and its XOR-LCU block encoding (m index qubits). */
export function inverseSqrtPolynomial(ktilde: CsrMatrix, m: number): InverseSqrtPolynomial {
  checkSquare(ktilde, m, 'inverse square root');
  const n = ktilde.rows;
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < n; i++) {
    let d = 0, r = 0;
    for (let p = ktilde.rowPtr[i]!; p < ktilde.rowPtr[i + 1]!; p++) {
      const j = ktilde.colIdx[p]!, v = ktilde.values[p]!;
      if (Math.abs(v - ktilde.get(j, i)) > 1e-12 * Math.abs(v)) throw new ValidationError(`inverse square root: K̃ is not symmetric at (${i}, ${j}); give a symmetric matrix`);
      if (j === i) d = v;
      else r += Math.abs(v);
    }
    lo = Math.min(lo, d - r);
    hi = Math.max(hi, d + r);
  }
  if (!(lo > 0)) throw new SynthesisError(`inverse square root: the Gershgorin discs of K̃ reach ${lo.toPrecision(4)} ≤ 0, so K̃ is not provably positive definite; use the QSVT or HHL pipeline for such a matrix`);
  const centre = (lo + hi) / 2;
  const radius = (hi - lo) / (hi + lo);
  const dim = 1 << m;
  const matrix = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) matrix[i * dim + i] = 1;
  for (let i = 0; i < n; i++) {
    matrix[i * dim + i] = 1.5;
    for (let p = ktilde.rowPtr[i]!; p < ktilde.rowPtr[i + 1]!; p++) matrix[i * dim + ktilde.colIdx[p]!]! -= ktilde.values[p]! / (2 * centre);
  }
  const errorBound = (radius * radius * (3 + radius)) / (4 * (1 - radius));
  return { centre, radius, matrix, errorBound, encoding: xorLcuEncoding(matrix, m) };
}

/** diag(√(c/K̃ᵢᵢ)) for the diagonal-NTK readout: its square is c·diag(K̃)⁻¹ (no approximation). */
export function diagonalInverseSqrt(ktilde: CsrMatrix, m: number): DiagonalInverseSqrt {
  checkSquare(ktilde, m, 'diagonal inverse square root');
  const n = ktilde.rows, dim = 1 << m;
  const diag = Float64Array.from({ length: n }, (_, i) => ktilde.get(i, i));
  for (let i = 0; i < n; i++) if (!(diag[i]! > 0)) throw new ValidationError(`diagonal readout: K̃[${i}][${i}] = ${diag[i]} must be positive`);
  const centre = Math.max(...diag);
  const matrix = new Float64Array(dim * dim);
  for (let i = 0; i < dim; i++) matrix[i * dim + i] = i < n ? Math.sqrt(centre / diag[i]!) : 1;
  // A diagonal constant up to floating-point noise (the NTK's K(x, x) is, for normalised inputs)
  // needs no circuit; the operator is then I, off from diag(√(c/K̃ᵢᵢ)) by `errorBound`.
  const deviation = Math.max(...diag.map((d) => Math.abs(Math.sqrt(centre / d) - 1)));
  if (deviation <= CONSTANT_DIAGONAL) {
    const identity = new Float64Array(dim * dim);
    for (let i = 0; i < dim; i++) identity[i * dim + i] = 1;
    return { centre, matrix: identity, errorBound: 2 * deviation + deviation * deviation };
  }
  return { centre, matrix, errorBound: 0, encoding: xorLcuEncoding(matrix, m) };
}
