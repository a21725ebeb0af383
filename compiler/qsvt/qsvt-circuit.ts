/**
 * The QSVT circuit for a Hermitian block encoding: alternating U and U† interleaved with
 * projector-controlled phases e^{iφ(2Π−I)} (Π = |0⟩⟨0| on the encoding's ancillas minus its clean
 * `workQubits`, which U and U† keep at |0⟩, so Π on them is the identity there), each built from
 * one extra "signal" qubit, a multi-controlled X on the ancillas (0-controlled through X
 * conjugation), an Rz and the same multi-controlled X. The real part Re P(A/α) = f(A/α) is taken
 * by the two-term LCU (U_Φ + U_{−Φ})/2 on one more Hadamard qubit, which only changes the Rz angles.
 *
 * Convention bridge (tested): on each Jordan block U acts as R(x) = [[x, s], [s, −x]] and the phases
 * as e^{iφZ}, so the circuit realises the reflection convention. Since
 * W(x) = −i·e^{i(3π/4)Z} R(x) e^{−i(π/4)Z}, qntk's W-convention phases Φ map to reflection phases
 * (φ₀ + 3π/4, φ₁ + π/2, …, φ_{d−1} + π/2, φ_d − π/4) with ⟨0|U_R|0⟩ = i^d·P(x); a gphase(−dπ/2) removes
 * the i^d, so the post-selected block is exactly f(A/α) = Re P(A/α).
 *
 * Qubit layout: the encoding's qubits unchanged (system first, then its ancillas), then the signal
 * qubit, then the LCU qubit. Post-select ancillas, signal and LCU qubit on 0.
 * @see arXiv:1806.01838 (Gilyén, Su, Low, Wiebe), Theorem 17 and Figure 3 — QSVT circuits.
 * @see arXiv:2105.02859 (Martyn, Rossi, Tan, Chuang), §III — W vs reflection conventions.
 */
import { CircuitBuilder, type Circuit } from '../circuit/index.js';
import { ancillaIndices, signalAncillas, type BlockEncoding } from '../blockencoding/block-encoding.js';
import { ValidationError } from '../errors.js';
import { ComponentBase, layoutRegisters, range, type CallGraph, type QubitRegister } from '../synthesis/component.js';
import { mcxKey } from '../synthesis/cost.js';
import { adjoint, Layer } from '../synthesis/primitives.js';
import type { PostSelection } from '../synthesis/prepared-state.js';

export interface QsvtOptions {
  readonly blockEncoding: BlockEncoding;
  /** φ₀…φ_d in qntk's W convention (Re⟨0|U_Φ|0⟩ = f), e.g. from solvePhases. */
  readonly phases: ArrayLike<number>;
}

/** A QSVT sequence known by its degree only (what `qntk estimate` prices): no phases, no circuit. */
export interface QsvtSizes {
  readonly blockEncoding: BlockEncoding;
  readonly degree: number;
}

/** Reflection-convention phases for the branch realising P (sign = +1) or P* (sign = −1). */
export function reflectionPhases(phases: ArrayLike<number>, sign: 1 | -1): Float64Array {
  const d = phases.length - 1;
  const out = new Float64Array(d + 1);
  for (let j = 0; j <= d; j++) out[j] = sign * phases[j]! + (j === 0 ? 0 : Math.PI / 2);
  out[0] = out[0]! + (d === 0 ? 0 : (3 * Math.PI) / 4);
  if (d >= 1) out[d] = out[d]! - (3 * Math.PI) / 4;
  return out;
}

/**
 * e^{iφ(2Π−I)} on the reflected ancillas, with φ = a on LCU branch 0 and b on branch 1. Layout:
 * the r reflected ancillas, the signal qubit, the LCU qubit. Its cost does not depend on the angles.
 */
export class ProjectorPhase extends ComponentBase {
  readonly name = 'projector-phase';
  readonly ancillas: number;
  readonly numQubits: number;
  readonly registers: readonly QubitRegister[];
  private readonly flips: Layer;

  constructor(ancillas: number) {
    super();
    this.ancillas = ancillas;
    this.numQubits = ancillas + 2;
    this.registers = layoutRegisters([['ancillas', ancillas], ['signal', 1], ['lcu', 1]]);
    this.flips = new Layer('x', ancillas);
  }

  override get label(): string {
    return `projector-phase (${this.ancillas} ancillas)`;
  }

  /** Append onto the given ancillas, signal and LCU qubit. */
  appendTo(b: CircuitBuilder, anc: readonly number[], signal: number, lcu: number, a: number, bb: number): void {
    for (const q of anc) b.x(q);
    b.mcx(anc, signal);
    // Signal qubit is 1 exactly on Π: rz(2φ) gives e^{iφ} there and e^{−iφ} elsewhere.
    b.rz(a + bb, signal);
    b.cx(lcu, signal);
    b.rz(a - bb, signal);
    b.cx(lcu, signal);
    b.mcx(anc, signal);
    for (const q of anc) b.x(q);
  }

  callGraph(): CallGraph {
    return [[this.flips, 2], [mcxKey(this.ancillas), 2], ['rz', 2], ['cx', 2]];
  }

  /** The circuit for φ = 0 on both branches (the gates do not depend on φ). */
  protected build(): Circuit {
    const b = new CircuitBuilder(this.numQubits);
    this.appendTo(b, range(0, this.ancillas), this.ancillas, this.ancillas + 1, 0, 0);
    return b.build();
  }
}

export class QsvtCircuit extends ComponentBase {
  readonly name = 'qsvt';
  readonly blockEncoding: BlockEncoding;
  /** The phases, or undefined for a sequence known by its degree only. */
  readonly phases: Float64Array | undefined;
  readonly degree: number;
  readonly numQubits: number;
  readonly registers: readonly QubitRegister[];
  /** The system register (system[0] = least significant bit of the vector index). */
  readonly system: readonly number[];
  readonly signalQubit: number;
  readonly lcuQubit: number;
  /** [qubit, value] pairs to keep: the block-encoding ancillas, the signal and the LCU qubit, all 0. */
  readonly postselect: PostSelection;
  /**
   * The ancillas Π projects onto |0⟩ (the encoding's ancillas minus its clean work qubits). The work
   * qubits stay in `postselect`: they end in |0⟩ with certainty, so keeping them changes no probability.
   */
  readonly reflected: readonly number[];
  private readonly phase: ProjectorPhase;

  constructor(o: QsvtOptions | QsvtSizes) {
    super();
    const be = o.blockEncoding;
    this.reflected = signalAncillas(be);
    if (this.reflected.length < 1) throw new ValidationError(`QSVT: the ${be.kind} encoding has no ancilla qubits to reflect about; choose the sparse or FABLE encoding`, { parameter: 'encoding' });
    if (be.numQubits !== be.systemQubits + be.ancillaQubits) {
      throw new ValidationError(`QSVT: the block encoding has ${be.numQubits} qubits, expected system ${be.systemQubits} + ancillas ${be.ancillaQubits}`);
    }
    if ('phases' in o) {
      if (o.phases.length < 2) throw new ValidationError('QSVT: need a polynomial of degree ≥ 1 (at least two phases)');
      for (let j = 0; j < o.phases.length; j++) if (!Number.isFinite(o.phases[j]!)) throw new ValidationError(`QSVT: phase ${j} is not finite`);
      this.phases = Float64Array.from(o.phases);
      this.degree = this.phases.length - 1;
    } else {
      if (!Number.isInteger(o.degree) || o.degree < 1) throw new ValidationError(`QSVT: degree ${o.degree} must be an integer ≥ 1`);
      this.phases = undefined;
      this.degree = o.degree;
    }
    this.blockEncoding = be;
    const nBe = be.numQubits;
    this.signalQubit = nBe;
    this.lcuQubit = nBe + 1;
    this.numQubits = nBe + 2;
    this.registers = layoutRegisters([['system', be.systemQubits], ['ancillas', be.ancillaQubits], ['signal', 1], ['lcu', 1]]);
    this.system = range(0, be.systemQubits);
    this.postselect = [...ancillaIndices(be), this.signalQubit, this.lcuQubit].map((q) => [q, 0] as const);
    this.phase = new ProjectorPhase(this.reflected.length);
  }

  override get label(): string {
    return `qsvt (degree ${this.degree}${this.phases ? '' : ', any phases'})`;
  }

  protected build(): Circuit {
    if (!this.phases) throw new ValidationError(`${this.label}: a QSVT sequence without phases has no circuit; give its phases`);
    const be = this.blockEncoding;
    const d = this.degree;
    const anc = this.reflected;
    const u = be.circuit();
    const uDag = adjoint(be).circuit();
    const beMap = range(0, u.numQubits);
    const plus = reflectionPhases(this.phases, 1);
    const minus = reflectionPhases(this.phases, -1);
    const b = new CircuitBuilder();
    b.addQreg('sys', be.systemQubits);
    b.addQreg('anc', be.ancillaQubits);
    b.addQreg('sig', 1);
    b.addQreg('lcu', 1);
    b.h(this.lcuQubit);
    const phase = (k: number): void => this.phase.appendTo(b, anc, this.signalQubit, this.lcuQubit, plus[k]!, minus[k]!);
    // Time order: E_d, U, E_{d−1}, U†, E_{d−2}, U, …, E_0 (the k-th factor from the right is U for odd k).
    phase(d);
    for (let k = 1; k <= d; k++) {
      b.compose(k % 2 === 1 ? u : uDag, beMap);
      phase(d - k);
    }
    b.h(this.lcuQubit);
    b.gphase((-d * Math.PI) / 2);
    b.setMetadata('qsvt', { degree: d, system: this.system, postselect: this.postselect, alpha: be.alpha });
    return b.build();
  }

  /** d applications of U and U† in turn, d + 1 projector phases, the LCU qubit's two H and the global phase. */
  callGraph(): CallGraph {
    const d = this.degree;
    return [['h', 2], [this.phase, d + 1], [this.blockEncoding, Math.ceil(d / 2)], [adjoint(this.blockEncoding), Math.floor(d / 2)], ['gphase', 1]];
  }
}
