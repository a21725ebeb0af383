/**
 * runNoisy(circuit, {device, shots, mitigate, …}): one call from a program to noisy results on a
 * calibrated device, raw and mitigated side by side. The pipeline:
 * 1. measure every qubit if the program measures nothing (outcomes stay logical through routing);
 * 2. lower for the device when the program is not in its instruction set (transpile, -O2);
 * 3. run the lowered circuit with the device noise model (raw results, ESP and duration);
 * 4. with mitigations, run the mitigated experiment: for each zero-noise scale (zne) the
 *    two-qubit gates folded, each circuit twirled (twirl: shots shared by the randomisations) and
 *    padded with decoupling pulses (dd), its readout errors undone (readout: calibration circuits
 *    run with the same noise, or the snapshot), and the expectation values extrapolated to zero noise.
 * Without shots the density matrix gives exact distributions everywhere (deterministic results).
 */
import { CircuitBuilder, type Circuit } from '../../compiler/circuit/index.js';
import { ValidationError } from '../../compiler/errors.js';
import { simulate } from './simulate.js';
import { deviceNoiseModel, simulateNoisy, type NoiseModel, type NoiseOptions, type NoisyMethod, type NoisySimulationResult } from './noise/index.js';
import type { EngineOptions } from './engine.js';
import { insertDynamicalDecoupling, type DecouplingSequence } from '../../passes/dynamical-decoupling.js';
import { foldGates } from '../../passes/fold-gates.js';
import { pauliTwirls } from '../../passes/pauli-twirl.js';
import { predictSuccess, type SuccessPrediction } from '../../passes/predict-success.js';
import { pauliInstructions } from '../../passes/primitives/pauli-gates.js';
import { getTarget } from '../../passes/targets/builtins.js';
import { verify, type Target } from '../../passes/targets/target.js';
import { transpile } from '../../passes/transpile.js';
import { expectationZ } from '../../mitigation/expectation.js';
import { MITIGATIONS, type Mitigation } from '../../mitigation/methods.js';
import { calibrationFromRuns, mitigateReadout, type Distribution, type ReadoutCalibration, type ReadoutMethod } from '../../mitigation/readout.js';
import { extrapolateToZero, type Extrapolation } from '../../mitigation/zne.js';

export { MITIGATIONS, type Mitigation };

export interface NoisyRunOptions {
  /** A calibrated device: an IBM snapshot (ibm_fez, …) or ionq_aria / ionq_forte. */
  readonly device: string;
  /** Shots per circuit run; without shots the density matrix returns exact distributions. */
  readonly shots?: number;
  readonly seed?: number;
  readonly method?: NoisyMethod;
  readonly mitigate?: readonly Mitigation[];
  /** Z-parity observables, each a list of outcome bits (default: every outcome bit on its own). */
  readonly observables?: readonly (readonly number[])[];
  readonly readout?: { readonly calibration?: 'circuits' | 'snapshot'; readonly method?: ReadoutMethod; readonly distance?: number };
  readonly twirl?: { readonly randomizations?: number };
  readonly dd?: { readonly sequence?: DecouplingSequence };
  readonly zne?: { readonly scales?: readonly number[]; readonly extrapolation?: Extrapolation; readonly gates?: 'two-qubit' | 'all' };
  readonly noise?: NoiseOptions;
  /** Optimisation level and seed of the lowering (when the program is not in the device's gates). */
  readonly transpile?: { readonly level?: 0 | 1 | 2 | 3; readonly seed?: number };
  readonly engine?: EngineOptions;
  readonly trajectories?: number;
  readonly maxDensityQubits?: number;
  /** Receives one line per noteworthy step (e.g. "lowered for ibm_fez"); the library never prints. */
  readonly logger?: (message: string) => void;
}

/** One observable: ideal (noiseless, when the program is small), raw noisy and mitigated values. */
export interface ExpectationEstimate {
  readonly bits: readonly number[];
  readonly ideal?: number;
  readonly raw: number;
  readonly mitigated?: number;
  /** Zero-noise extrapolation: the achieved scales, the value at each, and the fit used. */
  readonly zne?: { readonly scales: readonly number[]; readonly values: readonly number[]; readonly method: Extrapolation };
}

export interface NoisyRunResult {
  readonly device: string;
  /** The circuit that ran (lowered when needed; scale 1, no twirl or decoupling). */
  readonly circuit: Circuit;
  readonly lowered: boolean;
  /** The raw noisy run (counts and/or exact probabilities, method, device qubits used). */
  readonly raw: NoisySimulationResult;
  readonly predicted: SuccessPrediction;
  readonly expectations: readonly ExpectationEstimate[];
  readonly mitigation?: {
    readonly applied: readonly Mitigation[];
    /** Readout-mitigated quasi-probabilities of the scale-1 experiment. */
    readonly quasiProbabilities?: ReadonlyMap<number, number>;
    readonly readoutCalibration?: ReadoutCalibration;
  };
}

const IDEAL_MAX_QUBITS = 20;

/** Add `meas[q] = measure q` for every qubit when nothing is measured. */
function measuredProgram(circuit: Circuit): Circuit {
  if (circuit.instructions.some((i) => i.gate === 'measure')) return circuit;
  const b = CircuitBuilder.from(circuit);
  const names = new Set([...circuit.qregs, ...circuit.cregs].map((r) => r.name));
  let name = 'meas';
  while (names.has(name)) name += '_';
  const bits = b.addCreg(name, circuit.numQubits);
  for (let q = 0; q < circuit.numQubits; q++) b.measure(q, bits[q]!);
  return b.build();
}

/** The distribution a noisy run produced: counts, else exact probabilities. */
function distributionOf(r: NoisySimulationResult): Map<number, number> {
  if (r.outcomeCounts !== undefined) return new Map(r.outcomeCounts);
  const out = new Map<number, number>();
  r.probabilities!.forEach((p, k) => { if (p > 0) out.set(k, p); });
  return out;
}

/** Sum of several runs' distributions, each normalised (equal weight per circuit). */
function pooled(runs: readonly NoisySimulationResult[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const r of runs) {
    const d = distributionOf(r);
    const total = [...d.values()].reduce((a, b) => a + b, 0);
    for (const [k, v] of d) out.set(k, (out.get(k) ?? 0) + v / total / runs.length);
  }
  return out;
}

function checkObservables(obs: readonly (readonly number[])[], width: number): void {
  for (const bits of obs) {
    for (const b of bits) if (!Number.isInteger(b) || b < 0 || b >= width) throw new ValidationError(`observable bit ${b} is not an outcome bit (0..${width - 1})`);
  }
}

/** Readout calibration of the measured bits: from the calibration circuits or the snapshot. */
function readoutCalibration(lowered: Circuit, target: Target, model: NoiseModel, run: (c: Circuit, seed: number) => NoisySimulationResult, fromCircuits: boolean): ReadoutCalibration {
  const measures = lowered.instructions.filter((i) => i.gate === 'measure');
  const bits: number[] = [];
  const p01 = new Float64Array(lowered.numClbits), p10 = new Float64Array(lowered.numClbits);
  if (!fromCircuits) {
    for (const m of measures) m.qubits.forEach((q, j) => {
      const e = model.readout(q);
      p01[m.clbits![j]!] = e.p01;
      p10[m.clbits![j]!] = e.p10;
    });
    return { p01, p10 };
  }
  const zero = CircuitBuilder.from({ ...lowered, instructions: [] });
  const one = CircuitBuilder.from({ ...lowered, instructions: [] });
  const qubits = [...new Set(measures.flatMap((m) => m.qubits))];
  for (const q of qubits) for (const inst of pauliInstructions('x', q, target)) one.add(inst);
  for (const m of measures) {
    zero.add(m);
    one.add(m);
    bits.push(...m.clbits!);
  }
  return calibrationFromRuns(lowered.numClbits, distributionOf(run(zero.build(), 101)), distributionOf(run(one.build(), 102)), bits);
}

/** Run `circuit` on `options.device` with its noise model, raw and (optionally) mitigated. */
export function runNoisy(circuit: Circuit, options: NoisyRunOptions): NoisyRunResult {
  const model = deviceNoiseModel(options.device, options.noise);
  const target = getTarget(options.device);
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const log = options.logger ?? (() => undefined);
  const program = measuredProgram(circuit);
  const inIsa = verify(program, target).length === 0;
  const lowered = inIsa ? program : transpile(program, target, { level: options.transpile?.level ?? 2, seed: options.transpile?.seed ?? 1 }).circuit;
  if (!inIsa) log(`lowered for ${target.name} first (the program is not in its instruction set)`);
  const simOptions = (shots: number | undefined, s: number) => ({
    ...(shots !== undefined ? { shots } : {}), seed: s, ...(options.method ? { method: options.method } : {}),
    ...(options.trajectories ? { trajectories: options.trajectories } : {}), ...(options.maxDensityQubits ? { maxDensityQubits: options.maxDensityQubits } : {}),
    ...options.engine,
  });
  const run = (c: Circuit, s: number, shots = options.shots): NoisySimulationResult => simulateNoisy(c, model, simOptions(shots, seed + s));
  const raw = run(lowered, 0);
  const width = raw.width;
  const observables = options.observables ?? Array.from({ length: width }, (_, b) => [b]);
  checkObservables(observables, width);
  const rawDist = distributionOf(raw);
  const idealDist = program.numQubits <= IDEAL_MAX_QUBITS ? idealDistribution(program) : undefined;
  const base = observables.map((bits) => ({
    bits, raw: expectationZ(rawDist, bits), ...(idealDist !== undefined ? { ideal: expectationZ(idealDist, bits) } : {}),
  }));
  const predicted = predictSuccess(lowered, model.calibration);
  const applied = MITIGATIONS.filter((m) => options.mitigate?.includes(m));
  if (applied.length === 0) return { device: target.name, circuit: lowered, lowered: !inIsa, raw, predicted, expectations: base };

  const readoutCal = applied.includes('readout') ? readoutCalibration(lowered, target, model, (c, s) => run(c, s), options.readout?.calibration !== 'snapshot') : undefined;
  const randomizations = applied.includes('twirl') ? Math.max(1, options.twirl?.randomizations ?? 16) : 1;
  let zneGates = options.zne?.gates ?? 'two-qubit';
  if (applied.includes('zne') && zneGates === 'two-qubit' && !lowered.instructions.some((i) => i.qubits.length === 2 && i.gate !== 'barrier')) {
    zneGates = 'all';
    log('zne: the circuit has no two-qubit gates; folding every gate instead');
  }
  const requested = applied.includes('zne') ? options.zne?.scales ?? [1, 3, 5] : [1];
  const scales: number[] = [];
  const values: number[][] = observables.map(() => []);
  let quasi: Distribution | undefined;
  requested.forEach((lambda, si) => {
    const folded = lambda === 1 ? { circuit: lowered, scale: 1 } : foldGates(lowered, { scale: lambda, gates: zneGates, seed: seed + si, target });
    scales.push(folded.scale);
    let circuits = applied.includes('twirl') ? pauliTwirls(folded.circuit, target, randomizations, seed + 7919 * (si + 1)) : [folded.circuit];
    if (applied.includes('dd')) circuits = circuits.map((c) => insertDynamicalDecoupling(c, target, { sequence: options.dd?.sequence ?? 'xx', calibration: model.calibration }));
    const per = options.shots === undefined ? undefined : Math.max(1, Math.round(options.shots / circuits.length));
    const dist: Distribution = pooled(circuits.map((c, i) => run(c, 1000 * (si + 1) + i, per)));
    const mitigated = readoutCal !== undefined ? mitigateReadout(dist, width, readoutCal, { method: options.readout?.method ?? 'tensored', distance: options.readout?.distance ?? 3 }) : dist;
    if (folded.scale === 1 && readoutCal !== undefined) quasi = mitigated;
    observables.forEach((bits, i) => values[i]!.push(expectationZ(mitigated, bits)));
  });
  const method = options.zne?.extrapolation ?? 'richardson';
  const foldable = new Set(scales).size > 1;
  if (applied.includes('zne') && !foldable) log('zne: nothing to fold (no gate carries error); the scale-1 value is reported');
  const expectations = base.map((e, i) => {
    if (!applied.includes('zne') || !foldable) return { ...e, mitigated: values[i]![0]! };
    const z = extrapolateToZero(scales, values[i]!, method);
    return { ...e, mitigated: z.value, zne: { scales, values: values[i]!, method: z.method } };
  });
  return {
    device: target.name, circuit: lowered, lowered: !inIsa, raw, predicted, expectations,
    mitigation: { applied, ...(quasi !== undefined ? { quasiProbabilities: quasi } : {}), ...(readoutCal !== undefined ? { readoutCalibration: readoutCal } : {}) },
  };
}

/** The noiseless distribution over outcome bits of the program as written. */
function idealDistribution(program: Circuit): Map<number, number> {
  const p = simulate(program).probabilities!;
  const out = new Map<number, number>();
  p.forEach((v, k) => { if (v > 0) out.set(k, v); });
  return out;
}
