/**
 * The pass contract: a pure function (circuit, context) → circuit with metadata (the properties
 * it requires, guarantees and invalidates, in the vocabulary of properties.ts), plus the
 * combinators that assemble pipelines (sequence, fixed-point repeat, repeat while a metric
 * improves, best of alternatives). `sequence` checks requirements when the pipeline is built.
 * Analysis passes write facts into `context.propertySet` and return the circuit unchanged.
 */
import type { Circuit } from '../compiler/circuit/index.js';
import { ValidationError } from '../compiler/errors.js';
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
      if ((circuit.parameters?.length ?? 0) === 0 && !circuit.instructions.some((i) => i.exprs !== undefined)) return run(circuit, context);
      if (supported) return checkSymbolicOutput(circuit, run(circuit, context), meta.name);
      const fenced = fenceSymbolic(circuit);
      return checkSymbolicOutput(circuit, unfence(run(fenced.circuit, context), fenced, meta.name), meta.name);
    },
  };
}

/** A context with defaults (used by tests and the library entry points). */
export function makeContext(target: Target, options: { seed?: number; logger?: PassLogger } = {}): PassContext {
  return { target, seed: options.seed ?? 1, logger: options.logger ?? (() => undefined), propertySet: new PropertySet() };
}

/**
 * Run passes in order. Checks at build time (tket-style) that each pass's requirements are
 * guaranteed by an earlier pass in the sequence or listed in `assumes`.
 */
export function sequence(name: string, passes: readonly Pass[], assumes: readonly PassProperty[] = []): Pass {
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
    for (const p of passes) c = p.run(c, ctx);
    return c;
  });
}

/** Cost used by the repeat combinators: fewer two-qubit gates first, then fewer gates. */
export function defaultCost(c: Circuit): number {
  let two = 0, size = 0;
  for (const i of c.instructions) {
    if (i.gate === 'barrier' || i.gate === 'measure' || i.gate === 'reset') continue;
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

function sameInstructions(a: Circuit, b: Circuit): boolean {
  if (a.instructions.length !== b.instructions.length) return false;
  for (let k = 0; k < a.instructions.length; k++) {
    const x = a.instructions[k]!, y = b.instructions[k]!;
    if (x === y) continue;
    if (x.gate !== y.gate || x.qubits.length !== y.qubits.length || x.params.length !== y.params.length) return false;
    for (let j = 0; j < x.qubits.length; j++) if (x.qubits[j] !== y.qubits[j]) return false;
    for (let j = 0; j < x.params.length; j++) if (x.params[j] !== y.params[j] && !(Number.isNaN(x.params[j]) && Number.isNaN(y.params[j]))) return false;
    if (x.exprs !== y.exprs && (x.exprs === undefined || y.exprs === undefined || x.exprs.some((e, j) => e.key !== y.exprs![j]!.key))) return false;
  }
  return true;
}

/** Run every alternative on the same input and keep the cheapest result (ties: the first). */
export function bestOf(name: string, alternatives: readonly Pass[], cost: (c: Circuit) => number = defaultCost): Pass {
  if (alternatives.length === 0) throw new ValidationError(`bestOf '${name}': no alternatives`);
  return definePass({ name, requires: alternatives[0]!.meta.requires, guarantees: alternatives.map((a) => a.meta.guarantees).reduce((x, y) => x.filter((g) => y.includes(g))), symbolic: 'supported' }, (circuit, ctx) => {
    let best: Circuit | undefined, bestCost = Infinity;
    for (const a of alternatives) {
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
