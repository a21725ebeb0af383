/**
 * Removal of diagonal gates right before measurement: a gate diagonal in the computational basis
 * whose every qubit is measured next (with nothing in between on those wires) cannot change any
 * outcome, so it goes. Repeats until no such gate is left (a removal can expose another).
 * @see Qiskit RemoveDiagonalGatesBeforeMeasure
 */
import { gateSpec, withInstructions, isUnconditionalGate } from '../compiler/circuit/index.js';
import { definePass, type Pass } from './pass.js';
import { WireGraph } from './primitives/wires.js';

export const removeDiagonalBeforeMeasure: Pass = definePass(
  { name: 'remove-diagonal-before-measure', requires: [], guarantees: [] },
  (circuit) => {
    const g = new WireGraph(circuit.instructions, circuit.numQubits);
    let changed = true;
    while (changed) {
      changed = false;
      for (let i = g.size - 1; i >= 0; i--) {
        const inst = g.insts[i];
        if (!inst || !isUnconditionalGate(inst) || inst.qubits.length === 0 || !gateSpec(inst.gate)?.diagonal) continue;
        const allMeasured = inst.qubits.every((q) => {
          const n = g.next(i, q);
          return n >= 0 && g.insts[n]!.gate === 'measure';
        });
        if (allMeasured) {
          g.remove(i);
          changed = true;
        }
      }
    }
    return withInstructions(circuit, g.toInstructions());
  },
);
