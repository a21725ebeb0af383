/**
 * The qubitization walk W = R·U†·R·U of a block encoding (R = 2|0⟩⟨0| − I on its ancillas), as a
 * controlled step for phase estimation: qubit 0 is the control, then the encoding's qubits. For
 * A v = λv, |0⟩|v⟩ splits into two eigenvectors of W with phases ±2·arccos(|λ|/α), i.e. clock
 * readings ±arccos(|λ|/α)/π. Only the reflections are controlled: U·U† = I when the control is off.
 * @see arXiv:1610.06546 (Low, Chuang: qubitization); arXiv:1806.01838 (GSLW), Section 3
 */
import { CircuitBuilder, type Circuit } from '../circuit/index.js';
import { ValidationError } from '../errors.js';
import { ComponentBase, layoutRegisters, range, type CallGraph, type Component, type QubitRegister } from '../synthesis/component.js';
import { mczKey } from '../synthesis/cost.js';
import { adjoint, Layer, Repeated } from '../synthesis/primitives.js';
import type { BlockEncoding } from './block-encoding.js';

/** −(I − 2|0⟩⟨0|) on `ancillas` qubits when the control (qubit 0) is on: X·MCZ·X, then Z on the control. */
class ControlledReflection extends ComponentBase {
  readonly name = 'controlled-reflection';
  readonly numQubits: number;
  readonly registers: readonly QubitRegister[];
  private readonly flips: Layer;

  constructor(ancillas: number) {
    super();
    this.numQubits = ancillas + 1;
    this.registers = layoutRegisters([['control', 1], ['ancillas', ancillas]]);
    this.flips = new Layer('x', ancillas);
  }

  override get label(): string {
    return `controlled-reflection (${this.numQubits - 1} ancillas)`;
  }

  callGraph(): CallGraph {
    return [[this.flips, 2], [mczKey(this.numQubits), 1], ['z', 1]];
  }

  protected build(): Circuit {
    const anc = range(1, this.numQubits - 1);
    const b = new CircuitBuilder(this.numQubits);
    for (const q of anc) b.x(q);
    b.mcz([0, ...anc]);
    for (const q of anc) b.x(q);
    b.z(0); // −(I − 2|0⟩⟨0|) = 2|0⟩⟨0| − I, only when the control is on
    return b.build();
  }
}

/** One controlled walk step U, R, U†, R on [control, encoding qubits…]. */
export class WalkStep extends ComponentBase {
  readonly name = 'walk-step';
  readonly blockEncoding: BlockEncoding;
  readonly numQubits: number;
  readonly registers: readonly QubitRegister[];
  private readonly reflection: ControlledReflection;

  constructor(be: BlockEncoding) {
    super();
    if (be.ancillaQubits < 1) throw new ValidationError(`walk: the ${be.kind} encoding has no ancilla to reflect about; choose the sparse or FABLE encoding`, { parameter: 'encoding' });
    this.blockEncoding = be;
    this.numQubits = be.numQubits + 1;
    this.registers = layoutRegisters([['control', 1], ['system', be.systemQubits], ['ancillas', be.ancillaQubits]]);
    this.reflection = new ControlledReflection(be.ancillaQubits);
  }

  override get label(): string {
    return `walk-step of ${this.blockEncoding.label}`;
  }

  callGraph(): CallGraph {
    return [[this.blockEncoding, 1], [adjoint(this.blockEncoding), 1], [this.reflection, 2]];
  }

  protected build(): Circuit {
    const be = this.blockEncoding;
    const qubits = range(1, be.numQubits);
    const reflect = [0, ...qubits.slice(be.systemQubits)];
    const b = new CircuitBuilder(this.numQubits);
    b.compose(be.circuit(), qubits);
    b.compose(this.reflection.circuit(), reflect);
    b.compose(adjoint(be).circuit(), qubits);
    b.compose(this.reflection.circuit(), reflect);
    return b.build();
  }
}

/** Controlled W^{2^k} for k = 0…t−1 (for PhaseEstimation's controlledPower). */
export function walkPowers(be: BlockEncoding, clockQubits: number): Component[] {
  const step = new WalkStep(be);
  return Array.from({ length: clockQubits }, (_, k) => new Repeated(step, 2 ** k));
}
