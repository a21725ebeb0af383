/**
 * The pluggable kernel of the NTK pipeline. A network turns a training set into its Gram matrix K,
 * the cross kernel of test points against it, the scale that normalises k*, and its own
 * sparsification K̃ from the shared random pattern F. The fully-connected erf/ReLU network lives
 * here; the convolutional one (cnn*.ts) implements the same interface.
 * @see arXiv:2107.09200 §Methods
 */
import type { CsrMatrix } from '../linalg/csr.js';
import type { Random } from '../linalg/random.js';
import type { Progress } from '../progress.js';
import { silent } from '../progress.js';
import type { DataSource, Dataset } from './dataset.js';
import { ruleDepth, separation } from './depth.js';
import { applyKernelSymmetric, crossMatrix, gramMatrix } from './gram.js';
import { ntkValue, type FcKernelSpec, type KernelKind } from './kernels.js';
import { hadamardPattern } from './sparsity.js';

/** `auto`: the paper's depth rule per training set; a number: that many hidden layers. */
export type DepthChoice = 'auto' | number;

/** k̃* = clip(k* ÷ scale, −1, 1): the fully-connected network divides by K(1 − δ̂), δ̂ = 10⁻⁵. */
export const DELTA_HAT = 1e-5;

/** The kernel of one network on one training set. */
export interface TrainedKernel {
  /** Hidden layers used (FC: from the depth rule or fixed; CNN: convolution layers). */
  readonly depth: number;
  /** δ of the depth rule, NaN when the network has none. */
  readonly delta: number;
  /** K on the training set, n×n row-major, symmetric. */
  readonly gram: Float64Array;
  /** Divisor of the test vectors before clipping to [−1, 1]. */
  readonly kstarScale: number;
  /** K(x*, x_i) for every test row: m×n row-major (unnormalised). */
  cross(test: Dataset, progress?: Progress): Promise<Float64Array>;
  /** K̃ from K and the binary pattern F (FC: K ∘ F; CNN also thresholds and preconditions). */
  sparsify(pattern: CsrMatrix): CsrMatrix;
}

/** A network ready for an experiment (experiment-wide constants already fixed). */
export interface PreparedNetwork {
  train(train: Dataset, progress?: Progress): Promise<TrainedKernel>;
}

/** What a network may use while preparing: the data, its own random stream, options. */
export interface NetworkContext {
  readonly source: DataSource;
  /** A stream reserved for the network (e.g. the CNN's base n = 16 draw); independent of the trials. */
  readonly rng: Random;
  readonly depth: DepthChoice;
  readonly threads?: number;
  readonly progress?: Progress;
}

export interface NtkNetwork {
  /** 'fc' or 'cnn'. */
  readonly name: string;
  /** Activation family, for reports. */
  readonly kernel: string;
  prepare(ctx: NetworkContext): Promise<PreparedNetwork>;
}

/** The paper's fully-connected network (normalised erf, or ReLU), no biases, NTK parameterisation. */
export function fullyConnectedNetwork(kind: KernelKind = 'erf'): NtkNetwork {
  return {
    name: 'fc',
    kernel: kind,
    async prepare(ctx) {
      const threads = ctx.threads;
      return {
        async train(train, progress = ctx.progress ?? silent) {
          const x = { data: train.x, rows: train.rows, cols: train.dim };
          const rho = await gramMatrix(x, { threads, progress });
          const delta = separation(rho, train.rows);
          const depth = ctx.depth === 'auto' ? ruleDepth(train.rows, delta, kind) : ctx.depth;
          const gram = await applyKernelSymmetric(rho, train.rows, { kind, depth, dim: train.dim }, { threads, progress });
          const spec: FcKernelSpec = { kind, depth, dim: train.dim };
          return {
            depth, delta, gram,
            kstarScale: Math.abs(ntkValue(1 - DELTA_HAT, spec)),
            cross: (test, p = progress) => crossMatrix({ data: test.x, rows: test.rows, cols: test.dim }, x, { threads, progress: p, kernel: spec }),
            sparsify: (pattern) => hadamardPattern(gram, pattern),
          };
        },
      };
    },
  };
}
