/**
 * Joint preparation of two data vectors for a swap-free overlap readout:
 *   |0…0⟩ → (|0⟩_b|â⟩ + |1⟩_b|b̂⟩)/√2,   â = a/‖a‖, b̂ = b/‖b‖,
 * one real-amplitude preparation of the stacked vector [â; b̂]/√2 on m + 1 qubits with the branch
 * qubit b most significant. A Hadamard on b then gives P(b=0) − P(b=1) = ⟨â|b̂⟩, so neither
 * preparation needs a control: the Hadamard test's two controlled preparations (2 × (2^{m+1} − 2)
 * CNOTs for real vectors with the extra control) become one preparation of 2^{m+1} − 2 CNOTs.
 *
 * Honesty of the construction: the Ry tree sets the branch qubit from the two halves' norms, both
 * 1 (a fixed π/2), and every lower rotation from norms inside one half, so each branch's angles
 * are computed from that branch's vector alone; the overlap is produced only by the interference.
 * @see arXiv:quant-ph/0407010 (Möttönen et al., uniformly controlled rotations)
 * @see arXiv:1806.01838 (Gilyén, Su, Low, Wiebe), the Hadamard-test estimate of ⟨a|b⟩
 */
import { CircuitBuilder, type Circuit } from '../circuit/index.js';
import { ValidationError } from '../errors.js';
import { ceilLog2 } from '../linalg/walsh.js';
import { StatePrep } from '../synthesis/state-prep.js';

export interface JointState {
  readonly circuit: Circuit;
  /** Qubits of the vector index, least significant first (0 … m−1). */
  readonly system: readonly number[];
  /** The branch qubit (index m): |0⟩ holds â, |1⟩ holds b̂. */
  readonly branch: number;
  /** The normalised, zero-padded branch vectors â and b̂ (length 2^m). */
  readonly first: Float64Array;
  readonly second: Float64Array;
}

/** v/‖v‖ padded with zeros to 2^m; rejects non-finite and zero vectors by name. */
export function normalizedPadded(v: ArrayLike<number>, m: number, name: string): Float64Array {
  const out = new Float64Array(1 << m);
  if (v.length > out.length) throw new ValidationError(`${name}: ${v.length} entries do not fit ${m} qubits`);
  let norm2 = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (!Number.isFinite(x)) throw new ValidationError(`${name}[${i}] = ${x} is not a finite number`);
    out[i] = x;
    norm2 += x * x;
  }
  if (!(norm2 > 0)) throw new ValidationError(`${name} is the zero vector; an overlap readout needs a nonzero vector`);
  const s = 1 / Math.sqrt(norm2);
  for (let i = 0; i < out.length; i++) out[i]! *= s;
  return out;
}

/**
 * The joint state (|0⟩|â⟩ + |1⟩|b̂⟩)/√2 of two real vectors of the same length. Qubits: index
 * register 0…m−1 (m = ⌈log₂ length⌉ unless given), branch qubit m.
 */
export function jointState(a: ArrayLike<number>, b: ArrayLike<number>, numQubits?: number): JointState {
  if (a.length !== b.length) throw new ValidationError(`joint state: the vectors have ${a.length} and ${b.length} entries; they must match`);
  const m = numQubits ?? Math.max(1, ceilLog2(a.length));
  const first = normalizedPadded(a, m, 'joint state: first vector');
  const second = normalizedPadded(b, m, 'joint state: second vector');
  const dim = 1 << m;
  const stacked = new Float64Array(2 * dim);
  for (let i = 0; i < dim; i++) {
    stacked[i] = first[i]! * Math.SQRT1_2;
    stacked[dim + i] = second[i]! * Math.SQRT1_2;
  }
  const builder = new CircuitBuilder();
  const system = builder.addQreg('idx', m);
  const [branch] = builder.addQreg('branch', 1);
  new StatePrep({ amplitudes: stacked, numQubits: m + 1 }).appendTo(builder, [...system, branch!]);
  return { circuit: builder.build(), system, branch: branch!, first, second };
}
