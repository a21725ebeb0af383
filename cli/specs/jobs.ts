/** Specs of the commands that submit and follow jobs on the local simulator, IBM Quantum and IonQ. */
import { json, mitigate, observable, param, qasmFile, seed, shots } from '../options.js';
import { defineCommand } from '../spec.js';

const jobId = { name: 'id', describe: 'job id: local id, remote id, or a unique prefix' } as const;
const jsonRecord = json('(the job record)');

export const submitSpec = defineCommand({
  name: 'submit',
  describe: 'Run an OpenQASM circuit on the local simulator, IBM Quantum or IonQ and record the job',
  positionals: [qasmFile('file')],
  options: {
    backend: { type: 'string', required: true, value: 'local|ibm:NAME|ionq:NAME', describe: 'where to run: local, ibm:NAME or ionq:NAME' },
    shots: shots('shots (local default: exact probabilities; IBM 4096; IonQ 1024)'),
    noise: { type: 'string', value: 'MODEL', describe: 'noise model: a calibrated device for local (e.g. ibm_kingston), an IonQ simulator model (e.g. forte-1)' },
    seed: seed('seed for sampling (local), the IonQ noisy simulator, and the folds and twirls of --mitigate'),
    mitigate: mitigate('error mitigation, comma-separated readout,twirl,dd,zne (local needs --noise; IBM: Sampler twirling and decoupling, folded pubs; IonQ: readout, twirl, zne); result prints mitigated values beside the counts'),
    observable: observable('with --mitigate: outcome bits of a Z-parity expectation value, e.g. 0 or 0,1 (default every bit)'),
    transpile: { type: 'boolean', default: true, describe: 'lower for the backend target first (--no-transpile sends the circuit as is)' },
    param: param('values of the program\'s input parameters (repeatable; NAME=V[,…]); a list or range (theta=0:pi:8) sweeps: IBM gets one pub with every value set and the program lowered once'),
    'dry-run': { type: 'boolean', default: false, describe: 'build the exact request and send nothing: print method, URL, headers (secrets redacted), body size and circuit statistics' },
    'request-out': { type: 'string', value: 'FILE', describe: 'with --dry-run: write the full request to FILE (JSON {method, url, headers, body}, secrets redacted)' },
    wait: { type: 'boolean', default: false, describe: 'poll until the job ends and print its counts' },
    json: json('{id, provider, backend, status} (with --wait: and the result; with --dry-run: {dryRun, provider, backend, request, circuit: {…, predicted: {esp, durationNs}}, warnings, mitigation?})'),
  },
});

export const statusSpec = defineCommand({
  name: 'status',
  describe: 'Show the status of a recorded job (local id, remote id, or a unique prefix)',
  positionals: [jobId],
  options: { json: jsonRecord },
});

export const resultSpec = defineCommand({
  name: 'result',
  describe: 'Print the counts of a finished job (fetched once, then kept in the job store)',
  positionals: [jobId],
  options: { json: json('{id, status, counts, probabilities?, mitigated?: {applied, quasiProbabilities?, expectations: [{bits, raw, mitigated, zne?}]}}') },
});

export const jobsSpec = defineCommand({
  name: 'jobs',
  describe: 'List every recorded job; records whose create response was lost are first looked up at their provider',
  positionals: [],
  options: { json: json('{jobs: [records]}, plus unreconciled: [{id, reason}] when a record could not be looked up') },
});

export const cancelSpec = defineCommand({
  name: 'cancel',
  describe: 'Cancel a queued or running cloud job',
  positionals: [jobId],
  options: { json: jsonRecord },
});

export const backendsSpec = defineCommand({
  name: 'backends',
  describe: 'List the devices of IBM Quantum or IonQ',
  positionals: [{ name: 'provider', describe: 'ibm | ionq', choices: ['ibm', 'ionq'] }],
  options: { json: json('{backends: […]}') },
});
