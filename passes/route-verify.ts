/**
 * An exact check that a routed circuit is its logical original up to the initial layout and the
 * final placement, at any size: replaying the routed instructions while tracking which logical
 * qubit each physical qubit holds, every non-swap instruction must be the next instruction on all
 * of its wires in the original (same gate, parameters, clbits and condition), and every swap is
 * either the original's own swap or a relabelling. Two circuits whose instructions agree wire by
 * wire in order have the same dependency DAG, hence the same unitary and measurement statistics.
 */
import type { Circuit, Instruction } from '../compiler/circuit/index.js';
import type { Target } from './targets/target.js';
import { couplingGraph } from './primitives/coupling.js';

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
  const wiresOf = (i: Instruction): number[] => [...new Set([...i.qubits, ...(i.clbits ?? []).map((c) => nq + c), ...(i.condition?.clbits ?? []).map((c) => nq + c)])];
  const onWire = new Map<number, number[]>();
  original.instructions.forEach((inst, k) => {
    for (const w of wiresOf(inst)) {
      const list = onWire.get(w);
      if (list) list.push(k);
      else onWire.set(w, [k]);
    }
  });
  const ptr = new Map<number, number>();
  const pending = (w: number): number => onWire.get(w)?.[ptr.get(w) ?? 0] ?? -1;
  const consume = (k: number): void => {
    for (const w of wiresOf(original.instructions[k]!)) ptr.set(w, (ptr.get(w) ?? 0) + 1);
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
    if (inst.qubits.length === 2 && inst.gate !== 'barrier' && g.dist[inst.qubits[0]! * n + inst.qubits[1]!] !== 1) {
      return fail(`instruction ${r}: '${inst.gate}' on ${inst.qubits[0]}, ${inst.qubits[1]}, which are not coupled`);
    }
    const logical = inst.qubits.map((p) => holder[p]!);
    if (inst.gate === 'swap' && !inst.condition) {
      const [a, b] = logical as [number, number];
      const k = a >= 0 ? pending(a) : -1;
      const o = k >= 0 ? original.instructions[k]! : undefined;
      const isOriginal = o !== undefined && o.gate === 'swap' && !o.condition && pending(b) === k && ((o.qubits[0] === a && o.qubits[1] === b) || (o.qubits[0] === b && o.qubits[1] === a));
      if (isOriginal) consume(k);
      else {
        holder[inst.qubits[0]!] = b;
        holder[inst.qubits[1]!] = a;
      }
      continue;
    }
    if (logical.some((l) => l < 0)) return fail(`instruction ${r}: '${inst.gate}' acts on a physical qubit that holds no circuit qubit`);
    const probe: Instruction = { ...inst, qubits: logical };
    const k = pending(wiresOf(probe)[0]!);
    const o = k >= 0 ? original.instructions[k] : undefined;
    if (o === undefined || !sameOperation(o, inst) || o.qubits.length !== logical.length || o.qubits.some((q, j) => q !== logical[j])) {
      return fail(`instruction ${r}: '${inst.gate}' on logical ${logical.join(', ')} is not the next instruction of the original on its wires`);
    }
    if (wiresOf(o).some((w) => pending(w) !== k)) return fail(`instruction ${r}: '${inst.gate}' runs before an earlier instruction on one of its wires`);
    consume(k);
  }
  for (const [w, list] of onWire) if ((ptr.get(w) ?? 0) !== list.length) return fail(`wire ${w}: ${list.length - (ptr.get(w) ?? 0)} instruction(s) of the original are missing`);
  for (let l = 0; l < nq; l++) {
    if (holder[finalLayout[l]!] !== l) return fail(`logical ${l} ends on ${holder.indexOf(l)}, not on the reported ${finalLayout[l]}`);
  }
  return { ok: true, message: '' };
}
