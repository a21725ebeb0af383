/**
 * The paper's experiment table: for each training size n, several trials (fresh data draws) and
 * several sparsity patterns per trial; accuracy of the exact, sparse and diagonal NTK as mean and
 * standard deviation over trials × patterns, mean κ(K̃), mean sparsity, and the median
 * post-selection and readout counts over all test points (the authors' statistics).
 * @see arXiv:2107.09200 Fig. 2; the authors' training.py (trial schedule) and analysis.ipynb
 */
import { ValidationError } from '../errors.js';
import { silent } from '../progress.js';
import { median } from './evaluate.js';
import { prepareNetwork, problemFrom, resolveSource, type NtkProblem, type NtkSetup } from './problem.js';
import { checkSizes, runPattern, runTrialKernels, trialRandom } from './trial.js';

export interface NtkExperimentOptions extends NtkSetup {
  /** Training sizes, e.g. [16, 32, 64, 128, 256, 512]. */
  readonly sizes: readonly number[];
  /** Trials per n; default the authors' schedule (16 at n ≤ 16, 8 at n ≤ 32, else 4). */
  readonly trials?: number;
  /** Sparsity patterns per trial (default 3). */
  readonly patterns?: number;
  /** Also return trial 0, pattern 0 of every n as a full problem (what --save writes). */
  readonly keepProblems?: boolean;
}

export interface AccuracyTriple {
  readonly exact: number;
  readonly sparse: number;
  readonly diagonal: number;
}

/** One row of the table (the JSON of `qntk ntk --json`). */
export interface NtkRun {
  readonly n: number;
  /** Mean depth over the trials (each trial applies the depth rule to its own data). */
  readonly depth: number;
  /** Mean δ over the trials. */
  readonly delta: number;
  readonly accuracy: AccuracyTriple;
  readonly accuracyStd: AccuracyTriple;
  readonly kappa: number;
  readonly sparsity: { readonly maxColumn: number; readonly meanRow: number };
  readonly postselection: number;
  readonly readout: { readonly sparse: number; readonly diagonal: number };
}

export interface NtkExperimentResult {
  readonly runs: NtkRun[];
  /** Per n: the smallest and largest depth any trial used, and how many trials and patterns ran. */
  readonly details: { readonly n: number; readonly depthRange: readonly [number, number]; readonly trials: number; readonly patterns: number }[];
  readonly source: string;
  readonly network: string;
  readonly kernel: string;
  /** Trial 0, pattern 0 per n, when `keepProblems` was set. */
  readonly problems: NtkProblem[];
}

/** The authors' trial schedule: trials = [16, 8, 4, 4, 4, 4] for n = 16 … 512. */
export function defaultTrials(n: number): number {
  return n <= 16 ? 16 : n <= 32 ? 8 : 4;
}

const mean = (v: readonly number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
const std = (v: readonly number[]): number => {
  const m = mean(v);
  return Math.sqrt(mean(v.map((x) => (x - m) ** 2)));
};

/** Run the whole table. */
export async function runNtkExperiment(options: NtkExperimentOptions): Promise<NtkExperimentResult> {
  const test = options.test ?? 256;
  const patterns = options.patterns ?? 3;
  if (options.sizes.length === 0) throw new ValidationError('--n needs at least one training size');
  for (const n of options.sizes) checkSizes(n, test);
  if (!Number.isInteger(patterns) || patterns < 1) throw new ValidationError(`patterns ${patterns}: must be a positive integer`, { parameter: 'patterns' });
  if (options.trials !== undefined && (!Number.isInteger(options.trials) || options.trials < 1)) {
    throw new ValidationError(`trials ${options.trials}: must be a positive integer`, { parameter: 'trials' });
  }
  const progress = options.progress ?? silent;
  const source = resolveSource(options);
  const { network, prepared } = await prepareNetwork(options, source);
  const seed = options.seed ?? 0;
  const plan = options.sizes.map((n) => ({ n, trials: options.trials ?? defaultTrials(n) }));
  const totalSteps = plan.reduce((s, p) => s + p.trials * patterns, 0);
  let steps = 0;
  const runs: NtkRun[] = [];
  const details: NtkExperimentResult['details'] = [];
  const problems: NtkProblem[] = [];
  for (const { n, trials } of plan) {
    const acc = { exact: [] as number[], sparse: [] as number[], diagonal: [] as number[] };
    const depths: number[] = [], deltas: number[] = [], kappas: number[] = [], maxCols: number[] = [], meanRows: number[] = [];
    const post: number[] = [], readSparse: number[] = [], readDiag: number[] = [];
    for (let t = 0; t < trials; t++) {
      const rng = trialRandom(seed, n, t);
      const trial = await runTrialKernels(source, prepared, n, test, rng, (e) => progress({ stage: `n=${n} ${e.stage}`, done: e.done, total: e.total }));
      depths.push(trial.kernel.depth);
      deltas.push(trial.kernel.delta);
      for (let s = 0; s < patterns; s++) {
        const r = runPattern(trial, rng);
        if (options.keepProblems && t === 0 && s === 0) problems.push(problemFrom(options, source, network, trial, r));
        acc.exact.push(trial.exactAccuracy);
        acc.sparse.push(r.accuracy.sparse);
        acc.diagonal.push(r.accuracy.diagonal);
        kappas.push(r.kappa);
        maxCols.push(r.sparsity.maxColumn);
        meanRows.push(r.sparsity.meanRow);
        post.push(...r.postselection);
        readSparse.push(...r.readout.sparse);
        readDiag.push(...r.readout.diagonal);
        progress({ stage: `n=${n}`, done: ++steps, total: totalSteps });
      }
    }
    runs.push({
      n, depth: mean(depths), delta: mean(deltas),
      accuracy: { exact: mean(acc.exact), sparse: mean(acc.sparse), diagonal: mean(acc.diagonal) },
      accuracyStd: { exact: std(acc.exact), sparse: std(acc.sparse), diagonal: std(acc.diagonal) },
      kappa: mean(kappas), sparsity: { maxColumn: mean(maxCols), meanRow: mean(meanRows) },
      postselection: median(post), readout: { sparse: median(readSparse), diagonal: median(readDiag) },
    });
    details.push({ n, depthRange: [Math.min(...depths), Math.max(...depths)], trials, patterns });
  }
  return { runs, details, source: source.name, network: network.name, kernel: network.kernel, problems };
}
