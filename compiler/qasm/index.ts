/** Public surface of the OpenQASM reader and writer (and the stats every stage prints). */
export { parseQasm } from './parser.js';
export type { ParseOptions } from './parser.js';
export { READER_BUDGETS } from './budgets.js';
export type { ReaderBudgets } from './budgets.js';
export { readQasmFile } from './read.js';
export { parseParameterValues, MAX_SWEEP_POINTS } from './parameter-values.js';
export { printQasm, circuitToProgram, QASM3_STANDARD, QASM2_STANDARD } from './lower.js';
export type { QasmWriteOptions } from './lower.js';
export { printProgram, formatNumber } from './printer.js';
export type { Program, Statement, GateCallNode, ParamExpr, QubitRef, BitRef, ConditionNode, GateModifier } from './ast.js';
export { circuitStats, isOddQuarterPi } from '../circuit/stats.js';
export type { CircuitStats } from '../circuit/stats.js';
