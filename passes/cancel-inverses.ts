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

/** Run one sweep of cancellation/merging over a wire graph; returns true if anything changed. */
export function cancelSweep(g: WireGraph, target: Target): boolean {
  let changed = false;
  for (let i = 0; i < g.size; i++) {
    const gi = g.insts[i];
    if (!gi || gi.qubits.length === 0 || NON_UNITARY.has(gi.gate) || gi.condition) continue;
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
    if (partner < 0 || result === undefined) continue;
    // Every gate between partner and i on the other wires must commute with gi too.
    let ok = true;
    for (const q of gi.qubits.slice(1)) {
      let k = g.prev(i, q), s = 0;
      while (k >= 0 && k !== partner) {
        if (s++ > MAX_WALK || !commutes(g.insts[k]!, gi)) {
          ok = false;
          break;
        }
        k = g.prev(k, q);
      }
      if (k !== partner) ok = false;
      if (!ok) break;
    }
    if (!ok) continue;
    g.remove(i);
    if (result.length === 0) g.remove(partner);
    else g.replace(partner, result[0]!);
    changed = true;
  }
  return changed;
}

/** Cancel inverse pairs and merge rotations, repeated until nothing changes. */
export const cancelInverses: Pass = definePass(
  { name: 'cancel-inverses', requires: [], guarantees: [], symbolic: 'supported' },
  (circuit, ctx) => {
    const g = new WireGraph(circuit.instructions, circuit.numQubits);
    let rounds = 0;
    while (cancelSweep(g, ctx.target) && rounds++ < 20);
    return withInstructions(circuit, g.toInstructions());
  },
);
