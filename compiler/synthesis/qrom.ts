/**
 * Table lookup (QROM): |i⟩|y⟩ → |i⟩|y ⊕ d_i⟩ by unary iteration over the selection register.
 * A segment tree walks the index bits from the most significant down; each internal node keeps
 * "control ∧ prefix matches" in a clean ancilla computed with one Toffoli, flips to the sibling
 * with one CNOT and uncomputes with one Toffoli, so L entries cost about 2L Toffolis and
 * ⌈log₂ L⌉ − 1 ancillas (one more when controlled). Subtrees whose entries are all zero, and
 * indices ≥ L, are skipped entirely, so sparse tables cost in proportion to their nonzeros.
 * @see arXiv:1805.03662 (Babbush et al.), Section III.A and Fig. 7
 */
import { CircuitBuilder, type Circuit } from '../circuit/index.js';
import { ValidationError } from '../errors.js';
import { ceilLog2 } from '../linalg/walsh.js';
import { CostTally, gateKey, type Component, type GateCost } from './cost.js';

/** The gates unary iteration emits; a CircuitBuilder, or a counter. */
export interface GateSink {
  gate(name: string, qubits: readonly number[], params?: readonly number[]): unknown;
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

/** Counts gates instead of emitting them. */
export class CountingSink implements GateSink {
  readonly tally = new CostTally();
  gate(name: string, qubits: readonly number[]): this {
    this.tally.add(gateKey(name, qubits.length));
    return this;
  }
}

export interface QromOptions {
  /** Non-negative integer entries d_0…d_{L−1}. */
  readonly data: ArrayLike<number>;
  /** Target width (default: enough bits for the largest entry, at least 1). */
  readonly dataBits?: number;
  /** Selection width (default ⌈log₂ L⌉). */
  readonly selectBits?: number;
  readonly controlled?: boolean;
  /**
   * 'unary' (default): unary iteration, ~2L Toffolis and ⌈log₂ L⌉ − 1 clean ancillas.
   * 'mcx': no ancillas; per nonzero entry one multi-controlled X per set data bit, the selection
   * bits flipped in Gray-code fashion between entries (fewer qubits, more expensive gates).
   */
  readonly variant?: 'unary' | 'mcx';
}

/** QROM component. Layout: select, target, control (if any), ancillas. */
export class Qrom implements Component {
  readonly name = 'qrom';
  readonly data: Int32Array;
  readonly selectBits: number;
  readonly dataBits: number;
  readonly controlled: boolean;
  readonly variant: 'unary' | 'mcx';
  readonly ancillaCount: number;
  readonly numQubits: number;

  constructor(o: QromOptions) {
    const L = o.data.length;
    if (L === 0) throw new ValidationError('QROM: the table is empty');
    this.data = new Int32Array(L);
    let max = 0;
    for (let i = 0; i < L; i++) {
      const v = o.data[i]!;
      if (!Number.isInteger(v) || v < 0 || v >= 2 ** 30) throw new ValidationError(`QROM: entry ${i} (${v}) is not an integer in [0, 2^30)`);
      this.data[i] = v;
      max = Math.max(max, v);
    }
    this.dataBits = o.dataBits ?? Math.max(1, ceilLog2(max + 1));
    if (max >= 2 ** this.dataBits) throw new ValidationError(`QROM: entry ${max} does not fit ${this.dataBits} data bits`);
    this.selectBits = o.selectBits ?? ceilLog2(L);
    if (2 ** this.selectBits < L) throw new ValidationError(`QROM: ${L} entries do not fit ${this.selectBits} selection bits`);
    this.controlled = o.controlled ?? false;
    this.variant = o.variant ?? 'unary';
    this.ancillaCount = this.variant === 'unary' ? unaryIterationAncillas(this.selectBits, this.controlled) : 0;
    this.numQubits = this.selectBits + this.dataBits + (this.controlled ? 1 : 0) + this.ancillaCount;
  }

  /** Emit onto the given qubits. */
  appendTo(sink: GateSink, q: { select: readonly number[]; target: readonly number[]; control?: number; ancillas: readonly number[] }): void {
    if (q.select.length !== this.selectBits || q.target.length !== this.dataBits) throw new ValidationError('QROM: register sizes do not match the table');
    if (this.variant === 'mcx') {
      this.appendMcx(sink, q.select, q.target, q.control);
      return;
    }
    // Prefix sums of "entry is nonzero" make the empty-subtree test O(1).
    const nz = new Int32Array(this.data.length + 1);
    for (let i = 0; i < this.data.length; i++) nz[i + 1] = nz[i]! + (this.data[i] !== 0 ? 1 : 0);
    unaryIterate(sink, {
      select: q.select,
      ...(q.control === undefined ? {} : { control: q.control }),
      ancillas: q.ancillas,
      length: this.data.length,
      isEmpty: (lo, hi) => nz[hi]! - nz[lo]! === 0,
      leaf: (ctrl, index) => {
        const d = this.data[index]!;
        for (let bit = 0; bit < this.dataBits; bit++) {
          if (!((d >> bit) & 1)) continue;
          if (ctrl === undefined) sink.gate('x', [q.target[bit]!]);
          else sink.gate('cx', [ctrl, q.target[bit]!]);
        }
      },
    });
  }

  private appendMcx(sink: GateSink, select: readonly number[], target: readonly number[], control: number | undefined): void {
    let flipped = 0; // selection bits currently inverted
    const all = (1 << select.length) - 1;
    const setFlips = (want: number): void => {
      for (let bit = 0; bit < select.length; bit++) if (((flipped ^ want) >> bit) & 1) sink.gate('x', [select[bit]!]);
      flipped = want;
    };
    const controls = [...select, ...(control === undefined ? [] : [control])];
    for (let i = 0; i < this.data.length; i++) {
      const d = this.data[i]!;
      if (d === 0) continue;
      setFlips(all & ~i);
      for (let bit = 0; bit < this.dataBits; bit++) {
        if (!((d >> bit) & 1)) continue;
        const t = target[bit]!;
        if (controls.length === 0) sink.gate('x', [t]);
        else if (controls.length === 1) sink.gate('cx', [controls[0]!, t]);
        else if (controls.length === 2) sink.gate('ccx', [...controls, t]);
        else sink.gate('mcx', [...controls, t]);
      }
    }
    setFlips(0);
  }

  /** Qubit indices in `circuit()`. */
  get registers(): { select: number[]; target: number[]; control?: number; ancillas: number[] } {
    const n = this.selectBits, b = this.dataBits;
    const range = (s: number, k: number): number[] => Array.from({ length: k }, (_, i) => s + i);
    const c = this.controlled ? 1 : 0;
    return {
      select: range(0, n),
      target: range(n, b),
      ...(this.controlled ? { control: n + b } : {}),
      ancillas: range(n + b + c, this.ancillaCount),
    };
  }

  circuit(): Circuit {
    const b = new CircuitBuilder(this.numQubits);
    this.appendTo(b, this.registers);
    return b.build();
  }

  /** Exact counts of `circuit()`; depth bounded by the gate count (the iteration is sequential). */
  cost(): GateCost {
    const sink = new CountingSink();
    this.appendTo(sink, this.registers);
    const c = sink.tally.toCost(this.numQubits);
    sink.tally.depth = Object.values(c.gates).reduce((a, v) => a + v, 0);
    return sink.tally.toCost(this.numQubits);
  }
}

/** Sizes of a unary-iteration QROM, for its closed-form cost. */
export interface QromSizes {
  readonly length: number;
  readonly selectBits: number;
  readonly dataBits: number;
  readonly controlled?: boolean;
  /** Total one bits over all entries (default length·dataBits, the worst case). */
  readonly setBits?: number;
}

/**
 * Closed-form cost of the unary-iteration QROM (variant 'unary') from sizes only, O(selectBits)
 * time: exact (equal to `cost()`) when every entry is nonzero and `setBits` is their total
 * popcount; an upper bound otherwise, because zero entries only remove gates (skipped leaves and
 * one-sided tree nodes). Each two-child node costs 2 Toffolis, 2 X and 1 CNOT, a one-child node
 * 2 Toffolis and 2 X; each set data bit one CNOT (one X when there is neither control nor selection).
 * @see arXiv:1805.03662 (Babbush et al.), Section III.A — 4L − 4 T gates for L entries.
 */
export function qromCostFor(o: QromSizes): GateCost {
  const { length: L, selectBits: n } = o;
  const controlled = o.controlled ?? false;
  if (!Number.isInteger(L) || L < 1 || L > 2 ** n) throw new ValidationError(`QROM cost: ${L} entries do not fit ${n} selection bits`);
  let ccx = 0, x = 0, cx = 0;
  const full = (h: number): void => {
    const nodes = 2 ** h - 1;
    ccx += 2 * nodes; x += 2 * nodes; cx += nodes;
  };
  // A controlled subtree of height h over its first len leaves (1 ≤ len ≤ 2^h).
  const partial = (len: number, h: number): void => {
    for (; h > 0; h--) {
      const half = 2 ** (h - 1);
      ccx += 2; x += 2;
      if (len <= half) continue;
      cx += 1;
      full(h - 1);
      len -= half;
    }
  };
  if (n > 0 && !controlled) {
    const half = 2 ** (n - 1);
    x += 2;
    if (L <= half) partial(L, n - 1);
    else { full(n - 1); partial(L - half, n - 1); }
  } else partial(L, n);
  const bits = o.setBits ?? L * o.dataBits;
  const t = new CostTally().add('ccx', ccx).add('x', x).add('cx', cx).add(n === 0 && !controlled ? 'x' : 'cx', bits);
  t.depth = ccx + x + cx + bits;
  return t.toCost(n + o.dataBits + (controlled ? 1 : 0) + unaryIterationAncillas(n, controlled));
}

export const qromExamples = (): Qrom[] => [
  new Qrom({ data: [3] }),
  new Qrom({ data: [1, 0, 3, 2] }),
  new Qrom({ data: [5, 0, 0, 7, 1, 6] }),
  new Qrom({ data: [0, 0, 9, 0, 0, 0, 0, 4, 2, 0, 0, 1], controlled: true }),
  new Qrom({ data: [5, 0, 0, 7, 1, 6, 2], variant: 'mcx' }),
  new Qrom({ data: [0, 3, 0, 1], controlled: true, variant: 'mcx' }),
];
