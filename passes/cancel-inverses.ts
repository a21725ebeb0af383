/**
 * Inverse cancellation and rotation merging with commutation: each gate looks back along its
 * wires, past gates it provably commutes with, for a partner on the same qubits; an inverse pair
 * disappears, two rotations of one family (rz·rz, p·t, cp·cp, …) merge into one.
 * @see arXiv:1710.07345 (Nam et al., §4.2 gate cancellation)
 */
import { gateInverse, withOwnInstructions, isUnconditionalGate, type Instruction } from '../compiler/circuit/index.js';
import { definePass, type Pass } from './pass.js';
import { WireGraph } from './primitives/wires.js';
import { ALWAYS_CHANGED, changedViews, snapshot, type WireSnapshot } from './primitives/wire-diff.js';
import { commutes } from './primitives/commutation.js';
import { isAdditive, isIdentityAngle, phaseAngle, phaseGateCount, phaseGates, sameQubits, SYMMETRIC } from './primitives/angles.js';
import { combineSymbolicPair } from './primitives/symbolic-angles.js';
import type { Target } from './targets/target.js';

/** How far back along a wire to look (gates passed over), bounding the cost per gate. */
const MAX_WALK = 96;

const paramsEqual = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((v, k) => Math.abs(v - b[k]!) <= 1e-12);

/**
 * What g followed by h (earlier h, later g, on the same qubit set) becomes: [] when they cancel,
 * one instruction when they merge, undefined when neither.
 */
export function combinePair(h: Instruction, g: Instruction, target: Target): Instruction[] | undefined {
  if (h.exprs !== undefined || g.exprs !== undefined) return combineSymbolicPair(h, g, target);
  const ph = phaseAngle(h), pg = phaseAngle(g);
  if (ph !== undefined && pg !== undefined && h.qubits[0] === g.qubits[0]) {
    // Most phase pairs sum to a two-gate word (t·s, …): decide before building instructions.
    return phaseGateCount(ph + pg, target) <= 1 ? phaseGates(ph + pg, h.qubits[0]!, target) : undefined;
  }
  if (!sameQubits(h, g)) return undefined;
  const inv = gateInverse(h.gate, h.params);
  if (inv.gate === g.gate && paramsEqual(inv.params, g.params) && (SYMMETRIC.has(g.gate) || h.qubits.every((q, k) => g.qubits[k] === q))) return [];
  if (h.gate === g.gate && isAdditive(g.gate)) {
    const theta = h.params[0]! + g.params[0]!;
    return isIdentityAngle(g.gate, theta) ? [] : [{ gate: g.gate, qubits: h.qubits, params: [theta] }];
  }
  return undefined;
}

/**
 * The partner node j of node i (the latest gate on i's first wire it cancels or merges with,
 * reached past gates that commute with i and such that every gate between them on i's other
 * wires commutes with i too) and what the pair becomes; undefined when there is none.
 */
function findPartner(g: WireGraph, i: number, target: Target, depths: Uint8Array): { partner: number; result: Instruction[] } | undefined {
  const gi = g.insts[i];
  depths[i] = 0;
  if (!gi || gi.qubits.length === 0 || !isUnconditionalGate(gi)) return undefined;
  const q0 = gi.qubits[0]!;
  let j = g.prev(i, q0), steps = 0, partner = -1, result: Instruction[] | undefined;
  // The links followed on the first wire: all the search reads when it finds no partner.
  let links = 1;
  while (j >= 0 && steps++ < MAX_WALK) {
    const h = g.insts[j]!;
    if (isUnconditionalGate(h)) {
      result = combinePair(h, gi, target);
      if (result !== undefined) {
        partner = j;
        break;
      }
    }
    if (!commutes(h, gi)) break;
    j = g.prev(j, q0);
    links++;
  }
  depths[i] = links;
  if (partner < 0 || result === undefined) return undefined;
  // From here the search reads the other wires too: a node it turns down is always looked at again.
  depths[i] = ALWAYS_CHANGED;
  for (let w = 1; w < gi.qubits.length; w++) {
    const q = gi.qubits[w]!;
    let k = g.prev(i, q), s = 0;
    while (k >= 0 && k !== partner) {
      if (s++ > MAX_WALK || !commutes(g.insts[k]!, gi)) return undefined;
      k = g.prev(k, q);
    }
    if (k !== partner) return undefined;
  }
  return { partner, result };
}

/** A binary min-heap of node indices (the nodes to revisit, earliest first). */
class NodeHeap {
  private readonly a: number[] = [];
  get size(): number {
    return this.a.length;
  }
  push(x: number): void {
    const a = this.a;
    let k = a.push(x) - 1;
    while (k > 0) {
      const p = (k - 1) >> 1;
      if (a[p]! <= x) break;
      a[k] = a[p]!;
      k = p;
    }
    a[k] = x;
  }
  pop(): number {
    const a = this.a, top = a[0]!, x = a.pop()!;
    if (a.length === 0) return top;
    let k = 0;
    for (;;) {
      let c = 2 * k + 1;
      if (c >= a.length) break;
      if (c + 1 < a.length && a[c + 1]! < a[c]!) c++;
      if (a[c]! >= x) break;
      a[k] = a[c]!;
      k = c;
    }
    a[k] = x;
    return top;
  }
}

/**
 * Cancel and merge until no node has a partner. One sweep visits every node in order; a change
 * can only give a partner to a node whose look-back window (its MAX_WALK + 1 nearest
 * predecessors on each wire) held a changed node, so those nodes behind the sweep are queued and
 * revisited (earliest first) before it moves on. The work beyond the sweep is proportional to the
 * number of changes (each at most MAX_WALK² steps), not to the circuit: linear overall.
 *
 * With `seeds` (ascending), only they and the nodes changes queue are visited, earliest first:
 * the same visits with effect, in the same order, as the sweep when every other node would find
 * no partner (wire-diff.ts `changedNodes` gives such seeds). Returns the number of changes.
 */
export function cancelToFixedPoint(g: WireGraph, target: Target, seeds?: readonly number[], depths: Uint8Array = new Uint8Array(g.size)): number {
  const n = g.size;
  const queued = new Uint8Array(n);
  const heap = new NodeHeap();
  let cursor = seeds === undefined ? 0 : n - 1, changes = 0;
  // Queue the nodes after x on each of its wires that the sweep has passed and whose window may hold x.
  const markAfter = (x: number): void => {
    for (const q of g.insts[x]!.qubits) {
      let k = g.next(x, q), s = 0;
      while (k >= 0 && k <= cursor && s++ <= MAX_WALK + 1) {
        if (queued[k] === 0) {
          queued[k] = 1;
          heap.push(k);
        }
        k = g.next(k, q);
      }
    }
  };
  const visit = (i: number): void => {
    const found = findPartner(g, i, target, depths);
    if (found === undefined) return;
    const { partner, result } = found;
    markAfter(i);
    markAfter(partner);
    g.remove(i);
    if (result.length === 0) g.remove(partner);
    else {
      g.replace(partner, result[0]!);
      if (queued[partner] === 0) {
        queued[partner] = 1;
        heap.push(partner);
      }
    }
    changes++;
  };
  const drain = (): void => {
    while (heap.size > 0) {
      const k = heap.pop();
      queued[k] = 0;
      visit(k);
    }
  };
  if (seeds !== undefined) {
    for (const k of seeds) {
      queued[k] = 1;
      heap.push(k);
    }
    drain();
    return changes;
  }
  for (; cursor < n; cursor++) {
    visit(cursor);
    drain();
  }
  return changes;
}

/** The last fixed point this pipeline run reached, for the next run to start from its differences. */
interface FixedPoint extends WireSnapshot {
  readonly target: Target;
}

declare module './properties.js' {
  interface PropertyValues {
    /** cancel-inverses' last output as a wire snapshot (an optimisation memo, never a fact about the circuit). */
    cancelInversesFixedPoint: FixedPoint;
  }
}

/**
 * Cancel inverse pairs and merge rotations, repeated until nothing changes. The optimisation loop
 * runs this pass several times on circuits that differ from its last output in a few places, so
 * it keeps that output (in the pipeline's property set) with how far back each node's search
 * read, and then visits only the nodes whose view changed since (primitives/wire-diff.ts); the
 * result is the one a full sweep gives (tested).
 */
export const cancelInverses: Pass = definePass(
  { name: 'cancel-inverses', requires: [], guarantees: [], symbolic: 'supported', idempotent: true },
  (circuit, ctx) => {
    const g = new WireGraph(circuit.instructions, circuit.numQubits), depths = new Uint8Array(g.size);
    const last = ctx.propertySet.get('cancelInversesFixedPoint');
    const seeds = last !== undefined && last.target === ctx.target ? changedViews(g, circuit.instructions, last, depths) : undefined;
    // When most nodes changed, the plain sweep is as cheap and needs no heap.
    cancelToFixedPoint(g, ctx.target, seeds !== undefined && seeds.length < g.size / 2 ? seeds : undefined, depths);
    const list = g.toInstructions();
    ctx.propertySet.set('cancelInversesFixedPoint', { ...snapshot(g, depths, list), target: ctx.target });
    return withOwnInstructions(circuit, list);
  },
);
