/**
 * One trial of the experiment: a fresh balanced draw, the network's kernels, the exact classifier,
 * then any number of sparsity patterns, each giving K̃, the sparse and diagonal classifiers and the
 * cost diagnostics. Random streams are derived from (seed, n, trial) so a single problem can be
 * re-created exactly (prepareNtkProblem) from a row of the table.
 */
import { ValidationError } from '../errors.js';
import type { CsrMatrix } from '../linalg/csr.js';
import { createRandom, type Random } from '../linalg/random.js';
import type { Progress } from '../progress.js';
import type { Dataset, DataSource } from './dataset.js';
import {
  accuracy, classifyAtMedian, clipTestVectors, conditionNumber, diagonalWeights, exactWeights, matVec, normalized,
  postselectionCounts, readoutCounts, solveSparse,
} from './evaluate.js';
import type { PreparedNetwork, TrainedKernel } from './network.js';
import { sparsityPattern, sparsityStats } from './sparsity.js';

/** A 32-bit seed for the stream named by `parts` (FNV-1a over their text). */
export function streamSeed(...parts: readonly (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join(':')) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The random stream of trial `trial` at training size n. */
export function trialRandom(seed: number, n: number, trial: number): Random {
  return createRandom(streamSeed('trial', seed, n, trial));
}

/** The per-trial part that does not depend on the sparsity pattern. */
export interface TrialKernels {
  readonly train: Dataset;
  readonly test: Dataset;
  readonly kernel: TrainedKernel;
  /** Unnormalised K(x*, x_i), test rows × n. */
  readonly kstarRaw: Float64Array;
  /** Clipped k̃*, test rows × n. */
  readonly kstar: Float64Array;
  readonly exactOutputs: Float64Array;
  readonly exactAccuracy: number;
}

/** Everything one sparsity pattern yields. */
export interface PatternResult {
  readonly ktilde: CsrMatrix;
  readonly kappa: number;
  readonly sparsity: { readonly maxColumn: number; readonly meanRow: number };
  readonly sparseOutputs: Float64Array;
  readonly diagonalOutputs: Float64Array;
  readonly accuracy: { readonly sparse: number; readonly diagonal: number };
  /** n/P per test point. */
  readonly postselection: Float64Array;
  /** 1/o² − 1 per test point. */
  readonly readout: { readonly sparse: Float64Array; readonly diagonal: Float64Array };
}

export function checkSizes(n: number, test: number): void {
  if (!Number.isInteger(n) || n < 4 || n % 2 !== 0) throw new ValidationError(`n ${n}: training sizes must be even integers ≥ 4 (balanced classes)`, { parameter: 'n' });
  if (!Number.isInteger(test) || test < 2 || test % 2 !== 0) throw new ValidationError(`test ${test}: must be an even integer ≥ 2 (balanced classes)`, { parameter: 'test' });
}

/** Draw the data of one trial and compute its kernels and the exact classifier. */
export async function runTrialKernels(
  source: DataSource, network: PreparedNetwork, n: number, test: number, rng: Random, progress?: Progress,
): Promise<TrialKernels> {
  checkSizes(n, test);
  const { train, test: testSet } = source.draw(n / 2, test / 2, rng);
  const kernel = await network.train(train, progress);
  const kstarRaw = await kernel.cross(testSet, progress);
  const kstar = clipTestVectors(kstarRaw, kernel.kstarScale);
  const exactOutputs = matVec(kstarRaw, testSet.rows, n, exactWeights(kernel.gram, n, train.y));
  return { train, test: testSet, kernel, kstarRaw, kstar, exactOutputs, exactAccuracy: accuracy(classifyAtMedian(exactOutputs), testSet.y) };
}

/** One sparsity pattern on a trial's kernels. */
export function runPattern(trial: TrialKernels, rng: Random): PatternResult {
  const n = trial.train.rows, m = trial.test.rows;
  const y = trial.train.y;
  const pattern = sparsityPattern(n, rng);
  const ktilde = trial.kernel.sparsify(pattern);
  const sparseW = normalized(solveSparse(ktilde, y));
  const diagW = diagonalWeights(trial.kernel.gram, n, y);
  const sparseOutputs = matVec(trial.kstar, m, n, sparseW);
  const diagonalOutputs = matVec(trial.kstar, m, n, diagW);
  const yUnit = y.map((v) => v / Math.sqrt(n));
  return {
    ktilde,
    kappa: conditionNumber(ktilde),
    sparsity: sparsityStats(ktilde),
    sparseOutputs,
    diagonalOutputs,
    accuracy: { sparse: accuracy(classifyAtMedian(sparseOutputs), trial.test.y), diagonal: accuracy(classifyAtMedian(diagonalOutputs), trial.test.y) },
    postselection: postselectionCounts(trial.kstar, m, n),
    readout: { sparse: readoutCounts(trial.kstar, m, n, sparseW), diagonal: readoutCounts(trial.kstar, m, n, yUnit) },
  };
}
