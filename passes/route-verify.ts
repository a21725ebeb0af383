/**
 * An exact check that a routed circuit is its logical original up to the initial layout and the
 * final placement, at any size: replaying the routed instructions while tracking which logical
 * qubit each physical qubit holds, every non-swap instruction must be an unplaced instruction of
 * the original (same gate, parameters, clbits and condition) that belongs to the earliest
 * unfinished commutation group on each of its wires, and every swap is either the original's own
 * swap or a relabelling. Then every pair of instructions that may not commute keeps its order, and
 * the two circuits are equal (route-commutation.ts says why reordering within groups is exact).
 */
import { isTwoQubitGate, type Circuit, type Instruction } from '../compiler/circuit/index.js';
import type { Target } from './targets/target.js';
import { couplingGraph } from './primitives/coupling.js';
import { commutationGroups, wiresAndActions } from './route-commutation.js';

export interface RoutingCheck {
  readonly ok: boolean;
  /** The first discrepancy (empty when ok). */
  readonly message: string;
}

function sameOperation(a: Instruction, b: Instruction): boolean {
  if (a.gate !== b.gate || a.params.length !== b.params.length) return false;
  for (let k = 0; k < a.params.length; k++) if (a.params[k] !== b.params[k]) return false;
  const ca = a.clbits ?? [], cb = b.clbits ?? [];
  if (ca.length !== cb.length || ca.some((c, k) => c !== cb[k])) return false;
  const xa = a.condition, xb = b.condition;
  if (!xa || !xb) return !xa && !xb;
  return xa.value === xb.value && xa.clbits.length === xb.clbits.length && xa.clbits.every((c, k) => c === xb.clbits[k]);
}

/**
 * Check `routed` (physical qubits of `target`) against `original` (logical qubits) given the
 * layout and final placement (logical → physical). Two-qubit gates must sit on coupling edges
 * (either direction: direction is fixed later by basis translation).
 */
export function verifyRouting(original: Circuit, routed: readonly Instruction[], target: Target, layout: readonly number[], finalLayout: readonly number[]): RoutingCheck {
  const fail = (message: string): RoutingCheck => ({ ok: false, message });
  const nq = original.numQubits;
  const g = couplingGraph(target);
  const n = g.numQubits;
  if (layout.length !== nq || finalLayout.length !== nq) return fail(`layout lengths ${layout.length}/${finalLayout.length} differ from the circuit's ${nq} qubits`);
  // Per wire: the original's commutation groups (instruction lists) and how many of each are placed.
  const groups = commutationGroups(original.instructions, nq);
  const wireGroups = new Map<number, number[][]>();
  const wiresOf = original.instructions.map((inst, k) => {
    const { wires } = wiresAndActions(inst, nq);
    wires.forEach((w, j) => {
      const gs = wireGroups.get(w) ?? [];
      wireGroups.set(w, gs);
      (gs[groups[k]![j]!] ??= []).push(k);
    });
    return wires;
  });
  const done = new Uint8Array(original.instructions.length);
  const current = new Map<number, number>();
  /** The first group on wire w that still has unplaced instructions. */
  const front = (w: number): number => {
    const gs = wireGroups.get(w) ?? [];
    let c = current.get(w) ?? 0;
    while (c < gs.length && gs[c]!.every((k) => done[k])) c++;
    current.set(w, c);
    return c;
  };
  /** An unplaced original instruction matching `want` that is in the front group of each of its wires. */
  const placeable = (want: Instruction): number => {
    const { wires } = wiresAndActions(want, nq);
    const candidates = wireGroups.get(wires[0]!)?.[front(wires[0]!)] ?? [];
    for (const k of candidates) {
      const o = original.instructions[k]!;
      if (done[k] || !sameOperation(o, want) || o.qubits.length !== want.qubits.length || o.qubits.some((q, j) => q !== want.qubits[j])) continue;
      if (wiresOf[k]!.every((w, j) => groups[k]![j] === front(w))) return k;
    }
    return -1;
  };
  // holder[p] = logical qubit on physical p, or −1 − p for the qubit that started empty on p.
  const holder = Array.from({ length: n }, (_, p) => -1 - p);
  for (let l = 0; l < nq; l++) {
    const p = layout[l]!;
    if (!(p >= 0 && p < n) || holder[p]! >= 0) return fail(`layout places logical ${l} on ${p}, which is out of range or taken`);
    holder[p] = l;
  }
  for (let r = 0; r < routed.length; r++) {
    const inst = routed[r]!;
    if (inst.qubits.some((p) => !(p >= 0 && p < n))) return fail(`instruction ${r}: qubit out of range`);
    if (isTwoQubitGate(inst) && g.dist[inst.qubits[0]! * n + inst.qubits[1]!] !== 1) {
      return fail(`instruction ${r}: '${inst.gate}' on ${inst.qubits[0]}, ${inst.qubits[1]}, which are not coupled`);
    }
    const logical = inst.qubits.map((p) => holder[p]!);
    if (inst.gate === 'swap' && !inst.condition) {
      const [a, b] = logical as [number, number];
      const k = a >= 0 && b >= 0 ? Math.max(placeable({ ...inst, qubits: [a, b] }), placeable({ ...inst, qubits: [b, a] })) : -1;
      if (k >= 0) done[k] = 1;
      else {
        holder[inst.qubits[0]!] = b;
        holder[inst.qubits[1]!] = a;
      }
      continue;
    }
    if (logical.some((l) => l < 0)) return fail(`instruction ${r}: '${inst.gate}' acts on a physical qubit that holds no circuit qubit`);
    const k = placeable({ ...inst, qubits: logical });
    if (k < 0) return fail(`instruction ${r}: '${inst.gate}' on logical ${logical.join(', ')} is not an instruction of the original that may run here`);
    done[k] = 1;
  }
  const missing = done.indexOf(0);
  if (missing >= 0) return fail(`instruction ${missing} of the original ('${original.instructions[missing]!.gate}') is missing`);
  for (let l = 0; l < nq; l++) {
    if (holder[finalLayout[l]!] !== l) return fail(`logical ${l} ends on ${holder.indexOf(l)}, not on the reported ${finalLayout[l]}`);
  }
  return { ok: true, message: '' };
}
