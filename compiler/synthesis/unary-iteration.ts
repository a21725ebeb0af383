/**
 * Unary iteration: visit every index i of a selection register with one operation controlled on
 * "select = i", by a segment tree over the index bits from the most significant down. Each
 * internal node keeps "control ∧ prefix matches" in a clean ancilla computed with one Toffoli,
 * flips to the sibling with one CNOT and uncomputes with one Toffoli, so L indices cost about 2L
 * Toffolis and ⌈log₂ L⌉ − 1 ancillas (one more when controlled); empty subtrees are skipped.
 * The same walk emits a circuit into a CircuitBuilder or counts its gates into a CountingSink,
 * which replays subtrees with equal keys instead of walking them again: a size-only table of 2^34
 * entries is counted in O(log L) steps, by the very code that emits its circuit.
 * @see arXiv:1805.03662 (Babbush et al.), Section III.A and Fig. 7
 */
import type { GateName } from '../circuit/index.js';
import { ValidationError } from '../errors.js';
import { gateKey } from './cost.js';

/** The gates unary iteration emits: a CircuitBuilder, or a counter. */
export interface GateSink {
  gate(name: GateName, qubits: readonly number[], params?: readonly number[]): unknown;
  /** Counters only: run `emit` once per key and replay its counts for later subtrees with that key. */
  counted?(key: string, emit: () => void): void;
}

export interface UnaryIterationOptions {
  /** Selection qubits, select[0] = least significant bit of the index. */
  readonly select: readonly number[];
  /** Optional control: iterate only when it is |1⟩. */
  readonly control?: number;
  /** Clean ancillas: select.length − 1 (uncontrolled) or select.length (controlled). */
  readonly ancillas: readonly number[];
  /** Indices 0…length−1 are visited. */
  readonly length: number;
  /** True when index range [lo, hi) needs no leaf operations (the subtree is skipped). */
  readonly isEmpty?: (lo: number, hi: number) => boolean;
  /** Apply the operation for `index`, controlled by `ctrl` (undefined: unconditionally). */
  readonly leaf: (ctrl: number | undefined, index: number) => void;
  /** A key shared by index ranges whose subtrees emit the same gates up to qubit labels (for counting). */
  readonly subtreeKey?: (lo: number, hi: number) => string | undefined;
}

/** Ancillas unary iteration needs. */
export function unaryIterationAncillas(selectBits: number, controlled: boolean): number {
  return controlled ? selectBits : Math.max(0, selectBits - 1);
}

/** Emit a unary iteration into `sink`. */
export function unaryIterate(sink: GateSink, o: UnaryIterationOptions): void {
  const n = o.select.length;
  if (o.length > 2 ** n) throw new ValidationError(`unary iteration: ${o.length} entries do not fit ${n} selection bits`);
  const controlled = o.control !== undefined;
  if (o.ancillas.length < unaryIterationAncillas(n, controlled)) throw new ValidationError(`unary iteration: needs ${unaryIterationAncillas(n, controlled)} ancillas, got ${o.ancillas.length}`);
  const empty = (lo: number, hi: number): boolean => lo >= o.length || (o.isEmpty?.(lo, Math.min(hi, o.length)) ?? false);
  const node = (ctrl: number | undefined, level: number, prefix: number): void => {
    const span = 2 ** (n - level);
    const key = sink.counted && o.subtreeKey?.(prefix * span, (prefix + 1) * span);
    if (key) sink.counted!(`${level}:${ctrl === undefined ? 'u' : 'c'}:${key}`, () => expand(ctrl, level, prefix));
    else expand(ctrl, level, prefix);
  };
  const expand = (ctrl: number | undefined, level: number, prefix: number): void => {
    if (level === n) {
      o.leaf(ctrl, prefix);
      return;
    }
    const span = 2 ** (n - level - 1);
    const lo = 2 * prefix, hi = 2 * prefix + 1;
    const hasLo = !empty(lo * span, (lo + 1) * span);
    const hasHi = !empty(hi * span, (hi + 1) * span);
    const q = o.select[n - 1 - level]!;
    if (ctrl === undefined) {
      // Top level without a control: the selection qubit itself is the child's control.
      if (hasLo) {
        sink.gate('x', [q]);
        node(q, level + 1, lo);
        sink.gate('x', [q]);
      }
      if (hasHi) node(q, level + 1, hi);
      return;
    }
    const a = o.ancillas[controlled ? level : level - 1]!;
    if (hasLo && hasHi) {
      sink.gate('x', [q]);
      sink.gate('ccx', [ctrl, q, a]);
      sink.gate('x', [q]);
      node(a, level + 1, lo);
      sink.gate('cx', [ctrl, a]); // a = ctrl ∧ ¬q  →  ctrl ∧ q
      node(a, level + 1, hi);
      sink.gate('ccx', [ctrl, q, a]);
    } else if (hasLo) {
      sink.gate('x', [q]);
      sink.gate('ccx', [ctrl, q, a]);
      node(a, level + 1, lo);
      sink.gate('ccx', [ctrl, q, a]);
      sink.gate('x', [q]);
    } else if (hasHi) {
      sink.gate('ccx', [ctrl, q, a]);
      node(a, level + 1, hi);
      sink.gate('ccx', [ctrl, q, a]);
    }
  };
  if (n === 0) {
    if (o.length > 0 && !empty(0, 1)) o.leaf(o.control, 0);
    return;
  }
  node(o.control, 0, 0);
}

/** Counts gates (by cost key) instead of emitting them; replays memoised subtrees. */
export class CountingSink implements GateSink {
  private readonly counts = new Map<string, number>();
  private readonly memo = new Map<string, Map<string, number>>();

  gate(name: GateName, qubits: readonly number[]): this {
    this.add(gateKey(name, qubits.length), 1);
    return this;
  }

  counted(key: string, emit: () => void): void {
    const hit = this.memo.get(key);
    if (hit) {
      for (const [g, k] of hit) this.add(g, k);
      return;
    }
    const before = new Map(this.counts);
    emit();
    const diff = new Map<string, number>();
    for (const [g, k] of this.counts) if (k !== (before.get(g) ?? 0)) diff.set(g, k - (before.get(g) ?? 0));
    this.memo.set(key, diff);
  }

  /** Gate counts by cost key. */
  get gates(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  private add(g: string, k: number): void {
    this.counts.set(g, (this.counts.get(g) ?? 0) + k);
  }
}
