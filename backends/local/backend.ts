/**
 * The local simulator behind the Backend contract: exact probabilities (no shots), seeded counts,
 * or counts with device noise (`noise`: a calibrated device such as ibm_kingston). Jobs run at
 * submission and are stored like cloud jobs, so `qntk status | result | jobs` treat them alike.
 */
import { bindParameters, type Circuit } from '../../compiler/circuit/index.js';
import { BackendError, QntkError, ValidationError } from '../../compiler/errors.js';
import { runMitigatedSimulation } from './mitigated-job.js';
import { getTarget } from '../../passes/targets/builtins.js';
import { calibrationFor } from '../../passes/targets/calibration.js';
import { verify, type Target } from '../../passes/targets/target.js';
import {
  checkedParameterValues, groupViolations, measuredQubits, notReady, registerInfo,
  type Backend, type BackendCalibration, type JobRecord, type JobResult, type MitigationSupport, type SubmitOptions, type SweepPoint,
} from '../backend.js';
import { hashProgram, type JobStore } from '../job-store.js';
import { compactQubits, deviceNoiseModel, noiseModelNames, simulateNoisy, type NoiseModel } from './noise/index.js';
import { distributionRecord } from './results.js';
import { simulate } from './simulate.js';
import { checkStateSize } from './statevector.js';

/** Shots drawn when noise is requested without --shots (noise is sampled, never exact). */
export const LOCAL_NOISY_DEFAULT_SHOTS = 1024;

export { noiseModelNames };

/** The noise model of a calibrated built-in device (see noise/model.ts); a clear error for anything else. */
export function localNoiseModel(name: string): NoiseModel {
  return deviceNoiseModel(name);
}

export class LocalBackend implements Backend {
  readonly provider = 'local' as const;
  readonly name = 'simulator';
  /** Input parameters are bound here, once per value set (a sweep is one job with one result per set). */
  readonly takesParameterValues = true;
  private readonly store: JobStore;

  constructor(opts: { store: JobStore }) {
    this.store = opts.store;
  }

  /** The noise device's target (lowering keeps its calibration meaningful), or null: any circuit runs as written. */
  async target(options: SubmitOptions): Promise<Target | null> {
    if (options.twirling !== undefined || options.dynamicalDecoupling !== undefined) {
      throw new BackendError("the Sampler's twirling and dynamical decoupling are IBM options, not the local simulator's", { exitCode: 2 });
    }
    if (options.shots !== undefined && options.shots > 1e9) throw new ValidationError(`shots ${options.shots}: the local simulator samples at most 1e9 shots`, { parameter: 'shots' });
    if (options.noise === undefined) return null;
    localNoiseModel(options.noise);
    return getTarget(options.noise);
  }

  /** The target's rules, and the simulator's memory limit for the qubits it will simulate. */
  async check(circuit: Circuit, options: SubmitOptions, target: Target | null): Promise<string[]> {
    await this.target(options);
    // A measuring circuit is simulated over the qubits it uses (a lowered circuit spans the whole device).
    checkStateSize(circuit.instructions.some((i) => i.gate === 'measure') ? compactQubits(circuit).circuit.numQubits : circuit.numQubits);
    return target === null ? [] : groupViolations(verify(circuit, target));
  }

  /** Local jobs send no request. */
  preview(): null {
    return null;
  }

  /** Local records always know their outcome. */
  reconcile(id: string): Promise<JobRecord> {
    return this.store.get(id);
  }

  async submit(circuit: Circuit, options: SubmitOptions): Promise<JobRecord> {
    const model = options.noise !== undefined ? localNoiseModel(options.noise) : undefined;
    const shots = options.shots ?? (model ? LOCAL_NOISY_DEFAULT_SHOTS : undefined);
    if (shots !== undefined && (!Number.isInteger(shots) || shots < 1)) throw new ValidationError(`shots ${shots} must be a positive integer`, { parameter: 'shots' });
    const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
    const sets = checkedParameterValues(circuit, options.parameterValues);
    const rec = await this.store.create({
      provider: 'local', backend: this.name, programHash: hashProgram(JSON.stringify(circuit.instructions)),
      ...(shots !== undefined ? { shots } : {}), status: 'running',
      qubits: circuit.numQubits, clbits: circuit.numClbits, cregs: registerInfo(circuit), measuredQubits: measuredQubits(circuit),
      details: { ...(model ? { noise: model.name } : {}), ...(shots !== undefined ? { seed } : {}) },
      ...(options.mitigation !== undefined ? { mitigation: options.mitigation.record } : {}),
      ...(sets.length > 0 ? { parameterValues: sets } : {}),
    });
    let result: JobResult;
    try {
      const m = options.mitigation;
      if (m !== undefined && options.noise !== undefined) result = runMitigatedSimulation(circuit, m, { device: options.noise, shots: shots!, seed });
      else if (sets.length === 0) result = run(circuit, shots, seed, model);
      else {
        // Each set is bound and run with its own seed (seed + k), so a sweep is reproducible point by point.
        const sweep: SweepPoint[] = sets.map((values, k) => ({ values, ...run(bindParameters(circuit, values), shots, seed + k, model) }));
        const { values: _first, ...first } = sweep[0]!;
        result = sweep.length === 1 ? first : { ...first, sweep };
      }
    } catch (err) {
      await this.store.update(rec.id, () => ({ status: 'failed', error: err instanceof Error ? err.message : String(err) }));
      throw err instanceof QntkError ? err : new BackendError(`local simulation failed: ${(err as Error).message}`);
    }
    return this.store.update(rec.id, () => ({ status: 'completed', result }));
  }

  /** The noise device's built-in calibration (nothing without a noise model: the simulator is exact). */
  calibration(_target: Target | null, options: SubmitOptions): BackendCalibration | undefined {
    if (options.noise === undefined) return undefined;
    const t = getTarget(options.noise);
    return { calibration: calibrationFor(t), source: `${t.name} built-in calibration (the noise model)` };
  }

  /** With a noise model every method runs inside the noisy simulation (noisy-run.ts); without one there is nothing to mitigate. */
  mitigationSupport(options: SubmitOptions): MitigationSupport {
    const way = options.noise !== undefined ? 'simulation' as const : { refused: 'the local simulator without a noise model is exact; give the local backend a calibrated noise model (e.g. ibm_fez)' };
    return { readout: way, twirl: way, dd: way, zne: way };
  }

  status(id: string): Promise<JobRecord> {
    return this.store.get(id);
  }

  async result(id: string): Promise<JobResult> {
    const rec = await this.store.get(id);
    if (rec.result === undefined) throw notReady(rec);
    return rec.result;
  }

  async cancel(id: string): Promise<JobRecord> {
    const rec = await this.store.get(id);
    throw new BackendError(`job ${rec.id} is already ${rec.status}; local jobs run at submission, nothing to cancel`);
  }
}

function run(full: Circuit, shots: number | undefined, seed: number, noise: NoiseModel | undefined): JobResult {
  // The noisy simulation keeps only the qubits a measuring circuit uses (a lowered circuit spans the whole device).
  if (noise !== undefined) return { counts: distributionRecord(simulateNoisy(full, noise, { shots: shots!, seed })), shots: shots! };
  let circuit = full;
  // A measuring circuit's outcomes are over clbits, so idle qubits can go.
  if (full.instructions.some((i) => i.gate === 'measure')) circuit = compactQubits(full).circuit;
  if (shots === undefined) return { counts: {}, probabilities: distributionRecord(simulate(circuit)), shots: 0 };
  return { counts: distributionRecord(simulate(circuit, { shots, seed })), shots };
}
