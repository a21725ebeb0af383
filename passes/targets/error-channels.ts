/**
 * The noise channels of the device model, in closed form.
 * - Thermal relaxation of one qubit for t ns (T1, T2; no excited-state population): amplitude
 *   damping with γ = 1 − e^{−t/T1}, and coherences scaled by c = e^{−t/T2}. T2 is clamped to 2·T1,
 *   the physical bound (as Qiskit Aer does). In the Pauli transfer picture the channel has trace
 *   1 + 2c + (1 − γ), so its process (entanglement) fidelity is (2 − γ + 2c)/4.
 * - Depolarizing on k qubits (d = 2^k): ρ → (1 − λ)ρ + λ·Tr_k(ρ)⊗I/d, process fidelity
 *   (1 − λ) + λ/d². It is chosen so that depolarizing ∘ relaxation has exactly the reported
 *   average gate infidelity (Qiskit Aer's device model rule); it applies a uniformly random
 *   non-identity Pauli with probability λ(d² − 1)/d².
 * Average gate fidelity F and process fidelity F_e are related by F = (d·F_e + 1)/(d + 1).
 * @see M. A. Nielsen, Phys. Lett. A 303, 249 (2002), for F = (d·F_e + 1)/(d + 1)
 */

/** Thermal relaxation of one qubit: amplitude-damping probability and coherence factor. */
export interface Relaxation {
  readonly gamma: number;
  readonly coherence: number;
}

export const NO_RELAXATION: Relaxation = { gamma: 0, coherence: 1 };

/** Relaxation of a qubit with T1, T2 (ns) over t ns. */
export function thermalRelaxation(tNs: number, t1Ns: number, t2Ns: number): Relaxation {
  if (!(tNs > 0)) return NO_RELAXATION;
  const t2 = Math.min(t2Ns, 2 * t1Ns);
  return { gamma: -Math.expm1(-tNs / t1Ns), coherence: Math.exp(-tNs / t2) };
}

/** Process fidelity of a one-qubit relaxation. */
export function relaxationProcessFidelity(r: Relaxation): number {
  return (2 - r.gamma + 2 * r.coherence) / 4;
}

/** Average gate fidelity from process fidelity on d dimensions. */
export function averageGateFidelity(processFidelity: number, d: number): number {
  return (d * processFidelity + 1) / (d + 1);
}

/** Process fidelity from average gate fidelity on d dimensions. */
export function processFidelity(averageFidelity: number, d: number): number {
  return ((d + 1) * averageFidelity - 1) / d;
}

/**
 * λ of the depolarizing channel that, after a channel of process fidelity `relaxFe` on d
 * dimensions, gives average gate infidelity `error`; 0 when relaxation alone already exceeds it.
 * Capped at d²/(d² − 1), the largest λ that is still a channel.
 */
export function depolarizingParameter(error: number, relaxFe: number, d: number): number {
  const target = processFidelity(1 - Math.min(error, d / (d + 1)), d);
  if (!(relaxFe > target)) return 0;
  const lambda = (relaxFe - target) / (relaxFe - 1 / (d * d));
  return Math.min(lambda, (d * d) / (d * d - 1));
}

/** Probability that a depolarizing channel of parameter λ on d dimensions applies a non-identity Pauli. */
export function pauliErrorProbability(lambda: number, d: number): number {
  return (lambda * (d * d - 1)) / (d * d);
}

/**
 * Probability of the extra Z that takes the coherence left by amplitude damping, √(1 − γ), down to
 * c (pure dephasing, unravelled as a Pauli-Z channel): 1 − 2p = c/√(1 − γ).
 */
export function dephasingProbability(r: Relaxation): number {
  const left = Math.sqrt(1 - r.gamma);
  return left > 0 ? Math.max(0, (1 - r.coherence / left) / 2) : 0;
}
