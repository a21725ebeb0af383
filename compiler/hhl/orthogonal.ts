/**
 * Exact synthesis of a real orthogonal 2^n × 2^n matrix V from library gates, as a product of
 * Householder reflections: H_{N−2}⋯H_0·V = D (diagonal ±1), so V = H_0⋯H_{N−2}·D. Each
 * reflection I − 2|u⟩⟨u| = S_u·(I − 2|0⟩⟨0|)·S_u† with S_u an amplitude state preparation of u
 * (≤ 2^n − 2 CNOTs) and I − 2|0⟩⟨0| = X^{⊗n}·MCZ·X^{⊗n}; D is a diagonal. About 2N² CNOTs in all,
 * which is within a constant of the Ω(4^n) lower bound for generic n-qubit unitaries.
 * @see arXiv:quant-ph/0406176 (Shende, Bullock, Markov) for the lower bound; Householder (1958)
 */
import type { CircuitBuilder } from '../circuit/index.js';
import { ValidationError } from '../errors.js';
import { StatePrep } from '../synthesis/state-prep.js';
import { appendDiagonal } from '../synthesis/uniformly-controlled.js';

/** Append V (row-major N×N, orthogonal, N = 2^qubits.length) acting on `qubits` (qubits[0] = LSB). */
export function appendOrthogonal(b: CircuitBuilder, v: ArrayLike<number>, qubits: readonly number[]): void {
  const n = qubits.length, N = 1 << n;
  if (v.length !== N * N) throw new ValidationError(`orthogonal synthesis: ${v.length} entries for ${n} qubits`);
  const m = Float64Array.from(v);
  const reflections: Float64Array[] = [];
  for (let k = 0; k < N - 1; k++) {
    let norm2 = 0;
    for (let i = k; i < N; i++) norm2 += m[i * N + k]! ** 2;
    const norm = Math.sqrt(norm2);
    let off = 0;
    for (let i = k + 1; i < N; i++) off += m[i * N + k]! ** 2;
    if (off <= 1e-28 * Math.max(norm2, 1)) continue;
    const x0 = m[k * N + k]!;
    const u = new Float64Array(N);
    for (let i = k; i < N; i++) u[i] = m[i * N + k]!;
    u[k] = x0 + (x0 >= 0 ? norm : -norm);
    let un = 0;
    for (let i = k; i < N; i++) un += u[i]! ** 2;
    un = Math.sqrt(un);
    for (let i = k; i < N; i++) u[i]! /= un;
    // m ← (I − 2uuᵀ) m
    for (let c = 0; c < N; c++) {
      let dot = 0;
      for (let i = k; i < N; i++) dot += u[i]! * m[i * N + c]!;
      for (let i = k; i < N; i++) m[i * N + c]! -= 2 * u[i]! * dot;
    }
    reflections.push(u);
  }
  // m is now diagonal ±1 (orthogonal and upper triangular).
  const phases = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    const d = m[i * N + i]!;
    if (Math.abs(Math.abs(d) - 1) > 1e-8) throw new ValidationError('orthogonal synthesis: the matrix is not orthogonal');
    phases[i] = d < 0 ? Math.PI : 0;
  }
  // Keep the diagonal's global phase: callers rely on V exactly (a controlled or post-selected V shows it).
  if (phases.some((p) => p !== 0)) appendDiagonal(b, { phases, qubits });
  for (let r = reflections.length - 1; r >= 0; r--) appendReflection(b, reflections[r]!, qubits);
}

/** I − 2|u⟩⟨u| for a unit vector u. */
function appendReflection(b: CircuitBuilder, u: Float64Array, qubits: readonly number[]): void {
  const sp = new StatePrep({ amplitudes: u, numQubits: qubits.length });
  b.compose(sp.inverse(), qubits);
  for (const q of qubits) b.x(q);
  b.mcz(qubits);
  for (const q of qubits) b.x(q);
  b.compose(sp.circuit(), qubits);
}
