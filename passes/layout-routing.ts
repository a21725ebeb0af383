/**
 * Layout and routing as passes. The layout pass (analysis) writes 'layout': a perfect layout when
 * the circuit embeds in the coupling graph ('auto'), SABRE's best layout trial otherwise (whose
 * routing it keeps for the routing pass), or a fixed heuristic. The routing pass turns the
 * circuit into a physical one: SABRE from that layout, the greedy baseline, or 'none', which
 * refuses a circuit whose two-qubit gates do not all sit on couplers as laid out.
 */
import { isGate, withInstructions, type Circuit } from '../compiler/circuit/index.js';
import { toTwoQubitList } from './decompose-multi-qubit.js';
import { TargetError } from '../compiler/errors.js';
import { definePass, type Pass } from './pass.js';
import { chooseLayout, type LayoutMethod } from './layout.js';
import { vf2Layout } from './layout-vf2.js';
import { routeGreedy, routeSabre, routedCircuit, sabreLayoutAndRoute, type RouteResult, type SabreOptions } from './route-sabre.js';
import { couplingGraph } from './primitives/coupling.js';
import type { Target } from './targets/target.js';

export type RoutingMethod = 'sabre' | 'greedy' | 'none';
export const ROUTING_METHODS: readonly RoutingMethod[] = ['sabre', 'greedy', 'none'];

export interface LayoutRoutingOptions {
  readonly layout: LayoutMethod;
  readonly routing: RoutingMethod;
  /** Candidate placements the perfect-layout search may try ('auto'; 0 skips it). */
  readonly vf2CallLimit: number;
  /** SABRE trials and weights (the seed comes from the pass context). */
  readonly sabre: Omit<SabreOptions, 'seed'>;
}

/** SABRE's layout trial keeps its routing for the routing pass (same circuit, same layout: reuse it). */
export interface SabreCache {
  readonly circuit: Circuit;
  readonly result: RouteResult;
}

declare module './properties.js' {
  interface PropertyValues {
    /** The routing found with the SABRE layout, for the routing pass to reuse. */
    sabreRouting: SabreCache;
  }
}

const identity = (n: number): number[] => Array.from({ length: n }, (_, q) => q);

/** Choose the layout (property 'layout'); SABRE's routing is kept in 'sabreRouting'. */
export function layoutPass(o: LayoutRoutingOptions): Pass {
  return definePass({ name: `layout-${o.layout}`, requires: ['no-multi-controlled'], guarantees: [], symbolic: 'supported' }, (circuit, ctx) => {
    const t = ctx.target;
    if (t.coupling === null) {
      ctx.propertySet.set('layout', identity(circuit.numQubits));
      return circuit;
    }
    if (o.layout === 'auto' || (o.layout === 'sabre' && o.routing === 'none')) {
      const perfect = o.vf2CallLimit > 0 || o.routing === 'none' ? vf2Layout(circuit, t, { callLimit: Math.max(o.vf2CallLimit, 1000), ...(o.sabre.avoidFaulty === undefined ? {} : { avoidFaulty: o.sabre.avoidFaulty }) }) : null;
      if (perfect !== null) {
        ctx.propertySet.set('layout', perfect.layout);
        ctx.propertySet.set('perfectLayout', true);
        ctx.logger(`layout: perfect layout (every two-qubit gate on a coupler), −log ESP ${perfect.cost.toFixed(3)}`);
        return circuit;
      }
      if (o.routing === 'none') {
        throw new TargetError(`routing 'none': no layout puts every two-qubit gate of the circuit on a coupler of ${t.name}; let routing insert swaps (routing 'sabre')`);
      }
    }
    if (o.layout === 'auto' || o.layout === 'sabre') {
      const result = sabreLayoutAndRoute(circuit, t, { ...o.sabre, seed: ctx.seed });
      ctx.propertySet.set('layout', result.layout);
      ctx.propertySet.set('sabreRouting', { circuit, result } satisfies SabreCache);
      ctx.logger(`layout: SABRE, ${result.swaps} swaps in the best of ${o.sabre.layoutTrials ?? 'the default'} trials`);
      return circuit;
    }
    ctx.propertySet.set('layout', chooseLayout(circuit, t, o.layout));
    return circuit;
  });
}

/** The circuit (decomposed to ≤ 2-qubit gates) has a perfect layout on the target. */
export function fitsWithoutSwaps(circuit: Circuit, target: Target, callLimit: number): boolean {
  if (target.coupling === null) return true;
  return vf2Layout(withInstructions(circuit, toTwoQubitList(circuit.instructions, circuit.numQubits)), target, { callLimit: Math.max(callLimit, 1000) }) !== null;
}

/** The first two-qubit gate the layout leaves on uncoupled qubits, as a message; null if none. */
function uncoupled(circuit: Circuit, target: Target, layout: readonly number[]): string | null {
  const g = couplingGraph(target), n = g.numQubits;
  for (const inst of circuit.instructions) {
    if (!isGate(inst) || inst.qubits.length !== 2) continue;
    const [a, b] = inst.qubits as [number, number];
    if (g.dist[layout[a]! * n + layout[b]!] !== 1) {
      return `'${inst.gate}' on circuit qubits ${a} and ${b} needs physical qubits ${layout[a]} and ${layout[b]} of ${target.name} to be coupled, and they are not`;
    }
  }
  return null;
}

/** Route to physical qubits from 'layout'; writes 'finalPermutation' and 'physicalPermutation'. */
export function routingPass(o: Pick<LayoutRoutingOptions, 'routing' | 'sabre'>): Pass {
  return definePass({ name: `routing-${o.routing}`, requires: ['no-multi-controlled'], guarantees: ['coupled', 'layout'], symbolic: 'supported' }, (circuit, ctx) => {
    const t = ctx.target;
    const layout = ctx.propertySet.get('layout') ?? identity(circuit.numQubits);
    if (t.coupling === null) {
      ctx.propertySet.set('finalPermutation', layout);
      ctx.propertySet.set('physicalPermutation', identity(circuit.numQubits));
      return circuit;
    }
    let r: RouteResult;
    if (o.routing === 'none') {
      const bad = uncoupled(circuit, t, layout);
      if (bad !== null) throw new TargetError(`routing 'none': ${bad}; let routing insert swaps (routing 'sabre') or use a layout that fits`);
      r = routeGreedy(circuit, t, layout);
    } else if (o.routing === 'greedy') {
      r = routeGreedy(circuit, t, layout);
    } else {
      const cached = ctx.propertySet.get('sabreRouting');
      r = cached !== undefined && cached.circuit === circuit && cached.result.layout.every((p, l) => p === layout[l])
        ? cached.result
        : routeSabre(circuit, t, layout, { ...o.sabre, seed: ctx.seed });
    }
    ctx.propertySet.delete('sabreRouting');
    ctx.propertySet.set('layout', r.layout);
    ctx.propertySet.set('finalPermutation', r.finalLayout);
    ctx.propertySet.set('physicalPermutation', r.physicalPermutation);
    if (r.swaps > 0) ctx.logger(`routing: ${r.swaps} swaps`);
    return routedCircuit(circuit, t, r);
  });
}
