import { describe, expect, it } from 'vitest';
import { CircuitBuilder, isGate, type Circuit, type GateName } from '../../compiler/circuit/index.js';
import { TargetError } from '../../compiler/errors.js';
import { getTarget } from '../../passes/targets/builtins.js';
import { makeTarget, verify, type Target } from '../../passes/targets/target.js';
import { transpile } from '../../passes/transpile.js';
import { makeContext } from '../../passes/pass.js';
import { interactionGraph, successCosts, vf2Layout } from '../../passes/layout-vf2.js';
import { layoutPass, routingPass, type LayoutRoutingOptions } from '../../passes/layout-routing.js';
import { routingGraph, type DeviceGraph } from '../../passes/route-region.js';
import { deviceErrors } from '../../passes/device-errors.js';
import { verifyRouting } from '../../passes/route-verify.js';
import { rng } from '../helpers/quantum.js';
import { routedEquivalent } from './random-circuits.js';

/** A random connected set of `size` qubits: grown one random frontier qubit at a time. */
function randomSubgraph(g: DeviceGraph, size: number, r: () => number): number[] {
  for (;;) {
    const start = Math.floor(r() * g.numQubits);
    const inside = new Set([start]), out = [start];
    while (out.length < size) {
      const frontier = [...new Set(out.flatMap((u) => g.neighbors[u]!.filter((v) => !inside.has(v))))];
      if (frontier.length === 0) break; // a small component (out-of-service couplers): start elsewhere
      const v = frontier[Math.floor(r() * frontier.length)]!;
      inside.add(v);
      out.push(v);
    }
    if (out.length === size) return out;
  }
}

/**
 * A random circuit whose two-qubit gates all lie on couplers among `qubits`, with the logical
 * qubits shuffled (so no trivial layout fits): a zero-swap layout exists by construction.
 */
function circuitOn(g: DeviceGraph, qubits: readonly number[], gates: number, r: () => number, measure: boolean): Circuit {
  const n = qubits.length;
  const logical = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [logical[i], logical[j]] = [logical[j]!, logical[i]!];
  }
  const index = new Map(qubits.map((p, k) => [p, logical[k]!]));
  const edges: Array<[number, number]> = [];
  for (const p of qubits) for (const v of g.neighbors[p]!) if (index.has(v) && p < v) edges.push([index.get(p)!, index.get(v)!]);
  const b = new CircuitBuilder(n);
  const one: GateName[] = ['h', 't', 'tdg', 's', 'x', 'sx'];
  // Every coupler of the subgraph once (so the interaction graph is the whole subgraph), then random gates.
  for (const [u, v] of edges) b.gate(r() < 0.5 ? 'cx' : 'cz', r() < 0.5 ? [u, v] : [v, u]);
  for (let k = 0; k < gates; k++) {
    if (r() < 0.5 && edges.length > 0) {
      const [u, v] = edges[Math.floor(r() * edges.length)]!;
      b.gate('cx', r() < 0.5 ? [u, v] : [v, u]);
    } else b.gate(one[Math.floor(r() * one.length)]!, [Math.floor(r() * n)]);
  }
  if (measure) {
    const bits = b.addCreg('c', n);
    for (let q = 0; q < n; q++) b.measure(q, bits[q]!);
  }
  return b.build();
}

const twoQubit = (c: Circuit): number => c.instructions.filter((i) => isGate(i) && i.qubits.length === 2).length;

/** A user coupling map: a 6 × 6 grid (no calibration). */
const grid = makeTarget({
  name: 'grid6x6', numQubits: 36, basisGates: ['cx', 'rz', 'sx', 'x'], operations: ['measure', 'barrier'], physicalQubits: true,
  coupling: Array.from({ length: 36 }, (_, q) => [...(q % 6 < 5 ? [[q, q + 1] as const] : []), ...(q < 30 ? [[q, q + 6] as const] : [])]).flat(),
});

const DEVICES: Target[] = [...['ibm_fez', 'ibm_torino', 'ibm_brisbane', 'ibm_kingston', 'ibm_miami'].map((n) => getTarget(n)), grid];

describe('perfect layout (VF2)', () => {
  describe.each(DEVICES.map((t) => [t.name, t] as const))('%s', (_name, target) => {
    const g = routingGraph(target, true);
    // -O1 keeps the interaction graph, so the layout must be perfect. -O2/-O3 may resynthesise into
    // new interactions; their result must still add no two-qubit gates and never cost more than -O1's.
    it.each([1, 2, 3])('-O%i: a circuit built on a random connected subgraph gets no added two-qubit gates and stays equivalent', (level) => {
      for (const [size, seed] of [[5, 10 * level + 1], [11, 10 * level + 2]] as const) {
        const r = rng(seed + target.name.length * 1000);
        const c = circuitOn(g, randomSubgraph(g, size, r), 25, r, false);
        const res = transpile(c, target, { level: level as 1 | 2 | 3, seed });
        const msg = `${target.name} -O${level} size ${size} seed ${seed}`;
        if (level === 1) expect(res.circuit.metadata.swaps, msg).toBe(0);
        else expect(twoQubit(res.circuit), msg).toBeLessThanOrEqual(twoQubit(transpile(c, target, { level: 1, seed }).circuit));
        expect(twoQubit(res.circuit), msg).toBeLessThanOrEqual(twoQubit(c));
        expect(verify(res.circuit, target), msg).toEqual([]);
        expect(routedEquivalent(c, res.circuit, res.layout, res.physicalPermutation).distance, msg).toBeLessThan(1e-8);
      }
    });

    it('27 qubits: the layout and routing stages add nothing, and the routed circuit checks out exactly', () => {
      const r = rng(77 + target.name.length);
      const c = circuitOn(g, randomSubgraph(g, 27, r), 120, r, true);
      const ctx = makeContext(target, { seed: 3 });
      const o: LayoutRoutingOptions = { layout: 'auto', routing: 'sabre', vf2CallLimit: 30_000, sabre: {} };
      const routed = routingPass(o).run(layoutPass(o).run(c, ctx), ctx);
      expect(ctx.propertySet.get('perfectLayout')).toBe(true);
      expect(routed.metadata.swaps).toBe(0);
      const check = verifyRouting(c, routed.instructions, target, ctx.propertySet.get('layout') as number[], ctx.propertySet.get('finalPermutation') as number[]);
      expect(check.message).toBe('');
      // The whole lowering at -O1 keeps the two-qubit count.
      const res = transpile(c, target, { level: 1, seed: 3 });
      expect(res.circuit.metadata.swaps).toBe(0);
      expect(twoQubit(res.circuit)).toBeLessThanOrEqual(twoQubit(c));
    });
  });

  it('chooses among perfect layouts by estimated success: better than the first one found, and no out-of-service coupler', () => {
    const t = getTarget('ibm_torino');
    const g = routingGraph(t, true);
    const r = rng(5);
    const c = circuitOn(g, randomSubgraph(g, 8, r), 40, r, true);
    const costs = successCosts(interactionGraph(c.instructions, c.numQubits), deviceErrors(t));
    const cost = (layout: readonly number[]): number => {
      const ig = interactionGraph(c.instructions, c.numQubits);
      let s = 0;
      for (let u = 0; u < c.numQubits; u++) {
        s += costs.node(u, layout[u]!);
        for (const v of ig.neighbors[u]!) if (v > u) s += costs.edge(u, v, layout[u]!, layout[v]!);
      }
      return s;
    };
    const chosen = vf2Layout(c, t)!;
    const blind = vf2Layout(c, makeTarget({ name: 'torino-uncalibrated', numQubits: 133, coupling: t.coupling!.filter(([a, b]) => g.neighbors[a]!.includes(b)), symmetric: true }))!;
    expect(chosen.cost).toBeCloseTo(cost(chosen.layout), 9);
    expect(chosen.cost).toBeLessThan(cost(blind.layout));
    const errors = deviceErrors(t)!;
    for (const inst of c.instructions) {
      if (inst.qubits.length !== 2) continue;
      const [p, q] = inst.qubits.map((l) => chosen.layout[l]!) as [number, number];
      expect(errors.faulty.has(Math.min(p, q) * 133 + Math.max(p, q))).toBe(false);
    }
  });

  it('finds no perfect layout for a triangle on heavy-hex, and routing none refuses it clearly', () => {
    const c = new CircuitBuilder(3).cx(0, 1).cx(1, 2).cx(0, 2).build();
    const t = getTarget('ibm_fez');
    expect(vf2Layout(c, t)).toBeNull();
    expect(() => transpile(c, t, { level: 1, routing: 'none' })).toThrow(TargetError);
    expect(() => transpile(c, t, { level: 1, routing: 'none' })).toThrow(/routing 'none'.*no layout puts every two-qubit gate/);
    expect(() => transpile(c, t, { level: 1, routing: 'none', layout: 'trivial' })).toThrow(/'cx' on circuit qubits 0 and 2 needs physical qubits 0 and 2/);
    const routed = transpile(c, t, { level: 1 });
    expect(Number(routed.circuit.metadata.swaps)).toBeGreaterThan(0);
  });

  it('routing none passes a circuit that fits, with zero swaps', () => {
    const t = getTarget('ibm_brisbane');
    const c = new CircuitBuilder(4).h(0).cx(0, 1).cx(1, 2).cx(2, 3).build();
    const res = transpile(c, t, { level: 2, routing: 'none' });
    expect(res.circuit.metadata.swaps).toBe(0);
    expect(routedEquivalent(c, res.circuit, res.layout, res.physicalPermutation).distance).toBeLessThan(1e-8);
  });
});
