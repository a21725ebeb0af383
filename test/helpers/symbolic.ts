/** Seeded random circuits whose angles are expressions of input parameters, and value sets to bind. */
import {
  addValues, callValue, CircuitBuilder, Expr, inverseInstruction, mulValues, withValues,
  type Circuit, type GateName, type Instruction, type Parameter, type ParamValue, type ParameterValues,
} from '../../compiler/circuit/index.js';
import { rng } from './quantum.js';

export const INPUTS: readonly Parameter[] = [{ name: 'theta', type: 'float', width: 64 }, { name: 'phi', type: 'float', width: 64 }, { name: 'gamma', type: 'angle', width: 20 }];

const ONE: ReadonlyArray<[GateName, number]> = [['rz', 1], ['rx', 1], ['ry', 1], ['p', 1], ['U', 3], ['u2', 2], ['u1', 1]];
const TWO: ReadonlyArray<[GateName, number]> = [['cp', 1], ['crz', 1], ['crx', 1], ['cry', 1], ['rzz', 1], ['rxx', 1], ['cu', 4]];
const FIXED1: readonly GateName[] = ['h', 't', 's', 'sx', 'x', 'tdg'];

/**
 * A random circuit on n qubits mixing numeric gates with gates whose angles are affine (and now
 * and then nonlinear) expressions of theta, phi and gamma; about one gate in five is followed
 * later by its inverse or a partner rotation, so cancellation and merging have work to do.
 */
export function randomSymbolicCircuit(n: number, gates: number, seed: number): Circuit {
  const r = rng(seed);
  const b = new CircuitBuilder(n);
  for (const p of INPUTS) b.addParameter(p);
  const sym = INPUTS.map((p) => Expr.symbol(p.name));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const angle = (): ParamValue => {
    const u = r();
    if (u < 0.25) return (r() - 0.5) * 6;
    let v: ParamValue = mulValues(pick([1, -1, 0.5, 2, -0.25]), pick(sym));
    if (r() < 0.4) v = addValues(v, mulValues(pick([1, -1, 0.5]), pick(sym)));
    if (r() < 0.3) v = addValues(v, Math.round(r() * 8) * (Math.PI / 4));
    if (r() < 0.1) v = callValue('sin', v);
    return v;
  };
  const qubits = (k: number): number[] => {
    const all = Array.from({ length: n }, (_, i) => i);
    for (let i = all.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [all[i], all[j]] = [all[j]!, all[i]!];
    }
    return all.slice(0, k);
  };
  const pending: Instruction[] = [];
  const add = (inst: Instruction): void => {
    b.add(inst);
    if (r() < 0.2) pending.push(inst);
  };
  for (let k = 0; k < gates; k++) {
    const u = r();
    if (pending.length > 0 && u < 0.12) {
      // Later, the inverse (or a merge partner) of an earlier gate, often with nothing in between on its wires.
      const old = pending.splice(Math.floor(r() * pending.length), 1)[0]!;
      b.add(r() < 0.6 ? { ...inverseInstruction(old) } : old);
    } else if (u < 0.3 && n >= 2) {
      const [g, np] = pick(TWO);
      add(withValues({ gate: g, qubits: qubits(2), params: [] }, Array.from({ length: np }, angle)));
    } else if (u < 0.42 && n >= 2) {
      b.gate(pick(['cx', 'cz', 'cx'] as const), qubits(2));
    } else if (u < 0.47 && n >= 3) {
      add(withValues({ gate: 'mcp', qubits: qubits(3), params: [] }, [angle()]));
    } else if (u < 0.75) {
      const [g, np] = pick(ONE);
      add(withValues({ gate: g, qubits: qubits(1), params: [] }, Array.from({ length: np }, angle)));
    } else b.gate(pick(FIXED1), qubits(1));
  }
  return b.build();
}

/** `count` random value sets for the inputs (seeded). */
export function valueSets(count: number, seed: number): ParameterValues[] {
  const r = rng(seed);
  return Array.from({ length: count }, () => ({ theta: (r() - 0.5) * 8, phi: (r() - 0.5) * 8, gamma: r() * 10 }));
}
