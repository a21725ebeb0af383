/**
 * Pauli decomposition of a real symmetric 2^n × 2^n matrix: A = Σ c_{x,z}·P_{x,z} with
 * P_{x,z} = i^{|x∧z|}·X^x·Z^z (X on the qubits of mask x, Z on those of z; both → Y) and
 * c_{x,z} = Tr(P_{x,z} A)/2^n. For each x, Tr(X^x Z^z A) = Σ_c (−1)^{z·c} A[c][c⊕x] for all z at
 * once by one Walsh–Hadamard transform: O(4^n·n) in all instead of O(8^n).
 * Real symmetric A has only terms with an even number of Y's (the others have zero coefficient).
 */
import { fwht, popcount } from './walsh.js';

export interface PauliTerm {
  /** Qubits carrying X or Y (bit q = qubit q). */
  readonly x: number;
  /** Qubits carrying Z or Y. */
  readonly z: number;
  readonly coeff: number;
}

/** Pauli string label, qubit n−1 first (e.g. 'XIZY'). */
export function pauliLabel(t: PauliTerm, n: number): string {
  let s = '';
  for (let q = n - 1; q >= 0; q--) {
    const xb = (t.x >> q) & 1, zb = (t.z >> q) & 1;
    s += xb && zb ? 'Y' : xb ? 'X' : zb ? 'Z' : 'I';
  }
  return s;
}

/**
 * All terms with |c| > dropTol of the dense row-major real symmetric matrix `a` (size 2^n),
 * sorted by decreasing |c|.
 */
export function pauliDecompose(a: ArrayLike<number>, n: number, dropTol = 0): PauliTerm[] {
  const N = 1 << n;
  if (a.length !== N * N) throw new RangeError(`pauliDecompose: ${a.length} entries for a ${N}x${N} matrix`);
  const terms: PauliTerm[] = [];
  const f = new Float64Array(N);
  for (let x = 0; x < N; x++) {
    for (let c = 0; c < N; c++) f[c] = a[c * N + (c ^ x)]!;
    fwht(f);
    for (let z = 0; z < N; z++) {
      const k = popcount(x & z);
      if (k & 1) continue; // imaginary coefficient: zero for symmetric A
      const coeff = ((k & 2) ? -1 : 1) * f[z]! / N;
      if (Math.abs(coeff) > dropTol) terms.push({ x, z, coeff });
    }
  }
  return terms.sort((p, q) => Math.abs(q.coeff) - Math.abs(p.coeff));
}
