/**
 * Rotation merging across CNOT networks (phase folding): every diagonal one-qubit phase gate is a
 * term e^{iθ·f} of the circuit's phase polynomial; terms with the same parity f merge into the
 * first place the circuit holds f, the others disappear. Merged angles that are multiples of π/4
 * come back as t/s/z/sdg/tdg, so Clifford+T circuits stay Clifford+T.
 * @see arXiv:1710.07345 (Nam et al., §4.3)
 */
import { addValues, negValue, withInstructions, type Instruction, type ParamValue } from '../compiler/circuit/index.js';
import { definePass, type Pass } from './pass.js';
import { phaseGatesOf, phaseTerm } from './primitives/symbolic-angles.js';
import { ParityTracker, parityKey } from './primitives/parity.js';

interface Group {
  readonly index: number;
  readonly qubit: number;
  /** Sign of f at the first place: the wire holds f ⊕ 1 there when true. */
  readonly negated: boolean;
  /** A number, or an expression when a term uses an input parameter. */
  sum: ParamValue;
}

/** Merge phase terms with equal parity; pure function of the instruction list. */
export function mergeRotationsList(instructions: readonly Instruction[], numQubits: number, emit: (theta: ParamValue, q: number) => Instruction[]): Instruction[] {
  const tracker = new ParityTracker(numQubits);
  const groups = new Map<string, Group>();
  const groupAt = new Map<number, Group>();
  const dropped = new Set<number>();
  instructions.forEach((inst, i) => {
    const theta = phaseTerm(inst);
    if (theta !== undefined) {
      const q = inst.qubits[0]!;
      const v = tracker.value(q);
      // p(θ) on a wire holding f ⊕ 1 is e^{iθ}·e^{−iθf}: a global phase and the term −θ on f.
      const term = v.negated ? negValue(theta) : theta;
      const key = parityKey(v.parity);
      const g = groups.get(key);
      if (g) {
        g.sum = addValues(g.sum, term);
        dropped.add(i);
      } else {
        const ng: Group = { index: i, qubit: q, negated: v.negated, sum: term };
        groups.set(key, ng);
        groupAt.set(i, ng);
      }
      return;
    }
    tracker.step(inst);
  });
  const out: Instruction[] = [];
  instructions.forEach((inst, i) => {
    if (dropped.has(i)) return;
    const g = groupAt.get(i);
    if (g) out.push(...emit(g.negated ? negValue(g.sum) : g.sum, g.qubit));
    else out.push(inst);
  });
  return out;
}

export const mergeRotations: Pass = definePass(
  { name: 'merge-rotations', requires: [], guarantees: [], symbolic: 'supported' },
  (circuit, ctx) => withInstructions(circuit, mergeRotationsList(circuit.instructions, circuit.numQubits, (t, q) => phaseGatesOf(t, q, ctx.target))),
);
