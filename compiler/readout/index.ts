/** Public surface of the readout circuits. */
export type { PreparedState, PostSelection } from '../synthesis/prepared-state.js';
export type { HadamardTestCircuit } from './hadamard-test.js';
export { hadamardTest, overlapFromProbabilities, shotsForSign, withMeasurements } from './hadamard-test.js';
export { amplitudeState, kstarByAncillaRotation, diagonalNtkReadout, sparseNtkReadout } from './ntk-states.js';
