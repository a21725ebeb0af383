/**
 * Amplitude state preparation |0…0⟩ → Σ_x a_x|x⟩/‖a‖ for real or complex vectors of any length
 * (padded explicitly with zero amplitudes to the next power of two). A tree of uniformly
 * controlled Ry rotations sets the magnitudes, qubit n−1 first; real signs are folded into the
 * last level's angles, complex phases are applied by one diagonal. The controlled variant adds a
 * control qubit (the most significant multiplexor control, angles 0 when it is off), for
 * Hadamard tests.
 * @see arXiv:quant-ph/0407010 (Möttönen et al.), Section 4
 */
import { CircuitBuilder, inverseCircuit, type Circuit } from '../circuit/index.js';
import { ValidationError } from '../errors.js';
import { ceilLog2 } from '../linalg/walsh.js';
import { ComponentBase, layoutRegisters, range, type CallGraph, type QubitRegister } from './component.js';
import { appendDiagonal, appendMultiplexor, Diagonal, UniformlyControlledRotation } from './uniformly-controlled.js';

/** A real vector, or a complex one as separate real and imaginary parts. */
export type Amplitudes = ArrayLike<number> | { readonly re: ArrayLike<number>; readonly im: ArrayLike<number> };

export interface StatePrepOptions {
  readonly amplitudes: Amplitudes;
  /** Number of state qubits (default: ceil(log2(length))); extra amplitudes are zero. */
  readonly numQubits?: number;
  /** Add a control qubit (index numQubits): prepare the state only when it is |1⟩. */
  readonly controlled?: boolean;
  /** Drop rotations whose Walsh-domain angle is at most this (default 1e-12: only numerically zero ones). */
  readonly tolerance?: number;
}

/** The sizes of a state preparation whose amplitudes are not given (its worst case is priced). */
export interface StatePrepSizes {
  readonly numQubits: number;
  readonly complex?: boolean;
  readonly controlled?: boolean;
}

export class StatePrep extends ComponentBase {
  readonly name = 'state-prep';
  /** Normalised, padded amplitudes (empty for a size-only preparation). */
  readonly re: Float64Array;
  readonly im: Float64Array;
  readonly isReal: boolean;
  /** False for a size-only preparation (`StatePrep.sized`): priced for generic amplitudes, no circuit. */
  readonly hasAmplitudes: boolean;
  readonly registers: readonly QubitRegister[];
  /** State qubits (the control, if any, comes after them). */
  readonly stateQubits: number;
  readonly numQubits: number;
  readonly controlled: boolean;
  readonly tolerance: number;

  /** From amplitudes; or, given only sizes (`StatePrep.sized`), the worst case over all amplitudes. */
  constructor(o: StatePrepOptions | StatePrepSizes) {
    super();
    this.controlled = o.controlled ?? false;
    if (!('amplitudes' in o)) {
      if (!Number.isInteger(o.numQubits) || o.numQubits < 0 || o.numQubits > 52) throw new ValidationError(`state preparation: ${o.numQubits} qubits must be an integer in 0..52`);
      this.re = new Float64Array(0);
      this.im = new Float64Array(0);
      this.isReal = !(o.complex ?? false);
      this.hasAmplitudes = false;
      this.stateQubits = o.numQubits;
      this.tolerance = 0;
    } else {
      const isComplex = typeof o.amplitudes === 'object' && 're' in o.amplitudes;
      const reIn = isComplex ? (o.amplitudes as { re: ArrayLike<number> }).re : (o.amplitudes as ArrayLike<number>);
      const imIn = isComplex ? (o.amplitudes as { im: ArrayLike<number> }).im : undefined;
      const len = reIn.length;
      if (len === 0) throw new ValidationError('state preparation: the amplitude vector is empty');
      if (imIn && imIn.length !== len) throw new ValidationError(`state preparation: ${len} real parts but ${imIn.length} imaginary parts`);
      const n = o.numQubits ?? ceilLog2(len);
      if (!Number.isInteger(n) || n < 0 || 1 << n < len) throw new ValidationError(`state preparation: ${len} amplitudes do not fit ${n} qubits`);
      const dim = 1 << n;
      this.re = new Float64Array(dim);
      this.im = new Float64Array(dim);
      let norm2 = 0;
      for (let i = 0; i < len; i++) {
        const r = reIn[i]!, m = imIn ? imIn[i]! : 0;
        if (!Number.isFinite(r) || !Number.isFinite(m)) throw new ValidationError(`state preparation: amplitude ${i} is not finite`);
        this.re[i] = r;
        this.im[i] = m;
        norm2 += r * r + m * m;
      }
      if (!(norm2 > 0)) throw new ValidationError('state preparation: the amplitude vector is zero; give a nonzero vector');
      const s = 1 / Math.sqrt(norm2);
      for (let i = 0; i < dim; i++) {
        this.re[i]! *= s;
        this.im[i]! *= s;
      }
      this.isReal = this.im.every((v) => v === 0);
      this.hasAmplitudes = true;
      this.stateQubits = n;
      this.tolerance = o.tolerance ?? 1e-12;
    }
    this.numQubits = this.stateQubits + (this.controlled ? 1 : 0);
    this.registers = layoutRegisters([['state', this.stateQubits], ['control', this.controlled ? 1 : 0]]);
  }

  /**
   * A preparation of n qubits with unknown amplitudes, priced for the worst case (no rotation
   * vanishes): 2^k Ry (and as many Rz when complex) with 2^k CNOTs on level k ≥ 1.
   */
  static sized(o: StatePrepSizes): StatePrep {
    return new StatePrep(o);
  }

  override get label(): string {
    return `state-prep (${this.stateQubits} qubits${this.isReal ? '' : ', complex'}${this.controlled ? ', controlled' : ''}${this.hasAmplitudes ? '' : ', any amplitudes'})`;
  }

  /** Per target qubit t (n−1 down to 0): the Ry angles over the values of qubits t+1…n−1. */
  private ryLevels(): { target: number; angles: Float64Array }[] {
    const n = this.stateQubits;
    // norms[t][j] = ‖amplitudes whose index >> t equals j‖.
    const norms: Float64Array[] = [];
    let cur = new Float64Array(1 << n);
    for (let i = 0; i < cur.length; i++) cur[i] = Math.hypot(this.re[i]!, this.im[i]!);
    norms.push(cur);
    for (let t = 1; t <= n; t++) {
      const next = new Float64Array(cur.length >> 1);
      for (let j = 0; j < next.length; j++) next[j] = Math.hypot(cur[2 * j]!, cur[2 * j + 1]!);
      norms.push(next);
      cur = next;
    }
    const levels: { target: number; angles: Float64Array }[] = [];
    for (let t = n - 1; t >= 0; t--) {
      const below = norms[t]!;
      const angles = new Float64Array(1 << (n - 1 - t));
      for (let j = 0; j < angles.length; j++) {
        // Real vectors: signed amplitudes at the last level put their signs into the angle.
        const a0 = t === 0 && this.isReal ? this.re[2 * j]! : below[2 * j]!;
        const a1 = t === 0 && this.isReal ? this.re[2 * j + 1]! : below[2 * j + 1]!;
        angles[j] = 2 * Math.atan2(a1, a0);
      }
      levels.push({ target: t, angles: this.controlled ? withOffBranch(angles) : angles });
    }
    return levels;
  }

  private phases(): Float64Array {
    const ph = new Float64Array(1 << this.stateQubits);
    for (let i = 0; i < ph.length; i++) ph[i] = Math.hypot(this.re[i]!, this.im[i]!) > 0 ? Math.atan2(this.im[i]!, this.re[i]!) : 0;
    return this.controlled ? withOffBranch(ph) : ph;
  }

  /** Append onto `qubits` (state qubits in order, then the control if controlled). */
  appendTo(b: CircuitBuilder, qubits: readonly number[]): void {
    if (qubits.length !== this.numQubits) throw new ValidationError(`state preparation: needs ${this.numQubits} qubits, got ${qubits.length}`);
    const n = this.stateQubits;
    const ctrl = this.controlled ? [qubits[n]!] : [];
    for (const { target, angles } of this.ryLevels()) {
      appendMultiplexor(b, { axis: 'y', angles, controls: [...qubits.slice(target + 1, n), ...ctrl], target: qubits[target]!, tolerance: this.tolerance });
    }
    if (!this.isReal) appendDiagonal(b, { phases: this.phases(), qubits: [...qubits.slice(0, n), ...ctrl], tolerance: this.tolerance });
  }

  protected build(): Circuit {
    if (!this.hasAmplitudes) throw new ValidationError(`${this.label}: a size-only preparation has no circuit; give its amplitudes`);
    const b = new CircuitBuilder(this.numQubits);
    this.appendTo(b, range(0, this.numQubits));
    return b.build();
  }

  /** The inverse (unprepare) circuit. */
  inverse(): Circuit {
    return inverseCircuit(this.circuit());
  }

  /** One multiplexor per state qubit (and the phases' diagonal when complex): the circuit appendTo emits. */
  callGraph(): CallGraph {
    const c = this.controlled ? 1 : 0, n = this.stateQubits;
    if (!this.hasAmplitudes) {
      const levels = range(c, n).map((k) => [new UniformlyControlledRotation({ axis: 'y', controls: k }), 1] as const);
      return this.isReal ? levels : [...levels, [new Diagonal({ qubits: n + c }), 1]];
    }
    const levels = this.ryLevels().map(({ angles }) => [new UniformlyControlledRotation({ axis: 'y', angles, tolerance: this.tolerance }), 1] as const);
    return this.isReal ? levels : [...levels, [new Diagonal({ phases: this.phases(), tolerance: this.tolerance }), 1]];
  }
}

/** Angles for a multiplexor with one more (most significant) control: zero when it is off. */
function withOffBranch(a: Float64Array): Float64Array {
  const out = new Float64Array(a.length * 2);
  out.set(a, a.length);
  return out;
}

/** Small instances for the shared checker. */
export const statePrepExamples = (): StatePrep[] => [
  new StatePrep({ amplitudes: [0.6, -0.8] }),
  new StatePrep({ amplitudes: [1, 2, -3, 0.5, 0, 0.25, -1, 4] }),
  new StatePrep({ amplitudes: [3, -1, 2] }),
  new StatePrep({ amplitudes: { re: [0.5, -0.1, 0.3, 0.7], im: [0.2, 0.4, -0.6, 0] } }),
  new StatePrep({ amplitudes: [0, 0, 1, 0, 0, -1, 0, 0] }),
  new StatePrep({ amplitudes: { re: [1, 0.5, -0.25], im: [0, 1, 0.5] }, controlled: true }),
  new StatePrep({ amplitudes: [0.2, 0.9, -0.4, 0.1], controlled: true }),
];
