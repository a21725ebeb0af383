/**
 * A circuit as per-qubit doubly linked wires over its instructions: the shared traversal for
 * local rewrites (cancellation, Hadamard rules). Rewrites only delete nodes or replace a node's
 * instruction by one on the same qubit set, so the original order stays a valid topological order
 * and `toInstructions` just keeps the surviving nodes in index order.
 *
 * Links point at link slots (node i's k-th qubit is slot start[i] + k), not at nodes, so following
 * or unlinking a wire never searches a neighbour's qubit list: every operation is O(1) per wire,
 * also next to a barrier over 2^18 qubits (a node-indexed list made that quadratic).
 */
import type { Instruction } from '../../compiler/circuit/index.js';

/** Nodes wider than this find a qubit's slot through a map built on first use. */
const WIDE = 8;

export class WireGraph {
  /** Instruction at each node; null once removed. The input list itself until the first change. */
  private list: ReadonlyArray<Instruction | null>;
  private own = false;
  /** Node i's k-th qubit links sit at slot start[i] + k of the flat arrays. */
  private readonly start: Int32Array;
  /** The slot on the same wire before / after each slot (−1 at the wire's ends). */
  private readonly prevs: Int32Array;
  private readonly nexts: Int32Array;
  /** The node owning each slot. */
  private readonly owner: Int32Array;
  private readonly wideSlots = new Map<number, Map<number, number>>();
  /** First and last node on each qubit (−1 when the wire is empty). */
  readonly first: Int32Array;
  readonly last: Int32Array;

  constructor(instructions: readonly Instruction[], numQubits: number) {
    // Copied on the first change only: many runs on a large circuit change nothing or little.
    this.list = instructions;
    this.first = new Int32Array(numQubits).fill(-1);
    this.last = new Int32Array(numQubits).fill(-1);
    const lastSlot = new Int32Array(numQubits).fill(-1);
    const n = instructions.length;
    this.start = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) this.start[i + 1] = this.start[i]! + instructions[i]!.qubits.length;
    const slots = this.start[n]!;
    this.prevs = new Int32Array(slots);
    this.nexts = new Int32Array(slots).fill(-1);
    this.owner = new Int32Array(slots);
    for (let i = 0; i < n; i++) {
      const qs = instructions[i]!.qubits, base = this.start[i]!;
      for (let k = 0; k < qs.length; k++) {
        const q = qs[k]!, s = base + k;
        const l = lastSlot[q]!;
        this.owner[s] = i;
        this.prevs[s] = l;
        if (l >= 0) this.nexts[l] = s;
        else this.first[q] = i;
        lastSlot[q] = s;
        this.last[q] = i;
      }
    }
  }

  /** Instruction at each node; null once removed. */
  get insts(): ReadonlyArray<Instruction | null> {
    return this.list;
  }

  get size(): number {
    return this.list.length;
  }

  private set(i: number, inst: Instruction | null): void {
    if (!this.own) {
      // Spread, not slice: V8 copies a frozen array (every circuit's) twice as fast this way.
      this.list = [...this.list];
      this.own = true;
    }
    (this.list as Array<Instruction | null>)[i] = inst;
  }

  /** Position of qubit q in node i's qubit list. */
  slot(i: number, q: number): number {
    const qs = this.insts[i]!.qubits;
    if (qs.length > WIDE) {
      let m = this.wideSlots.get(i);
      if (m === undefined) {
        m = new Map(qs.map((x, k) => [x, k]));
        this.wideSlots.set(i, m);
      }
      const k = m.get(q);
      if (k !== undefined) return k;
    } else for (let k = 0; k < qs.length; k++) if (qs[k] === q) return k;
    throw new Error(`WireGraph: node ${i} does not act on qubit ${q}`);
  }

  /** The previous live node on qubit q before node i (−1 if none). */
  prev(i: number, q: number): number {
    const s = this.prevs[this.start[i]! + this.slot(i, q)]!;
    return s < 0 ? -1 : this.owner[s]!;
  }

  /** The next live node on qubit q after node i (−1 if none). */
  next(i: number, q: number): number {
    const s = this.nexts[this.start[i]! + this.slot(i, q)]!;
    return s < 0 ? -1 : this.owner[s]!;
  }

  /** Unlink node i from every wire. */
  remove(i: number): void {
    const inst = this.insts[i];
    if (!inst) return;
    const base = this.start[i]!;
    for (let k = 0; k < inst.qubits.length; k++) {
      const q = inst.qubits[k]!;
      const p = this.prevs[base + k]!, n = this.nexts[base + k]!;
      if (p >= 0) this.nexts[p] = n;
      else this.first[q] = n < 0 ? -1 : this.owner[n]!;
      if (n >= 0) this.prevs[n] = p;
      else this.last[q] = p < 0 ? -1 : this.owner[p]!;
    }
    this.set(i, null);
    this.wideSlots.delete(i);
  }

  /** Replace node i's instruction by one on the same set of qubits (order may differ). */
  replace(i: number, inst: Instruction): void {
    const old = this.insts[i]!;
    if (old.qubits.length !== inst.qubits.length || !old.qubits.every((q) => inst.qubits.includes(q))) {
      throw new Error(`WireGraph.replace: '${inst.gate}' does not act on the qubits of node ${i}`);
    }
    const base = this.start[i]!, m = old.qubits.length;
    let same = true;
    for (let k = 0; k < m; k++) if (old.qubits[k] !== inst.qubits[k]) same = false;
    this.set(i, inst);
    if (same) return;
    this.wideSlots.delete(i);
    const p = this.prevs.slice(base, base + m), n = this.nexts.slice(base, base + m);
    inst.qubits.forEach((q, k) => {
      const s = old.qubits.indexOf(q);
      this.prevs[base + k] = p[s]!;
      this.nexts[base + k] = n[s]!;
      if (p[s]! >= 0) this.nexts[p[s]!] = base + k;
      if (n[s]! >= 0) this.prevs[n[s]!] = base + k;
    });
  }

  /** Surviving instructions in a valid order (the input list itself when nothing changed). */
  toInstructions(): readonly Instruction[] {
    if (!this.own) return this.list as readonly Instruction[];
    const a = this.list;
    let live = 0;
    for (let k = 0; k < a.length; k++) if (a[k] !== null) live++;
    const out = new Array<Instruction>(live);
    for (let k = 0, j = 0; k < a.length; k++) {
      const x = a[k]!;
      if (x !== null) out[j++] = x;
    }
    return out;
  }
}
