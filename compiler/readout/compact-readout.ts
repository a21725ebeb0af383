/**
 * Compact NTK readout circuits sized for today's devices: the sign of the prediction
 * k*ᵀK̃⁻¹y (sparsified NTK) or k*ᵀdiag(K̃)⁻¹y (diagonal NTK) from one swap-free overlap circuit:
 *
 *   joint state (|0⟩|k̂⟩ + |1⟩|ŷ⟩)/√2  →  block encoding U of M/α on the index register (both
 *   branches, no control)  →  H on the branch qubit  →  measure branch and flags.
 *
 * With Π = "every flag reads 0", P(branch=0, Π) − P(branch=1, Π) = ⟨Mk̂|Mŷ⟩/α² = k̂ᵀMᵀMŷ/α².
 * - diagonal: M = diag(√(c/K̃ᵢᵢ)) (identity, and no flag, for a constant diagonal), MᵀM = c·diag(K̃)⁻¹;
 * - sparse:   M = q(K̃) = (3I − K̃/c)/2, MᵀM = q(K̃)² ≈ c·K̃⁻¹ within `errorBound` (compact-inverse.ts).
 * The estimate's sign is the prediction's sign whenever its size exceeds errorBound/α², and it
 * differs from `claimedOverlap` (exact M) by at most (2αε + ε²)/α² for the block error ε.
 * @see arXiv:2107.09200 §III (the readout of sign⟨k*|K̃⁻¹y⟩)
 */
import { CircuitBuilder, type Circuit } from '../circuit/index.js';
import type { CsrMatrix } from '../linalg/csr.js';
import { ValidationError } from '../errors.js';
import { ceilLog2 } from '../linalg/walsh.js';
import { jointState } from './compact-joint-state.js';
import { diagonalInverseSqrt, inverseSqrtPolynomial } from './compact-inverse.js';
import type { XorLcuEncoding } from './compact-block-encoding.js';

export type CompactReadoutKind = 'diagonal' | 'sparse';

export interface CompactReadout {
  readonly kind: CompactReadoutKind;
  /** The unitary part (joint state, block encoding, final H). */
  readonly circuit: Circuit;
  /** `circuit` plus measurements: c[0] ← branch, c[1 + j] ← flags[j]. */
  readonly measured: Circuit;
  readonly system: readonly number[];
  readonly branch: number;
  /** Flag qubits that must read 0 (the block encoding's ancillas). */
  readonly flags: readonly number[];
  /** Subnormalisation of the block encoding (1 without one). */
  readonly alpha: number;
  /** M (dense 2^m × 2^m row-major), applied to both branches. */
  readonly operator: Float64Array;
  /** Scale c with MᵀM ≈ c·K̃⁻¹ (sparse) or = c·diag(K̃)⁻¹ (diagonal). */
  readonly centre: number;
  /**
   * Bound on ‖α²·BᵀB − c·K̃⁻¹‖ (sparse) or ‖α²·BᵀB − c·diag(K̃)⁻¹‖ (diagonal), B the circuit's
   * block: the polynomial's error plus 2αε + ε² for the block encoding's own error ε.
   */
  readonly errorBound: number;
  /** The block encoding's ε: ‖α·B − M‖ ≤ ε (0 without one). */
  readonly blockError: number;
  /** The normalised vectors k̂ and ŷ of the two branches. */
  readonly kstar: Float64Array;
  readonly y: Float64Array;
}

/**
 * The readout circuit for one test vector. Qubits: index 0…m−1, branch m, then the block
 * encoding's select qubits and rotation flag (sparse; diagonal only for a non-constant diagonal).
 */
export function compactReadout(kind: CompactReadoutKind, kstar: ArrayLike<number>, y: ArrayLike<number>, ktilde: CsrMatrix): CompactReadout {
  if (kstar.length !== ktilde.rows || y.length !== ktilde.rows) {
    throw new ValidationError(`compact readout: k* has ${kstar.length} entries, y ${y.length}, K̃ is ${ktilde.rows}×${ktilde.cols}; they must match`);
  }
  const m = Math.max(1, ceilLog2(ktilde.rows));
  const joint = jointState(kstar, y, m);
  let encoding: XorLcuEncoding | undefined, operator: Float64Array, centre: number, errorBound = 0;
  if (kind === 'sparse') {
    const q = inverseSqrtPolynomial(ktilde, m);
    ({ encoding, matrix: operator, centre, errorBound } = q);
  } else {
    const d = diagonalInverseSqrt(ktilde, m);
    ({ encoding, matrix: operator, centre, errorBound } = d);
  }
  const b = new CircuitBuilder();
  const system = b.addQreg('idx', m);
  const [branch] = b.addQreg('branch', 1);
  const flags = encoding ? b.addQreg('flag', encoding.ancillaQubits) : [];
  b.compose(joint.circuit, [...system, branch!]);
  if (encoding) b.compose(encoding.circuit(), [...system, ...flags]);
  b.h(branch!);
  const circuit = b.build();
  const mb = CircuitBuilder.from(circuit);
  const bits = mb.addCreg('c', 1 + flags.length);
  [branch!, ...flags].forEach((q, j) => mb.measure(q, bits[j]!));
  const alpha = encoding?.alpha ?? 1, blockError = encoding?.epsilon ?? 0;
  return {
    kind, circuit, measured: mb.build(), system, branch: branch!, flags, alpha, operator, centre,
    errorBound: errorBound + 2 * alpha * blockError + blockError * blockError, blockError, kstar: joint.first, y: joint.second,
  };
}

/**
 * The signed estimate P(c = 0…00) − P(c = 0…01) from a distribution over the measured clbits
 * (c[0] the branch, the rest flags that must read 0): exact probabilities, normalised counts or
 * mitigated quasi-probabilities alike.
 */
export function signedEstimate(probability: (outcome: number) => number): number {
  return probability(0) - probability(1);
}

/** The value the readout claims: k̂ᵀMᵀMŷ/α² (classical linear algebra, for checks and reports). */
export function claimedOverlap(r: CompactReadout): number {
  const dim = r.kstar.length;
  const mk = new Float64Array(dim), my = new Float64Array(dim);
  for (let i = 0; i < dim; i++) {
    for (let j = 0; j < dim; j++) {
      mk[i]! += r.operator[i * dim + j]! * r.kstar[j]!;
      my[i]! += r.operator[i * dim + j]! * r.y[j]!;
    }
  }
  let s = 0;
  for (let i = 0; i < dim; i++) s += mk[i]! * my[i]!;
  return s / (r.alpha * r.alpha);
}
