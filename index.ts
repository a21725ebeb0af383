/** qntk public API: one barrel listing the exports of each top-level folder by name. */
export { QntkError, ParseError, ValidationError, SynthesisError, TargetError, ResourceError, BackendError } from './compiler/errors.js';
export type { SourceLocation } from './compiler/errors.js';
export { CMatrix, equalUpToGlobalPhase, globalPhaseDistance } from './compiler/linalg/complex.js';
export type { Complex } from './compiler/linalg/complex.js';
export {
  CircuitBuilder, validateInstruction, remapInstruction, withInstructions, inverseCircuit, isUnitaryCircuit,
  gateSpec, canonicalGateName, gateNames, gateMatrix, gateInverse, controlledMatrix, uMatrix,
  circuitUnitary, circuitState, equivalent,
} from './compiler/circuit/index.js';
export type { Register, Condition, Instruction, Circuit, CircuitMetadata, GateSpec, GateCall } from './compiler/circuit/index.js';
export { parseQasm, readQasmFile, printQasm, circuitToProgram, printProgram, circuitStats } from './compiler/qasm/index.js';
export type { ParseOptions, QasmWriteOptions, Program, CircuitStats } from './compiler/qasm/index.js';
export {
  JobStore, waitForJob, openBackend, parseBackendSpec, LocalBackend, IbmBackend, IbmClient, IonqBackend, IonqClient,
  toIonqCircuit, decodeSamplerResult, decodeIonqProbabilities, ibmDeviceTarget, isaViolations, netConfigFromEnv,
} from './backends/index.js';
export type { Backend, Provider, JobStatus, JobRecord, JobResult, SubmitOptions, RequestPreview, NetConfig, IbmDevice, IonqCircuitInput } from './backends/index.js';
export {
  prepareNtkProblem, runNtkExperiment, readNtkDir, writeNtkDir, fullyConnectedNetwork, mnistSource, readUserData, ntkValue, gramMatrix,
  crossMatrix, sparsityPattern, ruleDepth,
} from './compiler/ntk/index.js';
export type { NtkProblem, NtkProblemOptions, NtkExperimentOptions, NtkExperimentResult, NtkRun, NtkDir, NtkManifest, NtkNetwork, Dataset, DataSource } from './compiler/ntk/index.js';
export { symmetricEigenvalues, lanczosExtremalEigenvalues, lanczosCondition } from './compiler/linalg/eigen.js';
export { readMatrixMarket, writeMatrixMarket, parseMatrixMarket, formatMatrixMarket } from './compiler/linalg/matrix-market.js';
export { solveSymmetric, conjugateGradient } from './compiler/linalg/solve.js';
export { convolutionalNetwork, cnnImages, cnnKernelMatrices, cnnPlan, reluEvaluationsPerPair, cnnSparsifyPattern, cnnSparsityScales, preconditionFactor } from './compiler/ntk/cnn.js';
export { chebEval, chebInterpolate, chebValuesOnLobatto, chebCoeffsFromLobatto, chebParity } from './compiler/linalg/chebyshev.js';
export { inversePolynomial, solvePhases, qspResponse, qspMaxError, QsvtCircuit, chebApply } from './compiler/qsvt/index.js';
export type { InversePolynomial, InversePolynomialOptions, PhaseSolveOptions, PhaseSolveResult, QsvtOptions } from './compiler/qsvt/index.js';
export { compileLinearSystem } from './compiler/pipeline.js';
export type { CompileOptions, CompiledProgram } from './compiler/pipeline.js';
export { Statevector, simulate, distributionRecord, bitstring, checkStateSize } from './backends/local/index.js';
export type { SimulateOptions, SimulationResult, EngineOptions, Precision } from './backends/local/index.js';
export { StatePrep, Qrom, Qft, PhaseEstimation, UniformlyControlledRotation, controlledCircuit, circuitCost, cnotCount } from './compiler/synthesis/index.js';
export type { Component, GateCost, StatePrepOptions, QromOptions, QftOptions, PhaseEstimationOptions } from './compiler/synthesis/index.js';
export { SparseEncoding, FableEncoding, LcuEncoding, encodingCandidates, padMatrix } from './compiler/blockencoding/index.js';
export type { BlockEncoding, EncodingCandidate, ChooseOptions, SparseEncodingOptions, FableOptions, LcuOptions } from './compiler/blockencoding/index.js';
export { buildHhl, buildHhlWalk, estimateHhlCost } from './compiler/hhl/index.js';
export type { HhlOptions, HhlProgram, HhlWalkOptions, HhlWalkProgram } from './compiler/hhl/index.js';
export { estimateResources, modelResources, qsvtDegree, hhlClockQubits, ESTIMATE_RULES } from './compiler/estimate.js';
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
export type { PreparedState, HadamardTestCircuit } from './compiler/readout/index.js';
export { PRESETS, makeContext, sequence, fixedPoint, repeatWhileImproving, bestOf, checkEquivalence, makeTarget, routeSabre, chooseLayout } from './passes/index.js';
export type { Pass, PassContext, Preset, RouteResult, EquivalenceResult } from './passes/index.js';
export { mcx, mcxNoAncilla, mcxOneCleanAncilla, mcxOneDirtyAncilla, mcxDirtyChain, mcpNoAncilla, mczNoAncilla, relativePhaseToffoli } from './compiler/synthesis/mcx.js';
export { zyzAngles, u3Angles, oneQubitToInstructions } from './compiler/synthesis/one-qubit.js';
export { twoQubitToInstructions, weylCoordinates } from './compiler/synthesis/two-qubit.js';
