/** Public surface of the circuit IR. */
export type { Register, Condition, Instruction, Circuit, CircuitMetadata } from './circuit.js';
export { CircuitBuilder, instruction, validateInstruction, remapInstruction, withInstructions, inverseCircuit, isUnitaryCircuit } from './circuit.js';
export type { GateSpec, GateCall, GateName, NonUnitaryName, OperationName } from './gates.js';
export { GATE_NAMES, gateSpec, canonicalGateName, gateNames, gateMatrix, gateInverse, controlCount, controlledMatrix, uMatrix, GATE_ALIASES, NON_UNITARY } from './gates.js';
export { circuitUnitary, circuitState, equivalent, applyMatrixToColumns, instructionMatrix, MAX_UNITARY_QUBITS } from './unitary.js';
export { gateDefinition, expandGates, PRIMITIVE_GATES } from './definitions.js';
export { eulerAngles, normalizeAngle } from './euler.js';
export type { EulerAngles } from './euler.js';
export { controlInstruction, controlCircuit } from './control.js';
export { circuitStats, isOddQuarterPi } from './stats.js';
export type { CircuitStats } from './stats.js';
export { instructionKind, isGate, isUnconditionalGate, isDirective, isNonUnitaryOperation, isTwoQubitGate, isMultiQubitGate } from './kinds.js';
export type { InstructionKind, GateInstruction } from './kinds.js';
export { gatePower, controlledParts, unitaryPower, unitaryEigen, principalAngle } from './pow.js';
