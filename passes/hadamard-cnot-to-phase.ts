/**
 * H·CX(c, t)·H on the target is CZ(c, t), and CZ is a phase polynomial:
 * CZ(a, b) = S(a)·S(b)·CX(a, b)·S†(b)·CX(a, b) (e^{iπab} with ab = (a + b − a⊕b)/2). Rewriting the
 * pattern removes two Hadamards, so rotation merging sees one longer CNOT+phase region (more T
 * gates merge); the extra CNOT is usually taken back by resynthesis. Used by -O3 as an alternative
 * pipeline that is kept only when it ends cheaper.
 * @see arXiv:1710.07345 (Nam et al., Hadamard gate reduction, §4.1)
 */
import { instruction, withInstructions, type Instruction } from '../compiler/circuit/index.js';
import { definePass, type Pass } from './pass.js';
import { WireGraph } from './primitives/wires.js';

const g = instruction;

export function hadamardCnotToPhaseList(instructions: readonly Instruction[], numQubits: number): Instruction[] {
  const w = new WireGraph(instructions, numQubits);
  const replace = new Map<number, Instruction[]>();
  for (let i = 0; i < w.size; i++) {
    const h1 = w.insts[i];
    if (!h1 || h1.gate !== 'h' || h1.condition) continue;
    const t = h1.qubits[0]!;
    const j = w.next(i, t);
    if (j < 0) continue;
    const cx = w.insts[j]!;
    if (cx.gate !== 'cx' || cx.condition || cx.qubits[1] !== t) continue;
    const k = w.next(j, t);
    if (k < 0 || w.insts[k]!.gate !== 'h' || w.insts[k]!.condition) continue;
    const c = cx.qubits[0]!;
    w.remove(i);
    w.remove(k);
    replace.set(j, [g('s', [c]), g('s', [t]), g('cx', [c, t]), g('sdg', [t]), g('cx', [c, t])]);
  }
  const out: Instruction[] = [];
  w.insts.forEach((inst, idx) => {
    if (!inst) return;
    const r = replace.get(idx);
    if (r) for (const i of r) out.push(i);
    else out.push(inst);
  });
  return out;
}

export const hadamardCnotToPhase: Pass = definePass(
  { name: 'hadamard-cnot-to-phase', requires: [], guarantees: [] },
  (circuit) => withInstructions(circuit, hadamardCnotToPhaseList(circuit.instructions, circuit.numQubits)),
);
