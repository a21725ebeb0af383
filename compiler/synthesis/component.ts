/**
 * The component model every quantum builder shares (Qualtran's Bloq): a component is an immutable
 * object whose constructor validates its parameters; it declares its registers, builds its circuit
 * only when asked (`circuit()`), and describes itself by a call graph — its direct callees (other
 * components, or IR gates by their cost key such as 'cx' or 'mcx:4') with multiplicities. Gate
 * counts and depth are the call graph evaluated bottom-up, so each cost is written once, in the
 * component that incurs it, and a component whose parameters are sizes only (a full QROM table of
 * 2^34 entries, a polynomial degree without phases) is priced exactly like a built one.
 * Depth is the sequential composition of the callees' depths (an upper bound on the ASAP depth),
 * except where a component declares its own (a layer of gates on disjoint qubits has depth 1).
 * @see arXiv:2409.04643 (Harrigan et al., Qualtran) — bloqs, call graphs and resource counting.
 */
import type { Circuit } from '../circuit/index.js';
import { CostTally, type GateCost } from './cost.js';

/** A named group of qubit positions of a component's circuit (qubits[0] = least significant bit). */
export interface QubitRegister {
  readonly name: string;
  readonly qubits: readonly number[];
}

/** A callee: a component, or an IR gate by its cost key (`gateKey`: 'cx', 'ry', 'mcx:4'). */
export type Callee = Component | string;

/** Direct callees with their multiplicities ({callee: count}). */
export type CallGraph = ReadonlyArray<readonly [Callee, number]>;

export interface Component {
  /** The kind of component ('qrom', 'state-prep', 'sparse-block-encoding', …). */
  readonly name: string;
  /** One line for call-graph listings: the kind and its parameters. */
  readonly label: string;
  readonly numQubits: number;
  readonly registers: readonly QubitRegister[];
  /** A declared depth, for components whose callees run in parallel; absent: the sequential sum. */
  readonly depth?: number;
  /** Direct callees; never builds a circuit. */
  callGraph(): CallGraph;
  /** Gate counts and depth from the call graph (no circuit is built). */
  cost(): GateCost;
  /** The circuit, built on demand (size-only components refuse with a ValidationError). */
  circuit(): Circuit;
}

/** Totals of one component: gates by key, depth, and how often every component below it is called. */
export interface Evaluation {
  readonly gates: Readonly<Record<string, number>>;
  readonly depth: number;
  /** Calls of every component in the graph (the root once), counted with multiplicity. */
  readonly calls: ReadonlyMap<Component, number>;
}

/** Depth of one IR gate: a global phase occupies no qubit. */
function gateDepth(key: string): number {
  return key === 'gphase' ? 0 : 1;
}

const evaluations = new WeakMap<Component, Evaluation>();

/** Evaluate a call graph bottom-up (memoised per component: components are immutable). */
export function evaluate(c: Component): Evaluation {
  const hit = evaluations.get(c);
  if (hit) return hit;
  const gates = new Map<string, number>();
  const calls = new Map<Component, number>([[c, 1]]);
  let depth = 0;
  for (const [callee, k] of c.callGraph()) {
    if (k === 0) continue;
    if (!(Number.isInteger(k) && k > 0)) throw new Error(`${c.label}: call count ${k} is not a positive integer`);
    if (typeof callee === 'string') {
      gates.set(callee, (gates.get(callee) ?? 0) + k);
      depth += k * gateDepth(callee);
      continue;
    }
    const e = evaluate(callee);
    for (const [g, n] of Object.entries(e.gates)) gates.set(g, (gates.get(g) ?? 0) + k * n);
    for (const [d, n] of e.calls) calls.set(d, (calls.get(d) ?? 0) + k * n);
    depth += k * e.depth;
  }
  const sorted: Record<string, number> = {};
  for (const [g, n] of [...gates.entries()].sort((a, b) => a[0].localeCompare(b[0]))) if (n !== 0) sorted[g] = n;
  const out: Evaluation = { gates: sorted, depth: c.depth ?? depth, calls };
  evaluations.set(c, out);
  return out;
}

/** The `GateCost` of a component from its call graph. */
export function costOf(c: Component): GateCost {
  const e = evaluate(c);
  return { gates: e.gates, qubits: c.numQubits, depth: e.depth };
}

/** Sum of `cost(c)` over components matching `select`, each weighted by how often `root` calls it. */
export function costOfCalls(root: Component, select: (c: Component) => boolean): GateCost {
  const t = new CostTally();
  for (const [c, n] of evaluate(root).calls) if (c !== root && select(c)) t.addCost(costOf(c), n);
  return t.toCost(0);
}

/**
 * Base class: a cached `circuit()` and `cost()` from the call graph. Subclasses give the name,
 * label, registers, call graph and `build()`.
 */
export abstract class ComponentBase implements Component {
  abstract readonly name: string;
  abstract readonly numQubits: number;
  abstract readonly registers: readonly QubitRegister[];
  private built: Circuit | undefined;

  get label(): string {
    return this.name;
  }

  abstract callGraph(): CallGraph;
  protected abstract build(): Circuit;

  circuit(): Circuit {
    this.built ??= this.build();
    return this.built;
  }

  cost(): GateCost {
    return costOf(this);
  }
}

/** Consecutive qubit indices start…start+size−1. */
export function range(start: number, size: number): number[] {
  return Array.from({ length: size }, (_, i) => start + i);
}

/** Registers laid out one after another from qubit 0, in the order given (empty ones kept, with no qubits). */
export function layoutRegisters(sizes: ReadonlyArray<readonly [string, number]>): QubitRegister[] {
  let next = 0;
  return sizes.map(([name, size]) => {
    const r = { name, qubits: range(next, size) };
    next += size;
    return r;
  });
}

/** The qubits of register `name`, or a bug report when it is missing. */
export function registerQubits(c: Pick<Component, 'registers' | 'label'>, name: string): readonly number[] {
  const r = c.registers.find((x) => x.name === name);
  if (!r) throw new Error(`${c.label}: no register '${name}'`);
  return r.qubits;
}
