/**
 * Affine parity tracking over path variables (the sum-over-paths view of a circuit): every wire
 * holds f ⊕ c where f is a XOR of variables (a linear hash, see Parity) and c a constant bit. cx, x and swap
 * update parities; diagonal gates leave them alone; any other gate, and every non-unitary or
 * conditioned operation, gives each of its qubits a fresh variable. Two diagonal phase terms with
 * the same f may be merged wherever the circuit holds f (Amy–Maslov–Mosca phase folding, Nam's
 * rotation merging).
 * @see arXiv:1710.07345 (Nam et al., §4.3 rotation merging)
 * @see arXiv:1303.2042 (Amy, Maslov, Mosca, Tpar: phase folding)
 */
import { gateSpec, isUnconditionalGate, type Instruction } from '../../compiler/circuit/index.js';

/**
 * A XOR of variables, stored as its 96-bit linear hash: each variable has a fixed pseudo-random
 * 96-bit word and a parity is the XOR of its variables' words, so ⊕ is exact on hashes and a step
 * costs O(1) however many variables the circuit creates. Two different parities share a hash with
 * probability 2⁻⁹⁶ per pair (below 10⁻¹⁶ for a million phase gates).
 */
export type Parity = readonly [number, number, number];

/** a ⊕ b. */
export function xorParity(a: Parity, b: Parity): Parity {
  return [(a[0] ^ b[0]) >>> 0, (a[1] ^ b[1]) >>> 0, (a[2] ^ b[2]) >>> 0];
}

/** The zero parity (no variable). */
export const ZERO_PARITY: Parity = [0, 0, 0];

/** 32 well-mixed bits from (variable, lane) (murmur3's finaliser). */
function mix(v: number, lane: number): number {
  let h = (Math.imul(v + 1, 0x9e3779b1) ^ Math.imul(lane + 1, 0x85ebca77)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

export interface WireValue {
  readonly parity: Parity;
  readonly negated: boolean;
}

/**
 * Running parities of every wire; call `step` for each instruction in order. The three hash words
 * and the constant bit of each wire live in typed arrays: a step allocates nothing (a pass over a
 * million gates otherwise spends its time collecting the garbage of its tuples).
 */
export class ParityTracker {
  private readonly p0: Uint32Array;
  private readonly p1: Uint32Array;
  private readonly p2: Uint32Array;
  private readonly neg: Uint8Array;
  private nextVar: number;

  constructor(numQubits: number) {
    this.p0 = new Uint32Array(numQubits);
    this.p1 = new Uint32Array(numQubits);
    this.p2 = new Uint32Array(numQubits);
    this.neg = new Uint8Array(numQubits);
    this.nextVar = 0;
    for (let q = 0; q < numQubits; q++) this.fresh(q);
  }

  value(q: number): WireValue {
    return { parity: [this.p0[q]!, this.p1[q]!, this.p2[q]!], negated: this.neg[q] === 1 };
  }

  /** Whether wire q holds its parity ⊕ 1. */
  negated(q: number): boolean {
    return this.neg[q] === 1;
  }

  /** Look wire q's parity up in `table` (its number, or −1). */
  findIn(table: ParityTable, q: number): number {
    return table.findWords(this.p0[q]!, this.p1[q]!, this.p2[q]!);
  }

  /** Add wire q's parity (not yet in `table`) to it; returns its number. */
  addTo(table: ParityTable, q: number): number {
    return table.addWords(this.p0[q]!, this.p1[q]!, this.p2[q]!);
  }

  private fresh(q: number): void {
    const v = this.nextVar++;
    this.p0[q] = mix(v, 0);
    this.p1[q] = mix(v, 1);
    this.p2[q] = mix(v, 2);
    this.neg[q] = 0;
  }

  private swapWires(a: number, b: number): void {
    for (const w of [this.p0, this.p1, this.p2]) [w[a], w[b]] = [w[b]!, w[a]!];
    [this.neg[a], this.neg[b]] = [this.neg[b]!, this.neg[a]!];
  }

  /** Advance past one instruction. */
  step(inst: Instruction): void {
    const qs = inst.qubits;
    if (!isUnconditionalGate(inst)) {
      for (const q of qs) this.fresh(q);
      return;
    }
    switch (inst.gate) {
      case 'cx': {
        const c = qs[0]!, t = qs[1]!;
        this.p0[t] = this.p0[t]! ^ this.p0[c]!;
        this.p1[t] = this.p1[t]! ^ this.p1[c]!;
        this.p2[t] = this.p2[t]! ^ this.p2[c]!;
        this.neg[t] = this.neg[t]! ^ this.neg[c]!;
        return;
      }
      case 'x':
        this.neg[qs[0]!] = this.neg[qs[0]!]! ^ 1;
        return;
      case 'swap':
        this.swapWires(qs[0]!, qs[1]!);
        return;
      case 'id':
      case 'gphase':
        return;
      default:
        if (gateSpec(inst.gate)?.diagonal) return;
        for (const q of qs) this.fresh(q);
    }
  }
}

/** A Map key for a parity. */
export const parityKey = (p: Parity): string => `${p[0]}:${p[1]}:${p[2]}`;

/**
 * Parities numbered in order of first insertion: an open-addressing table over the three hash
 * words in typed arrays (a Map keyed by strings or by words beyond 2^30 costs ten times more per
 * lookup, the bulk of a linear pass over a million gates).
 */
export class ParityTable {
  private slots = new Int32Array(1024).fill(-1);
  private w0 = new Uint32Array(512);
  private w1 = new Uint32Array(512);
  private w2 = new Uint32Array(512);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** The number of parity p, or −1 when it was never added. */
  find(p: Parity): number {
    return this.findWords(p[0], p[1], p[2]);
  }

  /** find() for a parity given as its three words. */
  findWords(a: number, b: number, c: number): number {
    const mask = this.slots.length - 1;
    for (let h = a & mask; ; h = (h + 1) & mask) {
      const id = this.slots[h]!;
      if (id < 0) return -1;
      if (this.w0[id] === a && this.w1[id] === b && this.w2[id] === c) return id;
    }
  }

  /** Add a parity not yet in the table; returns its number. */
  add(p: Parity): number {
    return this.addWords(p[0], p[1], p[2]);
  }

  /** add() for a parity given as its three words. */
  addWords(a: number, b: number, c: number): number {
    const id = this.count++;
    if (id >= this.w0.length) {
      const grow = (a: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> => {
        const b = new Uint32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.w0 = grow(this.w0);
      this.w1 = grow(this.w1);
      this.w2 = grow(this.w2);
    }
    this.w0[id] = a;
    this.w1[id] = b;
    this.w2[id] = c;
    if (2 * this.count > this.slots.length) {
      this.slots = new Int32Array(this.slots.length * 2).fill(-1);
      for (let k = 0; k < id; k++) this.place(k);
    }
    this.place(id);
    return id;
  }

  private place(id: number): void {
    const mask = this.slots.length - 1;
    let h = this.w0[id]! & mask;
    while (this.slots[h]! >= 0) h = (h + 1) & mask;
    this.slots[h] = id;
  }
}
