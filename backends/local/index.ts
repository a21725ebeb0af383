/** Public surface of the local statevector simulator. */
export { Statevector, checkStateSize, stateBytes, MAX_QUBITS, MAX_QUBITS_SINGLE, MAX_STATE_BYTES } from './statevector.js';
export type { AmplitudesOf, Precision, StateOptions, StateSizeOptions } from './statevector.js';
export { simulate } from './simulate.js';
export type { SimulateOptions, SimulationResult } from './simulate.js';
export { sampleCounts, amplitudeWeights, arrayWeights } from './sampling.js';
export type { Weights } from './sampling.js';
export { bitstring, distributionRecord, PRINT_THRESHOLD } from './results.js';
export { compileOps } from './compile.js';
export { BLOCK_QUBITS, PARALLEL_MIN_QUBITS } from './engine.js';
export type { EngineOptions } from './engine.js';
export type { Amplitudes, Op } from './kernels.js';
export { postselectedState } from './postselect.js';
export type { PostselectedState } from './postselect.js';
export { SparseState, SPARSE_MAX_QUBITS } from './sparse.js';
export type { SparseOptions } from './sparse.js';
export { finalState } from './final-state.js';
export type { FinalState, FinalStateOptions } from './final-state.js';
