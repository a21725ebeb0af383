/**
 * Quantum phase estimation: for U|ψ⟩ = e^{2πiφ}|ψ⟩ the clock register ends in |y⟩ with y ≈ 2^t·φ
 * (mod 2^t). Layout: target qubits 0…m−1, clock qubits m…m+t−1 (clock[0] is the least significant
 * bit of y). Clock qubit k controls U^{2^k}; then an inverse QFT reads the phase out.
 * U is given as a circuit (controlled gate by gate, repeated 2^k times) or, better, as a provider
 * of the controlled powers (e.g. e^{iAt·2^k} synthesised directly, or a block-encoding walk).
 * @see arXiv:quant-ph/9511026 (Kitaev); Nielsen & Chuang, Section 5.2
 */
import { CircuitBuilder, inverseCircuit, type Circuit } from '../circuit/index.js';
import type { BlockEncoding } from '../blockencoding/block-encoding.js';
import { ValidationError } from '../errors.js';
import { controlledCircuit } from './controlled.js';
import { circuitCost, CostTally, type Component, type GateCost } from './cost.js';
import { Qft } from './qft.js';

export interface PhaseEstimationOptions {
  readonly clockQubits: number;
  readonly targetQubits: number;
  /** U on the target qubits (used when `controlledPower` is absent). */
  readonly unitary?: Circuit;
  /** controlled-U^{2^k}: a circuit on 1 + targetQubits qubits with the control as qubit 0. */
  readonly controlledPower?: (k: number) => Circuit;
}

export class PhaseEstimation implements Component {
  readonly name = 'phase-estimation';
  readonly clockQubits: number;
  readonly targetQubits: number;
  readonly numQubits: number;
  private readonly power: (k: number) => Circuit;

  constructor(o: PhaseEstimationOptions) {
    if (!Number.isInteger(o.clockQubits) || o.clockQubits < 1) throw new ValidationError(`phase estimation: clockQubits must be ≥ 1, got ${o.clockQubits}`);
    if (!Number.isInteger(o.targetQubits) || o.targetQubits < 0) throw new ValidationError(`phase estimation: targetQubits must be ≥ 0, got ${o.targetQubits}`);
    this.clockQubits = o.clockQubits;
    this.targetQubits = o.targetQubits;
    this.numQubits = o.clockQubits + o.targetQubits;
    if (o.controlledPower) this.power = o.controlledPower;
    else if (o.unitary) {
      const u = o.unitary;
      if (u.numQubits !== o.targetQubits) throw new ValidationError(`phase estimation: U acts on ${u.numQubits} qubits, not ${o.targetQubits}`);
      const cu = controlledCircuit(u);
      this.power = (k) => {
        const b = new CircuitBuilder(cu.numQubits);
        for (let r = 0; r < 2 ** k; r++) b.compose(cu);
        return b.build();
      };
    } else throw new ValidationError('phase estimation: give either unitary or controlledPower');
  }

  /** The clock's qubit indices in `circuit()`. */
  get clock(): number[] {
    return Array.from({ length: this.clockQubits }, (_, i) => this.targetQubits + i);
  }

  circuit(): Circuit {
    const m = this.targetQubits;
    const b = new CircuitBuilder();
    b.addQreg('target', m);
    const clock = b.addQreg('clock', this.clockQubits);
    for (const q of clock) b.h(q);
    const targets = Array.from({ length: m }, (_, i) => i);
    for (let k = 0; k < this.clockQubits; k++) {
      const p = this.power(k);
      if (p.numQubits !== m + 1) throw new ValidationError(`phase estimation: controlled power ${k} has ${p.numQubits} qubits, expected ${m + 1}`);
      b.compose(p, [clock[k]!, ...targets]);
    }
    new Qft({ numQubits: this.clockQubits, inverse: true }).appendTo(b, clock);
    return b.build();
  }

  cost(): GateCost {
    const t = new CostTally().add('h', this.clockQubits);
    t.depth = 1;
    for (let k = 0; k < this.clockQubits; k++) t.addCost(circuitCost(this.power(k)));
    t.addCost(new Qft({ numQubits: this.clockQubits, inverse: true }).cost());
    return t.toCost(this.numQubits);
  }
}

/**
 * Controlled powers of the qubitization walk W = R·U†·R·U of a block encoding (R = 2|0⟩⟨0| − I
 * on its ancillas), for `PhaseEstimation.controlledPower`: qubit 0 is the control, then the
 * encoding's qubits. |0⟩|v⟩ for A v = λv splits into eigenvectors of W with phases ±2·arccos(|λ|/α),
 * i.e. clock readings ±arccos(|λ|/α)/π. Only the reflections are controlled: U·U† = I when off.
 * @see arXiv:1610.06546 (Low, Chuang); arXiv:1806.01838 (GSLW), Section 3
 */
export function walkControlledPower(be: BlockEncoding): (k: number) => Circuit {
  const u = be.circuit, uInv = inverseCircuit(be.circuit);
  const m = u.numQubits;
  const qubits = Array.from({ length: m }, (_, i) => i + 1);
  const anc = qubits.slice(be.systemQubits);
  return (k) => {
    const b = new CircuitBuilder(m + 1);
    const reflect = (): void => {
      for (const q of anc) b.x(q);
      b.mcz([0, ...anc]);
      for (const q of anc) b.x(q);
      b.z(0); // −(I − 2|0⟩⟨0|) = 2|0⟩⟨0| − I, only when the control is on
    };
    for (let r = 0; r < 2 ** k; r++) {
      b.compose(u, qubits);
      reflect();
      b.compose(uInv, qubits);
      reflect();
    }
    return b.build();
  };
}

/** Examples: a phase gate with an exactly representable phase, and a two-qubit circuit. */
export const phaseEstimationExamples = (): PhaseEstimation[] => {
  const pGate = new CircuitBuilder(1).p(2 * Math.PI * (5 / 8), 0).build();
  const two = new CircuitBuilder(2).h(0).cx(0, 1).rz(0.7, 1).cx(0, 1).h(0).build();
  return [
    new PhaseEstimation({ clockQubits: 3, targetQubits: 1, unitary: pGate }),
    new PhaseEstimation({ clockQubits: 4, targetQubits: 2, unitary: two }),
  ];
};
