/** Public surface of the local noisy simulator: device noise models, density matrix, trajectories. */
export { noiseModel, deviceNoiseModel, noiseModelNames } from './model.js';
export type { NoiseModel, NoiseOptions, ReadoutError } from './model.js';
export { simulateNoisy, compactQubits, DEFAULT_MAX_DENSITY_QUBITS } from './simulate-noisy.js';
export type { NoisyMethod, NoisySimulateOptions, NoisySimulationResult } from './simulate-noisy.js';
export { DensityMatrix, MAX_DENSITY_QUBITS, superoperator } from './density-matrix.js';
export { compileNoisy } from './program.js';
export type { NoisyProgram, NoisyStep, QubitRelaxation } from './program.js';
export { runTrajectories, applyReadout } from './trajectories.js';
export type { TrajectoryOptions, TrajectoryResult } from './trajectories.js';
export {
  thermalRelaxation, relaxationProcessFidelity, averageGateFidelity, processFidelity, depolarizingParameter,
  pauliErrorProbability, dephasingProbability, NO_RELAXATION,
} from '../../../passes/targets/error-channels.js';
export type { Relaxation } from '../../../passes/targets/error-channels.js';
