/**
 * Inverse cancellation and rotation merging with commutation: each gate looks back along its
 * wires, past gates it provably commutes with, for a partner on the same qubits; an inverse pair
 * disappears, two rotations of one family (rz·rz, p·t, cp·cp, …) merge into one.
 * @see arXiv:1710.07345 (Nam et al., §4.2 gate cancellation)
 */
import { gateInverse, withInstructions, NON_UNITARY, type Instruction } from '../compiler/circuit/index.js';
import { definePass, type Pass } from './pass.js';
import { WireGraph } from './primitives/wires.js';
import { commutes } from './primitives/commutation.js';
import { isAdditive, isIdentityAngle, phaseAngle, phaseGates, SYMMETRIC } from './primitives/angles.js';
import { combineSymbolicPair } from './primitives/symbolic-angles.js';
import type { Target } from './targets/target.js';

/** How far back along a wire to look (gates passed over), bounding the cost per gate. */
const MAX_WALK = 96;

function sameQubits(a: Instruction, b: Instruction): boolean {
  if (a.qubits.length !== b.qubits.length) return false;
  if (SYMMETRIC.has(a.gate) && a.gate === b.gate) return a.qubits.every((q) => b.qubits.includes(q));
  return a.qubits.every((q, k) => b.qubits[k] === q);
}

const paramsEqual = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((v, k) => Math.abs(v - b[k]!) <= 1e-12);

/**
 * What g followed by h (earlier h, later g, on the same qubit set) becomes: [] when they cancel,
 * one instruction when they merge, undefined when neither.
 */
export function combinePair(h: Instruction, g: Instruction, target: Target): Instruction[] | undefined {
  if (h.exprs !== undefined || g.exprs !== undefined) return combineSymbolicPair(h, g, target);
  const ph = phaseAngle(h), pg = phaseAngle(g);
  if (ph !== undefined && pg !== undefined && h.qubits[0] === g.qubits[0]) {
    const out = phaseGates(ph + pg, h.qubits[0]!, target);
    return out.length <= 1 ? out : undefined;
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
function findPartner(g: WireGraph, i: number, target: Target): { partner: number; result: Instruction[] } | undefined {
  const gi = g.insts[i];
  if (!gi || gi.qubits.length === 0 || NON_UNITARY.has(gi.gate) || gi.condition) return undefined;
  const q0 = gi.qubits[0]!;
  let j = g.prev(i, q0), steps = 0, partner = -1, result: Instruction[] | undefined;
  while (j >= 0 && steps++ < MAX_WALK) {
    const h = g.insts[j]!;
    if (!h.condition && !NON_UNITARY.has(h.gate)) {
      result = combinePair(h, gi, target);
      if (result !== undefined) {
        partner = j;
        break;
      }
    }
    if (!commutes(h, gi)) break;
    j = g.prev(j, q0);
  }
  if (partner < 0 || result === undefined) return undefined;
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
 * Returns the number of changes.
 */
export function cancelToFixedPoint(g: WireGraph, target: Target): number {
  const n = g.size;
  const queued = new Uint8Array(n);
  const heap = new NodeHeap();
  let cursor = 0, changes = 0;
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
    const found = findPartner(g, i, target);
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
  for (; cursor < n; cursor++) {
    visit(cursor);
    while (heap.size > 0) {
      const k = heap.pop();
      queued[k] = 0;
      visit(k);
    }
  }
  return changes;
}

/** Cancel inverse pairs and merge rotations, repeated until nothing changes. */
export const cancelInverses: Pass = definePass(
  { name: 'cancel-inverses', requires: [], guarantees: [], symbolic: 'supported', idempotent: true },
  (circuit, ctx) => {
    const g = new WireGraph(circuit.instructions, circuit.numQubits);
    cancelToFixedPoint(g, ctx.target);
    return withInstructions(circuit, g.toInstructions());
  },
);
