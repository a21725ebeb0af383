/**
 * The final state of a unitary circuit by the cheaper engine: the sparse state while few
 * amplitudes are nonzero (most ancillas of block encodings and readouts stay in basis states),
 * the dense state-vector when the sparse one outgrows its limit. Callers read it through the two
 * questions the pipeline asks: the post-selected branch, and the distribution of measured qubits.
 */
import type { Circuit } from '../../compiler/circuit/index.js';
import { ResourceError } from '../../compiler/errors.js';
import { postselectedState, type PostselectedState } from './postselect.js';
import { SparseState } from './sparse.js';
import { Statevector } from './statevector.js';

export interface FinalState {
  readonly numQubits: number;
  /** Which engine produced it. */
  readonly engine: 'sparse' | 'dense';
  postselected(system: readonly number[], postselect: ReadonlyArray<readonly [number, number]>): PostselectedState;
  /** Probability of each outcome of measuring `qubits` (outcome bit j = qubits[j]). */
  marginal(qubits: readonly number[]): Map<number, number>;
}

export interface FinalStateOptions {
  /** Nonzero amplitudes the sparse engine may hold before the dense one takes over (default 2^20). */
  readonly maxSparseEntries?: number;
}

function denseFinal(sv: Statevector): FinalState {
  return {
    numQubits: sv.numQubits,
    engine: 'dense',
    postselected: (system, postselect) => postselectedState(sv, system, postselect),
    marginal(qubits) {
      const out = new Map<number, number>();
      const re = sv.re, im = sv.im;
      for (let i = 0; i < sv.dimension; i++) {
        const p = re[i]! * re[i]! + im[i]! * im[i]!;
        if (p === 0) continue;
        let o = 0;
        for (let j = 0; j < qubits.length; j++) o |= ((i >> qubits[j]!) & 1) << j;
        out.set(o, (out.get(o) ?? 0) + p);
      }
      return out;
    },
  };
}

/** Simulate `circuit` from |0…0⟩, sparse first. */
export function finalState(circuit: Circuit, options: FinalStateOptions = {}): FinalState {
  try {
    const s = SparseState.fromCircuit(circuit, { maxEntries: options.maxSparseEntries ?? 2 ** 20 });
    return {
      numQubits: s.numQubits,
      engine: 'sparse',
      postselected: (system, postselect) => s.postselected(system, postselect),
      marginal: (qubits) => s.marginal(qubits),
    };
  } catch (err) {
    if (!(err instanceof ResourceError)) throw err;
  }
  return denseFinal(Statevector.fromCircuit(circuit));
}
