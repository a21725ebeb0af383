/** Public surface of experiments/: whole workflows composed from the compiler, the passes and the backends. */
export { runClassifier } from './classifier.js';
export type { ClassifierOptions, ClassifierReport, ClassifierRun, ReadoutPoint } from './classifier.js';
export { readOut, readoutShots } from './readout.js';
export type { ReadoutEstimate } from './readout.js';
