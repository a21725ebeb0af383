/** Synthesis primitives: multiplexors, state preparation, QROM, QFT, phase estimation, cost model (and the passes' gate decompositions). */
export { CostTally, circuitCost, circuitCnotCount, cnotCostOf, cnotCount, gateKey } from './cost.js';
export type { Component, GateCost } from './cost.js';
export {
  appendMultiplexor, appendDiagonal, countMultiplexor, countDiagonal, diagonalLevels, multiplexorAngles, multiplexorCost,
  UniformlyControlledRotation, uniformlyControlledExamples,
} from './uniformly-controlled.js';
export type { RotationAxis, MultiplexorOptions, DiagonalOptions } from './uniformly-controlled.js';
export { StatePrep, statePrepExamples } from './state-prep.js';
export type { Amplitudes, StatePrepOptions } from './state-prep.js';
export { Qrom, qromExamples, unaryIterate, unaryIterationAncillas, CountingSink } from './qrom.js';
export type { QromOptions, UnaryIterationOptions, GateSink } from './qrom.js';
export { Qft, qftExamples } from './qft.js';
export type { QftOptions } from './qft.js';
export { PhaseEstimation, phaseEstimationExamples, walkControlledPower } from './qpe.js';
export type { PhaseEstimationOptions } from './qpe.js';
export { controlledCircuit } from './controlled.js';
export { mcx, mcxNoAncilla, mczNoAncilla, mcpNoAncilla, mcxOneCleanAncilla, mcxOneDirtyAncilla, mcxDirtyChain, relativePhaseToffoli } from './mcx.js';
export type { McxAncillas } from './mcx.js';
export { zyzAngles, u3Angles, eulerMatrix, wrapAngle, namedOneQubitGate, oneQubitToInstructions } from './one-qubit.js';
export type { EulerAngles, OneQubitBasis, OneQubitOptions } from './one-qubit.js';
