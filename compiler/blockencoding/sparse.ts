/**
 * Sparse-access block encoding (GSLW Lemma 48 style) with α = Σ_k max_{colour k}|a_ij| ≤ s·max|a_ij|,
 * s = max nonzeros per row or column. Registers: system |j⟩ (n qubits), index t (n), colour k (⌈log₂ s⌉), flag f,
 * and the QROM's unary-iteration ancillas.
 *   U = PREP_k† · QROM_row · SWAP(t, sys) · ROT_f · QROM_col · PREP_k
 * (t is first loaded with j by n CNOTs and the QROMs XOR in index ⊕ j, so diagonal entries cost
 * no lookup.) PREP_k prepares Σ_k √(w_k/α)|k⟩, w_k the largest |entry| of colour k (uniform when all w_k are
 * equal: GSLW's α = s·max|a|; for a diagonally dominant matrix such as the sparsified NTK, the
 * diagonal gets its own colour and α drops to ≈ max|a_ii| + Σ off-diagonal colour maxima);
 * QROM_col writes r_k(j), the row of column j's colour-k entry, into t; ROT_f rotates the flag
 * so that ⟨0|f⟩ = a_{r_k(j), j}/w_k
 * (a uniformly controlled Ry on (j, k), exact); after the swap QROM_row erases t using c_k(i),
 * the column of row i's colour-k entry. Because an entry has one colour from both sides
 * (König edge colouring), ⟨0|⟨i|U|0⟩|j⟩ = Σ_k (w_k/α)·a_ij/w_k = a_ij/α. Non-power-of-two sizes are padded
 * (padding.ts); the row and column oracles are QROM lookups (Qualtran's explicit-entry oracles).
 * @see arXiv:1806.01838 (Gilyén, Su, Low, Wiebe), Lemma 48
 * @see arXiv:1805.03662 (Babbush et al.), unary-iteration QROM
 */
import { CircuitBuilder, type Circuit } from '../circuit/index.js';
import { ValidationError } from '../errors.js';
import { CsrMatrix } from '../linalg/csr.js';
import { ceilLog2, fwht } from '../linalg/walsh.js';
import { CostTally, type Component, type GateCost } from '../synthesis/cost.js';
import { Qrom, unaryIterationAncillas } from '../synthesis/qrom.js';
import { StatePrep } from '../synthesis/state-prep.js';
import { appendMultiplexor, countMultiplexor } from '../synthesis/uniformly-controlled.js';
import type { BlockEncoding } from './block-encoding.js';
import { colorEntries } from './edge-coloring.js';
import { padMatrix, type Padded, type PaddingMode } from './padding.js';

export interface SparseEncodingOptions {
  readonly matrix: CsrMatrix;
  readonly pad?: PaddingMode;
  /** Drop entry-rotation Walsh angles up to this size (error ≤ α·Σ dropped/2); default 1e-12. */
  readonly tolerance?: number;
  /** QROM flavour for the row/column oracles: 'unary' (default, Toffolis + ancillas) or 'mcx' (no ancillas). */
  readonly qrom?: 'unary' | 'mcx';
}

export class SparseEncoding implements Component {
  readonly kind = 'sparse';
  readonly name = 'sparse-block-encoding';
  readonly padded: Padded;
  /** max nonzeros per row or column of the padded matrix. */
  readonly sparsity: number;
  /** Colour classes used (= sparsity, or sparsity + 1 when a diagonal-first colouring pays off). */
  readonly colors: number;
  /** w_k = max |a| over colour k; α = Σ_k w_k ≤ s·max|a|. */
  readonly colorWeights: Float64Array;
  readonly maxAbs: number;
  readonly alpha: number;
  readonly systemQubits: number;
  readonly colorQubits: number;
  readonly ancillaQubits: number;
  readonly numQubits: number;
  readonly epsilon: number;
  private readonly rowTable: Int32Array;
  private readonly colTable: Int32Array;
  private readonly angles: Float64Array;
  private readonly tolerance: number;
  readonly qromVariant: 'unary' | 'mcx';
  private built: Circuit | undefined;

  constructor(o: SparseEncodingOptions) {
    this.padded = padMatrix(o.matrix, o.pad ?? 'maxabs');
    const a = this.padded.matrix;
    this.maxAbs = a.maxAbs();
    if (!(this.maxAbs > 0)) throw new ValidationError('sparse block encoding: the matrix is zero');
    // Two colourings; keep the one whose weighted α = Σ_k max|a over colour k| is smaller.
    const options = [colorEntries(a), colorEntries(a, { diagonalFirst: true })].map((col) => {
      const w = new Float64Array(col.colors);
      for (let j = 0; j < a.cols; j++) for (let k = 0; k < col.colors; k++) {
        const r = col.colAt[j * col.colors + k]!;
        if (r >= 0) w[k] = Math.max(w[k]!, Math.abs(a.get(r, j)));
      }
      return { col, w, alpha: w.reduce((x, y) => x + y, 0) };
    });
    const best = options[1]!.alpha < options[0]!.alpha ? options[1]! : options[0]!;
    const col = best.col;
    this.sparsity = Math.max(a.maxRowNnz(), a.maxColNnz());
    this.colors = col.colors;
    this.colorWeights = best.w;
    const n = this.padded.qubits, N = 1 << n, s = this.colors;
    this.systemQubits = n;
    this.colorQubits = ceilLog2(s);
    this.alpha = best.alpha;
    // Tables indexed by address j + N·k (system = low bits, colour = high bits).
    this.rowTable = new Int32Array(N * s);
    this.colTable = new Int32Array(N * s);
    this.angles = new Float64Array(N << this.colorQubits).fill(Math.PI);
    for (let j = 0; j < N; j++) {
      for (let k = 0; k < s; k++) {
        const r = col.colAt[j * s + k]!;
        const c = col.rowAt[j * s + k]!;
        // Tables hold index ⊕ j (the circuit copies j into t first): diagonal entries and unused
        // slots (pointed at j itself) become zero and their QROM subtrees are pruned.
        this.rowTable[j + N * k] = (c < 0 ? j : c) ^ j;
        this.colTable[j + N * k] = (r < 0 ? j : r) ^ j;
        if (r >= 0) {
          this.angles[j + N * k] = 2 * Math.acos(Math.max(-1, Math.min(1, a.get(r, j) / best.w[k]!)));
        }
      }
    }
    this.tolerance = o.tolerance ?? 1e-12;
    const dropped = this.droppedWalshMass();
    this.epsilon = (this.alpha * dropped) / 2;
    this.qromVariant = o.qrom ?? 'unary';
    this.ancillaQubits = n + this.colorQubits + 1 + (this.qromVariant === 'unary' ? unaryIterationAncillas(n + this.colorQubits, false) : 0);
    this.numQubits = n + this.ancillaQubits;
  }

  /** Σ |Walsh-domain angle| over the rotations the tolerance drops. */
  private droppedWalshMass(): number {
    const w = fwht(Float64Array.from(this.angles));
    let sum = 0;
    for (let i = 0; i < w.length; i++) if (Math.abs(w[i]! / w.length) <= this.tolerance) sum += Math.abs(w[i]! / w.length);
    return sum;
  }

  /** Qubit indices: system, index register t, colour register k, flag, QROM ancillas. */
  get registers(): { system: number[]; index: number[]; color: number[]; flag: number; ancillas: number[] } {
    const n = this.systemQubits, m = this.colorQubits;
    const range = (s: number, k: number): number[] => Array.from({ length: k }, (_, i) => s + i);
    return { system: range(0, n), index: range(n, n), color: range(2 * n, m), flag: 2 * n + m, ancillas: range(2 * n + m + 1, this.ancillaQubits - n - m - 1) };
  }

  private parts(): { prep: StatePrep | undefined; rowQrom: Qrom; colQrom: Qrom } {
    const s = this.colors, m = this.colorQubits, n = this.systemQubits;
    const w = this.colorWeights;
    const uniform = 1 << m === s && w.every((x) => x === w[0]);
    const prep = m === 0 || uniform ? undefined : new StatePrep({ amplitudes: Array.from(w, Math.sqrt), numQubits: m });
    const opts = { dataBits: n, selectBits: n + m, variant: this.qromVariant };
    return { prep, rowQrom: new Qrom({ data: this.rowTable, ...opts }), colQrom: new Qrom({ data: this.colTable, ...opts }) };
  }

  circuit(): Circuit {
    if (this.built) return this.built;
    const r = this.registers;
    const b = new CircuitBuilder();
    b.addQreg('sys', this.systemQubits);
    b.addQreg('idx', this.systemQubits);
    if (this.colorQubits > 0) b.addQreg('color', this.colorQubits);
    b.addQreg('flag', 1);
    if (r.ancillas.length > 0) b.addQreg('anc', r.ancillas.length);
    const { prep, rowQrom, colQrom } = this.parts();
    const address = [...r.system, ...r.color];
    const prepare = (inverse: boolean): void => {
      if (prep) b.compose(inverse ? prep.inverse() : prep.circuit(), r.color);
      else for (const q of r.color) b.h(q);
    };
    prepare(false);
    for (let q = 0; q < this.systemQubits; q++) b.cx(r.system[q]!, r.index[q]!);
    colQrom.appendTo(b, { select: address, target: r.index, ancillas: r.ancillas });
    appendMultiplexor(b, { axis: 'y', angles: this.angles, controls: address, target: r.flag, tolerance: this.tolerance });
    for (let q = 0; q < this.systemQubits; q++) b.swap(r.system[q]!, r.index[q]!);
    rowQrom.appendTo(b, { select: address, target: r.index, ancillas: r.ancillas });
    for (let q = 0; q < this.systemQubits; q++) b.cx(r.system[q]!, r.index[q]!);
    prepare(true);
    b.setMetadata('blockEncoding', { kind: this.kind, alpha: this.alpha, systemQubits: this.systemQubits, ancillaQubits: this.ancillaQubits });
    this.built = b.build();
    return this.built;
  }

  /** The contract consumers (QSVT, HHL) take. */
  blockEncoding(): BlockEncoding {
    // The unary-iteration ancillas are computed and uncomputed inside each QROM lookup for every address.
    return { kind: this.kind, circuit: this.circuit(), alpha: this.alpha, systemQubits: this.systemQubits, ancillaQubits: this.ancillaQubits, epsilon: this.epsilon, workQubits: this.registers.ancillas };
  }

  /** Exact gate counts of `circuit()`, computed from the tables without building it. */
  cost(): GateCost {
    const { prep, rowQrom, colQrom } = this.parts();
    const t = new CostTally();
    if (prep) t.addCost(prep.cost(), 1).addCost(prep.cost(), 1);
    else t.add('h', 2 * this.colorQubits);
    t.addCost(rowQrom.cost()).addCost(colQrom.cost());
    const mux = countMultiplexor(this.angles, this.tolerance);
    t.add('ry', mux.rotations).add('cx', mux.cnots + 2 * this.systemQubits).add('swap', this.systemQubits);
    t.depth += mux.rotations + mux.cnots + 1 + 2;
    return t.toCost(this.numQubits);
  }

  /** Upper bound on every gate count for an N = 2^n matrix with s colours (tables full), for sizes never built. */
  static costBound(n: number, s: number): GateCost {
    const m = ceilLog2(s), L = s << n, a = n + m;
    const t = new CostTally()
      .add('ccx', 2 * 2 * (L + a)).add('x', 2 * 2 * (L + a)).add('cx', 2 * (L + a) + 2 * L * n + (1 << a))
      .add('ry', (1 << a) + 2 * (1 << m)).add('h', 2 * m).add('swap', n);
    t.depth = 4 * (L + a) * (2 + n) + 2 * (1 << a);
    return t.toCost(3 * n + 2 * m);
  }
}

/** Examples for the shared checker: tridiagonal, NTK-like and padded (3×3) matrices. */
export function sparseEncodingExamples(): SparseEncoding[] {
  const fromDense = (n: number, d: number[]): CsrMatrix => CsrMatrix.fromDense(n, n, d);
  return [
    new SparseEncoding({ matrix: fromDense(2, [2, -1, -1, 2]) }),
    new SparseEncoding({ matrix: fromDense(3, [1, 0.2, 0, 0.2, 1, -0.3, 0, -0.3, 1]) }),
    new SparseEncoding({ matrix: fromDense(4, [4, 1, 0, 0, 1, 4, 1, 0, 0, 1, 4, 1, 0, 0, 1, 4]) }),
  ];
}
