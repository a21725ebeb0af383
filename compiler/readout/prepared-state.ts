/**
 * A state produced by a circuit with post-selection: U|0…0⟩ = √p·|0…⟩_flags|ψ⟩_system + (rest),
 * where "rest" has some post-select qubit away from its required value. QSVT and HHL solution
 * circuits, exact amplitude loading (no flags) and the paper's ancilla-rotation loading all have
 * this shape, so the readout circuits take it as their input.
 */
import type { Circuit } from '../circuit/index.js';

export interface PreparedState {
  readonly circuit: Circuit;
  /** Qubits holding the vector index; system[0] is its least significant bit. */
  readonly system: readonly number[];
  /** [qubit, value] pairs that must be measured with that value for the branch to be kept. */
  readonly postselect: ReadonlyArray<readonly [number, 0 | 1]>;
}
