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
import { CircuitBuilder, inverseCircuit, type Circuit } from '../circuit/index.js';
import { ancillaIndices, signalAncillas, type BlockEncoding } from '../blockencoding/block-encoding.js';
import { ValidationError } from '../errors.js';
import { circuitCost, CostTally, gateKey, type Component, type GateCost } from '../synthesis/cost.js';

export interface QsvtOptions {
  readonly blockEncoding: BlockEncoding;
  /** φ₀…φ_d in qntk's W convention (Re⟨0|U_Φ|0⟩ = f), e.g. from solvePhases. */
  readonly phases: ArrayLike<number>;
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

export class QsvtCircuit implements Component {
  readonly name = 'qsvt';
  readonly blockEncoding: BlockEncoding;
  readonly phases: Float64Array;
  readonly degree: number;
  readonly numQubits: number;
  /** The system register (system[0] = least significant bit of the vector index). */
  readonly system: readonly number[];
  readonly signalQubit: number;
  readonly lcuQubit: number;
  /** [qubit, value] pairs to keep: the block-encoding ancillas, the signal and the LCU qubit, all 0. */
  readonly postselect: readonly (readonly [number, number])[];
  /**
   * The ancillas Π projects onto |0⟩ (the encoding's ancillas minus its clean work qubits). The work
   * qubits stay in `postselect`: they end in |0⟩ with certainty, so keeping them changes no probability.
   */
  readonly reflected: readonly number[];

  constructor(o: QsvtOptions) {
    const be = o.blockEncoding;
    if (be.ancillaQubits < 1) throw new ValidationError('QSVT: the block encoding has no ancilla qubits to reflect about');
    if (be.circuit.numQubits !== be.systemQubits + be.ancillaQubits) {
      throw new ValidationError(`QSVT: the block-encoding circuit has ${be.circuit.numQubits} qubits, expected system ${be.systemQubits} + ancillas ${be.ancillaQubits}`);
    }
    if (o.phases.length < 2) throw new ValidationError('QSVT: need a polynomial of degree ≥ 1 (at least two phases)');
    for (let j = 0; j < o.phases.length; j++) if (!Number.isFinite(o.phases[j]!)) throw new ValidationError(`QSVT: phase ${j} is not finite`);
    this.blockEncoding = be;
    this.phases = Float64Array.from(o.phases);
    this.degree = this.phases.length - 1;
    const nBe = be.circuit.numQubits;
    this.signalQubit = nBe;
    this.lcuQubit = nBe + 1;
    this.numQubits = nBe + 2;
    this.system = Array.from({ length: be.systemQubits }, (_, i) => i);
    this.postselect = [...ancillaIndices(be), this.signalQubit, this.lcuQubit].map((q) => [q, 0] as const);
    this.reflected = signalAncillas(be);
  }

  /** e^{iφ(2Π−I)} with φ = a on LCU branch 0 and b on branch 1. */
  private appendPhase(b: CircuitBuilder, anc: readonly number[], a: number, bb: number): void {
    const p = this.signalQubit, h = this.lcuQubit;
    for (const q of anc) b.x(q);
    b.mcx(anc, p);
    // Signal qubit is 1 exactly on Π: rz(2φ) gives e^{iφ} there and e^{−iφ} elsewhere.
    b.rz(a + bb, p);
    b.cx(h, p);
    b.rz(a - bb, p);
    b.cx(h, p);
    b.mcx(anc, p);
    for (const q of anc) b.x(q);
  }

  circuit(): Circuit {
    const be = this.blockEncoding;
    const d = this.degree;
    const anc = this.reflected;
    const u = be.circuit;
    const uDag = inverseCircuit(u);
    const beMap = Array.from({ length: u.numQubits }, (_, i) => i);
    const plus = reflectionPhases(this.phases, 1);
    const minus = reflectionPhases(this.phases, -1);
    const b = new CircuitBuilder();
    b.addQreg('sys', be.systemQubits);
    b.addQreg('anc', be.ancillaQubits);
    b.addQreg('sig', 1);
    b.addQreg('lcu', 1);
    b.h(this.lcuQubit);
    // Time order: E_d, U, E_{d−1}, U†, E_{d−2}, U, …, E_0 (the k-th factor from the right is U for odd k).
    this.appendPhase(b, anc, plus[d]!, minus[d]!);
    for (let k = 1; k <= d; k++) {
      b.compose(k % 2 === 1 ? u : uDag, beMap);
      this.appendPhase(b, anc, plus[d - k]!, minus[d - k]!);
    }
    b.h(this.lcuQubit);
    b.gphase((-d * Math.PI) / 2);
    b.setMetadata('qsvt', { degree: d, system: this.system, postselect: this.postselect, alpha: be.alpha });
    return b.build();
  }

  /** Gate counts from the encoding's counts, without building the circuit. */
  cost(): GateCost {
    const be = circuitCost(this.blockEncoding.circuit);
    const a = this.reflected.length;
    const t = new CostTally();
    t.addCost(be, this.degree);
    const mcxName = a === 1 ? 'cx' : a === 2 ? 'ccx' : gateKey('mcx', a + 1);
    const phases = this.degree + 1;
    t.add('x', 2 * a * phases).add(mcxName, 2 * phases).add('rz', 2 * phases).add('cx', 2 * phases).add('h', 2).add('gphase', 1);
    t.depth += 8 * phases + 2;
    return t.toCost(this.numQubits);
  }
}
