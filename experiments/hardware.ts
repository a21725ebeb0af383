/**
 * The NTK experiment sized for today's hardware: the smallest instance that still means something
 * (MNIST 8 vs 9, n = 8 training points, the paper's depth rule), the compact readout circuits
 * (compiler/readout/compact-*.ts) for the diagonal and the sparsified NTK, each lowered for the
 * device at -O3, and for every test point the readout overlap three ways:
 * - ideal: the exact value of the logical circuit (checked against the lowered circuit's exact value);
 * - noisy: sampled from the lowered circuit under the device model's noise;
 * - mitigated: the same samples after the device model's mitigation.
 * @see arXiv:2107.09200 §III–IV (the readout of sign⟨k*|K̃⁻¹y⟩)
 */
import { circuitStats, type Circuit } from '../compiler/circuit/index.js';
import { ValidationError } from '../compiler/errors.js';
import { prepareNtkProblem } from '../compiler/ntk/index.js';
import type { Progress } from '../compiler/progress.js';
import { compactReadout, signedEstimate, type CompactReadout, type CompactReadoutKind } from '../compiler/readout/compact-readout.js';
import { simulate } from '../backends/local/index.js';
import { compactQubits } from '../backends/local/noise/index.js';
import { getTarget } from '../passes/targets/builtins.js';
import { transpile } from '../passes/transpile.js';
import { deviceModel, type DeviceModel } from './device-model.js';

export interface HardwareExperimentOptions {
  /** Device to lower for and model (default ibm_fez). */
  readonly target?: string;
  /** Training points (default 8). */
  readonly n?: number;
  /** Test points, balanced, at least 8 (default 16). */
  readonly points?: number;
  readonly digits?: readonly [number, number];
  /** Seed of the data, the sparsity pattern, the routing and the shots (default 0). */
  readonly seed?: number;
  /** Shots per readout circuit (default 10000). */
  readonly shots?: number;
  /** Which readouts to run (default both, diagonal first). */
  readonly readouts?: readonly CompactReadoutKind[];
  /** The device model (default `deviceModel(target)`): the one place a better noise model plugs in. */
  readonly device?: DeviceModel;
  readonly progress?: Progress;
}

export interface HardwarePoint {
  /** Test point index in the problem's test set. */
  readonly index: number;
  /** Its label, ±1. */
  readonly label: number;
  readonly readout: CompactReadoutKind;
  readonly ideal: number;
  readonly noisy: number;
  readonly mitigated: number;
}

/** The experiment's result, as `qntk demo --hardware --json` prints it. */
export interface HardwareReport {
  readonly target: string;
  readonly n: number;
  /** Largest two-qubit gate count over the lowered readout circuits. */
  readonly twoQubit: number;
  /** Smallest estimated success probability over the lowered readout circuits. */
  readonly esp: number;
  readonly points: readonly HardwarePoint[];
  /** Fraction of points whose noisy / mitigated sign equals the ideal sign. */
  readonly agreement: { readonly noisy: number; readonly mitigated: number };
}

/** One lowered readout circuit's figures. */
export interface HardwareCircuit {
  readonly index: number;
  readonly readout: CompactReadoutKind;
  /** Qubits of the logical circuit and of the lowered one (device qubits it touches). */
  readonly qubits: number;
  readonly loweredQubits: number;
  readonly twoQubit: number;
  readonly depth: number;
  readonly esp: number;
}

export interface HardwareExperiment {
  readonly hardware: HardwareReport;
  readonly circuits: readonly HardwareCircuit[];
  readonly shots: number;
  /** The problem's setting, for the printout. */
  readonly task: { readonly digits: readonly [number, number]; readonly depth: number; readonly kappa: number };
}

/** Exact P(c = 0…0) − P(c = 0…01) of a measuring circuit (idle device qubits dropped first). */
function exactEstimate(circuit: Circuit): number {
  const p = simulate(compactQubits(circuit).circuit).probabilities!;
  return signedEstimate((o) => p[o]!);
}

/** The signed estimate of raw counts: (N(0…0) − N(0…01)) / shots. */
function countsEstimate(counts: Readonly<Record<string, number>>, width: number, shots: number): number {
  const zero = '0'.repeat(width), one = `${'0'.repeat(width - 1)}1`;
  return ((counts[zero] ?? 0) - (counts[one] ?? 0)) / shots;
}

/**
 * Guards against a construction bug (these throw plain errors: never bad input). The lowered
 * circuit must estimate exactly what the logical one does, and the estimate's sign must be the
 * classical prediction's wherever its size exceeds the polynomial's error bound.
 */
function checkIdeal(ideal: number, lowered: number, r: CompactReadout, classical: number, what: string): void {
  if (Math.abs(lowered - ideal) > 1e-9) throw new Error(`internal: the lowered ${what} estimates ${lowered}, the logical circuit ${ideal}`);
  if (Math.abs(ideal) * r.alpha * r.alpha > r.errorBound && Math.sign(ideal) !== Math.sign(classical)) {
    throw new Error(`internal: the ${what} estimates ${ideal}, but the classical prediction is ${classical}`);
  }
}

const agreementOf = (points: readonly HardwarePoint[], key: 'noisy' | 'mitigated'): number =>
  points.filter((p) => Math.sign(p[key]) === Math.sign(p.ideal)).length / points.length;

/** Run the experiment: build, lower, check and sample every readout circuit. */
export async function runHardwareExperiment(options: HardwareExperimentOptions = {}): Promise<HardwareExperiment> {
  const targetName = options.target ?? 'ibm_fez';
  const n = options.n ?? 8, count = options.points ?? 16, seed = options.seed ?? 0, shots = options.shots ?? 10_000;
  const digits = options.digits ?? [8, 9];
  const readouts = options.readouts ?? ['diagonal', 'sparse'];
  if (!Number.isInteger(count) || count < 8 || count % 2 !== 0) throw new ValidationError(`hardware experiment: points ${count} must be an even integer ≥ 8`);
  if (!Number.isInteger(shots) || shots < 1) throw new ValidationError(`hardware experiment: shots ${shots} must be a positive integer`);
  if (readouts.length === 0) throw new ValidationError('hardware experiment: give at least one readout (diagonal, sparse)');
  const device = options.device ?? deviceModel(targetName);
  const target = getTarget(targetName);
  const problem = await prepareNtkProblem({ digits, n, test: count, seed, ...(options.progress ? { progress: options.progress } : {}) });

  const points: HardwarePoint[] = [];
  const circuits: HardwareCircuit[] = [];
  const total = problem.kstar.length * readouts.length;
  for (let index = 0; index < problem.kstar.length; index++) {
    for (const kind of readouts) {
      const r = compactReadout(kind, problem.kstar[index]!, problem.y, problem.ktilde);
      const lowered = transpile(r.measured, target, { level: 3, seed: seed + 1 }).circuit;
      const ideal = exactEstimate(r.measured);
      checkIdeal(ideal, exactEstimate(lowered), r, kind === 'sparse' ? problem.sparseOutputs[index]! : problem.diagonalOutputs[index]!, `${kind} readout of test point ${index}`);
      const counts = device.sample(lowered, { shots, seed: seed + 7919 * (points.length + 1) });
      const quasi = device.mitigate(lowered, counts);
      points.push({
        index, label: problem.testLabels[index]!, readout: kind, ideal,
        noisy: countsEstimate(counts, lowered.numClbits, shots), mitigated: signedEstimate((o) => quasi[o]!),
      });
      const stats = circuitStats(lowered);
      circuits.push({
        index, readout: kind, qubits: r.measured.numQubits, loweredQubits: compactQubits(lowered).physical.length,
        twoQubit: stats.twoQubit, depth: stats.depth, esp: device.esp(lowered),
      });
      options.progress?.({ stage: 'hardware', done: points.length, total });
    }
  }
  const hardware: HardwareReport = {
    target: targetName, n: problem.n,
    twoQubit: Math.max(...circuits.map((c) => c.twoQubit)),
    esp: Math.min(...circuits.map((c) => c.esp)),
    points,
    agreement: { noisy: agreementOf(points, 'noisy'), mitigated: agreementOf(points, 'mitigated') },
  };
  return { hardware, circuits, shots, task: { digits, depth: problem.depth, kappa: problem.kappa } };
}
