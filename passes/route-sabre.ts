/**
 * SABRE layout and routing at the level of LightSABRE: relative swap scores over the front layer
 * and a 20-gate extended set, decay, a release valve, and many randomised layout trials (dense,
 * interaction-ordered and random starts, each refined by forward–backward passes, then routed
 * several times) spread over both cores; the fewest swaps wins, or with a merge bonus the fewest
 * CNOTs once swaps merge with the block just run on their pair (NASSC's observation: a swap next to
 * a CX on the same pair costs 1 CNOT, not 3, after consolidation). Routing runs in a compact region
 * of the device sized from the circuit, and skips couplers the calibration reports out of service.
 * The greedy router is the baseline the benchmark compares with.
 * @see arXiv:2409.08368 (Zou et al., LightSABRE)
 * @see arXiv:1809.02573 (Li, Ding, Xie, SABRE)
 * @see arXiv:2205.10596 (Liu, Li, Zhou, NASSC)
 */
import { isTwoQubitGate, withInstructions, type Circuit, type Instruction } from '../compiler/circuit/index.js';
import { TargetError } from '../compiler/errors.js';
import type { Target } from './targets/target.js';
import { couplingGraph, shortestPath } from './primitives/coupling.js';
import { kRandom, type SabreParams, type TrialResult, type TrialSpec } from './route-kernel.js';
import { rebuildRouted, routingDag, routingProblem, type RoutingDag } from './route-problem.js';
import { chooseRegion, largestComponent, regionGraph, routingGraph, type DeviceGraph, type Region } from './route-region.js';
import { runLayoutTrials } from './route-parallel.js';

export interface SabreOptions {
  readonly seed?: number;
  /** Starting layouts tried (heuristic ones first, the rest random). */
  readonly layoutTrials?: number;
  /** Forward–backward refinement passes per starting layout. */
  readonly iterations?: number;
  /** Routings of each refined layout with different tie-breaks. */
  readonly swapTrials?: number;
  readonly extendedSize?: number;
  readonly extendedWeight?: number;
  readonly decay?: number;
  /**
   * Score bonus for a swap that merges with the gate just run on its pair; above 0 trials are also
   * compared by 3·swaps − 2·merged swaps. Use it when consolidation follows routing (0: plain
   * LightSABRE, the fewest swaps wins).
   */
  readonly mergeBonus?: number;
  /** Threads for the trials (default: both cores when the work pays for it). */
  readonly threads?: number;
  /** Routing region size as a multiple of the circuit's qubits (the device when larger). */
  readonly regionFactor?: number;
  /** Leave out couplers whose calibrated error marks them out of service (default true). */
  readonly avoidFaulty?: boolean;
  /** Let routing reorder commuting gates (default false: on the Nam suite it adds swaps). */
  readonly commutation?: boolean;
}

export interface RouteResult {
  readonly instructions: Instruction[];
  /** Physical qubit of each logical qubit at the start. */
  readonly layout: number[];
  /** Physical qubit of each logical qubit at the end. */
  readonly finalLayout: number[];
  /** Every physical qubit p's initial content ends on physicalPermutation[p] (ancillas included). */
  readonly physicalPermutation: number[];
  readonly swaps: number;
  /** Swaps that merge with a two-qubit block on their pair (each adds 1 CNOT, not 3, once consolidated). */
  readonly mergedSwaps: number;
}

const DEFAULTS = { layoutTrials: 16, iterations: 2, swapTrials: 2, extendedSize: 20, extendedWeight: 0.5, decay: 0.001, regionFactor: 2, mergeBonus: 0 };

function params(o: SabreOptions, m: number, layoutMode: boolean): SabreParams {
  return {
    basicWeight: 1, extendedSize: o.extendedSize ?? DEFAULTS.extendedSize, extendedWeight: o.extendedWeight ?? DEFAULTS.extendedWeight,
    decayIncrement: o.decay ?? DEFAULTS.decay, decayReset: 5, attemptLimit: 10 * m,
    iterations: layoutMode ? o.iterations ?? DEFAULTS.iterations : 0, swapTrials: o.swapTrials ?? DEFAULTS.swapTrials,
    mergeBonus: o.mergeBonus ?? DEFAULTS.mergeBonus,
  };
}

/** The graph to route on: in-service couplers unless that leaves no component big enough. */
function graphFor(target: Target, nl: number, avoidFaulty: boolean): DeviceGraph {
  const g = routingGraph(target, avoidFaulty);
  if (largestComponent(g) >= nl) return g;
  const all = routingGraph(target, false);
  if (largestComponent(all) < nl) throw new TargetError(`the circuit needs ${nl} connected qubits; the coupling map of ${target.name} has no connected group that large`);
  return all;
}

function regionSize(g: DeviceGraph, nl: number, factor: number): number {
  return Math.min(largestComponent(g), Math.max(nl + 4, Math.ceil(factor * nl)));
}

function check(circuit: Circuit, target: Target): void {
  if (target.coupling === null) throw new TargetError(`routing: ${target.name} has no coupling map`);
  const n = couplingGraph(target).numQubits;
  if (circuit.numQubits > n) throw new TargetError(`circuit needs ${circuit.numQubits} qubits; ${target.name} has ${n}`);
}

/** Logical qubits by two-qubit gate count (most first), and a BFS order of the interaction graph. */
function interactionOrders(dag: RoutingDag): { byDegree: number[]; bfs: number[] } {
  const n = dag.numQubits;
  const deg = new Float64Array(n);
  const nb: Array<Set<number>> = Array.from({ length: n }, () => new Set());
  for (let k = 0; k < dag.numNodes; k++) {
    const a = dag.nodeA[k]!, b = dag.nodeB[k]!;
    if (a < 0) continue;
    deg[a]!++;
    deg[b]!++;
    nb[a]!.add(b);
    nb[b]!.add(a);
  }
  const byDegree = Array.from({ length: n }, (_, q) => q).sort((a, b) => deg[b]! - deg[a]! || a - b);
  const seen = new Uint8Array(n), bfs: number[] = [];
  for (const s of byDegree) {
    if (seen[s]) continue;
    seen[s] = 1;
    bfs.push(s);
    for (let h = bfs.length - 1; h < bfs.length; h++) {
      const next = [...nb[bfs[h]!]!].filter((v) => !seen[v]).sort((a, b) => deg[b]! - deg[a]! || a - b);
      for (const v of next) {
        seen[v] = 1;
        bfs.push(v);
      }
    }
  }
  return { byDegree, bfs };
}

/** Starting layouts: logical orders laid along the region's BFS order (its index order), then random ones. */
function trialSpecs(dag: RoutingDag, count: number, seed: number): TrialSpec[] {
  const { byDegree, bfs } = interactionOrders(dag);
  const along = (order: readonly number[]): Int32Array => {
    const s = new Int32Array(dag.numQubits);
    order.forEach((l, k) => (s[l] = k));
    return s;
  };
  const rnd = kRandom(seed);
  const specs: TrialSpec[] = [along(bfs), along(byDegree)].slice(0, count).map((start) => ({ seed: Math.floor(rnd() * 2147483647), start }));
  while (specs.length < count) specs.push({ seed: Math.floor(rnd() * 2147483647), start: null });
  return specs;
}

function toResult(instructions: readonly Instruction[], dag: RoutingDag, region: Region, best: TrialResult, n: number): RouteResult {
  const dev = region.device;
  const physicalPermutation = Array.from({ length: n }, (_, p) => p);
  for (let l = 0; l < region.m; l++) physicalPermutation[dev[best.initial[l]!]!] = dev[best.final[l]!]!;
  return {
    instructions: rebuildRouted(instructions, dag, region, best.initial, best.events),
    layout: Array.from({ length: dag.numQubits }, (_, l) => dev[best.initial[l]!]!),
    finalLayout: Array.from({ length: dag.numQubits }, (_, l) => dev[best.final[l]!]!),
    physicalPermutation,
    swaps: best.swaps,
    mergedSwaps: best.merged,
  };
}

/**
 * Choose the layout and route together (SABRE layout): `layoutTrials` starting layouts in a
 * compact region, each refined and routed; the cheapest routing (see `mergeBonus`) is returned.
 */
export function sabreLayoutAndRoute(circuit: Circuit, target: Target, options: SabreOptions = {}): RouteResult {
  check(circuit, target);
  const dag = routingDag(circuit.instructions, circuit.numQubits, options.commutation ?? false);
  const g = graphFor(target, circuit.numQubits, options.avoidFaulty ?? true);
  const region = regionGraph(g, chooseRegion(g, regionSize(g, circuit.numQubits, options.regionFactor ?? DEFAULTS.regionFactor)));
  const problem = routingProblem(dag, region);
  const specs = trialSpecs(dag, Math.max(1, options.layoutTrials ?? DEFAULTS.layoutTrials), options.seed ?? 1);
  const best = runLayoutTrials(problem, specs, params(options, region.m, true), options.threads);
  return toResult(circuit.instructions, dag, region, best, couplingGraph(target).numQubits);
}

/**
 * Route `circuit` (gates on ≤ 2 qubits) from a fixed `layout` (logical → physical): `swapTrials`
 * routings with different tie-breaks, the cheapest kept.
 */
export function routeSabre(circuit: Circuit, target: Target, layout: readonly number[], options: SabreOptions = {}): RouteResult {
  check(circuit, target);
  if (layout.length !== circuit.numQubits || new Set(layout).size !== layout.length) throw new TargetError('routing: the layout must give each circuit qubit its own physical qubit');
  const dag = routingDag(circuit.instructions, circuit.numQubits, options.commutation ?? false);
  const full = routingGraph(target, false);
  let g = graphFor(target, circuit.numQubits, options.avoidFaulty ?? true);
  let qubits: number[];
  try {
    qubits = chooseRegion(g, regionSize(g, circuit.numQubits, options.regionFactor ?? DEFAULTS.regionFactor), layout);
  } catch {
    // The layout sits across an out-of-service coupler: route on the full coupling map.
    g = full;
    qubits = chooseRegion(g, regionSize(g, circuit.numQubits, options.regionFactor ?? DEFAULTS.regionFactor), layout);
  }
  const region = regionGraph(g, qubits);
  const problem = routingProblem(dag, region);
  const start = Int32Array.from(layout, (_, l) => l);
  const best = runLayoutTrials(problem, [{ seed: options.seed ?? 1, start }], params(options, region.m, false), options.threads);
  return toResult(circuit.instructions, dag, region, best, couplingGraph(target).numQubits);
}

/**
 * Plain greedy router (the baseline in bench/routing.ts): gates in order; a non-adjacent pair is
 * brought together by swapping the first qubit along a shortest path.
 */
export function routeGreedy(circuit: Circuit, target: Target, layout: readonly number[]): RouteResult {
  check(circuit, target);
  const g = couplingGraph(target);
  const n = g.numQubits;
  const phys = Array.from({ length: n }, (_, i) => i);
  const used = new Set(layout);
  let next = 0;
  layout.forEach((p, l) => (phys[l] = p));
  for (let l = circuit.numQubits; l < n; l++) {
    while (used.has(next)) next++;
    phys[l] = next++;
  }
  const start = [...phys];
  const logOf = new Int32Array(n);
  phys.forEach((p, l) => (logOf[p] = l));
  const out: Instruction[] = [];
  let swaps = 0;
  for (const inst of circuit.instructions) {
    if (isTwoQubitGate(inst)) {
      const path = shortestPath(g, phys[inst.qubits[0]!]!, phys[inst.qubits[1]!]!);
      for (let k = 0; k + 2 < path.length; k++) {
        const pa = path[k]!, pb = path[k + 1]!, la = logOf[pa]!, lb = logOf[pb]!;
        out.push({ gate: 'swap', qubits: [pa, pb], params: [] });
        logOf[pa] = lb;
        logOf[pb] = la;
        phys[la] = pb;
        phys[lb] = pa;
        swaps++;
      }
    }
    out.push({ ...inst, qubits: inst.qubits.map((q) => phys[q]!) });
  }
  const physicalPermutation = new Array<number>(n);
  start.forEach((p, l) => (physicalPermutation[p] = phys[l]!));
  return { instructions: out, layout: [...layout], finalLayout: phys.slice(0, circuit.numQubits), physicalPermutation, swaps, mergedSwaps: 0 };
}

/** A physical-qubit circuit with the routed instructions and layout metadata. */
export function routedCircuit(circuit: Circuit, target: Target, r: RouteResult): Circuit {
  const n = couplingGraph(target).numQubits;
  const base: Circuit = { ...circuit, numQubits: n, qregs: [{ name: 'q', start: 0, size: n }] };
  return withInstructions(base, r.instructions, { ...circuit.metadata, target: target.name, layout: [...r.layout], finalPermutation: r.finalLayout, swaps: r.swaps });
}
