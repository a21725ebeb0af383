/** compiler/ntk public surface: data, kernels, sparsification, problems, experiments, the --save format. */
export { mnistDataDir, readMnistLabels, mnistImages, openIdxImages, parseIdxLabels } from './mnist.js';
export type { IdxImages, MnistSplit } from './mnist.js';
export { preprocess, balancedLabels, pickBalanced, mnistSource, tableSource } from './dataset.js';
export type { Dataset, DataSource, TrialData } from './dataset.js';
export { parseCsv, parseJsonTable, readUserData, MIN_ROWS } from './user-data.js';
export type { LabelledTable } from './user-data.js';
export {
  ERF_VARIANCE, ERF_WEIGHT_VARIANCE, nonlinearity, erfNtkReference, reluNtkReference, erfLayerTable, applyNtkInPlace, ntkValue,
} from './kernels.js';
export type { KernelKind, FcKernelSpec } from './kernels.js';
export { DEPTH_FRACTION, separation, roundHalfEven, convergenceDepth, ruleDepth } from './depth.js';
export { gramMatrix, crossMatrix, applyKernelSymmetric } from './gram.js';
export type { RowMatrix, GramOptions } from './gram.js';
export { patternProbability, expectedRowNonzeros, sparsityPattern, hadamardPattern, sparsityStats } from './sparsity.js';
export { DELTA_HAT, fullyConnectedNetwork } from './network.js';
export type { DepthChoice, TrainedKernel, PreparedNetwork, NetworkContext, NtkNetwork } from './network.js';
export {
  DENSE_EIGEN_LIMIT, median, classifyAtMedian, accuracy, clipTestVectors, conditionNumber, solveSparse, postselectionCounts, readoutCounts,
} from './evaluate.js';
export { streamSeed, trialRandom, runTrialKernels, runPattern } from './trial.js';
export type { TrialKernels, PatternResult } from './trial.js';
export { prepareNtkProblem, resolveSource, prepareNetwork, problemFrom } from './problem.js';
export type { NtkSetup, NtkProblemOptions, NtkProblem } from './problem.js';
export { runNtkExperiment, defaultTrials } from './experiment.js';
export type { NtkExperimentOptions, NtkExperimentResult, NtkRun, AccuracyTriple } from './experiment.js';
export { writeNtkDir, readNtkDir, NTK_DIR_FILES } from './ntk-dir.js';
export type { NtkDir, NtkManifest } from './ntk-dir.js';
