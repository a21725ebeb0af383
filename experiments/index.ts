/** Public surface of the experiments: the hardware-sized NTK experiment and its device models. */
export { runHardwareExperiment } from './hardware.js';
export type { HardwareExperimentOptions, HardwareExperiment, HardwareReport, HardwarePoint, HardwareCircuit } from './hardware.js';
export {
  deviceModel, modelFromRates, calibratedRates, estimatedSuccess, invertReadout, measuredQubitOfClbit, IONQ_FORTE_RATES, DEVICE_MODEL_TARGETS,
} from './device-model.js';
export type { DeviceModel, ErrorRates, SampleOptions } from './device-model.js';
