/** Public surface of mitigation/: the estimators (readout mitigation, zero-noise extrapolation, expectation values, a job's mitigated result); they run on distributions, never on a backend. */
export { mitigateReadout, calibrationFromRuns } from './readout.js';
export type { ReadoutCalibration, ReadoutMethod, ReadoutMitigationOptions, Distribution } from './readout.js';
export { extrapolateToZero } from './zne.js';
export type { Extrapolation, ZeroNoiseEstimate } from './zne.js';
export { expectationZ } from './expectation.js';
export { MITIGATIONS } from './methods.js';
export type { Mitigation } from './methods.js';
