/** Public surface of mitigation/: readout mitigation, zero-noise extrapolation, expectation values, and runNoisy (noisy execution with mitigation in one call). */
export { mitigateReadout, calibrationFromRuns } from './readout.js';
export type { ReadoutCalibration, ReadoutMethod, ReadoutMitigationOptions, Distribution } from './readout.js';
export { extrapolateToZero } from './zne.js';
export type { Extrapolation, ZeroNoiseEstimate } from './zne.js';
export { expectationZ } from './expectation.js';
export { runNoisy, MITIGATIONS } from './run.js';
export type { Mitigation, NoisyRunOptions, NoisyRunResult, ExpectationEstimate } from './run.js';
