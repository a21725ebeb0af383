/** qntk public API: one barrel listing the exports of each top-level folder by name. */
export { QntkError, ParseError, ValidationError, SynthesisError, TargetError, ResourceError, BackendError } from './compiler/errors.js';
export type { SourceLocation } from './compiler/errors.js';
export { CMatrix, equalUpToGlobalPhase, globalPhaseDistance } from './compiler/linalg/complex.js';
export type { Complex } from './compiler/linalg/complex.js';
export {
  CircuitBuilder, validateInstruction, remapInstruction, withInstructions, inverseCircuit, isUnitaryCircuit,
  gateSpec, canonicalGateName, gateNames, gateMatrix, gateInverse, controlledMatrix, uMatrix,
  circuitUnitary, circuitState, equivalent,
  Expr, bindParameters, coerceParameterValue, paramValues, isSymbolic, isParameterized, withParameters,
} from './compiler/circuit/index.js';
export type { Register, Condition, Instruction, Circuit, CircuitMetadata, GateSpec, GateCall, Parameter, ParamValue, ParameterValues, BindOptions } from './compiler/circuit/index.js';
export { parseQasm, readQasmFile, printQasm, circuitToProgram, printProgram, circuitStats, parseParameterValues } from './compiler/qasm/index.js';
export type { ParseOptions, QasmWriteOptions, Program, CircuitStats } from './compiler/qasm/index.js';
export { READER_BUDGETS } from './compiler/qasm/index.js';
export type { ReaderBudgets } from './compiler/qasm/index.js';
export { draw, drawText, drawSvg } from './compiler/draw/index.js';
export type { DrawOptions, DrawFormatOptions } from './compiler/draw/index.js';
export { unitaryPower, gatePower } from './compiler/circuit/index.js';
export {
  JobStore, waitForJob, openBackend, parseBackendSpec, LocalBackend, IbmBackend, IbmClient, IonqBackend, IonqClient,
  toIonqCircuit, decodeSamplerResult, decodeIonqProbabilities, ibmDeviceTarget, isaViolations, netConfigFromEnv,
  prepareSubmission, measureAll, redact, reconcileRecord,
} from './backends/index.js';
export type {
  Backend, Provider, JobStatus, JobRecord, JobResult, SubmitOptions, RequestPreview, NetConfig, IbmDevice, IonqCircuitInput,
  PrepareOptions, PreparedSubmission, PreSubmitCheck, SamplerTwirling, SamplerDynamicalDecoupling, TargetRequest,
} from './backends/index.js';
export {
  prepareNtkProblem, runNtkExperiment, readNtkDir, writeNtkDir, fullyConnectedNetwork, mnistSource, readUserData, ntkValue, gramMatrix,
  crossMatrix, sparsityPattern, ruleDepth,
} from './compiler/ntk/index.js';
export type { NtkProblem, NtkProblemOptions, NtkExperimentOptions, NtkExperimentResult, NtkRun, NtkDir, NtkManifest, NtkNetwork, Dataset, DataSource } from './compiler/ntk/index.js';
export { symmetricEigenvalues, lanczosExtremalEigenvalues, lanczosCondition } from './compiler/linalg/eigen.js';
export { parseMatrixMarket, formatMatrixMarket } from './compiler/linalg/matrix-market.js';
export { readMatrixMarket, writeMatrixMarket } from './compiler/matrix-file.js';
export { solveSymmetric, conjugateGradient } from './compiler/linalg/solve.js';
export { convolutionalNetwork, cnnImages, cnnKernelMatrices, cnnPlan, reluEvaluationsPerPair, cnnSparsifyPattern, cnnSparsityScales, preconditionFactor } from './compiler/ntk/cnn.js';
export { chebEval, chebInterpolate, chebValuesOnLobatto, chebCoeffsFromLobatto, chebParity } from './compiler/linalg/chebyshev.js';
export { inversePolynomial, solvePhases, qspResponse, qspMaxError, QsvtCircuit, QsvtInversion, chebApply, PHASE_SOLVER_MAX_DEGREE } from './compiler/qsvt/index.js';
export type { InversePolynomial, InversePolynomialOptions, PhaseSolveOptions, PhaseSolveResult, QsvtOptions } from './compiler/qsvt/index.js';
export { compileLinearSystem } from './compiler/linear-system.js';
export type { CompileOptions, CompiledProgram } from './compiler/linear-system.js';
export { Statevector, simulate, distributionRecord, bitstring, checkStateSize } from './backends/local/index.js';
export type { SimulateOptions, SimulationResult, EngineOptions } from './backends/local/index.js';
export {
  StatePrep, Qrom, Qft, PhaseEstimation, UniformlyControlledRotation, Diagonal, MultiControlledX, MultiControlledPhase, Layer, Oracle, adjoint,
  CircuitComponent, controlledCircuit, circuitCost, cnotCount, evaluate, formatCallGraph,
} from './compiler/synthesis/index.js';
export type {
  Component, CallGraph, QubitRegister, GateCost, StatePrepOptions, QromOptions, QftOptions, PhaseEstimationOptions, PreparedState, PostSelection,
} from './compiler/synthesis/index.js';
export { SparseEncoding, SparseEncodingModel, FableEncoding, LcuEncoding, CircuitBlockEncoding, encodingCandidates, chooseEncoding, padMatrix } from './compiler/blockencoding/index.js';
export type { Precision } from './backends/local/index.js';
export type { BlockEncoding, EncodingCandidate, ChooseOptions, SparseEncodingOptions, FableOptions, LcuOptions } from './compiler/blockencoding/index.js';
export { buildHhl, buildHhlWalk, HhlCircuit, HhlWalk } from './compiler/hhl/index.js';
export type { HhlOptions, HhlProgram, HhlWalkOptions, HhlWalkProgram } from './compiler/hhl/index.js';
export { estimateResources, estimateComponents, modelResources, qsvtDegree, hhlClockQubits, ESTIMATE_RULES } from './compiler/estimate.js';
export type { Estimate, EstimateOptions, AccessEstimate, ModelInput, ModelResult } from './compiler/estimate.js';
export { CsrMatrix } from './compiler/linalg/csr.js';
export { postselectedState } from './backends/local/index.js';
export type { PostselectedState } from './backends/local/index.js';
export { transpile, optimizationPipeline } from './passes/transpile.js';
export type { TranspileOptions, TranspileResult } from './passes/transpile.js';
export { getTarget, TARGET_NAMES } from './passes/targets/builtins.js';
export { verify } from './passes/targets/target.js';
export type { Target, TargetFamily, Violation } from './passes/targets/target.js';
export { hadamardTest, overlapFromProbabilities, shotsForSign, withMeasurements } from './compiler/readout/index.js';
export type { HadamardTestCircuit } from './compiler/readout/index.js';
export { PRESETS, makeContext, sequence, fixedPoint, repeatWhileImproving, bestOf, checkEquivalence, makeTarget, routeSabre, chooseLayout } from './passes/index.js';
export type { Pass, PassContext, Preset, RouteResult, EquivalenceResult } from './passes/index.js';
export { mcx, mcxNoAncilla, mcxOneCleanAncilla, mcxOneDirtyAncilla, mcxDirtyChain, mcpNoAncilla, mczNoAncilla, relativePhaseToffoli } from './compiler/synthesis/mcx.js';
export { oneQubitToInstructions } from './compiler/synthesis/one-qubit.js';
export { twoQubitToInstructions, weylCoordinates } from './compiler/synthesis/two-qubit.js';
export { stateFidelity, stateOverlap, cosineOverlap } from './compiler/linalg/states.js';
export type { StateLike } from './compiler/linalg/states.js';
export { accuracy, classifyAtMedian, median } from './compiler/ntk/evaluate.js';
export { SparseState, finalState } from './backends/local/index.js';
export type { FinalState, SparseOptions } from './backends/local/index.js';
export { runClassifier, readOut, readoutShots } from './experiments/index.js';
export type { ClassifierOptions, ClassifierReport, ClassifierRun, ReadoutPoint, ReadoutEstimate } from './experiments/index.js';
export { compactReadout, claimedOverlap, jointState, xorLcuEncoding, inverseSqrtPolynomial } from './compiler/readout/index.js';
export type { CompactReadout, CompactReadoutKind, JointState, XorLcuEncoding } from './compiler/readout/index.js';
export { runHardwareExperiment, deviceModel, DEVICE_MODEL_TARGETS } from './experiments/index.js';
export type { HardwareExperimentOptions, HardwareExperiment, HardwareReport, HardwarePoint, DeviceModel } from './experiments/index.js';
export { predictSuccess, predictOnTarget, scheduleCircuit, idleWindows, insertDynamicalDecoupling, pauliTwirls, foldGates, calibrationFor } from './passes/index.js';
export type { SuccessPrediction, Schedule, Calibration } from './passes/index.js';
export { deviceNoiseModel, noiseModel, simulateNoisy, DensityMatrix } from './backends/index.js';
export type { NoiseModel, NoiseOptions, NoisySimulateOptions, NoisySimulationResult } from './backends/index.js';
export { mitigateReadout, extrapolateToZero, expectationZ, MITIGATIONS } from './mitigation/index.js';
export type { Mitigation, ReadoutCalibration, Extrapolation } from './mitigation/index.js';
export { runNoisy } from './backends/local/noisy-run.js';
export type { NoisyRunOptions, NoisyRunResult, ExpectationEstimate } from './backends/local/noisy-run.js';
export { planMitigation } from './backends/plan-mitigation.js';
export { planSubmission, PRE_SUBMIT_CHECKS } from './backends/submission.js';
export type { SubmissionPlan, SubmissionPlanOptions } from './backends/submission.js';
export { barChartSvg, lineChartSvg, histogramSvg, svgFile, scalingData, buildDemoReport, demoReportHtml } from './report/index.js';
export type { BarChart, BarSeries, LineChart, LineSeries, AxisScale, HistogramOptions, ScalingData, ScalingOptions, DemoReportOptions } from './report/index.js';
