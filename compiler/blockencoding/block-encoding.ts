/**
 * The block-encoding contract every encoding (sparse access, FABLE, LCU) and every consumer
 * (QSVT, HHL, estimates) shares.
 *
 * Promise: ‖A − α·(⟨0|_anc ⊗ I) U (|0⟩_anc ⊗ I)‖ ≤ ε.
 * Qubit layout of `circuit`: system qubits 0..systemQubits−1 (qubit 0 is the least significant
 * bit of the row/column index of A), then the ancillas. With qubit 0 as the least significant bit
 * of a basis index, the promised block is the top-left 2^s × 2^s block of the circuit's unitary.
 * Matrices whose size is not a power of two are padded explicitly by the encoding (documented
 * per encoding), so A here is always 2^s × 2^s.
 * @see arXiv:1806.01838 (Gilyén, Su, Low, Wiebe), Definition 43.
 */
import type { Circuit } from '../circuit/index.js';
import { ValidationError } from '../errors.js';

export interface BlockEncoding {
  /** Which construction made it: 'sparse' | 'fable' | 'lcu' | …. */
  readonly kind: string;
  readonly circuit: Circuit;
  /** Subnormalisation α ≥ ‖A‖. */
  readonly alpha: number;
  readonly systemQubits: number;
  readonly ancillaQubits: number;
  /** Bound on ‖A − α·block‖ (spectral norm). */
  readonly epsilon: number;
  /**
   * Clean work ancillas (a subset of the ancilla indices, e.g. unary-iteration/QROM ancillas): U and U†
   * map every state with these qubits in |0⟩ (any system and other-ancilla state) to one with them in
   * |0⟩. U then acts as U′ ⊗ I on that subspace and U′ block-encodes A with Π over the remaining
   * ancillas only, so consumers that start them in |0⟩ may leave them out of their reflections.
   * Absent: every ancilla carries the block.
   */
  readonly workQubits?: readonly number[];
}

/** Qubit indices of the ancilla register of a block encoding (the flags QSVT reflects about). */
export function ancillaIndices(be: BlockEncoding): number[] {
  return Array.from({ length: be.ancillaQubits }, (_, i) => be.systemQubits + i);
}

/**
 * The ancillas a consumer must reflect about: all ancillas minus the clean work qubits.
 * Throws a ValidationError when `workQubits` names a non-ancilla or leaves no ancilla to reflect about.
 */
export function signalAncillas(be: BlockEncoding): number[] {
  const all = ancillaIndices(be);
  const work = new Set(be.workQubits ?? []);
  for (const q of work) {
    if (!Number.isInteger(q) || q < be.systemQubits || q >= be.systemQubits + be.ancillaQubits) {
      throw new ValidationError(`block encoding '${be.kind}': work qubit ${q} is not an ancilla (${be.systemQubits}..${be.systemQubits + be.ancillaQubits - 1}); fix its workQubits`);
    }
  }
  const out = all.filter((q) => !work.has(q));
  if (out.length === 0 && work.size > 0) throw new ValidationError(`block encoding '${be.kind}': every ancilla is a work qubit; at least one must carry the block`);
  return out;
}
