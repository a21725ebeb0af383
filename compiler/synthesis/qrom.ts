/**
 * Table lookup (QROM): |i⟩|y⟩ → |i⟩|y ⊕ d_i⟩. The 'unary' variant walks the selection register by
 * unary iteration (about 2L Toffolis and ⌈log₂ L⌉ − 1 clean ancillas, zero entries skipped, so
 * sparse tables cost in proportion to their nonzeros); the 'mcx' variant uses no ancilla, one
 * multi-controlled X per set data bit with the selection bits flipped between entries.
 * A table is given entry by entry, or by its sizes only (`Qrom.full`: every entry has every data
 * bit set, the worst case of those sizes), which is how `qntk estimate` prices 2^34-entry lookups:
 * with the same emission code, counted in O(log L) steps.
 * @see arXiv:1805.03662 (Babbush et al.), Section III.A and Fig. 7
 */
import { CircuitBuilder, type Circuit } from '../circuit/index.js';
import { ValidationError } from '../errors.js';
import { ceilLog2 } from '../linalg/walsh.js';
import { ComponentBase, layoutRegisters, registerQubits, type CallGraph, type QubitRegister } from './component.js';
import { gateCalls } from './primitives.js';
import { CountingSink, unaryIterate, unaryIterationAncillas, type GateSink } from './unary-iteration.js';

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

/** Sizes of a table whose L entries all have every data bit set. */
export interface FullQromSizes {
  readonly length: number;
  readonly selectBits: number;
  readonly dataBits: number;
  readonly controlled?: boolean;
}

/** The entries a lookup reads: given, or all ones. */
interface Table {
  readonly length: number;
  hasBit(index: number, bit: number): boolean;
  anyNonzero(lo: number, hi: number): boolean;
  /** Ranges with equal keys have equal lookups up to qubit labels (for counting). */
  key?(lo: number, hi: number): string;
}

function givenTable(data: Int32Array): Table {
  // Prefix sums of "entry is nonzero" make the empty-subtree test O(1).
  const nz = new Int32Array(data.length + 1);
  for (let i = 0; i < data.length; i++) nz[i + 1] = nz[i]! + (data[i] !== 0 ? 1 : 0);
  return {
    length: data.length,
    hasBit: (i, bit) => ((data[i]! >> bit) & 1) === 1,
    anyNonzero: (lo, hi) => nz[hi]! - nz[lo]! > 0,
  };
}

function fullTable(length: number): Table {
  return {
    length,
    hasBit: () => true,
    anyNonzero: (lo, hi) => lo < Math.min(hi, length),
    key: (lo, hi) => (hi <= length ? `full ${hi - lo}` : `first ${length - lo} of ${hi - lo}`),
  };
}

/** QROM component. Layout: select, target, control (if any), ancillas. */
export class Qrom extends ComponentBase {
  readonly name = 'qrom';
  /** The entries, or undefined for a full size-only table (`Qrom.full`). */
  readonly data: Int32Array | undefined;
  readonly length: number;
  readonly selectBits: number;
  readonly dataBits: number;
  readonly controlled: boolean;
  readonly variant: 'unary' | 'mcx';
  readonly ancillaCount: number;
  readonly numQubits: number;
  readonly registers: readonly QubitRegister[];
  private readonly table: Table;

  constructor(o: QromOptions | (FullQromSizes & { readonly full: true })) {
    super();
    const L = 'data' in o ? o.data.length : o.length;
    if (!Number.isInteger(L) || L < 1) throw new ValidationError('QROM: the table is empty');
    if ('data' in o) {
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
      this.table = givenTable(this.data);
    } else {
      if (!Number.isInteger(o.dataBits) || o.dataBits < 1 || o.dataBits > 52) throw new ValidationError(`QROM: ${o.dataBits} data bits must be an integer in 1..52`);
      this.data = undefined;
      this.dataBits = o.dataBits;
      this.table = fullTable(L);
    }
    this.length = L;
    this.selectBits = o.selectBits ?? ceilLog2(L);
    if (!Number.isInteger(this.selectBits) || 2 ** this.selectBits < L) throw new ValidationError(`QROM: ${L} entries do not fit ${this.selectBits} selection bits`);
    this.controlled = o.controlled ?? false;
    this.variant = ('variant' in o ? o.variant : undefined) ?? 'unary';
    this.ancillaCount = this.variant === 'unary' ? unaryIterationAncillas(this.selectBits, this.controlled) : 0;
    this.numQubits = this.selectBits + this.dataBits + (this.controlled ? 1 : 0) + this.ancillaCount;
    this.registers = layoutRegisters([['select', this.selectBits], ['target', this.dataBits], ['control', this.controlled ? 1 : 0], ['ancillas', this.ancillaCount]]);
  }

  /** A table of `length` entries with every data bit set: the most expensive lookup of these sizes. */
  static full(o: FullQromSizes): Qrom {
    return new Qrom({ ...o, full: true });
  }

  override get label(): string {
    return `qrom (${this.length} entries${this.data ? '' : ', all bits set'}, select ${this.selectBits}, data ${this.dataBits}${this.controlled ? ', controlled' : ''}${this.variant === 'mcx' ? ', mcx' : ''})`;
  }

  /** d_i (every data bit set for a full table). */
  entry(i: number): number {
    return this.data ? this.data[i]! : 2 ** this.dataBits - 1;
  }

  /** Emit onto the given qubits. */
  appendTo(sink: GateSink, q: { select: readonly number[]; target: readonly number[]; control?: number; ancillas: readonly number[] }): void {
    if (q.select.length !== this.selectBits || q.target.length !== this.dataBits) throw new ValidationError('QROM: register sizes do not match the table');
    if (this.variant === 'mcx') {
      this.appendMcx(sink, q.select, q.target, q.control);
      return;
    }
    const t = this.table;
    unaryIterate(sink, {
      select: q.select,
      ...(q.control === undefined ? {} : { control: q.control }),
      ancillas: q.ancillas,
      length: this.length,
      isEmpty: (lo, hi) => !t.anyNonzero(lo, hi),
      ...(t.key ? { subtreeKey: t.key } : {}),
      leaf: (ctrl, index) => {
        for (let bit = 0; bit < this.dataBits; bit++) {
          if (!t.hasBit(index, bit)) continue;
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
    for (let i = 0; i < this.length; i++) {
      if (!this.table.anyNonzero(i, i + 1)) continue;
      setFlips(all & ~i);
      for (let bit = 0; bit < this.dataBits; bit++) {
        if (!this.table.hasBit(i, bit)) continue;
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
  get qubits(): { select: readonly number[]; target: readonly number[]; control?: number; ancillas: readonly number[] } {
    return {
      select: registerQubits(this, 'select'),
      target: registerQubits(this, 'target'),
      ...(this.controlled ? { control: registerQubits(this, 'control')[0]! } : {}),
      ancillas: registerQubits(this, 'ancillas'),
    };
  }

  protected build(): Circuit {
    const b = new CircuitBuilder(this.numQubits);
    this.appendTo(b, this.qubits);
    return b.build();
  }

  /** The gates appendTo emits, counted (not built); a full table's subtrees are counted once per shape. */
  callGraph(): CallGraph {
    const sink = new CountingSink();
    this.appendTo(sink, this.qubits);
    return gateCalls(sink.gates);
  }
}

export const qromExamples = (): Qrom[] => [
  new Qrom({ data: [3] }),
  new Qrom({ data: [1, 0, 3, 2] }),
  new Qrom({ data: [5, 0, 0, 7, 1, 6] }),
  new Qrom({ data: [0, 0, 9, 0, 0, 0, 0, 4, 2, 0, 0, 1], controlled: true }),
  new Qrom({ data: [5, 0, 0, 7, 1, 6, 2], variant: 'mcx' }),
  new Qrom({ data: [0, 3, 0, 1], controlled: true, variant: 'mcx' }),
  Qrom.full({ length: 1, selectBits: 0, dataBits: 2 }),
  Qrom.full({ length: 11, selectBits: 4, dataBits: 3 }),
  Qrom.full({ length: 16, selectBits: 4, dataBits: 2, controlled: true }),
  Qrom.full({ length: 5, selectBits: 3, dataBits: 2, controlled: true }),
];
