/**
 * A state produced by a circuit with post-selection: U|0…0⟩ = √p·|kept flags⟩|ψ⟩_system + (rest),
 * where "rest" has some post-selected qubit away from its required value. The QSVT and HHL solution
 * circuits, exact amplitude loading (no flags), the paper's ancilla-rotation loading of k* and the
 * Hadamard test all have this shape; the readout circuits take it as their input.
 */
import type { Circuit } from '../circuit/index.js';

/** [qubit, value] pairs that must be measured with that value for the branch to be kept. */
export type PostSelection = ReadonlyArray<readonly [qubit: number, value: 0 | 1]>;

export interface PreparedState {
  readonly circuit: Circuit;
  /** Qubits holding the vector index; system[0] is its least significant bit. */
  readonly system: readonly number[];
  readonly postselect: PostSelection;
}
