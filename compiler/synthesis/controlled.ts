/**
 * controlled-U with the control as qubit 0 (the circuit's qubit i becomes i + 1): the layout phase
 * estimation uses. The gate-by-gate construction, exact including global phase, is the IR's
 * `controlCircuit` (compiler/circuit/control.ts).
 */
import { CircuitBuilder, controlCircuit, type Circuit } from '../circuit/index.js';

/** controlled-U for a unitary circuit U; qubit 0 is the control. */
export function controlledCircuit(circuit: Circuit): Circuit {
  const shifted = new CircuitBuilder(circuit.numQubits + 1).compose(circuit, Array.from({ length: circuit.numQubits }, (_, i) => i + 1)).build();
  return controlCircuit(shifted, [0]);
}
