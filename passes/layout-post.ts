/**
 * Post-layout: after routing, relabel the physical qubits when another placement of the same
 * routed circuit is more reliable. The routed circuit's interaction graph (swaps count as three
 * gates) is embedded into the coupling graph with the cheapest −log ESP (entangler errors of the
 * couplers used, sx errors, readout errors of measured qubits), starting from the current
 * placement's cost as the bound, so a relabelling is applied only when it is strictly better.
 * Needs calibration data; without it the circuit is returned unchanged.
 * @see arXiv:2409.08368 (as Qiskit's VF2PostLayout after SABRE)
 */
import type { Instruction } from '../compiler/circuit/index.js';
import { withInstructions } from '../compiler/circuit/index.js';
import { definePass, type Pass } from './pass.js';
import type { Target } from './targets/target.js';
import { deviceErrors } from './device-errors.js';
import { embedSubgraph } from './embed-subgraph.js';
import { interactionGraph, placeRest, successCosts } from './layout-vf2.js';
import { routingGraph } from './route-region.js';

/** A routed circuit with its placement (all on device qubits). */
export interface Placement {
  readonly instructions: readonly Instruction[];
  readonly layout: readonly number[];
  readonly finalLayout: readonly number[];
  /** Where each physical qubit's initial content ends. */
  readonly physicalPermutation: readonly number[];
}

export interface PostLayoutResult extends Placement {
  /** −log ESP before and after (equal when nothing better was found). */
  readonly costBefore: number;
  readonly costAfter: number;
}

/** The most reliable relabelling of a routed circuit found within `callLimit` placements. */
export function postLayout(routed: Placement, target: Target, callLimit = 50_000): PostLayoutResult {
  const errors = deviceErrors(target);
  const n = routed.physicalPermutation.length;
  const g = interactionGraph(routed.instructions, n);
  const costs = successCosts(g, errors);
  let before = 0;
  for (let u = 0; u < n; u++) {
    before += costs.node(u, u);
    for (const v of g.neighbors[u]!) if (v > u) before += costs.edge(u, v, u, v);
  }
  const unchanged = { ...routed, costBefore: before, costAfter: before };
  if (errors === null || target.coupling === null) return unchanged;
  const host = routingGraph(target, true);
  const found = embedSubgraph(g, host, costs, callLimit, before * (1 - 1e-9));
  if (found === null) return unchanged;
  // Qubits the circuit touches without two-qubit gates: cheapest free qubits; untouched ones fill in order.
  const touched = new Uint8Array(n);
  for (const i of routed.instructions) for (const q of i.qubits) touched[q] = 1;
  for (const p of routed.layout) touched[p] = 1;
  const map = Int32Array.from(found.map);
  const sigma = placeRest(map, { ...g, oneQubitCount: g.oneQubitCount.map((c, u) => (touched[u] ? c + 1e-9 : -1)) }, host, costs);
  let after = found.cost;
  for (let u = 0; u < n; u++) if (g.neighbors[u]!.length === 0 && touched[u]) after += costs.node(u, sigma[u]!);
  if (after >= before) return unchanged;
  const perm = new Array<number>(n);
  routed.physicalPermutation.forEach((to, from) => (perm[sigma[from]!] = sigma[to]!));
  return {
    instructions: routed.instructions.map((i) => ({ ...i, qubits: i.qubits.map((q) => sigma[q]!) })),
    layout: routed.layout.map((p) => sigma[p]!),
    finalLayout: routed.finalLayout.map((p) => sigma[p]!),
    physicalPermutation: perm,
    costBefore: before,
    costAfter: after,
  };
}

/**
 * The post-layout pass: on a routed circuit with 'layout', 'finalPermutation' and
 * 'physicalPermutation' in the property set, applies the best relabelling and updates all three.
 */
export function postLayoutPass(callLimit = 50_000): Pass {
  return definePass({ name: 'post-layout', requires: ['layout'], guarantees: ['layout'], symbolic: 'supported' }, (circuit, ctx) => {
    const layout = ctx.propertySet.get('layout') as number[] | undefined;
    const finalLayout = ctx.propertySet.get('finalPermutation') as number[] | undefined;
    const physicalPermutation = ctx.propertySet.get('physicalPermutation') as number[] | undefined;
    if (!layout || !finalLayout || !physicalPermutation) return circuit;
    const r = postLayout({ instructions: circuit.instructions, layout, finalLayout, physicalPermutation }, ctx.target, callLimit);
    if (r.costAfter >= r.costBefore) return circuit;
    ctx.propertySet.set('layout', r.layout);
    ctx.propertySet.set('finalPermutation', r.finalLayout);
    ctx.propertySet.set('physicalPermutation', r.physicalPermutation);
    ctx.logger(`post-layout: estimated success ${Math.exp(-r.costBefore).toPrecision(3)} → ${Math.exp(-r.costAfter).toPrecision(3)}`);
    return withInstructions(circuit, r.instructions, { ...circuit.metadata, layout: r.layout, finalPermutation: r.finalLayout });
  });
}
