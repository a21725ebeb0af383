/**
 * Perfect layout: place the circuit so that every two-qubit gate already sits on a coupler, by a
 * subgraph monomorphism of the circuit's interaction graph into the coupling graph (VF2++ order,
 * bounded by a call limit). Among the embeddings it meets, the one with the highest estimated
 * success probability wins (noise-aware, as Qiskit's VF2Layout): each two-qubit gate costs its
 * coupler's −log(1 − error), each one-qubit gate its qubit's sx cost, each measured qubit its
 * readout cost. Qubits without two-qubit gates take the cheapest free qubits afterwards.
 * @see arXiv:2409.08368 (§ layout: perfect layouts tried before SABRE)
 */
import { isGate, type Circuit, type Instruction } from '../compiler/circuit/index.js';
import { definePass, type Pass } from './pass.js';
import type { Target } from './targets/target.js';
import { deviceErrors, edgeCostOf, type DeviceErrors } from './device-errors.js';
import { embedSubgraph, type EmbeddingCosts, type PatternGraph } from './embed-subgraph.js';
import { routingGraph, type DeviceGraph } from './route-region.js';

/** Who interacts with whom, and how much: the pattern layouts and post-layouts embed. */
export interface InteractionGraph extends PatternGraph {
  /** Two-qubit gate count per pair (key a·n + b, a < b); a swap counts as three. */
  readonly pairCount: ReadonlyMap<number, number>;
  readonly oneQubitCount: Float64Array;
  readonly measured: Uint8Array;
}

/** The interaction graph of instructions on `numQubits` qubits. */
export function interactionGraph(instructions: readonly Instruction[], numQubits: number): InteractionGraph {
  const n = numQubits;
  const pairCount = new Map<number, number>();
  const oneQubitCount = new Float64Array(n), measured = new Uint8Array(n);
  const nb: Array<Set<number>> = Array.from({ length: n }, () => new Set());
  for (const inst of instructions) {
    if (inst.gate === 'measure') for (const q of inst.qubits) measured[q] = 1;
    if (!isGate(inst)) continue;
    if (inst.qubits.length === 1) oneQubitCount[inst.qubits[0]!]!++;
    else if (inst.qubits.length === 2) {
      const a = Math.min(inst.qubits[0]!, inst.qubits[1]!), b = Math.max(inst.qubits[0]!, inst.qubits[1]!);
      pairCount.set(a * n + b, (pairCount.get(a * n + b) ?? 0) + (inst.gate === 'swap' ? 3 : 1));
      nb[a]!.add(b);
      nb[b]!.add(a);
    }
  }
  return { numNodes: n, neighbors: nb.map((s) => [...s].sort((x, y) => x - y)), pairCount, oneQubitCount, measured };
}

/** Embedding costs of an interaction graph on a device: −log ESP (all zero without calibration). */
export function successCosts(g: InteractionGraph, errors: DeviceErrors | null): EmbeddingCosts {
  if (errors === null) return { node: () => 0, edge: () => 0 };
  const n = g.numNodes;
  return {
    node: (u, p) => g.oneQubitCount[u]! * errors.oneQubitCost[p]! + g.measured[u]! * errors.readoutCost[p]!,
    edge: (u, v, p, q) => (g.pairCount.get(Math.min(u, v) * n + Math.max(u, v)) ?? 0) * edgeCostOf(errors, p, q),
  };
}

/** Give the qubits the embedding left out (no two-qubit gates) the cheapest free qubits, busiest first. */
export function placeRest(map: Int32Array, g: InteractionGraph, host: DeviceGraph, costs: EmbeddingCosts): number[] {
  const used = new Uint8Array(host.numQubits);
  for (const p of map) if (p >= 0) used[p] = 1;
  const rest = Array.from({ length: g.numNodes }, (_, u) => u).filter((u) => map[u]! < 0);
  rest.sort((a, b) => g.oneQubitCount[b]! + g.measured[b]! - (g.oneQubitCount[a]! + g.measured[a]!) || a - b);
  const out = Array.from(map);
  for (const u of rest) {
    let best = -1, bestCost = Infinity;
    for (let p = 0; p < host.numQubits; p++) {
      if (used[p]) continue;
      const c = costs.node(u, p);
      if (c < bestCost) {
        best = p;
        bestCost = c;
      }
    }
    out[u] = best;
    used[best] = 1;
  }
  return out;
}

export interface Vf2LayoutOptions {
  /** Candidate placements the search may try (default 100 000). */
  readonly callLimit?: number;
  /** Leave out couplers the calibration reports out of service (default true). */
  readonly avoidFaulty?: boolean;
}

export interface Vf2LayoutResult {
  /** Physical qubit of each circuit qubit. */
  readonly layout: number[];
  /** −log of the estimated success probability (0 without calibration data). */
  readonly cost: number;
  /** The search finished (the layout is the best perfect layout there is). */
  readonly complete: boolean;
}

/** A layout needing no swaps, the most reliable found within the call limit, or null. */
export function vf2Layout(circuit: Circuit, target: Target, options: Vf2LayoutOptions = {}): Vf2LayoutResult | null {
  if (target.coupling === null) return null;
  const host = routingGraph(target, options.avoidFaulty ?? true);
  if (circuit.numQubits > host.numQubits) return null;
  const g = interactionGraph(circuit.instructions, circuit.numQubits);
  const costs = successCosts(g, deviceErrors(target));
  const found = embedSubgraph(g, host, costs, options.callLimit ?? 100_000);
  if (found === null) return null;
  const layout = placeRest(found.map, g, host, costs);
  let cost = found.cost;
  layout.forEach((p, u) => g.neighbors[u]!.length === 0 && (cost += costs.node(u, p)));
  return { layout, cost, complete: found.complete };
}

/**
 * The perfect-layout pass: when the circuit (gates on ≤ 2 qubits) embeds in the coupling graph,
 * writes 'layout' (and 'perfectLayout' = true) to the property set; otherwise leaves it unset.
 */
export function vf2LayoutPass(options: Vf2LayoutOptions = {}): Pass {
  return definePass({ name: 'vf2-layout', requires: ['no-multi-controlled'], guarantees: [], symbolic: 'supported' }, (circuit, ctx) => {
    const r = vf2Layout(circuit, ctx.target, options);
    if (r !== null) {
      ctx.propertySet.set('layout', r.layout);
      ctx.propertySet.set('perfectLayout', true);
      ctx.logger(`vf2-layout: perfect layout found (${r.complete ? 'best' : 'best within the call limit'}, −log ESP ${r.cost.toFixed(3)})`);
    }
    return circuit;
  });
}
