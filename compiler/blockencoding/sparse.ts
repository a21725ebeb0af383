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
import { Layer } from '../synthesis/primitives.js';
import { Qrom } from '../synthesis/qrom.js';
import { StatePrep } from '../synthesis/state-prep.js';
import { unaryIterationAncillas } from '../synthesis/unary-iteration.js';
import { UniformlyControlledRotation } from '../synthesis/uniformly-controlled.js';
import { colorEntries } from './edge-coloring.js';
import { padMatrix, type Padded, type PaddingMode } from './padding.js';
import { SparseAccessEncoding, type SparseParts } from './sparse-access.js';

export interface SparseEncodingOptions {
  readonly matrix: CsrMatrix;
  readonly pad?: PaddingMode;
  /** Drop entry-rotation Walsh angles up to this size (error ≤ α·Σ dropped/2); default 1e-12. */
  readonly tolerance?: number;
  /** QROM flavour for the row/column oracles: 'unary' (default, Toffolis + ancillas) or 'mcx' (no ancillas). */
  readonly qrom?: 'unary' | 'mcx';
}

export class SparseEncoding extends SparseAccessEncoding {
  readonly padded: Padded;
  /** max nonzeros per row or column of the padded matrix. */
  readonly sparsity: number;
  /** w_k = max |a| over colour k; α = Σ_k w_k ≤ s·max|a|. */
  readonly colorWeights: Float64Array;
  readonly maxAbs: number;
  readonly alpha: number;
  readonly epsilon: number;
  readonly qromVariant: 'unary' | 'mcx';
  private readonly rowTable: Int32Array;
  private readonly colTable: Int32Array;
  private readonly angles: Float64Array;
  private readonly tolerance: number;
  private cachedParts: SparseParts | undefined;

  constructor(o: SparseEncodingOptions) {
    const padded = padMatrix(o.matrix, o.pad ?? 'maxabs');
    const a = padded.matrix;
    const maxAbs = a.maxAbs();
    if (!(maxAbs > 0)) throw new ValidationError('sparse block encoding: the matrix is zero', { parameter: 'matrix' });
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
    const n = padded.qubits, N = 1 << n, s = col.colors, m = ceilLog2(s);
    const qromVariant = o.qrom ?? 'unary';
    super(n, s, m, qromVariant === 'unary' ? unaryIterationAncillas(n + m, false) : 0);
    this.padded = padded;
    this.maxAbs = maxAbs;
    this.qromVariant = qromVariant;
    this.sparsity = Math.max(a.maxRowNnz(), a.maxColNnz());
    this.colorWeights = best.w;
    this.alpha = best.alpha;
    // Tables indexed by address j + N·k (system = low bits, colour = high bits).
    this.rowTable = new Int32Array(N * s);
    this.colTable = new Int32Array(N * s);
    this.angles = new Float64Array(N << m).fill(Math.PI);
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
    this.epsilon = (this.alpha * this.droppedWalshMass()) / 2;
  }

  /** Σ |Walsh-domain angle| over the rotations the tolerance drops. */
  private droppedWalshMass(): number {
    const w = fwht(Float64Array.from(this.angles));
    let sum = 0;
    for (let i = 0; i < w.length; i++) if (Math.abs(w[i]! / w.length) <= this.tolerance) sum += Math.abs(w[i]! / w.length);
    return sum;
  }

  parts(): SparseParts {
    if (this.cachedParts) return this.cachedParts;
    const s = this.colors, m = this.colorQubits, n = this.systemQubits;
    const w = this.colorWeights;
    const uniform = 1 << m === s && w.every((x) => x === w[0]);
    const prepare = m === 0 ? undefined : uniform ? new Layer('h', m) : new StatePrep({ amplitudes: Array.from(w, Math.sqrt), numQubits: m });
    const opts = { dataBits: n, selectBits: n + m, variant: this.qromVariant };
    this.cachedParts = {
      ...(prepare ? { prepare } : {}),
      columnLookup: new Qrom({ data: this.colTable, ...opts }),
      rotation: new UniformlyControlledRotation({ axis: 'y', angles: this.angles, tolerance: this.tolerance }),
      rowLookup: new Qrom({ data: this.rowTable, ...opts }),
    };
    return this.cachedParts;
  }

  protected build(): Circuit {
    const r = this.qubits;
    const b = new CircuitBuilder();
    b.addQreg('sys', this.systemQubits);
    b.addQreg('idx', this.systemQubits);
    if (this.colorQubits > 0) b.addQreg('color', this.colorQubits);
    b.addQreg('flag', 1);
    if (r.ancillas.length > 0) b.addQreg('anc', r.ancillas.length);
    const p = this.parts();
    const address = [...r.system, ...r.color];
    const lookup = (q: Qrom): void => q.appendTo(b, { select: address, target: r.index, ancillas: r.ancillas });
    if (p.prepare) b.compose(p.prepare.circuit(), r.color);
    for (let q = 0; q < this.systemQubits; q++) b.cx(r.system[q]!, r.index[q]!);
    lookup(p.columnLookup as Qrom);
    b.compose(p.rotation.circuit(), [...address, r.flag]);
    for (let q = 0; q < this.systemQubits; q++) b.swap(r.system[q]!, r.index[q]!);
    lookup(p.rowLookup as Qrom);
    for (let q = 0; q < this.systemQubits; q++) b.cx(r.system[q]!, r.index[q]!);
    if (p.prepare) b.compose(p.prepare instanceof StatePrep ? p.prepare.inverse() : p.prepare.circuit(), r.color);
    b.setMetadata('blockEncoding', { kind: this.kind, alpha: this.alpha, systemQubits: this.systemQubits, ancillaQubits: this.ancillaQubits });
    return b.build();
  }
}

/** Examples for the shared checker: tridiagonal, NTK-like and padded (3×3) matrices. */
export function sparseEncodingExamples(): SparseEncoding[] {
  const fromDense = (n: number, d: number[]): CsrMatrix => CsrMatrix.fromDense(n, n, d);
  return [
    new SparseEncoding({ matrix: fromDense(2, [2, -1, -1, 2]) }),
    new SparseEncoding({ matrix: fromDense(3, [1, 0.2, 0, 0.2, 1, -0.3, 0, -0.3, 1]) }),
    new SparseEncoding({ matrix: fromDense(4, [4, 1, 0, 0, 1, 4, 1, 0, 0, 1, 4, 1, 0, 0, 1, 4]) }),
    new SparseEncoding({ matrix: fromDense(4, [2, 0.5, 0, 0.1, 0.5, 1, 0.3, 0, 0, 0.3, 1.5, 0, 0.1, 0, 0, 1]), qrom: 'mcx' }),
  ];
}
