/** The kept branch of a simulated state: amplitudes of the system register where every flag has its value. */
import { ValidationError } from '../../compiler/errors.js';
import type { Amplitudes } from './kernels.js';
import type { Statevector } from './statevector.js';

export interface PostselectedState {
  /** Unnormalised amplitudes √p·ψ over the system register (system[0] = least significant bit). */
  readonly re: Float64Array;
  readonly im: Float64Array;
  /** Probability of the kept branch, p = ‖√p·ψ‖². */
  readonly probability: number;
}

/**
 * Project onto the branch where each [qubit, value] of `postselect` holds, and read the system
 * register; qubits that are neither system nor post-selected must be |0⟩ in the kept branch
 * (their nonzero part is counted as leakage and reported as an error).
 */
export function postselectedState(sv: Statevector<Amplitudes>, system: readonly number[], postselect: ReadonlyArray<readonly [number, number]>): PostselectedState {
  const dim = 1 << system.length;
  const re = new Float64Array(dim), im = new Float64Array(dim);
  let mask = 0, want = 0;
  for (const [q, v] of postselect) {
    mask |= 1 << q;
    if (v) want |= 1 << q;
  }
  let sysMask = 0;
  for (const q of system) sysMask |= 1 << q;
  const otherMask = (sv.dimension - 1) & ~mask & ~sysMask;
  // Read the amplitudes in place: a copy of a large state would double its memory.
  const d = sv.data, size = sv.dimension;
  let p = 0, leak = 0;
  for (let idx = 0; idx < size; idx++) {
    if ((idx & mask) !== want) continue;
    const a = d[2 * idx]!, b = d[2 * idx + 1]!;
    const w = a * a + b * b;
    if (w === 0) continue;
    if (idx & otherMask) {
      leak += w;
      continue;
    }
    let s = 0;
    for (let k = 0; k < system.length; k++) s |= ((idx >> system[k]!) & 1) << k;
    re[s]! += a;
    im[s]! += b;
    p += w;
  }
  if (leak > 1e-9 * Math.max(p, 1e-300)) {
    throw new ValidationError(`postselectedState: ${leak.toExponential(2)} of the kept branch sits on qubits that are neither system nor post-selected; list them in postselect`);
  }
  return { re, im, probability: p };
}
