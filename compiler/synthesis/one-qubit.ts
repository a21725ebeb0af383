/**
 * One-qubit resynthesis: any 2×2 unitary from its Euler angles (the IR's `eulerAngles`:
 * U = e^{iγ}·U(θ, φ, λ) = e^{i(γ + (φ+λ)/2)}·Rz(φ)·Ry(θ)·Rz(λ)) as Rz·Ry·Rz, as one U, as IBM's
 * rz·sx·rz·sx·rz, or as a single named gate when it is one (up to global phase).
 * @see arXiv:quant-ph/9503016 (Barenco et al., Lemma 4.1: U = e^{iα} Rz(φ) Ry(θ) Rz(λ))
 */
import { CMatrix } from '../linalg/complex.js';
import { eulerAngles, gateMatrix, normalizeAngle, type GateName, type Instruction } from '../circuit/index.js';

const NAMED = ['id', 'x', 'y', 'z', 'h', 's', 'sdg', 't', 'tdg', 'sx', 'sxdg'] as const;

/** Distance of two 2×2 matrices up to global phase (0 when equal). */
export function phaseDistance2(a: CMatrix, b: CMatrix): number {
  // ⟨a, b⟩ = tr(a† b); equal up to phase iff |tr(a†b)| = 2 for unitaries.
  let tr = 0, ti = 0;
  for (let k = 0; k < 4; k++) {
    tr += a.re[k]! * b.re[k]! + a.im[k]! * b.im[k]!;
    ti += a.re[k]! * b.im[k]! - a.im[k]! * b.re[k]!;
  }
  return Math.max(0, 2 - Math.hypot(tr, ti));
}

let namedCache: Array<[GateName, CMatrix]> | undefined;

/** The library gate (no parameters) equal to u up to global phase, if any ('id' for the identity). */
export function namedOneQubitGate(u: CMatrix, tol = 1e-9): GateName | undefined {
  namedCache ??= NAMED.map((n) => [n, gateMatrix(n, [])]);
  for (const [n, m] of namedCache) if (phaseDistance2(u, m) <= tol) return n;
  return undefined;
}

/** Output shapes of one-qubit resynthesis. */
export type OneQubitBasis = 'zyz' | 'u3' | 'zsx' | 'rz-sx';

export interface OneQubitOptions {
  readonly basis: OneQubitBasis;
  /** Angles within this of 0 (mod 2π) are dropped. */
  readonly tol?: number;
}

const isZero = (a: number, tol: number): boolean => Math.abs(normalizeAngle(a)) <= tol;

/**
 * Instructions on `qubit` implementing u up to global phase, in the requested basis, with trivial
 * rotations dropped ('zsx': at most rz·sx·rz·sx·rz; exactly rz-only when u is diagonal).
 */
export function oneQubitToInstructions(u: CMatrix, qubit: number, options: OneQubitOptions): Instruction[] {
  const tol = options.tol ?? 1e-10;
  const e = eulerAngles(u);
  const q = [qubit];
  const rz = (a: number): Instruction[] => (isZero(a, tol) ? [] : [{ gate: 'rz', qubits: q, params: [normalizeAngle(a)] }]);
  if (Math.abs(e.theta) <= tol) return rz(e.phi + e.lambda);
  switch (options.basis) {
    case 'zyz':
      return [...rz(e.lambda), { gate: 'ry', qubits: q, params: [e.theta] }, ...rz(e.phi)];
    case 'u3':
      return [{ gate: 'U', qubits: q, params: [e.theta, e.phi, e.lambda] }];
    case 'zsx':
    case 'rz-sx': {
      // U3(θ, φ, λ) ≅ Rz(φ+π)·SX·Rz(θ+π)·SX·Rz(λ); θ = π/2 needs one SX: Rz(φ+π/2)·SX·Rz(λ−π/2).
      const sx: Instruction = { gate: 'sx', qubits: q, params: [] };
      if (Math.abs(e.theta - Math.PI / 2) <= tol) return [...rz(e.lambda - Math.PI / 2), sx, ...rz(e.phi + Math.PI / 2)];
      if (Math.abs(e.theta - Math.PI) <= tol) {
        // Rz(φ)·Ry(π)·Rz(λ) = Ry(π)·Rz(λ − φ) and Ry(π) ≅ X·Rz(π): rz(π + λ − φ), then x.
        return [...rz(Math.PI + e.lambda - e.phi), { gate: 'x', qubits: q, params: [] }];
      }
      return [...rz(e.lambda), sx, ...rz(e.theta + Math.PI), sx, ...rz(e.phi + Math.PI)];
    }
  }
}

/** The 2×2 matrix of a run of one-qubit instructions (time order). */
export function runMatrix(run: readonly Instruction[]): CMatrix {
  let m = CMatrix.identity(2);
  for (const i of run) m = gateMatrix(i.gate, i.params).mul(m);
  return m;
}
