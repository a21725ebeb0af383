/**
 * Hadamard gate reduction (Nam et al.'s rules), applied wherever the pattern is consecutive on
 * the wires involved: H·S·H → S†·H·S†, H·S†·H → S·H·S, (H⊗H)·CX·(H⊗H) → reversed CX, and
 * H·S·CX·S†·H (on the target) → S†·CX·S. Fewer H gates means longer CNOT+phase regions for
 * rotation merging.
 * @see arXiv:1710.07345 (Nam et al., §4.1, Fig. 4)
 */
import { instruction, withOwnInstructions, type GateName, type Instruction, type OperationName } from '../compiler/circuit/index.js';
import { definePass, type Pass } from './pass.js';
import { WireGraph } from './primitives/wires.js';

const one = (gate: GateName, q: number): Instruction => instruction(gate, [q]);
const isG = (g: WireGraph, i: number, name: GateName): boolean => i >= 0 && g.insts[i]?.gate === name && !g.insts[i]?.condition;
const DUAL: Partial<Record<OperationName, GateName>> = { s: 'sdg', sdg: 's' };

/** One sweep of the rules; true when something changed. */
export function hadamardSweep(g: WireGraph): boolean {
  let changed = false;
  for (let i = 0; i < g.size; i++) {
    if (!isG(g, i, 'h')) continue;
    const q = g.insts[i]!.qubits[0]!;
    const n1 = g.next(i, q);
    if (n1 < 0) continue;
    const m = g.insts[n1]!;
    // H·S·H → S†·H·S† and H·S†·H → S·H·S
    if (!m.condition && (m.gate === 's' || m.gate === 'sdg')) {
      const n2 = g.next(n1, q);
      if (isG(g, n2, 'h')) {
        const d = DUAL[m.gate]!;
        g.replace(i, one(d, q));
        g.replace(n1, one('h', q));
        g.replace(n2, one(d, q));
        changed = true;
        continue;
      }
      // H·S·CX(c, q)·S†·H → S†·CX·S (and the dual)
      const n2c = g.next(n1, q);
      if (n2c >= 0) {
        const cx = g.insts[n2c]!;
        if (cx.gate === 'cx' && !cx.condition && cx.qubits[1] === q) {
          const n3 = g.next(n2c, q), n4 = n3 >= 0 ? g.next(n3, q) : -1;
          if (isG(g, n3, DUAL[m.gate]!) && isG(g, n4, 'h')) {
            const d = DUAL[m.gate]!;
            g.remove(i);
            g.replace(n1, one(d, q));
            g.replace(n3, one(m.gate, q));
            g.remove(n4);
            changed = true;
            continue;
          }
        }
      }
    }
    // (H⊗H)·CX·(H⊗H) → CX reversed
    if (m.gate === 'cx' && !m.condition) {
      const other = m.qubits[0] === q ? m.qubits[1]! : m.qubits[0]!;
      const hb = g.prev(n1, other), ha2 = g.next(n1, q), hb2 = g.next(n1, other);
      if (isG(g, hb, 'h') && isG(g, ha2, 'h') && isG(g, hb2, 'h')) {
        g.remove(i);
        g.remove(hb);
        g.remove(ha2);
        g.remove(hb2);
        g.replace(n1, { gate: 'cx', qubits: [m.qubits[1]!, m.qubits[0]!], params: [] });
        changed = true;
      }
    }
  }
  return changed;
}

export const reduceHadamards: Pass = definePass(
  { name: 'reduce-hadamards', requires: [], guarantees: [] },
  (circuit) => {
    const g = new WireGraph(circuit.instructions, circuit.numQubits);
    let r = 0;
    while (hadamardSweep(g) && r++ < 10);
    return withOwnInstructions(circuit, g.toInstructions());
  },
);
