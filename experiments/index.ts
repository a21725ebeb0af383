/** Public surface of experiments/: whole workflows composed from the compiler, the passes and the backends. */
export { runClassifier } from './classifier.js';
export type { ClassifierOptions, ClassifierReport, ClassifierRun, ProgramPrediction, ReadoutPoint } from './classifier.js';
export { readOut, readoutShots } from './readout.js';
export type { ReadoutEstimate } from './readout.js';
export { runHardwareExperiment } from './hardware.js';
export type { HardwareExperimentOptions, HardwareExperiment, HardwareReport, HardwarePoint, HardwareCircuit } from './hardware.js';
export { deviceModel, measuredQubitOfClbit, DEVICE_MODEL_TARGETS } from './device-model.js';
export type { DeviceModel, SampleOptions } from './device-model.js';
