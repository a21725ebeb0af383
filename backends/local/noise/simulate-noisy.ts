/**
 * simulateNoisy(circuit, model, {shots?, seed?, method?}): the local simulator with device noise,
 * with the same result shape as simulate(). A circuit that measures is simulated on the qubits it
 * uses (a circuit lowered for a 156-qubit device touches a few); its outcomes are over its clbits.
 * - 'density-matrix' is exact: without shots it returns the noisy distribution itself;
 * - 'trajectories' averages sampled pure-state histories and needs shots;
 * - 'auto' takes the density matrix up to `maxDensityQubits` (default 12: 4^12 entries, 256 MiB)
 *   for circuits whose measurements are terminal, trajectories beyond.
 */
import { withCountRecord } from '../results.js';
import type { Circuit, Instruction } from '../../../compiler/circuit/index.js';
import { ResourceError, ValidationError } from '../../../compiler/errors.js';
import { createRandom } from '../../../compiler/linalg/random.js';
import type { EngineOptions } from '../engine.js';
import { arrayWeights, checkShots, sampleCounts } from '../sampling.js';
import type { SimulationResult } from '../simulate.js';
import { MAX_QUBITS } from '../statevector.js';
import { DensityMatrix, MAX_DENSITY_QUBITS } from './density-matrix.js';
import type { NoiseModel } from './model.js';
import { compileNoisy } from './program.js';
import { applyReadout, runTrajectories } from './trajectories.js';

export type NoisyMethod = 'auto' | 'density-matrix' | 'trajectories';

export interface NoisySimulateOptions extends EngineOptions {
  /** Sample this many shots; without shots the density matrix returns exact probabilities. */
  readonly shots?: number;
  readonly seed?: number;
  readonly method?: NoisyMethod;
  /** Largest qubit count 'auto' sends to the density matrix (default 12). */
  readonly maxDensityQubits?: number;
  /** Trajectories to run (default: one per shot, at most 2^(30−n) and at least 64 when shots allow). */
  readonly trajectories?: number;
}

export interface NoisySimulationResult extends SimulationResult {
  readonly method: 'density-matrix' | 'trajectories';
  /** The device qubit of each simulated qubit. */
  readonly physicalQubits: readonly number[];
  /** Schedule length of the circuit (ns). */
  readonly durationNs: number;
  readonly trajectories?: number;
  /** Trajectories: the mean of their final distributions (readout errors applied), an estimate of the noisy distribution. */
  readonly meanProbabilities?: Float64Array;
}

export const DEFAULT_MAX_DENSITY_QUBITS = 12;

/**
 * Drop the qubits no instruction touches; returns the compact circuit and, for each compact qubit,
 * the device qubit it stands for.
 */
export function compactQubits(circuit: Circuit): { circuit: Circuit; physical: number[] } {
  const used = new Set<number>();
  for (const i of circuit.instructions) if (i.gate !== 'barrier') for (const q of i.qubits) used.add(q);
  const physical = [...used].sort((a, b) => a - b);
  const index = new Map(physical.map((q, k) => [q, k]));
  const insts: Instruction[] = [];
  for (const i of circuit.instructions) {
    const qs = i.qubits.filter((q) => index.has(q)).map((q) => index.get(q)!);
    if (i.gate === 'barrier' && qs.length === 0) continue;
    insts.push({ ...i, qubits: qs });
  }
  return {
    circuit: { ...circuit, numQubits: physical.length, qregs: [{ name: 'q', start: 0, size: physical.length }], instructions: insts },
    physical,
  };
}

/** Default trajectory count: one per shot while cheap, never fewer than 64 (or the shots). */
function defaultTrajectories(n: number, shots: number): number {
  return Math.min(shots, Math.max(64, 2 ** Math.max(0, 30 - n)));
}

/** Simulate `circuit` on the local engine with the device noise of `model`. */
export function simulateNoisy(circuit: Circuit, model: NoiseModel, options: NoisySimulateOptions = {}): NoisySimulationResult {
  if (options.shots !== undefined) checkShots(options.shots);
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 32);
  const measures = circuit.instructions.some((i) => i.gate === 'measure');
  const compact = measures ? compactQubits(circuit) : { circuit, physical: Array.from({ length: circuit.numQubits }, (_, q) => q) };
  const m = measures ? model.onQubits(compact.physical) : model;
  // The density matrix defers mid-circuit measurements onto extra qubits; trajectories collapse instead.
  const deferred = compileNoisy(compact.circuit, m, { deferMeasurements: true });
  if (deferred.width > MAX_QUBITS) throw new ResourceError(`noisy simulation: ${deferred.width} outcome bits are too many to tabulate; measure into at most ${MAX_QUBITS} bits`);
  const maxDm = Math.min(options.maxDensityQubits ?? DEFAULT_MAX_DENSITY_QUBITS, MAX_DENSITY_QUBITS);
  const method = options.method ?? 'auto';
  const useDm = method === 'density-matrix' || (method === 'auto' && deferred.numQubits <= maxDm && deferred.terminal);
  if (method === 'density-matrix' && !deferred.terminal) {
    throw new ValidationError('density-matrix simulation: this circuit uses classical conditions; use method trajectories');
  }
  const program = useDm ? deferred : compileNoisy(compact.circuit, m);
  const n = program.numQubits;
  const base = { numQubits: compact.circuit.numQubits, register: program.register, width: program.width, physicalQubits: compact.physical, durationNs: program.durationNs };
  const engine: EngineOptions = { ...(options.threads ? { threads: options.threads } : {}), ...(options.blockQubits ? { blockQubits: options.blockQubits } : {}), ...(options.kernels ? { kernels: options.kernels } : {}) };
  if (useDm) {
    const rho = DensityMatrix.zero(n).run(program, engine);
    const p = marginal(rho.diagonal(), program.source, program.width);
    applyReadout(p, program.readoutQubit, m);
    if (options.shots === undefined) return { ...base, method: 'density-matrix', probabilities: p };
    const counts = sampleCounts(arrayWeights(p), options.shots, createRandom(seed));
    return withCountRecord({ ...base, method: 'density-matrix' as const, probabilities: p, outcomeCounts: counts, shots: options.shots, seed });
  }
  if (options.shots === undefined) {
    throw new ValidationError(`noisy simulation of ${n} qubits runs trajectories, which sample: give a shot count`);
  }
  const trajectories = Math.max(1, Math.min(options.trajectories ?? defaultTrajectories(n, options.shots), options.shots));
  const r = runTrajectories(program, m, { trajectories, shots: options.shots, seed, engine, mean: true });
  return withCountRecord({
    ...base, method: 'trajectories' as const, outcomeCounts: r.counts, shots: options.shots, seed, trajectories,
    ...(r.mean !== undefined ? { meanProbabilities: r.mean } : {}),
  });
}

/** The distribution over outcome bits from the distribution over qubits. */
function marginal(pq: Float64Array, source: Int32Array, width: number): Float64Array {
  const out = new Float64Array(2 ** width);
  for (let i = 0; i < pq.length; i++) {
    const p = pq[i]!;
    if (p === 0) continue;
    let k = 0;
    for (let b = 0; b < width; b++) {
      const q = source[b]!;
      if (q >= 0 && (i >>> q) & 1) k |= 1 << b;
    }
    out[k]! += Math.max(0, p);
  }
  return out;
}
