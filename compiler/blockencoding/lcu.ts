/**
 * LCU block encoding over Pauli strings: A = Σ_ℓ c_ℓ P_ℓ, α = λ = Σ|c_ℓ|.
 *   U = PREP† · SELECT · PREP,  PREP|0⟩ = Σ_ℓ √(|c_ℓ|/λ)|ℓ⟩,  SELECT = Σ_ℓ |ℓ⟩⟨ℓ| ⊗ sign(c_ℓ)·P_ℓ
 * SELECT is a unary iteration over the index register (one controlled X/Y/Z per non-identity
 * Pauli factor, a Z on the iteration's control for a negative sign). Terms are dropped smallest
 * first while their |c| sum stays ≤ ε (the spectral error of the encoding, since ‖P‖ = 1).
 * Layout: system 0…n−1, index register, unary-iteration ancillas.
 * @see arXiv:1202.5822 (Childs, Wiebe); arXiv:1805.03662 (Babbush et al.), SELECT by unary iteration
 */
import { CircuitBuilder, type Circuit } from '../circuit/index.js';
import { ValidationError } from '../errors.js';
import { CsrMatrix } from '../linalg/csr.js';
import { pauliDecompose, type PauliTerm } from '../linalg/pauli.js';
import { ceilLog2 } from '../linalg/walsh.js';
import { CostTally, type Component, type GateCost } from '../synthesis/cost.js';
import { CountingSink, unaryIterate, unaryIterationAncillas, type GateSink } from '../synthesis/qrom.js';
import { StatePrep } from '../synthesis/state-prep.js';
import type { BlockEncoding } from './block-encoding.js';
import { padMatrix, type Padded, type PaddingMode } from './padding.js';

export interface LcuOptions {
  readonly matrix: CsrMatrix;
  readonly pad?: PaddingMode;
  /** Drop terms while their |c| sum stays ≤ epsilon (default: only |c| ≤ 1e-12·max|c|). */
  readonly epsilon?: number;
}

export class LcuEncoding implements Component {
  readonly kind = 'lcu';
  readonly name = 'lcu-pauli-block-encoding';
  readonly padded: Padded;
  readonly terms: readonly PauliTerm[];
  readonly alpha: number;
  readonly epsilon: number;
  readonly systemQubits: number;
  readonly indexQubits: number;
  readonly ancillaQubits: number;
  readonly numQubits: number;
  private built: Circuit | undefined;

  constructor(o: LcuOptions) {
    this.padded = padMatrix(o.matrix, o.pad ?? 'maxabs');
    const a = this.padded.matrix;
    const asym = a.asymmetry(1e-10);
    if (asym) throw new ValidationError(`LCU: the matrix is not symmetric at (${asym.row + 1}, ${asym.col + 1}); the Pauli LCU encodes symmetric matrices`);
    const n = this.padded.qubits;
    if (n > 10) throw new ValidationError(`LCU: the Pauli decomposition of a ${1 << n}x${1 << n} matrix costs O(4^n n); use --encoding sparse`);
    const all = pauliDecompose(a.toDense(), n, 0);
    if (all.length === 0) throw new ValidationError('LCU: the matrix is zero');
    const tiny = 1e-12 * Math.abs(all[0]!.coeff);
    let budget = o.epsilon ?? 0, dropped = 0;
    let keep = all.length;
    while (keep > 1) {
      const c = Math.abs(all[keep - 1]!.coeff);
      if (c <= tiny || c <= budget) {
        budget -= c;
        dropped += c;
        keep--;
      } else break;
    }
    this.terms = all.slice(0, keep);
    this.epsilon = dropped;
    this.alpha = this.terms.reduce((s, t) => s + Math.abs(t.coeff), 0);
    this.systemQubits = n;
    this.indexQubits = ceilLog2(this.terms.length);
    this.ancillaQubits = this.indexQubits + unaryIterationAncillas(this.indexQubits, false);
    this.numQubits = n + this.ancillaQubits;
  }

  private prep(): StatePrep | undefined {
    if (this.indexQubits === 0) return undefined;
    return new StatePrep({ amplitudes: this.terms.map((t) => Math.sqrt(Math.abs(t.coeff))), numQubits: this.indexQubits });
  }

  private select(sink: GateSink, index: readonly number[], anc: readonly number[]): void {
    unaryIterate(sink, {
      select: index, ancillas: anc, length: this.terms.length,
      leaf: (ctrl, l) => {
        const t = this.terms[l]!;
        for (let q = 0; q < this.systemQubits; q++) {
          const xb = (t.x >> q) & 1, zb = (t.z >> q) & 1;
          if (!xb && !zb) continue;
          const g = xb && zb ? 'y' : xb ? 'x' : 'z';
          if (ctrl === undefined) sink.gate(g, [q]);
          else sink.gate(`c${g}`, [ctrl, q]);
        }
        if (t.coeff < 0) {
          if (ctrl === undefined) sink.gate('gphase', [], [Math.PI]);
          else sink.gate('z', [ctrl]);
        }
      },
    });
  }

  circuit(): Circuit {
    if (this.built) return this.built;
    const b = new CircuitBuilder();
    b.addQreg('sys', this.systemQubits);
    const index = this.indexQubits > 0 ? b.addQreg('lcu', this.indexQubits) : [];
    const extra = this.ancillaQubits - this.indexQubits;
    const anc = extra > 0 ? b.addQreg('anc', extra) : [];
    const prep = this.prep();
    if (prep) b.compose(prep.circuit(), index);
    this.select(b, index, anc);
    if (prep) b.compose(prep.inverse(), index);
    b.setMetadata('blockEncoding', { kind: this.kind, alpha: this.alpha, systemQubits: this.systemQubits, ancillaQubits: this.ancillaQubits });
    this.built = b.build();
    return this.built;
  }

  blockEncoding(): BlockEncoding {
    // SELECT's unary-iteration ancillas return to |0⟩ for every index and system state.
    const workQubits = Array.from({ length: this.ancillaQubits - this.indexQubits }, (_, i) => this.systemQubits + this.indexQubits + i);
    return { kind: this.kind, circuit: this.circuit(), alpha: this.alpha, systemQubits: this.systemQubits, ancillaQubits: this.ancillaQubits, epsilon: this.epsilon, workQubits };
  }

  /** Exact counts of `circuit()` (no circuit built). */
  cost(): GateCost {
    const t = new CostTally();
    const prep = this.prep();
    if (prep) t.addCost(prep.cost(), 2);
    const sink = new CountingSink();
    const idx = Array.from({ length: this.indexQubits }, (_, i) => this.systemQubits + i);
    const anc = Array.from({ length: this.ancillaQubits - this.indexQubits }, (_, i) => this.systemQubits + this.indexQubits + i);
    this.select(sink, idx, anc);
    const sel = sink.tally.toCost(this.numQubits);
    t.addCost({ ...sel, depth: Object.values(sel.gates).reduce((s, v) => s + v, 0) });
    return t.toCost(this.numQubits);
  }
}

export function lcuExamples(): LcuEncoding[] {
  const d = (n: number, v: number[]): CsrMatrix => CsrMatrix.fromDense(n, n, v);
  return [
    new LcuEncoding({ matrix: d(2, [1, 0.5, 0.5, -1]) }),
    new LcuEncoding({ matrix: d(2, [-2, 0, 0, -2]) }),
    new LcuEncoding({ matrix: d(4, [2, -1, 0, 0, -1, 2, -1, 0, 0, -1, 2, -1, 0, 0, -1, 2]) }),
    new LcuEncoding({ matrix: d(3, [1, 0.3, 0.1, 0.3, -0.5, 0.2, 0.1, 0.2, 0.8]) }),
  ];
}
