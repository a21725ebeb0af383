/**
 * The demo report's scaling data, kept cheap: a small NTK sweep over training sizes n (κ(K̃),
 * sparsity, accuracies, post-selection and readout measurement counts; `qntk ntk` with 2 trials
 * and 1 pattern per n) and the logical resources of the solve from n = 2^4 to 2^30, extrapolated
 * from the sparsified NTK measured at the demo's n (`qntk estimate --from-ntk`).
 * @see arXiv:2107.09200 Fig. 2 (κ and measurement counts against n)
 */
import { estimateResources, type Estimate, type EstimateMethod } from '../compiler/estimate.js';
import { measureNtk, ntkPointAt, type NtkMeasurement } from '../compiler/estimate/ntk.js';
import { runNtkExperiment, type NtkRun } from '../compiler/ntk/experiment.js';
import type { Progress } from '../compiler/progress.js';

export interface ScalingOptions {
  readonly digits: readonly [number, number];
  readonly seed: number;
  /** The demo's training size: always in the sweep, and where the NTK is measured for the estimates. */
  readonly n: number;
  /** Test points per trial (capped at 64 to stay cheap; rounded down to even). */
  readonly test: number;
  readonly method: EstimateMethod;
  readonly epsilon: number;
  readonly progress?: Progress;
}

export interface ScalingData {
  /** One row per n of the sweep (`qntk ntk --json` rows). */
  readonly sweep: readonly NtkRun[];
  readonly trials: number;
  readonly test: number;
  readonly measured: NtkMeasurement;
  /** Resources at n = 2^4 … 2^30 (and the demo's n), from the measurement. */
  readonly estimates: readonly Estimate[];
}

/** Training sizes of the sweep: 8 … 128 in powers of two, and n. */
export function sweepSizes(n: number): number[] {
  return [...new Set([8, 16, 32, 64, 128, n])].sort((a, b) => a - b);
}

const TRIALS = 2;

/** Compute the sweep and the estimates (a few seconds at the demo's defaults). */
export async function scalingData(o: ScalingOptions): Promise<ScalingData> {
  const test = Math.max(2, Math.min(64, o.test) & ~1);
  const progress = o.progress ? { progress: o.progress } : {};
  const ntk = await runNtkExperiment({ digits: o.digits, sizes: sweepSizes(o.n), test, seed: o.seed, trials: TRIALS, patterns: 1, ...progress });
  const measured = await measureNtk({ n: o.n, digits: o.digits, seed: o.seed, ...progress });
  const sizes = [...new Set([...Array.from({ length: 27 }, (_, k) => 2 ** (k + 4)), o.n])].sort((a, b) => a - b);
  const estimates = sizes.map((n) => {
    const p = ntkPointAt(measured, n);
    return estimateResources({ n, sparsity: p.sparsity, colors: p.colors, kappa: p.kappa, alphaRatio: p.alphaRatio, kappaEff: p.kappaEff, epsilon: o.epsilon, method: o.method });
  });
  return { sweep: ntk.runs, trials: TRIALS, test, measured, estimates };
}
