/**
 * The compiler's pass pipeline for one target: the preset's logical optimisation, then (when the
 * target needs it) decomposition to two-qubit gates, layout, SABRE routing, translation to the
 * basis and clean-up in the basis; finally the target's predicates are verified — a violation
 * here is a compiler bug and raises TargetError. The layout and the final placement of every
 * logical qubit are recorded in the circuit metadata and returned.
 */
import { withInstructions, NON_UNITARY, type Circuit } from '../compiler/circuit/index.js';
import { TargetError } from '../compiler/errors.js';
import { bestOf, definePass, makeContext, repeatWhileImproving, sequence, type Pass, type PassContext, type PassLogger } from './pass.js';
import { PRESETS, type OptimizationPassName } from './presets.js';
import { cancelInverses } from './cancel-inverses.js';
import { mergeRotations } from './merge-rotations.js';
import { resynthesizePhasePolynomials } from './resynthesize-phase-polynomials.js';
import { reduceHadamards } from './reduce-hadamards.js';
import { propagateNots } from './propagate-nots.js';
import { decomposeToffoli, decomposeToffoliWith } from './decompose-toffoli.js';
import { decomposeMultiControlled, toTwoQubitList } from './decompose-multi-qubit.js';
import { fuseSingleQubit } from './fuse-single-qubit.js';
import { hadamardCnotToPhase } from './hadamard-cnot-to-phase.js';
import { consolidateList, consolidateTwoQubit } from './consolidate-two-qubit.js';
import { removeDiagonalBeforeMeasure } from './remove-diagonal-before-measure.js';
import { translateList, strategyFor } from './translate-basis.js';
import type { LayoutMethod } from './layout.js';
import { fitsWithoutSwaps, layoutPass, routingPass, type RoutingMethod } from './layout-routing.js';
import { postLayoutPass } from './layout-post.js';
import { verify, type Target } from './targets/target.js';

const PASSES: Readonly<Record<OptimizationPassName, Pass>> = {
  'decompose-toffoli': decomposeToffoli,
  'decompose-multi-controlled': decomposeMultiControlled,
  'propagate-nots': propagateNots,
  'reduce-hadamards': reduceHadamards,
  'cancel-inverses': cancelInverses,
  'merge-rotations': mergeRotations,
  'resynthesize-phase-polynomials': resynthesizePhasePolynomials,
  'fuse-single-qubit': fuseSingleQubit(),
  'consolidate-two-qubit': consolidateTwoQubit,
  'hadamard-cnot-to-phase': hadamardCnotToPhase,
  'remove-diagonal-before-measure': removeDiagonalBeforeMeasure,
};

/** Cost for the optimisation loop: two-qubit gates first, then all gates. */
export function optimizationCost(c: Circuit): number {
  let two = 0, size = 0;
  for (const i of c.instructions) {
    if (i.gate === 'barrier' || i.gate === 'measure' || i.gate === 'reset') continue;
    size++;
    if (i.qubits.length >= 2) two += i.qubits.length === 2 ? 1 : 6;
  }
  return two * 1e6 + size;
}

/** The logical optimisation of a preset level as one pass. */
export function optimizationPipeline(level: 0 | 1 | 2 | 3): Pass {
  const p = PRESETS[level];
  const build = (orientation: number, extra: readonly OptimizationPassName[]): Pass => {
    const stages: Pass[] = [...p.prepare, ...extra].map((n) => (n === 'decompose-toffoli' ? decomposeToffoliWith(orientation) : PASSES[n]));
    if (p.loop.length > 0) stages.push(repeatWhileImproving(sequence(`O${level}-round`, p.loop.map((n) => PASSES[n])), optimizationCost, p.maxRounds));
    stages.push(...p.finish.map((n) => PASSES[n]));
    return sequence(`O${level}`, stages);
  };
  const variants: Pass[] = [];
  for (const o of p.toffoliOrientations ?? [0]) for (const extra of p.prepareVariants ?? [[]]) variants.push(build(o, extra));
  return variants.length === 1 ? variants[0]! : bestOf(`O${level}`, variants, optimizationCost);
}

export interface TranspileOptions {
  readonly level?: 0 | 1 | 2 | 3;
  readonly seed?: number;
  /** Override the preset's layout method. */
  readonly layout?: LayoutMethod;
  /** How two-qubit gates are brought onto couplers (default 'sabre'; 'none' refuses a circuit that does not fit). */
  readonly routing?: RoutingMethod;
  readonly logger?: PassLogger;
}

export interface TranspileResult {
  readonly circuit: Circuit;
  /** layout[i] = physical qubit that logical qubit i starts on (identity without a coupling map). */
  readonly layout: number[];
  /** finalPermutation[i] = physical qubit holding logical qubit i at the end. */
  readonly finalPermutation: number[];
  /** Where each physical qubit's initial content ends (ancillas included); identity without routing. */
  readonly physicalPermutation: number[];
}

function lowerPass(level: 0 | 1 | 2 | 3, layoutOverride: LayoutMethod | undefined, routing: RoutingMethod): Pass {
  const preset = PRESETS[level];
  return definePass({ name: 'lower', requires: [], guarantees: ['basis', 'connectivity', 'layout'] }, (circuit, ctx) => {
    const t = ctx.target;
    const identity = Array.from({ length: circuit.numQubits }, (_, q) => q);
    if (t.numQubits !== null && circuit.numQubits > t.numQubits) {
      throw new TargetError(`circuit uses ${circuit.numQubits} qubits; ${t.name} has ${t.numQubits}`);
    }
    let c = circuit;
    let layout = identity, finalPerm = identity, physPerm = identity;
    if (t.coupling !== null) {
      c = withInstructions(c, toTwoQubitList(c.instructions, c.numQubits));
      const o = {
        layout: layoutOverride ?? preset.layout, routing, vf2CallLimit: preset.vf2CallLimit,
        sabre: { layoutTrials: preset.layoutTrials, iterations: preset.layoutIterations, swapTrials: preset.swapTrials },
      };
      c = layoutPass(o).run(c, ctx);
      c = routingPass(o).run(c, ctx);
      if (preset.postLayoutCallLimit > 0) c = postLayoutPass(preset.postLayoutCallLimit).run(c, ctx);
      layout = ctx.propertySet.get('layout') as number[];
      finalPerm = ctx.propertySet.get('finalPermutation') as number[];
      physPerm = ctx.propertySet.get('physicalPermutation') as number[];
      if (preset.consolidateAfterRouting) c = withInstructions(c, consolidateList(c.instructions, c.numQubits));
    }
    if (strategyFor(t) !== null) c = withInstructions(c, translateList(c.instructions, c.numQubits, t));
    if (preset.postOptimize && t.basisGates !== null) {
      c = cancelInverses.run(c, ctx);
      const st = strategyFor(t)!;
      if (st.oneQubit !== 'ionq-native') c = fuseSingleQubit({ basis: st.oneQubit, allowed: st.allowed1q }).run(c, ctx);
    }
    ctx.propertySet.set('layout', layout);
    ctx.propertySet.set('finalPermutation', finalPerm);
    ctx.propertySet.set('physicalPermutation', physPerm);
    return withInstructions(c, c.instructions, { ...c.metadata, target: t.name, layout, finalPermutation: finalPerm });
  });
}

/** Refuse, before any work, what no lowering can fix: unsupported operations and conditions. */
function checkLowerable(circuit: Circuit, target: Target): void {
  const ops = new Set<string>();
  for (const i of circuit.instructions) if (NON_UNITARY.has(i.gate) && !target.operations.has(i.gate)) ops.add(i.gate);
  if (ops.size > 0) throw new TargetError(`the circuit uses ${[...ops].map((o) => `'${o}'`).join(', ')}, which ${target.name} does not support; remove it or choose another target`);
  if (target.predicates.some((p) => p.name === 'no-conditions') && circuit.instructions.some((i) => i.condition)) {
    throw new TargetError(`the circuit has classically conditioned gates, which ${target.name} does not support; remove them or choose another target`);
  }
}

/** Optimise and lower `circuit` for `target`; the result satisfies every predicate of the target. */
export function transpile(circuit: Circuit, target: Target, options: TranspileOptions = {}): TranspileResult {
  const level = options.level ?? 2;
  checkLowerable(circuit, target);
  const lower = lowerPass(level, options.layout, options.routing ?? 'sabre');
  const run = (optimize: Pass): { out: Circuit; ctx: PassContext } => {
    const ctx: PassContext = makeContext(target, { seed: options.seed ?? 1, ...(options.logger ? { logger: options.logger } : {}) });
    return { out: sequence(`transpile-O${level}`, [optimize, lower]).run(circuit, ctx), ctx };
  };
  let { out, ctx } = run(optimizationPipeline(level));
  // Resynthesis and KAK consolidation may create interactions the coupling map lacks. When the
  // input itself fits without swaps, also lower it after the light -O1 clean-up; keep the cheaper.
  if (level >= 2 && Number(out.metadata.swaps ?? 0) > 0 && fitsWithoutSwaps(circuit, target, PRESETS[level].vf2CallLimit)) {
    const light = run(optimizationPipeline(1));
    if (optimizationCost(light.out) <= optimizationCost(out)) ({ out, ctx } = light);
  }
  const violations = verify(out, target);
  if (violations.length > 0) {
    throw new TargetError(`internal: lowering for ${target.name} left ${violations.length} violation(s), first: ${violations[0]!.message}`);
  }
  return { circuit: out, layout: ctx.propertySet.get('layout') as number[], finalPermutation: ctx.propertySet.get('finalPermutation') as number[],
    physicalPermutation: ctx.propertySet.get('physicalPermutation') as number[],
  };
}
