/**
 * Which instructions routing may reorder. An instruction "acts as Z" on a qubit when it commutes
 * with Z there (it is block diagonal in that qubit's computational basis: diagonal gates, the
 * controls of controlled gates), and "acts as X" when it commutes with X there (x, sx, rx, the
 * target of cx). Two instructions whose shared qubits are all of one kind each (Z with Z, X with
 * X, qubit by qubit) are block diagonal in the same product basis of those qubits and act on
 * disjoint qubits otherwise, so they commute. Along each wire, maximal runs of one kind form
 * commutation groups: routing may reorder within a group, never across groups. Measurements,
 * resets, directives, conditioned gates and clbits never commute with anything.
 * @see arXiv:1907.02686 (Itoko et al.: commutation rules in qubit mapping)
 */
import type { Instruction } from '../compiler/circuit/index.js';
import { gateSpec, isUnconditionalGate } from '../compiler/circuit/index.js';

export const ACTS_OTHER = 0;
export const ACTS_Z = 1;
export const ACTS_X = 2;

const X_LIKE = new Set(['x', 'sx', 'sxdg', 'rx']);

function oneQubitKind(gate: string): number {
  const spec = gateSpec(gate);
  if (spec?.diagonal) return ACTS_Z;
  return X_LIKE.has(gate) ? ACTS_X : ACTS_OTHER;
}

/** How `inst` acts on its k-th qubit: ACTS_Z, ACTS_X or ACTS_OTHER. */
export function actionOn(inst: Instruction, k: number): number {
  if (!isUnconditionalGate(inst)) return ACTS_OTHER;
  const spec = gateSpec(inst.gate);
  if (spec === undefined) return ACTS_OTHER;
  if (spec.diagonal) return ACTS_Z;
  if (inst.gate === 'rxx') return ACTS_X;
  if (inst.qubits.length === 1) return oneQubitKind(inst.gate);
  const controls = spec.variadic ? inst.qubits.length - 1 : spec.controls;
  if (k < controls) return ACTS_Z;
  // The target of a singly-targeted controlled gate acts as its base gate does.
  return spec.base !== undefined && inst.qubits.length - controls === 1 ? oneQubitKind(spec.base) : ACTS_OTHER;
}

/** The wires of `inst` (qubits, then numQubits + clbit) with how it acts on each. */
export function wiresAndActions(inst: Instruction, numQubits: number): { wires: number[]; actions: number[] } {
  const wires: number[] = [], actions: number[] = [];
  inst.qubits.forEach((q, k) => {
    wires.push(q);
    actions.push(actionOn(inst, k));
  });
  for (const c of [...(inst.clbits ?? []), ...(inst.condition?.clbits ?? [])]) {
    if (!wires.includes(numQubits + c)) {
      wires.push(numQubits + c);
      actions.push(ACTS_OTHER);
    }
  }
  return { wires, actions };
}

/**
 * Commutation group of every (instruction, wire) pair: groups[i][j] is the group index of
 * instruction i on its j-th wire (wires in wiresAndActions order). Groups count from 0 per wire.
 */
export function commutationGroups(instructions: readonly Instruction[], numQubits: number): number[][] {
  const group = new Map<number, number>(), kind = new Map<number, number>();
  return instructions.map((inst) => {
    const { wires, actions } = wiresAndActions(inst, numQubits);
    return wires.map((w, j) => {
      const a = actions[j]!;
      const g = group.get(w);
      if (g !== undefined && a !== ACTS_OTHER && kind.get(w) === a) return g;
      const next = g === undefined ? 0 : g + 1;
      group.set(w, next);
      kind.set(w, a);
      return next;
    });
  });
}
