/**
 * The sparse-access encoding of an N × N matrix (N = 2^n) with c colour classes, from its sizes
 * alone: what `qntk estimate` prices at n = 2^30. Two data-access models:
 * - 'qrom': the lookups are unary-iteration QROMs over all N·c slots with every data bit set and
 *   the entry rotation an Ry multiplexor with no vanishing angle — the most expensive circuit
 *   sparse.ts can build for these sizes, priced by the same components;
 * - 'qram': the lookups and the rotation are oracle calls (queries of depth 1, gates not counted)
 *   and the register is that of the ancilla-free variant.
 * The colour preparation is priced as the larger of its two forms (H on each qubit for equal
 * weights, a state preparation otherwise), since the weights are data.
 * @see arXiv:1806.01838 (GSLW) Lemma 48; arXiv:1805.03662 (Babbush et al.: unary-iteration QROM)
 */
import type { Circuit } from '../circuit/index.js';
import { ValidationError } from '../errors.js';
import { ceilLog2 } from '../linalg/walsh.js';
import { ComponentBase, range, type CallGraph, type QubitRegister } from '../synthesis/component.js';
import { Layer, Oracle } from '../synthesis/primitives.js';
import { Qrom } from '../synthesis/qrom.js';
import { StatePrep } from '../synthesis/state-prep.js';
import { unaryIterationAncillas } from '../synthesis/unary-iteration.js';
import { UniformlyControlledRotation } from '../synthesis/uniformly-controlled.js';
import { SparseAccessEncoding, type SparseParts } from './sparse-access.js';

export type DataAccess = 'qram' | 'qrom';

/** Both forms of the colour preparation in sequence: an upper bound on either, for unknown weights. */
class ColourPreparationBound extends ComponentBase {
  readonly name = 'colour-preparation-bound';
  readonly numQubits: number;
  readonly registers: readonly QubitRegister[];
  private readonly callees: CallGraph;

  constructor(qubits: number) {
    super();
    this.numQubits = qubits;
    this.registers = [{ name: 'color', qubits: range(0, qubits) }];
    this.callees = [[StatePrep.sized({ numQubits: qubits }), 1], [new Layer('h', qubits), 1]];
  }

  override get label(): string {
    return `colour preparation (${this.numQubits} qubits, any weights: state-prep + h layer)`;
  }

  callGraph(): CallGraph {
    return this.callees;
  }

  protected build(): Circuit {
    throw new ValidationError(`${this.label}: a bound has no circuit`);
  }
}

export interface SparseEncodingModelOptions {
  /** n = log₂ N of the padded matrix. */
  readonly systemQubits: number;
  /** Colour classes c: s (max nonzeros per row/column) or s + 1 (diagonal first). */
  readonly colors: number;
  readonly access: DataAccess;
}

export class SparseEncodingModel extends SparseAccessEncoding {
  /** Not known from sizes: the estimate takes κ_eff = α/min|λ| directly. */
  readonly alpha = NaN;
  readonly epsilon = 0;
  readonly access: DataAccess;
  private readonly modelParts: SparseParts;

  constructor(o: SparseEncodingModelOptions) {
    const n = o.systemQubits, c = o.colors;
    if (!Number.isInteger(n) || n < 1 || n > 40) throw new ValidationError(`sparse encoding model: ${n} system qubits must be an integer in 1..40`, { parameter: 'n' });
    if (!Number.isInteger(c) || c < 1 || c > 2 ** n + 1) throw new ValidationError(`sparsity ${c}: the colour count must be an integer in 1..n`, { parameter: 'sparsity' });
    const m = ceilLog2(c), a = n + m;
    super(n, c, m, o.access === 'qrom' ? unaryIterationAncillas(a, false) : 0);
    this.access = o.access;
    const lookup = o.access === 'qrom' ? Qrom.full({ length: c * 2 ** n, selectBits: a, dataBits: n }) : new Oracle('lookup', a + n);
    const prepare = m === 0 ? undefined : new ColourPreparationBound(m);
    this.modelParts = {
      ...(prepare ? { prepare } : {}),
      columnLookup: lookup,
      rotation: o.access === 'qrom' ? new UniformlyControlledRotation({ axis: 'y', controls: a }) : new Oracle('entry-rotation', a + 1),
      rowLookup: lookup,
    };
  }

  override get label(): string {
    return `${super.label}, ${this.access.toUpperCase()} access`;
  }

  parts(): SparseParts {
    return this.modelParts;
  }

  protected build(): Circuit {
    throw new ValidationError(`${this.label}: a size-only model has no circuit; build SparseEncoding from a matrix`);
  }
}
