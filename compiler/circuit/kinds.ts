/**
 * What an instruction is, asked in one place: passes, counters, printers and simulators branch on
 * these predicates instead of comparing gate names, so a new non-unitary operation is added once.
 */
import type { Instruction } from './circuit.js';
import type { GateName } from './gates.js';

/** The kinds of instruction the IR has. */
export type InstructionKind = 'gate' | 'measure' | 'reset' | 'barrier' | 'delay';

/** An instruction that applies a unitary library gate. */
export type GateInstruction = Instruction & { readonly gate: GateName };

/** The kind of `inst`. */
export function instructionKind(inst: Instruction): InstructionKind {
  switch (inst.gate) {
    case 'measure':
    case 'reset':
    case 'barrier':
    case 'delay':
      return inst.gate;
    default:
      return 'gate';
  }
}

/** A unitary library gate (possibly classically conditioned). */
export function isGate(inst: Instruction): inst is GateInstruction {
  return instructionKind(inst) === 'gate';
}

/** A unitary gate that always runs: no classical condition. */
export function isUnconditionalGate(inst: Instruction): inst is GateInstruction {
  return isGate(inst) && inst.condition === undefined;
}

/** barrier or delay: scheduling directives that leave the state alone. */
export function isDirective(inst: Instruction): boolean {
  return inst.gate === 'barrier' || inst.gate === 'delay';
}

/** measure or reset: the non-unitary operations that change the state. */
export function isNonUnitaryOperation(inst: Instruction): boolean {
  return inst.gate === 'measure' || inst.gate === 'reset';
}

/** A unitary gate on exactly two qubits. */
export function isTwoQubitGate(inst: Instruction): inst is GateInstruction {
  return isGate(inst) && inst.qubits.length === 2;
}

/** A unitary gate on three or more qubits. */
export function isMultiQubitGate(inst: Instruction): inst is GateInstruction {
  return isGate(inst) && inst.qubits.length > 2;
}

/** An instruction with parameters that depend on the circuit's input parameters (`exprs`). */
export function isSymbolic(inst: Instruction): boolean {
  return inst.exprs !== undefined;
}
