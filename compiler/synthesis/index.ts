/** Synthesis primitives as components (multiplexors, diagonals, state preparation, QROM, QFT, phase estimation, multi-controlled gates), the component model, the cost model, and the passes' gate decompositions. */
export { CostTally, circuitCost, circuitCnotCount, cnotCostOf, cnotCount, gateKey, mcxKey, mczKey } from './cost.js';
export type { GateCost } from './cost.js';
export { ComponentBase, evaluate, costOf, costOfCalls, layoutRegisters, registerQubits, range } from './component.js';
export type { Component, CallGraph, Callee, Evaluation, QubitRegister } from './component.js';
export { Layer, Oracle, Adjoint, adjoint, Repeated, CircuitComponent, inverseGateKey, gateCalls } from './primitives.js';
export { formatCallGraph } from './call-graph.js';
export type { PreparedState, PostSelection } from './prepared-state.js';
export {
  appendMultiplexor, appendDiagonal, countMultiplexor, countDiagonal, diagonalLevels, multiplexorAngles,
  UniformlyControlledRotation, Diagonal, uniformlyControlledExamples, diagonalExamples,
} from './uniformly-controlled.js';
export type { RotationAxis, MultiplexorOptions, MultiplexorSpec, DiagonalOptions } from './uniformly-controlled.js';
export { StatePrep, statePrepExamples } from './state-prep.js';
export type { Amplitudes, StatePrepOptions, StatePrepSizes } from './state-prep.js';
export { unaryIterate, unaryIterationAncillas, CountingSink } from './unary-iteration.js';
export type { UnaryIterationOptions, GateSink } from './unary-iteration.js';
export { Qrom, qromExamples } from './qrom.js';
export type { QromOptions, FullQromSizes } from './qrom.js';
export { Qft, qftExamples } from './qft.js';
export type { QftOptions } from './qft.js';
export { PhaseEstimation, phaseEstimationExamples } from './qpe.js';
export type { PhaseEstimationOptions } from './qpe.js';
export { controlledCircuit } from './controlled.js';
export { mcx, mcxNoAncilla, mczNoAncilla, mcpNoAncilla, mcxOneCleanAncilla, mcxOneDirtyAncilla, mcxDirtyChain, relativePhaseToffoli } from './mcx.js';
export type { McxAncillas } from './mcx.js';
export { MultiControlledX, MultiControlledPhase, multiControlledExamples } from './multi-controlled.js';
export type { McxConstruction } from './multi-controlled.js';
export { namedOneQubitGate, oneQubitToInstructions } from './one-qubit.js';
export type { OneQubitBasis, OneQubitOptions } from './one-qubit.js';
