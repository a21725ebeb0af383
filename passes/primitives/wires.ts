/**
 * A circuit as per-qubit doubly linked wires over its instructions: the shared traversal for
 * local rewrites (cancellation, Hadamard rules). Rewrites only delete nodes or replace a node's
 * instruction by one on the same qubit set, so the original order stays a valid topological order
 * and `toInstructions` just keeps the surviving nodes in index order.
 */
import type { Instruction } from '../../compiler/circuit/index.js';

export class WireGraph {
  /** Instruction at each node; null once removed. */
  readonly insts: Array<Instruction | null>;
  /** Node i's k-th qubit links sit at index start[i] + k of the flat prev/next arrays. */
  private readonly start: Int32Array;
  private readonly prevs: Int32Array;
  private readonly nexts: Int32Array;
  /** First and last node on each qubit (−1 when the wire is empty). */
  readonly first: Int32Array;
  readonly last: Int32Array;

  constructor(instructions: readonly Instruction[], numQubits: number) {
    this.insts = [...instructions];
    this.first = new Int32Array(numQubits).fill(-1);
    this.last = new Int32Array(numQubits).fill(-1);
    const n = instructions.length;
    this.start = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) this.start[i + 1] = this.start[i]! + instructions[i]!.qubits.length;
    this.prevs = new Int32Array(this.start[n]!);
    this.nexts = new Int32Array(this.start[n]!).fill(-1);
    for (let i = 0; i < n; i++) {
      const qs = instructions[i]!.qubits, base = this.start[i]!;
      for (let k = 0; k < qs.length; k++) {
        const q = qs[k]!;
        const l = this.last[q]!;
        this.prevs[base + k] = l;
        if (l >= 0) this.nexts[this.start[l]! + this.slot(l, q)] = i;
        else this.first[q] = i;
        this.last[q] = i;
      }
    }
  }

  get size(): number {
    return this.insts.length;
  }

  /** Position of qubit q in node i's qubit list. */
  slot(i: number, q: number): number {
    const qs = this.insts[i]!.qubits;
    for (let k = 0; k < qs.length; k++) if (qs[k] === q) return k;
    throw new Error(`WireGraph: node ${i} does not act on qubit ${q}`);
  }

  /** The previous live node on qubit q before node i (−1 if none). */
  prev(i: number, q: number): number {
    return this.prevs[this.start[i]! + this.slot(i, q)]!;
  }

  /** The next live node on qubit q after node i (−1 if none). */
  next(i: number, q: number): number {
    return this.nexts[this.start[i]! + this.slot(i, q)]!;
  }

  /** Unlink node i from every wire. */
  remove(i: number): void {
    const inst = this.insts[i];
    if (!inst) return;
    const base = this.start[i]!;
    inst.qubits.forEach((q, k) => {
      const p = this.prevs[base + k]!, n = this.nexts[base + k]!;
      if (p >= 0) this.nexts[this.start[p]! + this.slot(p, q)] = n;
      else this.first[q] = n;
      if (n >= 0) this.prevs[this.start[n]! + this.slot(n, q)] = p;
      else this.last[q] = p;
    });
    this.insts[i] = null;
  }

  /** Replace node i's instruction by one on the same set of qubits (order may differ). */
  replace(i: number, inst: Instruction): void {
    const old = this.insts[i]!;
    if (old.qubits.length !== inst.qubits.length || !old.qubits.every((q) => inst.qubits.includes(q))) {
      throw new Error(`WireGraph.replace: '${inst.gate}' does not act on the qubits of node ${i}`);
    }
    const base = this.start[i]!;
    const p = this.prevs.slice(base, base + old.qubits.length), n = this.nexts.slice(base, base + old.qubits.length);
    inst.qubits.forEach((q, k) => {
      const s = old.qubits.indexOf(q);
      this.prevs[base + k] = p[s]!;
      this.nexts[base + k] = n[s]!;
    });
    this.insts[i] = inst;
  }

  /** Surviving instructions in a valid order. */
  toInstructions(): Instruction[] {
    const out: Instruction[] = [];
    for (const i of this.insts) if (i) out.push(i);
    return out;
  }
}
