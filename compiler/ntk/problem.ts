/**
 * The library entry points: one NTK problem (what the quantum compiler consumes) and the full
 * experiment table of the paper (accuracy, κ, sparsity and measurement counts per n).
 * @see arXiv:2107.09200 (Fig. 2–3 and the supplementary tables)
 */
import type { CsrMatrix } from '../linalg/csr.js';
import { createRandom } from '../linalg/random.js';
import type { Progress } from '../progress.js';
import { mnistSource, type DataSource } from './dataset.js';
import { median } from './evaluate.js';
import type { KernelKind } from './kernels.js';
import { fullyConnectedNetwork, type DepthChoice, type NtkNetwork, type PreparedNetwork } from './network.js';
import { checkSizes, runPattern, runTrialKernels, streamSeed, trialRandom, type PatternResult, type TrialKernels } from './trial.js';
import { readUserData } from './user-data.js';

/** Where the data comes from and which network: shared by problems and experiments. */
export interface NtkSetup {
  /** MNIST digit pair [−1 class, +1 class]; default [8, 9]. Ignored when `data` is given. */
  readonly digits?: readonly [number, number];
  /** A CSV/JSON file (see user-data.ts) or a ready data source instead of MNIST. */
  readonly data?: string | DataSource;
  readonly seed?: number;
  readonly depth?: DepthChoice;
  /** Activation of the fully-connected network (default erf). Ignored when `network` is given. */
  readonly kernel?: KernelKind;
  /** Default: the fully-connected network with `kernel`. */
  readonly network?: NtkNetwork;
  /** Test examples (balanced); default 256. */
  readonly test?: number;
  readonly threads?: number;
  readonly progress?: Progress;
}

export interface NtkProblemOptions extends NtkSetup {
  readonly n: number;
  /** Which trial and pattern of the experiment table to re-create (default 0, 0). */
  readonly trial?: number;
  readonly pattern?: number;
}

/** One sparsified-NTK classification problem. */
export interface NtkProblem {
  readonly n: number;
  readonly source: string;
  readonly digits?: readonly [number, number];
  readonly seed: number;
  readonly network: string;
  readonly kernel: string;
  readonly depth: number;
  readonly delta: number;
  /** K̃ (n×n, symmetric CSR). */
  readonly ktilde: CsrMatrix;
  /** Training labels ±1 (|y⟩ has amplitudes y_i/√n). */
  readonly y: Float64Array;
  /** Clipped test vectors k̃*, one per test point, each of length n. */
  readonly kstar: Float64Array[];
  readonly testLabels: Float64Array;
  /** The divisor applied to k* before clipping. */
  readonly kstarScale: number;
  readonly exactOutputs: Float64Array;
  readonly sparseOutputs: Float64Array;
  readonly diagonalOutputs: Float64Array;
  readonly accuracy: { readonly exact: number; readonly sparse: number; readonly diagonal: number };
  readonly kappa: number;
  readonly sparsity: { readonly maxColumn: number; readonly meanRow: number };
  /** Median post-selection repetitions n/P over the test points. */
  readonly postselection: number;
  /** Median readout measurements 1/o² − 1 over the test points. */
  readonly readout: { readonly sparse: number; readonly diagonal: number };
}

export function resolveSource(setup: NtkSetup): DataSource {
  if (typeof setup.data === 'string') return readUserData(setup.data);
  return setup.data ?? mnistSource(setup.digits ?? [8, 9]);
}

/** Prepare the network once for a whole run (its own random stream, independent of the trials). */
export async function prepareNetwork(setup: NtkSetup, source: DataSource): Promise<{ network: NtkNetwork; prepared: PreparedNetwork }> {
  const network = setup.network ?? fullyConnectedNetwork(setup.kernel ?? 'erf');
  const prepared = await network.prepare({
    source, rng: createRandom(streamSeed('network', setup.seed ?? 0)), depth: setup.depth ?? 'auto', threads: setup.threads, progress: setup.progress,
  });
  return { network, prepared };
}

/** Assemble the public problem record from a trial and one of its patterns. */
export function problemFrom(setup: NtkSetup, source: DataSource, network: NtkNetwork, trial: TrialKernels, pat: PatternResult): NtkProblem {
  const n = trial.train.rows, m = trial.test.rows;
  return {
    n, source: source.name, ...(setup.data === undefined ? { digits: setup.digits ?? [8, 9] } : {}), seed: setup.seed ?? 0,
    network: network.name, kernel: network.kernel, depth: trial.kernel.depth, delta: trial.kernel.delta,
    ktilde: pat.ktilde, y: trial.train.y, kstar: Array.from({ length: m }, (_, t) => trial.kstar.slice(t * n, (t + 1) * n)),
    testLabels: trial.test.y, kstarScale: trial.kernel.kstarScale,
    exactOutputs: trial.exactOutputs, sparseOutputs: pat.sparseOutputs, diagonalOutputs: pat.diagonalOutputs,
    accuracy: { exact: trial.exactAccuracy, ...pat.accuracy }, kappa: pat.kappa, sparsity: pat.sparsity,
    postselection: median(pat.postselection), readout: { sparse: median(pat.readout.sparse), diagonal: median(pat.readout.diagonal) },
  };
}

/**
 * One problem: trial `trial`, pattern `pattern` of `qntk ntk --n n --seed seed` (same streams, so
 * the same K̃ and test vectors as that run's table row).
 */
export async function prepareNtkProblem(options: NtkProblemOptions): Promise<NtkProblem> {
  const test = options.test ?? 256;
  checkSizes(options.n, test);
  const source = resolveSource(options);
  const { network, prepared } = await prepareNetwork(options, source);
  const rng = trialRandom(options.seed ?? 0, options.n, options.trial ?? 0);
  const trial = await runTrialKernels(source, prepared, options.n, test, rng, options.progress);
  let pat = runPattern(trial, rng);
  for (let s = 0; s < (options.pattern ?? 0); s++) pat = runPattern(trial, rng);
  return problemFrom(options, source, network, trial, pat);
}
