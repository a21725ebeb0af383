/**
 * The shape shared by the built sparse-access encoding (sparse.ts) and its size-only model
 * (sparse-model.ts): registers, and the call graph
 *   U = PREP_k† · COPY · LOOKUP_row · SWAP(t, sys) · ROT_f · LOOKUP_col · COPY · PREP_k
 * assembled from parts each side supplies (tables and angles, or full tables and generic angles,
 * or QRAM oracles). Writing the call graph once here is what makes the estimate of a size equal
 * the count of a built circuit with those sizes.
 * @see arXiv:1806.01838 (Gilyén, Su, Low, Wiebe), Lemma 48
 */
import { ComponentBase, layoutRegisters, registerQubits, type CallGraph, type Component, type QubitRegister } from '../synthesis/component.js';
import { adjoint, Layer } from '../synthesis/primitives.js';
import type { BlockEncoding } from './block-encoding.js';

/** The callees of one application of U. */
export interface SparseParts {
  /** Σ_k √(w_k/α)|k⟩ on the colour register (absent with one colour). */
  readonly prepare?: Component;
  /** Writes r_k(j) ⊕ j into the index register. */
  readonly columnLookup: Component;
  /** Rotates the flag so that ⟨0|f⟩ = a_{r_k(j), j}/w_k. */
  readonly rotation: Component;
  /** Erases the index register with c_k(i) ⊕ i. */
  readonly rowLookup: Component;
}

export abstract class SparseAccessEncoding extends ComponentBase implements BlockEncoding {
  readonly kind = 'sparse';
  readonly name = 'sparse-block-encoding';
  abstract readonly alpha: number;
  abstract readonly epsilon: number;
  readonly systemQubits: number;
  /** Colour classes c (the register holds ⌈log₂ c⌉ qubits). */
  readonly colors: number;
  readonly colorQubits: number;
  readonly ancillaQubits: number;
  readonly numQubits: number;
  readonly registers: readonly QubitRegister[];
  /** The lookups' unary-iteration ancillas, computed and uncomputed inside each lookup for every address. */
  readonly workQubits: readonly number[];
  private readonly copy: Layer;
  private readonly swap: Layer;

  /** `lookupAncillas`: clean ancillas of the row/column lookups (0 for oracles and the ancilla-free QROM). */
  protected constructor(systemQubits: number, colors: number, colorQubits: number, lookupAncillas: number) {
    super();
    const n = systemQubits;
    this.systemQubits = n;
    this.colors = colors;
    this.colorQubits = colorQubits;
    this.ancillaQubits = n + colorQubits + 1 + lookupAncillas;
    this.numQubits = n + this.ancillaQubits;
    this.registers = layoutRegisters([['system', n], ['index', n], ['color', colorQubits], ['flag', 1], ['work', lookupAncillas]]);
    this.workQubits = registerQubits(this, 'work');
    this.copy = new Layer('cx', n);
    this.swap = new Layer('swap', n);
  }

  /** The callees; the same objects on every call (call counts are per object). */
  abstract parts(): SparseParts;

  override get label(): string {
    return `sparse-block-encoding (${this.systemQubits} system qubits, ${this.colors} colours${Number.isNaN(this.alpha) ? '' : `, α = ${this.alpha.toPrecision(6)}`})`;
  }

  /** Qubit indices: system, index register t, colour register k, flag, lookup ancillas. */
  get qubits(): { system: readonly number[]; index: readonly number[]; color: readonly number[]; flag: number; ancillas: readonly number[] } {
    return {
      system: registerQubits(this, 'system'), index: registerQubits(this, 'index'), color: registerQubits(this, 'color'),
      flag: registerQubits(this, 'flag')[0]!, ancillas: this.workQubits,
    };
  }

  callGraph(): CallGraph {
    const p = this.parts();
    const prep: CallGraph = p.prepare ? [[p.prepare, 1], [adjoint(p.prepare), 1]] : [];
    // A size-only model reads both directions from one table: one callee, called twice.
    const lookups: CallGraph = p.columnLookup === p.rowLookup ? [[p.columnLookup, 2]] : [[p.columnLookup, 1], [p.rowLookup, 1]];
    return [...prep, [this.copy, 2], ...lookups, [p.rotation, 1], [this.swap, 1]];
  }
}
