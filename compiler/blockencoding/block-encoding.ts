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
}

/** Qubit indices of the ancilla register of a block encoding (the flags QSVT reflects about). */
export function ancillaIndices(be: BlockEncoding): number[] {
  return Array.from({ length: be.ancillaQubits }, (_, i) => be.systemQubits + i);
}
