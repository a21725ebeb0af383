/**
 * Removal of diagonal gates right before measurement: a gate diagonal in the computational basis
 * whose every qubit is measured next (with nothing in between on those wires) cannot change any
 * outcome, so it goes, and so on until no such gate is left (a removal can expose the gate
 * before it). Only gates next to a measurement are looked at: linear in the measurements.
 * @see Qiskit RemoveDiagonalGatesBeforeMeasure
 */
import { gateSpec, instructionKind, isUnconditionalGate, withOwnInstructions } from '../compiler/circuit/index.js';
import { definePass, type Pass } from './pass.js';
import { WireGraph } from './primitives/wires.js';

export const removeDiagonalBeforeMeasure: Pass = definePass(
  { name: 'remove-diagonal-before-measure', requires: [], guarantees: [] },
  (circuit) => {
    const measures: number[] = [];
    circuit.instructions.forEach((inst, k) => {
      if (instructionKind(inst) === 'measure') measures.push(k);
    });
    if (measures.length === 0) return circuit;
    const g = new WireGraph(circuit.instructions, circuit.numQubits);
    // Only a gate right before a measurement can go; removing it puts the gate before it there.
    const candidates: number[] = [];
    for (const m of measures) for (const q of g.insts[m]!.qubits) candidates.push(g.prev(m, q));
    let removed = false;
    while (candidates.length > 0) {
      const i = candidates.pop()!;
      const inst = i < 0 ? null : g.insts[i];
      if (!inst || !isUnconditionalGate(inst) || inst.qubits.length === 0 || !gateSpec(inst.gate)?.diagonal) continue;
      const allMeasured = inst.qubits.every((q) => {
        const n = g.next(i, q);
        return n >= 0 && instructionKind(g.insts[n]!) === 'measure';
      });
      if (!allMeasured) continue;
      const before = inst.qubits.map((q) => g.prev(i, q));
      g.remove(i);
      removed = true;
      for (const b of before) candidates.push(b);
    }
    return removed ? withOwnInstructions(circuit, g.toInstructions()) : circuit;
  },
);
