/** Public surface of the readout circuits. */
export type { PreparedState, PostSelection } from '../synthesis/prepared-state.js';
export type { HadamardTestCircuit } from './hadamard-test.js';
export { hadamardTest, overlapFromProbabilities, shotsForSign, withMeasurements } from './hadamard-test.js';
export { amplitudeState, kstarByAncillaRotation, diagonalNtkReadout, sparseNtkReadout } from './ntk-states.js';
export type { JointState } from './compact-joint-state.js';
export { jointState } from './compact-joint-state.js';
export type { XorTerm, XorLcuEncoding, XorLcuOptions } from './compact-block-encoding.js';
export { xorTerms, xorLcuEncoding } from './compact-block-encoding.js';
export type { InverseSqrtPolynomial, DiagonalInverseSqrt } from './compact-inverse.js';
export { inverseSqrtPolynomial, diagonalInverseSqrt } from './compact-inverse.js';
export type { CompactReadout, CompactReadoutKind } from './compact-readout.js';
export { compactReadout, claimedOverlap, signedEstimate } from './compact-readout.js';
