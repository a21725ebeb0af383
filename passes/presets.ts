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
  /** Repeated while the cost (two-qubit gates, then size) improves. */
  readonly loop: readonly OptimizationPassName[];
  /** Run once after the loop. */
  readonly finish: readonly OptimizationPassName[];
  readonly maxRounds: number;
  readonly layout: LayoutMethod;
  /** SABRE forward–backward layout refinement rounds. */
  readonly refineRounds: number;
  /** Routing trials with different seeds (the best is kept). */
  readonly routingTrials: number;
  /** Cancel and fuse again after translation to the target basis. */
  readonly postOptimize: boolean;
  /** Consolidate two-qubit blocks (KAK) after routing, before translation (swaps merge with neighbours). */
  readonly consolidateAfterRouting?: boolean;
}

export const PRESETS: Readonly<Record<0 | 1 | 2 | 3, Preset>> = {
  0: { level: 0, prepare: [], loop: [], finish: [], maxRounds: 0, layout: 'trivial', refineRounds: 0, routingTrials: 1, postOptimize: false },
  1: {
    level: 1, prepare: [], loop: ['cancel-inverses'], finish: ['fuse-single-qubit'], maxRounds: 2,
    layout: 'dense', refineRounds: 0, routingTrials: 1, postOptimize: true,
  },
  2: {
    level: 2, prepare: [], loop: ['propagate-nots', 'reduce-hadamards', 'cancel-inverses', 'merge-rotations', 'cancel-inverses'],
    finish: ['consolidate-two-qubit', 'fuse-single-qubit', 'remove-diagonal-before-measure'], maxRounds: 10,
    layout: 'dense', refineRounds: 1, routingTrials: 2, postOptimize: true, consolidateAfterRouting: true,
  },
  3: {
    level: 3, prepare: ['decompose-multi-controlled', 'decompose-toffoli'], toffoliOrientations: [0, 1], prepareVariants: [[], ['hadamard-cnot-to-phase']],
    loop: ['propagate-nots', 'reduce-hadamards', 'cancel-inverses', 'merge-rotations', 'cancel-inverses', 'resynthesize-phase-polynomials', 'cancel-inverses', 'fuse-single-qubit'],
    finish: ['consolidate-two-qubit', 'fuse-single-qubit', 'remove-diagonal-before-measure'], maxRounds: 20,
    layout: 'noise-aware', refineRounds: 2, routingTrials: 4, postOptimize: true, consolidateAfterRouting: true,
  },
};
