/**
 * Angle bookkeeping for symbolic gates, beside angles.ts: the phase term of a diagonal one-qubit
 * gate as a number or an expression, its emission (an expression stays one rz, or p where the
 * basis has p but not rz: no Clifford+T names and no identity test without a value), and the
 * cancellation and merging of two gates when either is symbolic (equal expressions are equal;
 * θ + (−θ) is the constant 0, which is then emitted as a number would be).
 */
import { addValues, inverseInstruction, paramValues, valuesEqual, withValues, type Instruction, type ParamValue } from '../../compiler/circuit/index.js';
import type { Target } from '../targets/target.js';
import { isAdditive, isIdentityAngle, phaseAngle, phaseGates, sameQubits, SYMMETRIC } from './angles.js';

/** θ with gate ≅ p(θ) up to global phase (z, s, t, … numerically; rz, p, u1 also with an expression). */
export function phaseTerm(inst: Instruction): ParamValue | undefined {
  if (inst.exprs === undefined) return phaseAngle(inst);
  if (inst.qubits.length !== 1 || inst.condition) return undefined;
  return inst.gate === 'rz' || inst.gate === 'p' || inst.gate === 'u1' ? paramValues(inst)[0] : undefined;
}

/** p(θ) on q up to global phase: phaseGates for a number, one rz (or p) for an expression. */
export function phaseGatesOf(theta: ParamValue, q: number, target: Target): Instruction[] {
  if (typeof theta === 'number') return phaseGates(theta, q, target);
  const b = target.basisGates;
  const name = b === null || b.has('rz') || !b.has('p') ? 'rz' : 'p';
  return [withValues({ gate: name, qubits: [q], params: [] }, [theta])];
}

/**
 * What g following h (on the same qubits) becomes when either is symbolic: [] when they cancel,
 * one instruction when they merge, undefined when neither.
 */
export function combineSymbolicPair(h: Instruction, g: Instruction, target: Target): Instruction[] | undefined {
  const ph = phaseTerm(h), pg = phaseTerm(g);
  if (ph !== undefined && pg !== undefined && h.qubits[0] === g.qubits[0]) {
    const out = phaseGatesOf(addValues(ph, pg), h.qubits[0]!, target);
    return out.length <= 1 ? out : undefined;
  }
  if (!sameQubits(h, g)) return undefined;
  const inv = inverseInstruction(h);
  const gv = paramValues(g), iv = paramValues(inv);
  if (inv.gate === g.gate && iv.length === gv.length && iv.every((v, k) => valuesEqual(v, gv[k]!)) && (SYMMETRIC.has(g.gate) || h.qubits.every((q, k) => g.qubits[k] === q))) return [];
  if (h.gate === g.gate && isAdditive(g.gate)) {
    const theta = addValues(paramValues(h)[0]!, gv[0]!);
    if (typeof theta === 'number' && isIdentityAngle(g.gate, theta)) return [];
    return [withValues({ gate: g.gate, qubits: h.qubits, params: [] }, [theta])];
  }
  return undefined;
}
