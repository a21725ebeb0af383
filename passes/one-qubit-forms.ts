/**
 * One-qubit resynthesis into a chosen basis. A universal one-qubit basis has an Euler form: ZYZ
 * (rz, ry), ZXZ (rz, rx), Z·H·Z·H·Z (rz, h: H·Rz(b)·H = Rx(b)), U3 (U or u3), or IBM's rz·sx (x for
 * a π rotation); p stands in for rz (equal up to global phase). A basis with none of these but
 * the Clifford+T gates is exact-only: runs are kept gate by gate (see equivalence-rules.ts).
 * @see arXiv:quant-ph/9503016 (Barenco et al., Lemma 4.1, Euler decompositions)
 */
import type { Instruction } from '../compiler/circuit/index.js';
import type { CMatrix } from '../compiler/linalg/complex.js';
import { eulerAngles, normalizeAngle } from '../compiler/circuit/index.js';
import { oneQubitToInstructions } from '../compiler/synthesis/one-qubit.js';

/** How arbitrary one-qubit unitaries are written in a basis (null: only exact Clifford+T words). */
export type OneQubitForm = 'zyz' | 'zxz' | 'zhz' | 'u3' | 'zsx';

export interface OneQubitSynthesis {
  readonly form: OneQubitForm;
  /** Name written for Z rotations ('rz', or 'p' when the basis has p but not rz; null: as U(0, 0, λ)). */
  readonly zGate: 'rz' | 'p' | null;
  /** Name written for U3 ('U' or 'u3'). */
  readonly uGate: 'U' | 'u3';
}

/** The Euler form a basis supports, or null when it has none. */
export function oneQubitSynthesisFor(basis: ReadonlySet<string>): OneQubitSynthesis | null {
  const zGate = basis.has('rz') ? 'rz' : basis.has('p') ? 'p' : null;
  const uGate = basis.has('U') ? 'U' : 'u3';
  if (zGate !== null && basis.has('sx') && basis.has('x')) return { form: 'zsx', zGate, uGate };
  if (zGate !== null && basis.has('ry')) return { form: 'zyz', zGate, uGate };
  if (basis.has('U') || basis.has('u3')) return { form: 'u3', zGate, uGate };
  if (zGate === null) return null;
  if (basis.has('rx')) return { form: 'zxz', zGate, uGate };
  if (basis.has('h')) return { form: 'zhz', zGate, uGate };
  return null;
}

/** u (2×2) on `qubit` up to global phase, in the synthesis' form, trivial rotations dropped. */
export function synthesizeOneQubit(u: CMatrix, qubit: number, s: OneQubitSynthesis, tol = 1e-10): Instruction[] {
  const q = [qubit];
  const rename = (list: Instruction[]): Instruction[] => list.map((i): Instruction => {
    if (i.gate === 'rz' && s.zGate === null) return { ...i, gate: s.uGate, params: [0, 0, i.params[0]!] };
    if (i.gate === 'rz' && s.zGate === 'p') return { ...i, gate: 'p' };
    if (i.gate === 'U' && s.uGate === 'u3') return { ...i, gate: 'u3' };
    return i;
  });
  if (s.form === 'zyz' || s.form === 'u3' || s.form === 'zsx') return rename(oneQubitToInstructions(u, qubit, { basis: s.form, tol }));
  // U(θ, φ, λ) is Rz(φ)·Ry(θ)·Rz(λ) up to a global phase.
  const e = eulerAngles(u);
  const rz = (a: number): Instruction[] => (Math.abs(normalizeAngle(a)) <= tol ? [] : [{ gate: s.zGate ?? 'rz', qubits: q, params: [normalizeAngle(a)] }]);
  if (Math.abs(e.theta) <= tol) return rz(e.phi + e.lambda);
  // Rz(φ)·Ry(θ)·Rz(λ) = Rz(φ + π/2)·Rx(θ)·Rz(λ − π/2), since Ry(θ) = Rz(π/2)·Rx(θ)·Rz(−π/2).
  const middle: Instruction[] = s.form === 'zxz'
    ? [{ gate: 'rx', qubits: q, params: [e.theta] }]
    : [{ gate: 'h', qubits: q, params: [] }, ...rz(e.theta), { gate: 'h', qubits: q, params: [] }];
  return [...rz(e.lambda - Math.PI / 2), ...middle, ...rz(e.phi + Math.PI / 2)];
}
