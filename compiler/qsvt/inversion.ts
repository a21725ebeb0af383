/**
 * The QSVT solution of A x = b as one component: the preparation of |b⟩ = b/‖b‖ on the system
 * register, then the QSVT sequence with the inverse polynomial. Post-selecting the sequence's
 * flags leaves A⁻¹b/‖A⁻¹b‖ (up to the polynomial's error) on the system register. The preparation
 * is a StatePrep of b, its size-only worst case, or a QRAM oracle (in estimates).
 * @see arXiv:1806.01838 (Gilyén, Su, Low, Wiebe), Corollary 69 — QSVT matrix inversion.
 */
import { CircuitBuilder, type Circuit } from '../circuit/index.js';
import { ValidationError } from '../errors.js';
import { ComponentBase, type CallGraph, type Component, type QubitRegister } from '../synthesis/component.js';
import type { PostSelection } from '../synthesis/prepared-state.js';
import type { QsvtCircuit } from './qsvt-circuit.js';

export class QsvtInversion extends ComponentBase {
  readonly name = 'qsvt-inversion';
  readonly rhs: Component;
  readonly qsvt: QsvtCircuit;
  readonly numQubits: number;
  readonly registers: readonly QubitRegister[];
  readonly system: readonly number[];
  readonly postselect: PostSelection;

  constructor(o: { readonly rhs: Component; readonly qsvt: QsvtCircuit }) {
    super();
    if (o.rhs.numQubits !== o.qsvt.system.length) {
      throw new ValidationError(`QSVT inversion: the right-hand side preparation acts on ${o.rhs.numQubits} qubits, the system register has ${o.qsvt.system.length}`);
    }
    this.rhs = o.rhs;
    this.qsvt = o.qsvt;
    this.numQubits = o.qsvt.numQubits;
    this.registers = o.qsvt.registers;
    this.system = o.qsvt.system;
    this.postselect = o.qsvt.postselect;
  }

  override get label(): string {
    return `qsvt-inversion (degree ${this.qsvt.degree}, ${this.numQubits} qubits)`;
  }

  callGraph(): CallGraph {
    return [[this.rhs, 1], [this.qsvt, 1]];
  }

  protected build(): Circuit {
    const core = this.qsvt.circuit();
    const b = new CircuitBuilder();
    for (const r of core.qregs) b.addQreg(r.name, r.size);
    b.compose(this.rhs.circuit(), this.system);
    b.compose(core);
    b.setMetadata('qsvt', core.metadata.qsvt);
    return b.build();
  }
}
