/**
 * The NTK readout's states and circuits: |k*⟩ by exact amplitude loading or by the paper's
 * ancilla rotation with post-selection, |y⟩, and the Hadamard tests whose signed overlap gives
 * the prediction sign(⟨k*|K̃⁻¹y⟩) (sparsified NTK) or sign(⟨k*|y⟩) (diagonal NTK).
 * @see arXiv:2107.09200 §III–IV (state preparation of k* with success P/n; readout by 1/o² shots)
 */
import { CircuitBuilder } from '../circuit/index.js';
import { ValidationError } from '../errors.js';
import { appendMultiplexor } from '../synthesis/uniformly-controlled.js';
import { StatePrep } from '../synthesis/state-prep.js';
import { hadamardTest, type HadamardTestCircuit } from './hadamard-test.js';
import type { PreparedState } from '../synthesis/prepared-state.js';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

function qubitsFor(length: number, numQubits: number | undefined): number {
  const m = numQubits ?? Math.max(1, Math.ceil(Math.log2(length)));
  if (1 << m < length) throw new ValidationError(`${length} entries do not fit ${m} qubits`);
  return m;
}

/** |v⟩ = v/‖v‖ by exact amplitude loading (uniformly controlled rotations, no flags). */
export function amplitudeState(v: ArrayLike<number>, numQubits?: number): PreparedState {
  const m = qubitsFor(v.length, numQubits);
  return { circuit: new StatePrep({ amplitudes: v, numQubits: m }).circuit(), system: range(m), postselect: [] };
}

/**
 * The paper's loading of a clipped test vector k̃ (entries in [−1, 1]): H on every index qubit,
 * then Ry(2·arccos k̃_i) on a flag controlled on the index i. Keeping flag = 0 leaves
 * Σ k̃_i|i⟩/√P with probability P/2^m, P = Σ k̃_i² (the paper's n/P repetitions for n = 2^m).
 * Flag qubit: m (after the index register).
 */
export function kstarByAncillaRotation(kstar: ArrayLike<number>, numQubits?: number): PreparedState & { readonly successProbability: number } {
  const m = qubitsFor(kstar.length, numQubits);
  const dim = 1 << m;
  const angles = new Float64Array(dim);
  let p = 0;
  for (let i = 0; i < dim; i++) {
    const k = i < kstar.length ? kstar[i]! : 0;
    if (!(k >= -1 && k <= 1)) throw new ValidationError(`k*[${i}] = ${k} is outside [−1, 1]; clip the test vector first (algorithms.md §1.4)`);
    angles[i] = 2 * Math.acos(k);
    p += k * k;
  }
  if (p === 0) throw new ValidationError('k* is zero: nothing to load');
  const b = new CircuitBuilder();
  b.addQreg('idx', m);
  b.addQreg('flag', 1);
  for (let q = 0; q < m; q++) b.h(q);
  appendMultiplexor(b, { axis: 'y', angles, controls: range(m), target: m });
  return { circuit: b.build(), system: range(m), postselect: [[m, 0]], successProbability: p / dim };
}

/** Hadamard test for sign⟨k*|y⟩: the diagonal-NTK prediction (no inversion). */
export function diagonalNtkReadout(kstar: PreparedState, y: ArrayLike<number>): HadamardTestCircuit {
  return hadamardTest(kstar, amplitudeState(y, kstar.system.length));
}

/** Hadamard test for sign⟨k*|K̃⁻¹y⟩ against a compiled solution state (QSVT or HHL program). */
export function sparseNtkReadout(kstar: PreparedState, solution: PreparedState): HadamardTestCircuit {
  return hadamardTest(kstar, solution);
}
