/**
 * Optimisation levels as data: which named passes run in the logical optimisation loop, which
 * layout method and refinement the lowering uses, and whether the lowered circuit is cleaned up
 * in the target basis. No algorithm lives here (see transpile.ts for the assembly).
 */
import type { LayoutMethod } from './layout.js';

/** Names of the logical optimisation passes (resolved in transpile.ts). */
export type OptimizationPassName =
  | 'decompose-toffoli'
  | 'decompose-multi-controlled'
  | 'propagate-nots'
  | 'reduce-hadamards'
  | 'cancel-inverses'
  | 'merge-rotations'
  | 'resynthesize-phase-polynomials'
  | 'consolidate-two-qubit'
  | 'hadamard-cnot-to-phase'
  | 'fuse-single-qubit'
  | 'remove-diagonal-before-measure';

export interface Preset {
  readonly level: 0 | 1 | 2 | 3;
  /** Run once before the loop. */
  readonly prepare: readonly OptimizationPassName[];
  /**
   * ccz role orientations tried by 'decompose-toffoli' (indices into CCZ_ORIENTATIONS); with more
   * than one, the whole optimisation runs once per orientation and the cheapest result is kept.
   */
  readonly toffoliOrientations?: readonly number[];
  /** Also try each orientation with these passes added to `prepare` (best result kept). */
  readonly prepareVariants?: ReadonlyArray<readonly OptimizationPassName[]>;
  /**
   * Above this many gates only the first Toffoli orientation and prepare variant runs (the
   * others each repeat the whole optimisation); default: always all of them.
   */
  readonly variantsUpToGates?: number;
  /**
   * Above this many gates phase-polynomial resynthesis tries one chunk size per part instead of
   * ten (resynthesize-phase-polynomials.ts, LARGE_CIRCUIT_CHUNK_SIZES); default: always ten.
   */
  readonly resynthesisFullSearchGates?: number;
  /** Repeated while the cost (two-qubit gates, then size) improves. */
  readonly loop: readonly OptimizationPassName[];
  /** Run once after the loop. */
  readonly finish: readonly OptimizationPassName[];
  readonly maxRounds: number;
  /**
   * A round of the loop that removes less than this fraction of the gates (and of the two-qubit
   * gates) is the last one: on a million gates the rounds after the first few gain a few dozen
   * gates each. No effect on circuits under 1 / minRoundGain gates (one gate is then enough).
   */
  readonly minRoundGain: number;
  readonly layout: LayoutMethod;
  /** Candidate placements the perfect-layout search may try (layout 'auto'). */
  readonly vf2CallLimit: number;
  /** SABRE starting layouts, forward–backward passes for each, and routings of each refined layout. */
  readonly layoutTrials: number;
  readonly layoutIterations: number;
  readonly swapTrials: number;
  /**
   * Routing's score bonus for a swap that merges with the two-qubit block just run on its pair
   * (route-kernel.ts); only worth it when consolidation after routing realises the merge.
   */
  readonly mergeBonus: number;
  /** Candidate placements the post-layout relabelling may try (0: no post-layout). */
  readonly postLayoutCallLimit: number;
  /** Cancel and fuse again after translation to the target basis. */
  readonly postOptimize: boolean;
  /** Consolidate two-qubit blocks (KAK) after routing, before translation (swaps merge with neighbours). */
  readonly consolidateAfterRouting?: boolean;
}

export const PRESETS: Readonly<Record<0 | 1 | 2 | 3, Preset>> = {
  0: {
    level: 0, prepare: [], loop: [], finish: [], maxRounds: 0, minRoundGain: 0, layout: 'trivial', vf2CallLimit: 0, layoutTrials: 1, layoutIterations: 0, swapTrials: 1, mergeBonus: 0,
    postLayoutCallLimit: 0, postOptimize: false,
  },
  1: {
    level: 1, prepare: [], loop: ['cancel-inverses'], finish: ['fuse-single-qubit'], maxRounds: 2, minRoundGain: 1e-4,
    layout: 'auto', vf2CallLimit: 30_000, layoutTrials: 2, layoutIterations: 1, swapTrials: 1, mergeBonus: 0, postLayoutCallLimit: 20_000, postOptimize: true,
  },
  2: {
    level: 2, prepare: [], loop: ['propagate-nots', 'reduce-hadamards', 'cancel-inverses', 'merge-rotations', 'cancel-inverses'],
    finish: ['consolidate-two-qubit', 'fuse-single-qubit', 'remove-diagonal-before-measure'], maxRounds: 10, minRoundGain: 1e-4,
    layout: 'auto', vf2CallLimit: 100_000, layoutTrials: 4, layoutIterations: 2, swapTrials: 1, mergeBonus: 1, postLayoutCallLimit: 50_000, postOptimize: true,
    consolidateAfterRouting: true,
  },
  3: {
    level: 3, prepare: ['decompose-multi-controlled', 'decompose-toffoli'], toffoliOrientations: [0, 1], prepareVariants: [[], ['hadamard-cnot-to-phase']],
    variantsUpToGates: 100_000, resynthesisFullSearchGates: 100_000,
    loop: ['propagate-nots', 'reduce-hadamards', 'cancel-inverses', 'merge-rotations', 'cancel-inverses', 'resynthesize-phase-polynomials', 'cancel-inverses', 'fuse-single-qubit'],
    finish: ['consolidate-two-qubit', 'fuse-single-qubit', 'remove-diagonal-before-measure'], maxRounds: 20, minRoundGain: 1e-4,
    layout: 'auto', vf2CallLimit: 300_000, layoutTrials: 16, layoutIterations: 2, swapTrials: 4, mergeBonus: 1, postLayoutCallLimit: 100_000, postOptimize: true,
    consolidateAfterRouting: true,
  },
};
