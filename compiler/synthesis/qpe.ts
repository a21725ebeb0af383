/**
 * Quantum phase estimation: for U|ψ⟩ = e^{2πiφ}|ψ⟩ the clock register ends in |y⟩ with y ≈ 2^t·φ
 * (mod 2^t). Layout: target qubits 0…m−1, clock qubits m…m+t−1 (clock[0] is the least significant
 * bit of y). Clock qubit k controls U^{2^k}, then an inverse QFT reads the phase out; with
 * `swaps: false` clock qubit t−1−k controls U^{2^k} and the QFT† omits its swaps (the same
 * estimate, bit-reversed twice). U comes as a circuit (controlled gate by gate, repeated 2^k
 * times) or, better, as the controlled powers themselves (e^{iAt·2^k} synthesised directly, or
 * 2^k steps of a block encoding's walk).
 * @see arXiv:quant-ph/9511026 (Kitaev); Nielsen & Chuang, Section 5.2
 */
import { CircuitBuilder, type Circuit } from '../circuit/index.js';
import { ValidationError } from '../errors.js';
import { ComponentBase, layoutRegisters, registerQubits, type CallGraph, type Component, type QubitRegister } from './component.js';
import { controlledCircuit } from './controlled.js';
import { CircuitComponent, Layer, Repeated } from './primitives.js';
import { Qft } from './qft.js';

export interface PhaseEstimationOptions {
  readonly clockQubits: number;
  readonly targetQubits: number;
  /** U on the target qubits (used when `controlledPower` is absent). */
  readonly unitary?: Circuit;
  /** controlled-U^{2^k}: a component (or circuit) on 1 + targetQubits qubits with the control as qubit 0. */
  readonly controlledPower?: (k: number) => Component | Circuit;
  /** Default true: clock qubit k controls U^{2^k} and the QFT† swaps; false: bit-reversed clock, no swaps. */
  readonly swaps?: boolean;
}

export class PhaseEstimation extends ComponentBase {
  readonly name = 'phase-estimation';
  readonly clockQubits: number;
  readonly targetQubits: number;
  readonly numQubits: number;
  readonly swaps: boolean;
  readonly registers: readonly QubitRegister[];
  /** controlled-U^{2^k} for k = 0…t−1. */
  readonly powers: readonly Component[];
  private readonly qft: Qft;

  constructor(o: PhaseEstimationOptions) {
    super();
    if (!Number.isInteger(o.clockQubits) || o.clockQubits < 1) throw new ValidationError(`phase estimation: clockQubits must be ≥ 1, got ${o.clockQubits}`);
    if (!Number.isInteger(o.targetQubits) || o.targetQubits < 0) throw new ValidationError(`phase estimation: targetQubits must be ≥ 0, got ${o.targetQubits}`);
    this.clockQubits = o.clockQubits;
    this.targetQubits = o.targetQubits;
    this.numQubits = o.clockQubits + o.targetQubits;
    this.swaps = o.swaps ?? true;
    this.registers = layoutRegisters([['target', o.targetQubits], ['clock', o.clockQubits]]);
    const asComponent = (c: Component | Circuit, k: number): Component => ('instructions' in c ? new CircuitComponent(`controlled power ${k}`, c) : c);
    let power: (k: number) => Component;
    if (o.controlledPower) {
      const given = o.controlledPower;
      power = (k) => asComponent(given(k), k);
    } else if (o.unitary) {
      const u = o.unitary;
      if (u.numQubits !== o.targetQubits) throw new ValidationError(`phase estimation: U acts on ${u.numQubits} qubits, not ${o.targetQubits}`);
      const cu = new CircuitComponent('controlled-U', controlledCircuit(u));
      power = (k) => new Repeated(cu, 2 ** k);
    } else throw new ValidationError('phase estimation: give either unitary or controlledPower');
    this.powers = Array.from({ length: o.clockQubits }, (_, k) => {
      const p = power(k);
      if (p.numQubits !== o.targetQubits + 1) throw new ValidationError(`phase estimation: controlled power ${k} has ${p.numQubits} qubits, expected ${o.targetQubits + 1}`);
      return p;
    });
    this.qft = new Qft({ numQubits: o.clockQubits, inverse: true, swaps: this.swaps });
  }

  override get label(): string {
    return `phase-estimation (${this.clockQubits} clock qubits)`;
  }

  /** The clock's qubit indices in `circuit()`. */
  get clock(): readonly number[] {
    return registerQubits(this, 'clock');
  }

  protected build(): Circuit {
    const t = this.clockQubits;
    const b = new CircuitBuilder();
    const targets = b.addQreg('target', this.targetQubits);
    const clock = b.addQreg('clock', t);
    for (const q of clock) b.h(q);
    this.powers.forEach((p, k) => b.compose(p.circuit(), [clock[this.swaps ? k : t - 1 - k]!, ...targets]));
    b.compose(this.qft.circuit(), clock);
    return b.build();
  }

  callGraph(): CallGraph {
    return [[new Layer('h', this.clockQubits), 1], ...this.powers.map((p) => [p, 1] as const), [this.qft, 1]];
  }
}

/** Examples: a phase gate with an exactly representable phase, and a two-qubit circuit. */
export const phaseEstimationExamples = (): PhaseEstimation[] => {
  const pGate = new CircuitBuilder(1).p(2 * Math.PI * (5 / 8), 0).build();
  const two = new CircuitBuilder(2).h(0).cx(0, 1).rz(0.7, 1).cx(0, 1).h(0).build();
  return [
    new PhaseEstimation({ clockQubits: 3, targetQubits: 1, unitary: pGate }),
    new PhaseEstimation({ clockQubits: 4, targetQubits: 2, unitary: two }),
    new PhaseEstimation({ clockQubits: 3, targetQubits: 2, unitary: two, swaps: false }),
  ];
};
