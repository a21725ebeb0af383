/**
 * The paper's convolutional network as a pluggable NtkNetwork (network.ts): Myrtle-like stages of
 * 3×3 conv + ReLU with average pooling, Dense → Erf → Dense readout (cnn-plan.ts, cnn-kernel.ts),
 * its thresholded and preconditioned sparsification, and k* normalised by a base n = 16 kernel.
 * @see arXiv:2107.09200 (CNN experiments, 1 vs 0); algorithms.md §1.3–1.4
 */
import { ValidationError } from '../errors.js';
import type { CsrMatrix } from '../linalg/csr.js';
import { silent, type Progress } from '../progress.js';
import type { Dataset } from './dataset.js';
import type { NtkNetwork, TrainedKernel } from './network.js';
import { cnnKernelMatrices, type ImageSet } from './cnn-gram.js';
import { cnnPlan, type CnnArchitecture } from './cnn-plan.js';
import { BASE_PER_CLASS, cnnSparsifyPattern, cnnSparsityScales } from './cnn-sparsify.js';

export { cnnKernelMatrices, type CnnKernelMatrices, type CnnKernelOptions, type ImageSet } from './cnn-gram.js';
export { cnnPlan, reluEvaluationsPerPair, type CnnArchitecture, type CnnPlan } from './cnn-plan.js';
export { cnnSparsifyPattern, cnnSparsityScales, preconditionFactor, type CnnSparsityScales } from './cnn-sparsify.js';

/** Input resolutions offered: the paper's 28×28, or 14×14 (2×2 mean of the preprocessed image) for quick runs. */
export type CnnResolution = 28 | 14;

export interface CnnNetworkOptions {
  readonly resolution?: CnnResolution;
  readonly architecture?: CnnArchitecture;
}

/**
 * Square images of side `resolution` from preprocessed rows (unit-norm, `imageShape` 28×28). At 14
 * each 2×2 block is averaged and the image re-scaled to unit norm, as the inputs of the network are.
 */
export function cnnImages(data: Dataset, resolution: CnnResolution): ImageSet {
  const shape = data.imageShape;
  if (shape === undefined || shape[0] !== shape[1]) {
    throw new ValidationError('network cnn needs square images (MNIST); this data has no image shape: use the fully connected network (fc)', { parameter: 'network' });
  }
  const side = shape[0]!;
  if (resolution === side) return { data: data.x, count: data.rows, side };
  if (side !== 2 * resolution) throw new ValidationError(`resolution ${resolution} needs ${2 * resolution}×${2 * resolution} images, got ${side}×${side}`, { parameter: 'resolution' });
  const out = new Float64Array(data.rows * resolution * resolution);
  for (let r = 0; r < data.rows; r++) {
    const src = r * side * side, dst = r * resolution * resolution;
    let norm = 0;
    for (let i = 0; i < resolution; i++) for (let j = 0; j < resolution; j++) {
      const p = src + 2 * i * side + 2 * j;
      const v = 0.25 * (data.x[p]! + data.x[p + 1]! + data.x[p + side]! + data.x[p + side + 1]!);
      out[dst + i * resolution + j] = v;
      norm += v * v;
    }
    const s = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = dst; k < dst + resolution * resolution; k++) out[k] = out[k]! * s;
  }
  return { data: out, count: data.rows, side: resolution };
}

/** The convolutional network (default: the paper's 96 conv layers at 28×28). */
export function convolutionalNetwork(options: CnnNetworkOptions = {}): NtkNetwork {
  const resolution = options.resolution ?? 28;
  if (resolution !== 28 && resolution !== 14) throw new ValidationError(`resolution ${String(resolution)}: must be 28 or 14`, { parameter: 'resolution' });
  const architecture = options.architecture;
  const depth = cnnPlan(resolution, architecture).stages.reduce((a, s) => a + s.convs, 0);
  return {
    name: 'cnn',
    kernel: `relu-conv${resolution}`,
    async prepare(ctx) {
      const threads = ctx.threads;
      // The base kernel: its own balanced draw of 16 examples, fixed for the whole experiment.
      const base = ctx.source.draw(BASE_PER_CLASS, 1, ctx.rng).train;
      const baseGram = await cnnKernelMatrices(cnnImages(base, resolution), undefined, { architecture, threads, progress: ctx.progress });
      const scales = cnnSparsityScales(baseGram.gram, base.y);
      return {
        async train(train: Dataset, progress: Progress = ctx.progress ?? silent): Promise<TrainedKernel> {
          const images = cnnImages(train, resolution);
          const { gram } = await cnnKernelMatrices(images, undefined, { architecture, threads, progress });
          return {
            depth, delta: Number.NaN, gram, kstarScale: scales.maxOffDiagonal,
            cross: async (test: Dataset, p: Progress = progress) =>
              (await cnnKernelMatrices(images, cnnImages(test, resolution), { architecture, threads, progress: p, trainPairs: false })).cross,
            sparsify: (pattern: CsrMatrix) => cnnSparsifyPattern(gram, train.y, pattern, scales),
          };
        },
      };
    },
  };
}
