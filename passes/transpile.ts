/**
 * The compiler's pipeline for one target, assembled from the preset's data: the logical
 * optimisation, then (with a coupling map) decomposition to two-qubit gates, the layout slot, the
 * routing slot and KAK consolidation, then basis translation and clean-up in the basis, and the
 * placement recorded in the metadata. Every stage is a pass with declared properties; `sequence`
 * checks them when the pipeline is built, and the pipeline must guarantee every property the
 * target requires. After the run `verify` checks the circuit (a violation is a compiler bug).
 */
import { isGate, type Circuit } from '../compiler/circuit/index.js';
import { TargetError, ValidationError } from '../compiler/errors.js';
import { bestOf, definePass, makeContext, repeatRounds, sequence, type Pass, type PassContext, type PassLogger } from './pass.js';
import type { Progress } from '../compiler/progress.js';
import type { Property } from './properties.js';
import { PRESETS, type OptimizationPassName } from './presets.js';
import { cancelInverses } from './cancel-inverses.js';
import { mergeRotations } from './merge-rotations.js';
import { resynthesizePhasePolynomials, resynthesizePhasePolynomialsWith } from './resynthesize-phase-polynomials.js';
import { reduceHadamards } from './reduce-hadamards.js';
import { propagateNots } from './propagate-nots.js';
import { decomposeToffoli, decomposeToffoliWith } from './decompose-toffoli.js';
import { decomposeMultiControlled, decomposeMultiQubit } from './decompose-multi-qubit.js';
import { fuseSingleQubit } from './fuse-single-qubit.js';
import { hadamardCnotToPhase } from './hadamard-cnot-to-phase.js';
import { consolidateBlocks, consolidateTwoQubit } from './consolidate-two-qubit.js';
import { removeDiagonalBeforeMeasure } from './remove-diagonal-before-measure.js';
import { cleanUpInBasis, strategyFor, translateBasis } from './translate-basis.js';
import type { LayoutMethod } from './layout.js';
import { fitsWithoutSwaps, layoutPass, routingPass, type RoutingMethod } from './layout-routing.js';
import { postLayoutPass } from './layout-post.js';
import { checkSlot, recordPlacement } from './lowering-stages.js';
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
    if (!isGate(i)) continue;
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
    const resolve = (n: OptimizationPassName): Pass => (n === 'resynthesize-phase-polynomials' && p.resynthesisFullSearchGates !== undefined ? resynthesizePhasePolynomialsWith(p.resynthesisFullSearchGates) : PASSES[n]);
    if (p.loop.length > 0) stages.push(repeatRounds(`O${level}`, p.loop.map(resolve), { cost: optimizationCost, maxRounds: p.maxRounds, minGain: p.minRoundGain }));
    stages.push(...p.finish.map((n) => PASSES[n]));
    return sequence(`O${level}`, stages);
  };
  const variants: Pass[] = [];
  for (const o of p.toffoliOrientations ?? [0]) for (const extra of p.prepareVariants ?? [[]]) variants.push(build(o, extra));
  if (variants.length === 1) return variants[0]!;
  const all = bestOf(`O${level}`, variants, optimizationCost), limit = p.variantsUpToGates ?? Infinity;
  return definePass({ ...all.meta, symbolic: 'supported' }, (circuit, ctx) => (circuit.instructions.length > limit ? variants[0]!.run(circuit, ctx) : all.run(circuit, ctx)));
}

export interface TranspileOptions {
  readonly level?: 0 | 1 | 2 | 3;
  readonly seed?: number;
  /** Override the preset's layout method. */
  readonly layout?: LayoutMethod;
  /** How two-qubit gates are brought onto couplers (default 'sabre'; 'none' refuses a circuit that does not fit). */
  readonly routing?: RoutingMethod;
  /** Fill the layout or routing slot with another pass (it must declare the slot's properties). */
  readonly layoutPass?: Pass;
  readonly routingPass?: Pass;
  readonly logger?: PassLogger;
  /** Receives each stage of the pipeline (done/total over its stages) and finer steps inside long ones. */
  readonly progress?: Progress;
}

/** The options that shape the lowering stages. */
export type LoweringOptions = Pick<TranspileOptions, 'layout' | 'routing' | 'layoutPass' | 'routingPass'>;

export interface TranspileResult {
  readonly circuit: Circuit;
  /** layout[i] = physical qubit that logical qubit i starts on (identity without a coupling map). */
  readonly layout: number[];
  /** finalPermutation[i] = physical qubit holding logical qubit i at the end. */
  readonly finalPermutation: number[];
  /** Where each physical qubit's initial content ends (ancillas included); identity without routing. */
  readonly physicalPermutation: number[];
}

/** The lowering stages for a target at a level (empty for a target without basis and coupling map). */
export function loweringStages(level: 0 | 1 | 2 | 3, target: Target, options: LoweringOptions = {}): Pass[] {
  const preset = PRESETS[level];
  const stages: Pass[] = [];
  if (target.coupling !== null) {
    const o = {
      layout: options.layout ?? preset.layout, routing: options.routing ?? 'sabre', vf2CallLimit: preset.vf2CallLimit,
      sabre: { layoutTrials: preset.layoutTrials, iterations: preset.layoutIterations, swapTrials: preset.swapTrials, mergeBonus: preset.mergeBonus },
    } as const;
    stages.push(decomposeMultiQubit);
    stages.push(checkSlot('layout', options.layoutPass ?? layoutPass(o)));
    stages.push(checkSlot('routing', options.routingPass ?? routingPass(o)));
    if (preset.postLayoutCallLimit > 0) stages.push(postLayoutPass(preset.postLayoutCallLimit));
    if (preset.consolidateAfterRouting) stages.push(consolidateBlocks({ keepCliffordT: false }));
  }
  if (strategyFor(target) !== null) {
    stages.push(translateBasis);
    if (preset.postOptimize) stages.push(cleanUpInBasis);
  }
  stages.push(recordPlacement);
  return stages;
}

/** Every edge also in reverse: then a gate on a coupled pair is on an edge in its direction. */
function isSymmetric(coupling: ReadonlyArray<readonly [number, number]>): boolean {
  const set = new Set(coupling.map(([a, b]) => `${a},${b}`));
  return coupling.every(([a, b]) => set.has(`${b},${a}`));
}

/** Properties that hold before the pipeline runs: checked up front, or trivially true for the target. */
function assumedProperties(target: Target): Property[] {
  const out: Property[] = ['qubit-count', 'no-conditions'];
  if (target.coupling === null) out.push('coupled', 'connectivity', 'layout');
  else if (target.basisGates === null && isSymmetric(target.coupling)) out.push('connectivity');
  if (target.basisGates === null) out.push('basis', 'ms-angle');
  return out;
}

/** Refuse, before any work, what no lowering can fix: too many qubits, unsupported operations and conditions. */
function checkLowerable(circuit: Circuit, target: Target): void {
  if (target.numQubits !== null && circuit.numQubits > target.numQubits) {
    throw new TargetError(`circuit uses ${circuit.numQubits} qubits; ${target.name} has ${target.numQubits}`);
  }
  const ops = new Set<string>();
  for (const i of circuit.instructions) if (!isGate(i) && !target.operations.has(i.gate)) ops.add(i.gate);
  if (ops.size > 0) throw new TargetError(`the circuit uses ${[...ops].map((o) => `'${o}'`).join(', ')}, which ${target.name} does not support; remove it or choose another target`);
  if (target.predicates.some((p) => p.name === 'no-conditions') && circuit.instructions.some((i) => i.condition)) {
    throw new TargetError(`the circuit has classically conditioned gates, which ${target.name} does not support; remove them or choose another target`);
  }
}

/**
 * The whole pipeline as one pass: the logical optimisation of `optimizeLevel` (default `level`),
 * then the lowering of `level`; throws when it cannot guarantee a property the target requires.
 */
export function transpilePipeline(level: 0 | 1 | 2 | 3, target: Target, options: LoweringOptions = {}, optimizeLevel: 0 | 1 | 2 | 3 = level): Pass {
  const assumes = assumedProperties(target);
  const pipeline = sequence(`transpile-O${level}`, [optimizationPipeline(optimizeLevel), ...loweringStages(level, target, options)], assumes, { reportStages: true });
  const missing = target.predicates.map((p) => p.name).filter((p) => !assumes.includes(p) && !pipeline.meta.guarantees.includes(p));
  if (missing.length > 0) throw new ValidationError(`pipeline for ${target.name}: no stage guarantees ${missing.join(', ')}`);
  return pipeline;
}

/** Optimise and lower `circuit` for `target`; the result satisfies every predicate of the target. */
export function transpile(circuit: Circuit, target: Target, options: TranspileOptions = {}): TranspileResult {
  const level = options.level ?? 2;
  checkLowerable(circuit, target);
  const run = (optimizeLevel: 0 | 1 | 2 | 3): { out: Circuit; ctx: PassContext } => {
    const ctx: PassContext = makeContext(target, { seed: options.seed ?? 1, ...(options.logger ? { logger: options.logger } : {}), ...(options.progress ? { progress: options.progress } : {}) });
    return { out: transpilePipeline(level, target, options, optimizeLevel).run(circuit, ctx), ctx };
  };
  let { out, ctx } = run(level);
  // Resynthesis and KAK consolidation may create interactions the coupling map lacks. When the
  // input itself fits without swaps, also lower it after the light -O1 clean-up; keep the cheaper.
  if (level >= 2 && Number(out.metadata.swaps ?? 0) > 0 && fitsWithoutSwaps(circuit, target, PRESETS[level].vf2CallLimit)) {
    const light = run(1);
    if (optimizationCost(light.out) <= optimizationCost(out)) ({ out, ctx } = light);
  }
  const violations = verify(out, target);
  if (violations.length > 0) {
    throw new TargetError(`internal: lowering for ${target.name} left ${violations.length} violation(s), first: ${violations[0]!.message}`);
  }
  const facts = ctx.propertySet;
  return { circuit: out, layout: [...facts.get('layout')!], finalPermutation: [...facts.get('finalPermutation')!], physicalPermutation: [...facts.get('physicalPermutation')!] };
}
