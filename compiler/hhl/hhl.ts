/**
 * HHL matrix inversion with exact synthesis of the Hamiltonian evolution for small systems.
 * With A = V·Λ·Vᵀ (symmetric, eigendecomposed at compile time), controlled e^{iAτ2^k} =
 * V·(controlled diagonal)·Vᵀ; the V…Vᵀ pairs between successive stages cancel, so the circuit is
 *   SP(Vᵀb̂) → H^{⊗t} → Π_k c-diag_k → QFT⁻¹ → Ry-multiplexor(flag | clock) → QFT → Π_k c-diag_k† → H^{⊗t} → V
 * with Vᵀb̂ loaded by one amplitude preparation and V synthesised once (Householder reflections).
 * Clock value c estimates λ: SPD matrices map λ_max to c = 2^{t−1} (the upper half of the clock
 * is margin for leakage); indefinite ones use signed clock values with |λ|_max at 2^{t−2}. The flag
 * rotation is 2·arcsin(C/λ̃(c)), C the grid value at or below λ_min (ratios clamped to ±1, c = 0
 * left alone). Post-select flag = 1 and clock = 0: the system then holds ≈ A⁻¹b/‖A⁻¹b‖.
 * The circuit is the component HhlCircuit; given only n and t it prices the worst case (no
 * rotation dropped) without any matrix.
 * @see arXiv:0811.3171 (Harrow, Hassidim, Lloyd)
 */
import { CircuitBuilder, type Circuit } from '../circuit/index.js';
import { ResourceError, ValidationError } from '../errors.js';
import type { CsrMatrix } from '../linalg/csr.js';
import { ComponentBase, layoutRegisters, range, type CallGraph, type Component, type QubitRegister } from '../synthesis/component.js';
import type { PostSelection, PreparedState } from '../synthesis/prepared-state.js';
import { Layer } from '../synthesis/primitives.js';
import { Qft } from '../synthesis/qft.js';
import { StatePrep } from '../synthesis/state-prep.js';
import { Diagonal, UniformlyControlledRotation } from '../synthesis/uniformly-controlled.js';
import { Orthogonal } from './orthogonal.js';
import { design, prepareSystem, type Design, type Spectrum } from './system.js';

export interface HhlOptions {
  /** Target infidelity 1 − |⟨x̂|ψ⟩| of the post-selected state; default 0.01. */
  readonly epsilon?: number;
  /** Design condition number (≥ the true κ = max|λ|/min|λ|); default the true κ. */
  readonly kappa?: number;
  /** Force the clock size instead of choosing it from κ and ε. */
  readonly clockQubits?: number;
  /** Largest clock considered (default 14). */
  readonly maxClockQubits?: number;
}

export interface HhlProgram extends PreparedState {
  readonly clock: readonly number[];
  readonly flag: number;
  readonly clockQubits: number;
  /** Probability of the post-selected branch (exact for this circuit). */
  readonly successProbability: number;
  /** |⟨A⁻¹b/‖A⁻¹b‖ | post-selected state⟩| predicted for this circuit. */
  readonly expectedFidelity: number;
  readonly kappa: number;
  /** Evolution time τ of the clock's least significant controlled e^{iAτ}. */
  readonly evolutionTime: number;
  /** The constant C of the inversion rotation sin(θ/2) = C/λ̃. */
  readonly inversionConstant: number;
  /** Size of the original system. */
  readonly n: number;
  /** The circuit as a component (its call graph and cost). */
  readonly component: Component;
}

/** The eigenbasis HHL circuit: from a design, or (`HhlCircuit.sized`) from n and t alone. */
export class HhlCircuit extends ComponentBase {
  readonly name = 'hhl';
  readonly systemQubits: number;
  readonly clockQubits: number;
  readonly numQubits: number;
  readonly registers: readonly QubitRegister[];
  readonly design: Design | undefined;
  private readonly rhs: StatePrep;
  /** c-diag_k for k = 0…t−1, forward; the inverse uses their adjoints. */
  private readonly evolutions: readonly Diagonal[];
  private readonly reverse: readonly Diagonal[];
  private readonly hadamards: Layer;
  private readonly flag: UniformlyControlledRotation;
  private readonly basis: Orthogonal;

  constructor(o: { readonly n: number; readonly design: Design; readonly spectrum: Spectrum; readonly beta: Float64Array } | { readonly n: number; readonly clockQubits: number }) {
    super();
    const n = o.n, N = 1 << n;
    const t = 'design' in o ? o.design.t : o.clockQubits;
    if (!Number.isInteger(t) || t < 1 || t > 20) throw new ValidationError(`clockQubits ${t} must be an integer in 1..20`, { parameter: 'clockQubits' });
    this.systemQubits = n;
    this.clockQubits = t;
    this.numQubits = n + t + 1;
    this.registers = layoutRegisters([['system', n], ['clock', t], ['flag', 1]]);
    this.hadamards = new Layer('h', t);
    if ('design' in o) {
      const d = o.design, spec = o.spectrum;
      this.design = d;
      this.rhs = new StatePrep({ amplitudes: o.beta, numQubits: n });
      const evolution = (sign: 1 | -1): Diagonal[] => range(0, t).map((k) => {
        const phases = new Float64Array(2 * N);
        for (let j = 0; j < N; j++) phases[N + j] = sign * ((spec.lambda[j]! * d.tau * 2 ** k) % (2 * Math.PI));
        return new Diagonal({ phases });
      });
      this.evolutions = evolution(1);
      this.reverse = evolution(-1);
      this.flag = new UniformlyControlledRotation({ axis: 'y', angles: d.sines.map((s) => 2 * Math.asin(s)), tolerance: 1e-12 });
      this.basis = new Orthogonal(spec.vectors);
    } else {
      this.design = undefined;
      this.rhs = StatePrep.sized({ numQubits: n });
      const diag = new Diagonal({ qubits: n + 1 });
      this.evolutions = this.reverse = range(0, t).map(() => diag);
      this.flag = new UniformlyControlledRotation({ axis: 'y', controls: t });
      this.basis = Orthogonal.sized(n);
    }
  }

  /** The circuit for an n-qubit system and a t-qubit clock, priced for any matrix (no rotation dropped). */
  static sized(o: { readonly systemQubits: number; readonly clockQubits: number }): HhlCircuit {
    return new HhlCircuit({ n: o.systemQubits, clockQubits: o.clockQubits });
  }

  override get label(): string {
    return `hhl (eigenbasis; ${this.systemQubits} system qubits, ${this.clockQubits} clock qubits${this.design ? '' : ', any matrix'})`;
  }

  callGraph(): CallGraph {
    const t = this.clockQubits;
    const qft = (inverse: boolean): Qft => new Qft({ numQubits: t, inverse, swaps: false });
    return [
      [this.rhs, 1], [this.hadamards, 2], ...this.evolutions.map((d) => [d, 1] as const), [qft(true), 1],
      [this.flag, 1], [qft(false), 1], ...this.reverse.map((d) => [d, 1] as const), [this.basis, 1],
    ];
  }

  protected build(): Circuit {
    if (!this.design) throw new ValidationError(`${this.label}: a size-only HHL circuit has no circuit; build it from a matrix`);
    const t = this.clockQubits;
    const b = new CircuitBuilder();
    const sys = b.addQreg('sys', this.systemQubits);
    const clock = b.addQreg('clock', t);
    const [flag] = b.addQreg('flag', 1);
    b.compose(this.rhs.circuit(), sys);
    // Clock qubit t−1−k controls e^{iΛτ2^k}: the bit-reversed order lets the QFTs skip their swaps.
    const evolve = (ds: readonly Diagonal[]): void => ds.forEach((d, k) => b.compose(d.circuit(), [...sys, clock[t - 1 - k]!]));
    b.compose(this.hadamards.circuit(), clock);
    evolve(this.evolutions);
    b.compose(new Qft({ numQubits: t, inverse: true, swaps: false }).circuit(), clock);
    b.compose(this.flag.circuit(), [...clock, flag!]);
    b.compose(new Qft({ numQubits: t, swaps: false }).circuit(), clock);
    evolve(this.reverse);
    b.compose(this.hadamards.circuit(), clock);
    b.compose(this.basis.circuit(), sys);
    b.setMetadata('hhl', { clockQubits: t, evolutionTime: this.design.tau, inversionConstant: this.design.cConst });
    return b.build();
  }
}

/** Build the HHL circuit for A x = b (A symmetric, invertible; any size, padded explicitly). */
export function buildHhl(matrix: CsrMatrix, b: ArrayLike<number>, options: HhlOptions = {}): HhlProgram {
  const eps = options.epsilon ?? 0.01;
  const { n, spec, beta, lamMax, kappa, signed } = prepareSystem(matrix, b, options);
  const lamMin = lamMax / kappa;
  let chosen: Design;
  if (options.clockQubits !== undefined) {
    if (!Number.isInteger(options.clockQubits) || options.clockQubits < 1 || options.clockQubits > 20) {
      throw new ValidationError(`clockQubits ${options.clockQubits} must be an integer in 1..20`, { parameter: 'clockQubits' });
    }
    chosen = design(options.clockQubits, spec, beta, lamMax, lamMin, signed);
  } else {
    const maxT = options.maxClockQubits ?? 14;
    let t = Math.max(1, Math.ceil(Math.log2(kappa)) + (signed ? 1 : 0));
    // A clock of t qubits resolves κ ≈ 2^t: a large κ must stop here, not allocate 2^t grid points.
    if (t > maxT) throw new ResourceError(`HHL: κ = ${kappa.toPrecision(4)} needs ${t} clock qubits, more than ${maxT}; lower kappa or use the QSVT method`);
    chosen = design(t, spec, beta, lamMax, lamMin, signed);
    while (chosen.fidelity < 1 - eps && t < maxT) chosen = design(++t, spec, beta, lamMax, lamMin, signed);
    if (chosen.fidelity < 1 - eps) throw new ResourceError(`HHL: ε = ${eps} needs more than ${maxT} clock qubits at κ = ${kappa.toPrecision(4)}; raise epsilon or use the QSVT method`);
  }
  const component = new HhlCircuit({ n, design: chosen, spectrum: spec, beta });
  const system = range(0, n);
  const clock = range(n, chosen.t);
  const flag = n + chosen.t;
  const postselect: PostSelection = [[flag, 1], ...clock.map((q) => [q, 0] as const)];
  return {
    circuit: component.circuit(), system, clock, flag, postselect,
    clockQubits: chosen.t, successProbability: chosen.success, expectedFidelity: chosen.fidelity,
    kappa, evolutionTime: chosen.tau, inversionConstant: chosen.cConst, n: matrix.rows, component,
  };
}
