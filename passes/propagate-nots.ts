/**
 * NOT-gate propagation: X gates are carried forward as pending flags instead of being emitted,
 * through CNOTs (an X on the control spreads to the target, an X on the target passes) and
 * through phase gates (which flip their angle), so pairs meet and vanish and the survivors stop
 * blocking CNOT cancellation. A pending X is written out just before the first gate it cannot
 * pass, and at the end.
 * @see arXiv:1710.07345 (Nam et al., §4, "NOT gate propagation")
 */
import { withOwnInstructions, type Instruction } from '../compiler/circuit/index.js';
import { definePass, type Pass } from './pass.js';
import { phaseAngle, phaseGates } from './primitives/angles.js';
import type { Target } from './targets/target.js';

export function propagateNotsList(instructions: readonly Instruction[], numQubits: number, target: Target): Instruction[] {
  const pending = new Array<boolean>(numQubits).fill(false);
  // The X a pending flag came from while it has passed nothing: written back as the same object,
  // so later passes see that nothing changed there.
  const unmoved = new Array<Instruction | null>(numQubits).fill(null);
  // Sized up front (growing a million-entry list by push costs more than the pass): each input
  // gives at most one instruction, or a two-gate phase word, and each wire one final X.
  const out = new Array<Instruction>(2 * instructions.length + numQubits);
  let n = 0;
  const flush = (q: number): void => {
    if (pending[q]) {
      out[n++] = unmoved[q] ?? { gate: 'x', qubits: [q], params: [] };
      pending[q] = false;
    }
  };
  for (const inst of instructions) {
    if (inst.condition) {
      for (const q of inst.qubits) flush(q);
      out[n++] = inst;
      continue;
    }
    if (inst.gate === 'x') {
      const q = inst.qubits[0]!;
      pending[q] = !pending[q];
      unmoved[q] = pending[q] ? inst : null;
      continue;
    }
    const th = phaseAngle(inst);
    if (th !== undefined) {
      const q = inst.qubits[0]!;
      // p(θ)·X = e^{iθ}·X·p(−θ): the phase flips sign and the X keeps going.
      if (!pending[q]) out[n++] = inst;
      else {
        for (const g of phaseGates(-th, q, target)) out[n++] = g;
        unmoved[q] = null;
      }
      continue;
    }
    if (inst.gate === 'cx') {
      const [c, t] = inst.qubits as [number, number];
      // X(c) then CX = CX then X(c)·X(t); an X on the target commutes with CX.
      if (pending[c]) pending[t] = !pending[t];
      unmoved[c] = unmoved[t] = null;
      out[n++] = inst;
      continue;
    }
    for (const q of inst.qubits) flush(q);
    out[n++] = inst;
  }
  for (let q = 0; q < numQubits; q++) flush(q);
  out.length = n;
  return out;
}

export const propagateNots: Pass = definePass(
  { name: 'propagate-nots', requires: [], guarantees: [] },
  (circuit, ctx) => withOwnInstructions(circuit, propagateNotsList(circuit.instructions, circuit.numQubits, ctx.target)),
);
