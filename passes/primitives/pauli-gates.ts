/**
 * The single-qubit Paulis written in a target's native gates (up to a global phase), for
 * dynamical decoupling pulses and Pauli twirls: IBM (rz, sx, x): X = x, Y = rz(π/2)·x·rz(−π/2),
 * Z = rz(π); IonQ native: X = gpi(0), Y = gpi(π/2), Z = gpi(π/2)·gpi(0) up to phase (no virtual
 * Z in the instruction set, so a Z costs two pulses); any other target: x, y, z.
 */
import { instruction, type Instruction } from '../../compiler/circuit/index.js';
import type { Target } from '../targets/target.js';

export type Pauli = 'x' | 'y' | 'z';

/** Instructions (in circuit order) applying `p` to qubit q in the target's basis. */
export function pauliInstructions(p: Pauli, q: number, target: Target): Instruction[] {
  const b = target.basisGates;
  if (b === null || b.has(p)) return [instruction(p, [q])];
  if (b.has('gpi')) {
    if (p === 'x') return [instruction('gpi', [q], [0])];
    if (p === 'y') return [instruction('gpi', [q], [Math.PI / 2])];
    return [instruction('gpi', [q], [0]), instruction('gpi', [q], [Math.PI / 2])];
  }
  if (b.has('rz') && b.has('x')) {
    if (p === 'x') return [instruction('x', [q])];
    if (p === 'z') return [instruction('rz', [q], [Math.PI])];
    return [instruction('rz', [q], [-Math.PI / 2]), instruction('x', [q]), instruction('rz', [q], [Math.PI / 2])];
  }
  return [instruction(p, [q])];
}
