/**
 * The block-encoding contract every encoding (sparse access, FABLE, LCU) and every consumer
 * (QSVT, the qubitization walk, estimates) shares. A block encoding is a component: it declares
 * its subnormalisation, error and registers, prices itself by its call graph, and builds its
 * circuit only when a consumer builds its own.
 *
 * Promise: ‖A − α·(⟨0|_anc ⊗ I) U (|0⟩_anc ⊗ I)‖ ≤ ε.
 * Qubit layout of `circuit()`: system qubits 0..systemQubits−1 (qubit 0 is the least significant
 * bit of the row/column index of A), then the ancillas. With qubit 0 as the least significant bit
 * of a basis index, the promised block is the top-left 2^s × 2^s block of the circuit's unitary.
 * Matrices whose size is not a power of two are padded explicitly by the encoding (documented
 * per encoding), so A here is always 2^s × 2^s.
 * @see arXiv:1806.01838 (Gilyén, Su, Low, Wiebe), Definition 43.
 */
import type { Circuit } from '../circuit/index.js';
import { ValidationError } from '../errors.js';
import { ComponentBase, layoutRegisters, range, type CallGraph, type Component, type QubitRegister } from '../synthesis/component.js';
import { CircuitComponent } from '../synthesis/primitives.js';

export interface BlockEncoding extends Component {
  /** Which construction made it: 'sparse' | 'fable' | 'lcu' | …. */
  readonly kind: string;
  /** Subnormalisation α ≥ ‖A‖ (NaN for a size-only model, whose α is not known). */
  readonly alpha: number;
  readonly systemQubits: number;
  readonly ancillaQubits: number;
  /** Bound on ‖A − α·block‖ (spectral norm). */
  readonly epsilon: number;
  /**
   * Clean work ancillas (a subset of the ancilla indices, e.g. unary-iteration/QROM ancillas): U and U†
   * map every state with these qubits in |0⟩ (any system and other-ancilla state) to one with them in
   * |0⟩. U then acts as U′ ⊗ I on that subspace and U′ block-encodes A with Π over the remaining
   * ancillas only, so consumers that start them in |0⟩ may leave them out of their reflections.
   * Empty: every ancilla carries the block.
   */
  readonly workQubits: readonly number[];
}

/** Qubit indices of the ancilla register of a block encoding. */
export function ancillaIndices(be: Pick<BlockEncoding, 'systemQubits' | 'ancillaQubits'>): number[] {
  return range(be.systemQubits, be.ancillaQubits);
}

/**
 * The ancillas a consumer must reflect about: all ancillas minus the clean work qubits.
 * Throws a ValidationError when `workQubits` names a non-ancilla or leaves no ancilla to reflect about.
 */
export function signalAncillas(be: Pick<BlockEncoding, 'kind' | 'systemQubits' | 'ancillaQubits' | 'workQubits'>): number[] {
  const all = ancillaIndices(be);
  const work = new Set(be.workQubits);
  for (const q of work) {
    if (!Number.isInteger(q) || q < be.systemQubits || q >= be.systemQubits + be.ancillaQubits) {
      throw new ValidationError(`block encoding '${be.kind}': work qubit ${q} is not an ancilla (${be.systemQubits}..${be.systemQubits + be.ancillaQubits - 1}); fix its workQubits`);
    }
  }
  const out = all.filter((q) => !work.has(q));
  if (out.length === 0 && work.size > 0) throw new ValidationError(`block encoding '${be.kind}': every ancilla is a work qubit; at least one must carry the block`);
  return out;
}

/** The standard registers of a block encoding: 'system' then 'ancillas'. */
export function blockEncodingRegisters(systemQubits: number, ancillaQubits: number): QubitRegister[] {
  return layoutRegisters([['system', systemQubits], ['ancillas', ancillaQubits]]);
}

export interface CircuitBlockEncodingOptions {
  readonly kind: string;
  readonly circuit: Circuit;
  readonly alpha: number;
  readonly systemQubits: number;
  readonly epsilon?: number;
  readonly workQubits?: readonly number[];
}

/** A block encoding given as a built circuit (made by hand or elsewhere); its cost is the circuit's. */
export class CircuitBlockEncoding extends ComponentBase implements BlockEncoding {
  readonly name = 'block-encoding';
  readonly kind: string;
  readonly alpha: number;
  readonly epsilon: number;
  readonly systemQubits: number;
  readonly ancillaQubits: number;
  readonly workQubits: readonly number[];
  readonly numQubits: number;
  readonly registers: readonly QubitRegister[];
  readonly depth: number;
  private readonly inner: CircuitComponent;

  constructor(o: CircuitBlockEncodingOptions) {
    super();
    if (!(o.alpha > 0) || !Number.isFinite(o.alpha)) throw new ValidationError(`block encoding '${o.kind}': alpha ${o.alpha} must be a positive number`);
    if (!Number.isInteger(o.systemQubits) || o.systemQubits < 0 || o.systemQubits > o.circuit.numQubits) {
      throw new ValidationError(`block encoding '${o.kind}': ${o.systemQubits} system qubits do not fit a ${o.circuit.numQubits}-qubit circuit`);
    }
    this.kind = o.kind;
    this.alpha = o.alpha;
    this.epsilon = o.epsilon ?? 0;
    this.systemQubits = o.systemQubits;
    this.ancillaQubits = o.circuit.numQubits - o.systemQubits;
    this.workQubits = o.workQubits ?? [];
    this.numQubits = o.circuit.numQubits;
    this.registers = blockEncodingRegisters(this.systemQubits, this.ancillaQubits);
    this.inner = new CircuitComponent(o.kind, o.circuit, this.registers);
    this.depth = this.inner.depth;
    signalAncillas(this);
  }

  override get label(): string {
    return `block-encoding '${this.kind}' (α = ${this.alpha.toPrecision(6)}, ${this.systemQubits} + ${this.ancillaQubits} qubits)`;
  }

  callGraph(): CallGraph {
    return this.inner.callGraph();
  }

  protected build(): Circuit {
    return this.inner.circuit();
  }
}
