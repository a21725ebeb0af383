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
import { ComponentBase, layoutRegisters, registerQubits, type CallGraph, type QubitRegister } from '../synthesis/component.js';
import { adjoint, gateCalls } from '../synthesis/primitives.js';
import { StatePrep } from '../synthesis/state-prep.js';
import { CountingSink, unaryIterate, unaryIterationAncillas, type GateSink } from '../synthesis/unary-iteration.js';
import type { BlockEncoding } from './block-encoding.js';
import { padMatrix, type Padded, type PaddingMode } from './padding.js';

export interface LcuOptions {
  readonly matrix: CsrMatrix;
  readonly pad?: PaddingMode;
  /** Drop terms while their |c| sum stays ≤ epsilon (default: only |c| ≤ 1e-12·max|c|). */
  readonly epsilon?: number;
}

/** SELECT = Σ_ℓ |ℓ⟩⟨ℓ| ⊗ sign(c_ℓ)·P_ℓ by unary iteration (layout: system, index, iteration ancillas). */
class PauliSelect extends ComponentBase {
  readonly name = 'pauli-select';
  readonly numQubits: number;
  readonly registers: readonly QubitRegister[];
  private readonly terms: readonly PauliTerm[];

  constructor(terms: readonly PauliTerm[], systemQubits: number, indexQubits: number, ancillas: number) {
    super();
    this.terms = terms;
    this.registers = layoutRegisters([['system', systemQubits], ['index', indexQubits], ['ancillas', ancillas]]);
    this.numQubits = systemQubits + indexQubits + ancillas;
  }

  override get label(): string {
    return `pauli-select (${this.terms.length} terms)`;
  }

  appendTo(sink: GateSink): void {
    const system = registerQubits(this, 'system').length;
    unaryIterate(sink, {
      select: registerQubits(this, 'index'), ancillas: registerQubits(this, 'ancillas'), length: this.terms.length,
      leaf: (ctrl, l) => {
        const t = this.terms[l]!;
        for (let q = 0; q < system; q++) {
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

  /** The gates appendTo emits, counted. */
  callGraph(): CallGraph {
    const sink = new CountingSink();
    this.appendTo(sink);
    return gateCalls(sink.gates);
  }

  protected build(): Circuit {
    const b = new CircuitBuilder(this.numQubits);
    this.appendTo(b);
    return b.build();
  }
}

export class LcuEncoding extends ComponentBase implements BlockEncoding {
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
  readonly registers: readonly QubitRegister[];
  /** SELECT's unary-iteration ancillas return to |0⟩ for every index and system state. */
  readonly workQubits: readonly number[];
  private readonly prep: StatePrep | undefined;
  private readonly select: PauliSelect;

  constructor(o: LcuOptions) {
    super();
    this.padded = padMatrix(o.matrix, o.pad ?? 'maxabs');
    const a = this.padded.matrix;
    const asym = a.asymmetry(1e-10);
    if (asym) throw new ValidationError(`LCU: the matrix is not symmetric at (${asym.row + 1}, ${asym.col + 1}); the Pauli LCU encodes symmetric matrices`, { parameter: 'matrix' });
    const n = this.padded.qubits;
    if (n > 10) throw new ValidationError(`LCU: the Pauli decomposition of a ${1 << n}x${1 << n} matrix costs O(4^n n); choose the sparse encoding`, { parameter: 'encoding' });
    const all = pauliDecompose(a.toDense(), n, 0);
    if (all.length === 0) throw new ValidationError('LCU: the matrix is zero', { parameter: 'matrix' });
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
    const work = unaryIterationAncillas(this.indexQubits, false);
    this.ancillaQubits = this.indexQubits + work;
    this.numQubits = n + this.ancillaQubits;
    this.registers = layoutRegisters([['system', n], ['index', this.indexQubits], ['work', work]]);
    this.workQubits = registerQubits(this, 'work');
    this.prep = this.indexQubits === 0 ? undefined : new StatePrep({ amplitudes: this.terms.map((t) => Math.sqrt(Math.abs(t.coeff))), numQubits: this.indexQubits });
    this.select = new PauliSelect(this.terms, n, this.indexQubits, work);
  }

  override get label(): string {
    return `lcu-pauli-block-encoding (${this.terms.length} Pauli terms, α = ${this.alpha.toPrecision(6)})`;
  }

  protected build(): Circuit {
    const b = new CircuitBuilder();
    const sys = b.addQreg('sys', this.systemQubits);
    const index = this.indexQubits > 0 ? b.addQreg('lcu', this.indexQubits) : [];
    const extra = this.ancillaQubits - this.indexQubits;
    const anc = extra > 0 ? b.addQreg('anc', extra) : [];
    if (this.prep) b.compose(this.prep.circuit(), index);
    b.compose(this.select.circuit(), [...sys, ...index, ...anc]);
    if (this.prep) b.compose(this.prep.inverse(), index);
    b.setMetadata('blockEncoding', { kind: this.kind, alpha: this.alpha, systemQubits: this.systemQubits, ancillaQubits: this.ancillaQubits });
    return b.build();
  }

  /** PREP, SELECT, PREP†. */
  callGraph(): CallGraph {
    return this.prep ? [[this.prep, 1], [this.select, 1], [adjoint(this.prep), 1]] : [[this.select, 1]];
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
