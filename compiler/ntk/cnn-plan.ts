/**
 * The convolutional network of the paper's empirical part (Myrtle-like) as a static plan: stage
 * sizes, convolutions per stage, pooling steps, and which pixel-pair displacements each stage needs.
 * @see arXiv:2107.09200 (§ CNN experiments) and algorithms.md §1.3
 */
import { ValidationError } from '../errors.js';

/** Architecture options; every field has the paper's default. */
export interface CnnArchitecture {
  /** 3×3 SAME convolutions (each followed by ReLU) per stage; default [32, 32, 32]. */
  readonly convsPerStage?: readonly number[];
  /**
   * 2×2 average pools (stride 2, 'VALID', so sizes floor: 7 → 3) after each stage. Default: one after
   * every stage but the last, and after the last as many as bring the image to 1×1 (two at 28×28:
   * 28 → 14 → 7 → 3 → 1, as the paper; one at 14×14: 14 → 7 → 3 → 1).
   */
  readonly poolsAfterStage?: readonly number[];
  /** Weight variance W_std² of every convolution (no bias); default 2. */
  readonly convWStd2?: number;
  /** Weight variance of the two readout Dense layers around the Erf; default 2. */
  readonly readoutWStd2?: number;
}

/** One 2×2 stride-2 VALID average pool: size `from` → floor(from/2), radii of needed displacements. */
export interface PoolStep {
  readonly from: number;
  readonly to: number;
  readonly radiusFrom: number;
  readonly radiusTo: number;
}

/** One stage: `convs` conv+ReLU layers at `size`×`size`, tracking displacements |Δ| ≤ `radius` per axis. */
export interface StagePlan {
  readonly size: number;
  readonly convs: number;
  readonly radius: number;
  readonly pools: readonly PoolStep[];
}

/** The resolved network for square inputs of side `inputSize`. */
export interface CnnPlan {
  readonly inputSize: number;
  readonly stages: readonly StagePlan[];
  /** Spatial side after the last pool (Flatten averages over its diagonal pixel pairs). */
  readonly finalSize: number;
  readonly convWStd2: number;
  readonly readoutWStd2: number;
}

export const DEFAULT_CONVS_PER_STAGE: readonly number[] = [32, 32, 32];

/**
 * Resolves the architecture for an input side. Needed displacements are found backwards: Flatten
 * reads only Δ = 0; a 2×2 stride-2 pool that must deliver |Δ'| ≤ r reads |Δ| ≤ 2r + 1 (capped at
 * side − 1); a SAME convolution and the pointwise ReLU keep Δ = p′ − p fixed.
 */
export function cnnPlan(inputSize: number, arch: CnnArchitecture = {}): CnnPlan {
  if (!Number.isInteger(inputSize) || inputSize < 1) throw new ValidationError(`cnn: image side must be a positive integer, got ${inputSize}`);
  const convs = arch.convsPerStage ?? DEFAULT_CONVS_PER_STAGE;
  if (convs.length === 0 || convs.some((c) => !Number.isInteger(c) || c < 0)) {
    throw new ValidationError(`cnn: convolutions per stage must be non-negative integers, got [${convs.join(', ')}]`);
  }
  const convWStd2 = arch.convWStd2 ?? 2;
  const readoutWStd2 = arch.readoutWStd2 ?? 2;
  if (!(convWStd2 > 0) || !(readoutWStd2 > 0)) throw new ValidationError('cnn: weight variances must be positive');

  // Forward pass over sizes, resolving the default pooling schedule.
  const sizes: number[] = [];
  const poolCounts: number[] = [];
  let size = inputSize;
  for (let k = 0; k < convs.length; k++) {
    sizes.push(size);
    const last = k === convs.length - 1;
    let pools = arch.poolsAfterStage?.[k];
    if (pools === undefined) {
      if (!last) pools = 1;
      else {
        pools = 0;
        for (let s = size; s > 1 && pools < 2; s = Math.floor(s / 2)) pools++;
      }
    }
    if (!Number.isInteger(pools) || pools < 0) throw new ValidationError(`cnn: pools after stage ${k + 1} must be a non-negative integer`);
    for (let p = 0; p < pools; p++) {
      if (size < 2) throw new ValidationError(`cnn: cannot average-pool a ${size}×${size} map after stage ${k + 1}; use fewer pools or a larger image`);
      size = Math.floor(size / 2);
    }
    poolCounts.push(pools);
  }
  const finalSize = size;

  // Backward pass over needed displacement radii.
  const stages: StagePlan[] = new Array(convs.length);
  let radius = 0;
  for (let k = convs.length - 1; k >= 0; k--) {
    const steps: PoolStep[] = [];
    let s = sizes[k]!;
    const fromSizes: number[] = [];
    for (let p = 0; p < poolCounts[k]!; p++) {
      fromSizes.push(s);
      s = Math.floor(s / 2);
    }
    for (let p = fromSizes.length - 1; p >= 0; p--) {
      const from = fromSizes[p]!;
      const radiusFrom = Math.min(2 * radius + 1, from - 1);
      steps.unshift({ from, to: Math.floor(from / 2), radiusFrom, radiusTo: radius });
      radius = radiusFrom;
    }
    radius = Math.min(radius, sizes[k]! - 1);
    stages[k] = { size: sizes[k]!, convs: convs[k]!, radius, pools: steps };
  }
  return { inputSize, stages, finalSize, convWStd2, readoutWStd2 };
}

/** Pixel pairs tracked per image pair in each stage (the dominant cost is Σ_k convs_k · pairs_k). */
export function stagePairCounts(plan: CnnPlan): number[] {
  return plan.stages.map((st) => {
    let line = 0;
    for (let d = -st.radius; d <= st.radius; d++) line += st.size - Math.abs(d);
    return line * line;
  });
}

/** ReLU-map evaluations (each an acos, a sqrt and ~20 flops, after a 3×3 box sum) per image pair. */
export function reluEvaluationsPerPair(plan: CnnPlan): number {
  const counts = stagePairCounts(plan);
  return plan.stages.reduce((acc, st, k) => acc + st.convs * counts[k]!, 0);
}
