/**
 * The pass contract: a pure function (circuit, context) → circuit with metadata (the properties
 * it requires, guarantees and invalidates, in the vocabulary of properties.ts), plus the
 * combinators that assemble pipelines (sequence, fixed-point repeat, repeat while a metric
 * improves, best of alternatives). `sequence` checks requirements when the pipeline is built.
 * Analysis passes write facts into `context.propertySet` and return the circuit unchanged.
 */
import { isGate, sameInstruction, type Circuit, type Instruction } from '../compiler/circuit/index.js';
import { ValidationError } from '../compiler/errors.js';
import type { Progress } from '../compiler/progress.js';
import type { Target } from './targets/target.js';
import { PropertySet, type Property } from './properties.js';
import { checkSymbolicOutput, fenceSymbolic, unfence } from './primitives/symbolic-fence.js';

/** Receives one line per noteworthy event; the library never prints. */
export type PassLogger = (message: string) => void;

/** What every pass sees besides the circuit. */
export interface PassContext {
  /** The device the pipeline compiles for (generic = stdgates, all-to-all). */
  readonly target: Target;
  /** Seed for every randomised choice (routing tie-breaks, trials). */
  readonly seed: number;
  readonly logger: PassLogger;
  /** Facts passes hand to later passes (layout, final permutation, …), typed per key. Mutable by design. */
  readonly propertySet: PropertySet;
  /** Where the pipeline reports its stages and, inside long stages, finer steps (absent: silent). */
  readonly progress?: Progress;
}

/** The property names passes declare (the same vocabulary as the targets' predicates). */
export type PassProperty = Property;

export interface PassMetadata {
  readonly name: string;
  readonly requires: readonly PassProperty[];
  readonly guarantees: readonly PassProperty[];
  /** Properties the pass may destroy (e.g. a resynthesis breaking 'basis'). */
  readonly invalidates?: readonly PassProperty[];
  /**
   * Instructions with symbolic parameters (input parameters not yet bound): 'supported' — the
   * pass handles them itself; 'opaque' (the default) — the runner puts each behind a fence on its
   * qubits for the pass's run (primitives/symbolic-fence.ts), so the pass never sees one.
   */
  readonly symbolic?: 'opaque' | 'supported';
  /**
   * Running the pass on its own output changes nothing (it stops at a fixed point of its rule):
   * `repeatRounds` then skips it while the circuit is unchanged since its last run.
   */
  readonly idempotent?: boolean;
}

/** A pure circuit transformation with its metadata. */
export interface Pass {
  readonly meta: PassMetadata;
  run(circuit: Circuit, context: PassContext): Circuit;
}

/**
 * Build a pass from a function and its metadata. The run function is wrapped so that the pass's
 * `symbolic` declaration holds whoever calls it: a circuit with input parameters reaches an
 * 'opaque' pass with its symbolic instructions fenced off, and every output on such a circuit is
 * checked (parameters declared, no parameter read as a number). Numeric circuits go straight through.
 */
export function definePass(meta: PassMetadata, run: (circuit: Circuit, context: PassContext) => Circuit): Pass {
  const supported = meta.symbolic === 'supported';
  return {
    meta,
    run(circuit, context) {
      if ((circuit.parameters?.length ?? 0) === 0 && !hasExpressions(circuit.instructions)) {
        // A pass cannot invent input parameters: the output of a numeric circuit is numeric, and
        // the next pass need not scan it again (a scan reads every instruction of a large circuit).
        const out = run(circuit, context);
        if ((out.parameters?.length ?? 0) === 0) scanned.set(out.instructions, false);
        return out;
      }
      if (supported) return checkSymbolicOutput(circuit, run(circuit, context), meta.name);
      const fenced = fenceSymbolic(circuit);
      return checkSymbolicOutput(circuit, unfence(run(fenced.circuit, context), fenced, meta.name), meta.name);
    },
  };
}

/** Instruction lists already scanned for symbolic parameters (nested pipelines see one list many times). */
const scanned = new WeakMap<readonly Instruction[], boolean>();

function hasExpressions(list: readonly Instruction[]): boolean {
  let found = scanned.get(list);
  if (found === undefined) {
    found = false;
    for (let k = 0; k < list.length; k++) {
      if (list[k]!.exprs !== undefined) {
        found = true;
        break;
      }
    }
    scanned.set(list, found);
  }
  return found;
}

/** A context with defaults (used by tests and the library entry points). */
export function makeContext(target: Target, options: { seed?: number; logger?: PassLogger; progress?: Progress } = {}): PassContext {
  return { target, seed: options.seed ?? 1, logger: options.logger ?? (() => undefined), propertySet: new PropertySet(), ...(options.progress ? { progress: options.progress } : {}) };
}

/**
 * Run passes in order. Checks at build time (tket-style) that each pass's requirements are
 * guaranteed by an earlier pass in the sequence or listed in `assumes`.
 */
export function sequence(name: string, passes: readonly Pass[], assumes: readonly PassProperty[] = [], options: { reportStages?: boolean } = {}): Pass {
  const have = new Set<PassProperty>(assumes);
  for (const p of passes) {
    for (const r of p.meta.requires) {
      if (!have.has(r)) throw new ValidationError(`pipeline '${name}': pass '${p.meta.name}' requires '${r}', which no earlier pass guarantees`);
    }
    for (const i of p.meta.invalidates ?? []) have.delete(i);
    for (const g of p.meta.guarantees) have.add(g);
  }
  const guarantees = [...have].filter((g) => !assumes.includes(g));
  const invalidates = [...new Set(passes.flatMap((p) => p.meta.invalidates ?? []))].filter((i) => !have.has(i));
  return definePass({ name, requires: assumes, guarantees, ...(invalidates.length > 0 ? { invalidates } : {}), symbolic: 'supported' }, (circuit, ctx) => {
    let c = circuit;
    // Stage k starting is reported as done = k of the stages; the end as done = total.
    const report = options.reportStages === true ? ctx.progress : undefined;
    passes.forEach((p, k) => {
      report?.({ stage: p.meta.name, done: k, total: passes.length });
      c = p.run(c, ctx);
    });
    report?.({ stage: name, done: passes.length, total: passes.length });
    return c;
  });
}

/** Cost used by the repeat combinators: fewer two-qubit gates first, then fewer gates. */
export function defaultCost(c: Circuit): number {
  let two = 0, size = 0;
  for (const i of c.instructions) {
    if (!isGate(i)) continue;
    size++;
    if (i.qubits.length >= 2) two++;
  }
  return two * 1e6 + size;
}

/** Repeat `pass` until the circuit's instruction list stops changing (at most `maxRounds`). */
export function fixedPoint(pass: Pass, maxRounds = 20): Pass {
  return definePass({ ...pass.meta, name: `fixed-point(${pass.meta.name})`, symbolic: 'supported' }, (circuit, ctx) => {
    let c = circuit;
    for (let r = 0; r < maxRounds; r++) {
      const next = pass.run(c, ctx);
      if (sameInstructions(next, c)) return next;
      c = next;
    }
    return c;
  });
}

/** Repeat `pass` while `cost` strictly decreases; returns the best circuit seen. */
export function repeatWhileImproving(pass: Pass, cost: (c: Circuit) => number = defaultCost, maxRounds = 20): Pass {
  return definePass({ ...pass.meta, name: `repeat-while-improving(${pass.meta.name})`, symbolic: 'supported' }, (circuit, ctx) => {
    let best = circuit, bestCost = cost(circuit);
    for (let r = 0; r < maxRounds; r++) {
      const next = pass.run(best, ctx);
      const k = cost(next);
      if (k >= bestCost) break;
      best = next;
      bestCost = k;
    }
    return best;
  });
}

export interface RoundOptions {
  /** Lower is better; a round that does not lower it is discarded and ends the loop. */
  readonly cost: (c: Circuit) => number;
  readonly maxRounds: number;
  /**
   * A round that removes less than this fraction of the gates and of the two-qubit gates is kept
   * but is the last (0: repeat while the cost improves at all). So is a round after which the next
   * one, extrapolated geometrically from the last two gains (g₂²/g₁), would: local rewriting
   * converges about geometrically, and on a million gates the round after a small gain finds a
   * few gates. Bounds the rounds on huge inputs; no effect below 1 / minGain gates.
   */
  readonly minGain?: number;
}

/**
 * Run `passes` in rounds, like repeatWhileImproving(sequence(…)), but skip an idempotent pass
 * while the circuit is unchanged since its own last run (its output would equal its input), so a
 * converging loop does not pay full passes that can change nothing. Reports each pass of each
 * round to ctx.progress as `name round r` (done = pass index, total = passes per round).
 */
export function repeatRounds(name: string, passes: readonly Pass[], options: RoundOptions): Pass {
  const meta = sequence(name, passes).meta;
  return definePass({ ...meta, name: `repeat-rounds(${name})`, symbolic: 'supported' }, (circuit, ctx) => {
    let best = circuit, bestCost = options.cost(circuit);
    // version counts the changes; ranAt[k] is the version pass k last left the circuit at.
    let version = 0, lastGain = 0;
    const ranAt = new Array<number>(passes.length).fill(-1);
    const minGain = options.minGain ?? 0;
    for (let r = 0; r < options.maxRounds; r++) {
      let c = best;
      for (let k = 0; k < passes.length; k++) {
        const p = passes[k]!;
        if (p.meta.idempotent === true && ranAt[k] === version) continue;
        ctx.progress?.({ stage: `${name} round ${r + 1}`, done: k, total: passes.length });
        const next = p.run(c, ctx);
        if (!sameInstructions(next, c)) version++;
        c = next;
        ranAt[k] = version;
      }
      const k = options.cost(c);
      if (k >= bestCost) break;
      const gain = gainOf(best, c);
      const next = r > 0 && lastGain > 0 ? (gain * gain) / lastGain : Infinity;
      const worth = gain >= minGain && (next >= minGain || c.instructions.length * minGain < 1);
      best = c;
      bestCost = k;
      lastGain = gain;
      if (!worth) break;
    }
    return best;
  });
}

/** The larger of the fractions of gates and of multi-qubit gates that `after` removed from `before`. */
function gainOf(before: Circuit, after: Circuit): number {
  const count = (c: Circuit): [number, number] => {
    let size = 0, multi = 0;
    for (const i of c.instructions) {
      if (!isGate(i)) continue;
      size++;
      if (i.qubits.length >= 2) multi++;
    }
    return [size, multi];
  };
  const [s0, m0] = count(before), [s1, m1] = count(after);
  return Math.max(s0 > 0 ? (s0 - s1) / s0 : 0, m0 > 0 ? (m0 - m1) / m0 : 0);
}

function sameInstructions(a: Circuit, b: Circuit): boolean {
  const x = a.instructions, y = b.instructions;
  if (x === y) return true;
  if (x.length !== y.length) return false;
  for (let k = 0; k < x.length; k++) if (!sameInstruction(x[k]!, y[k]!)) return false;
  return true;
}

/** Run every alternative on the same input and keep the cheapest result (ties: the first). */
export function bestOf(name: string, alternatives: readonly Pass[], cost: (c: Circuit) => number = defaultCost): Pass {
  if (alternatives.length === 0) throw new ValidationError(`bestOf '${name}': no alternatives`);
  return definePass({ name, requires: alternatives[0]!.meta.requires, guarantees: alternatives.map((a) => a.meta.guarantees).reduce((x, y) => x.filter((g) => y.includes(g))), symbolic: 'supported' }, (circuit, ctx) => {
    let best: Circuit | undefined, bestCost = Infinity;
    for (const [v, a] of alternatives.entries()) {
      if (alternatives.length > 1) ctx.progress?.({ stage: `${name} variant`, done: v, total: alternatives.length });
      const out = a.run(circuit, ctx);
      const k = cost(out);
      if (k < bestCost) {
        best = out;
        bestCost = k;
      }
    }
    return best!;
  });
}
