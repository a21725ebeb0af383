/**
 * Rotation merging across CNOT networks (phase folding): every diagonal one-qubit phase gate is a
 * term e^{iθ·f} of the circuit's phase polynomial; terms with the same parity f merge into the
 * first place the circuit holds f, the others disappear. Merged angles that are multiples of π/4
 * come back as t/s/z/sdg/tdg, so Clifford+T circuits stay Clifford+T.
 * @see arXiv:1710.07345 (Nam et al., §4.3)
 */
import { addValues, negValue, sameInstruction, withOwnInstructions, type Instruction, type ParamValue } from '../compiler/circuit/index.js';
import { definePass, type Pass } from './pass.js';
import { phaseGatesOf, phaseTerm } from './primitives/symbolic-angles.js';
import { ParityTable, ParityTracker } from './primitives/parity.js';

/**
 * Merge phase terms with equal parity; pure function of the instruction list. Linear: one pass
 * over the list with typed arrays and a parity hash table.
 */
export function mergeRotationsList(instructions: readonly Instruction[], numQubits: number, emit: (theta: ParamValue, q: number) => Instruction[]): Instruction[] {
  const n = instructions.length;
  const tracker = new ParityTracker(numQubits);
  /** Per instruction: the group it opens (≥ 0), −2 when its term merged into an earlier group, −1 otherwise. */
  const role = new Int32Array(n).fill(-1);
  const table = new ParityTable();
  // Per group, in typed arrays sized for the worst case (a group per instruction): growing plain
  // arrays by push costs more than the tracking itself on a million gates.
  const qubit = new Int32Array(n), negated = new Uint8Array(n), terms = new Int32Array(n);
  /** The sum of each group's terms: a number, or an expression when a term uses an input parameter. */
  const sums = new Array<ParamValue>(n);
  let emitted = 0;
  for (let i = 0; i < n; i++) {
    const inst = instructions[i]!;
    const theta = phaseTerm(inst);
    if (theta === undefined) {
      tracker.step(inst);
      continue;
    }
    const q = inst.qubits[0]!;
    const neg = tracker.negated(q);
    // p(θ) on a wire holding f ⊕ 1 is e^{iθ}·e^{−iθf}: a global phase and the term −θ on f.
    const term = neg ? negValue(theta) : theta;
    let g = tracker.findIn(table, q);
    if (g >= 0) {
      sums[g] = addValues(sums[g]!, term);
      terms[g] = terms[g]! + 1;
      role[i] = -2;
      continue;
    }
    g = tracker.addTo(table, q);
    qubit[g] = q;
    negated[g] = neg ? 1 : 0;
    sums[g] = term;
    terms[g] = 1;
    role[i] = g;
    emitted++;
  }
  // At most two instructions per group (a Clifford+T word), one per other instruction.
  const out = new Array<Instruction>(n + emitted);
  let j = 0;
  for (let i = 0; i < n; i++) {
    const g = role[i]!;
    if (g === -1) out[j++] = instructions[i]!;
    else if (g >= 0) {
      const written = emit(negated[g] === 1 ? negValue(sums[g]!) : sums[g]!, qubit[g]!);
      // A lone term emitted as it was stays the same object: later passes then see that nothing changed there.
      if (terms[g] === 1 && written.length === 1 && sameInstruction(written[0]!, instructions[i]!)) out[j++] = instructions[i]!;
      else for (const e of written) out[j++] = e;
    }
  }
  out.length = j;
  return out;
}

export const mergeRotations: Pass = definePass(
  { name: 'merge-rotations', requires: [], guarantees: [], symbolic: 'supported', idempotent: true },
  (circuit, ctx) => withOwnInstructions(circuit, mergeRotationsList(circuit.instructions, circuit.numQubits, (t, q) => phaseGatesOf(t, q, ctx.target))),
);
