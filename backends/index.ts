/** Public surface of the execution backends: the Backend contract, job store, and the local, IBM and IonQ clients. */
export { FINAL_STATUSES, waitForJob, notReady, registerInfo, measuredQubits, needsReconciliation, needsRefresh, groupViolations } from './backend.js';
export type {
  Backend, Provider, JobStatus, JobRecord, JobResult, SubmitOptions, RequestPreview, RegisterInfo, PollOptions, TargetRequest,
  SubmissionState, SamplerTwirling, SamplerDynamicalDecoupling,
} from './backend.js';
export { JobStore, qntkHome, newJobId, hashProgram } from './job-store.js';
export { HttpClient, UncertainOutcomeError, DEFAULT_NET, netConfigFromEnv, parseRetryAfter } from './http.js';
export { redact, Redactor, envSecrets, boundedLine, REDACTED } from './redact.js';
export { prepareSubmission, measureAll, notSendable } from './prepare.js';
export type { PrepareOptions, PreparedSubmission, PreSubmitCheck, PreSubmitInput } from './prepare.js';
export { createIdempotently, reconcileRecord, submitterAlive } from './reconcile.js';
export type { CreateProtocol, RemoteJobRef } from './reconcile.js';
export type { NetConfig, HttpRequest, HttpResponse } from './http.js';
export { parseBackendSpec, openBackend } from './open.js';
export type { BackendSpec, OpenBackendOptions } from './open.js';
export { LocalBackend, localNoiseModel, noiseModelNames } from './local/backend.js';
export { deviceNoiseModel, noiseModel, simulateNoisy, DensityMatrix } from './local/noise/index.js';
export type { NoiseModel, NoiseOptions, NoisySimulateOptions, NoisySimulationResult } from './local/noise/index.js';
export { IbmBackend, ibmQasm, mapIbmStatus, qntkTag } from './ibm/backend.js';
export { IbmClient, ibmConfigFromEnv } from './ibm/client.js';
export { samplerJobBody, samplerOptions, validateSamplerOptions } from './ibm/sampler.js';
export type { IbmConfig } from './ibm/client.js';
export { deviceFromApi, ibmDeviceTarget, isaViolations } from './ibm/device.js';
export type { IbmDevice } from './ibm/device.js';
export { decodeSamplerResult } from './ibm/results.js';
export { IonqBackend, mapIonqStatus, normaliseIonqBackend } from './ionq/backend.js';
export { IonqClient, ionqConfigFromEnv, ionqJobBody, IONQ_NOISE_MODELS } from './ionq/client.js';
export type { IonqConfig } from './ionq/client.js';
export { toIonqCircuit, serialiseIonqCircuit, nativeEntanglers } from './ionq/circuit-json.js';
export type { IonqCircuitInput, IonqGate, IonqGateset } from './ionq/circuit-json.js';
export { decodeIonqProbabilities, largestRemainder } from './ionq/results.js';
