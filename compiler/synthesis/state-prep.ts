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
import { CostTally, type Component, type GateCost } from './cost.js';
import { appendDiagonal, appendMultiplexor, countDiagonal, countMultiplexor, diagonalLevels } from './uniformly-controlled.js';

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

export class StatePrep implements Component {
  readonly name = 'state-prep';
  /** Normalised, padded amplitudes. */
  readonly re: Float64Array;
  readonly im: Float64Array;
  readonly isReal: boolean;
  /** State qubits (the control, if any, comes after them). */
  readonly stateQubits: number;
  readonly numQubits: number;
  readonly controlled: boolean;
  readonly tolerance: number;

  constructor(o: StatePrepOptions) {
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
    this.stateQubits = n;
    this.controlled = o.controlled ?? false;
    this.numQubits = n + (this.controlled ? 1 : 0);
    this.tolerance = o.tolerance ?? 1e-12;
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

  circuit(): Circuit {
    const b = new CircuitBuilder(this.numQubits);
    this.appendTo(b, Array.from({ length: this.numQubits }, (_, i) => i));
    return b.build();
  }

  /** The inverse (unprepare) circuit. */
  inverse(): Circuit {
    return inverseCircuit(this.circuit());
  }

  /** Exact gate counts of `circuit()` (computed from the angles, no circuit built). */
  cost(): GateCost {
    const t = new CostTally();
    let depth = 0;
    for (const { angles } of this.ryLevels()) {
      const c = countMultiplexor(angles, this.tolerance);
      t.add('ry', c.rotations).add('cx', c.cnots);
      depth += c.rotations + c.cnots;
    }
    if (!this.isReal) {
      const ph = this.phases();
      const c = countDiagonal(ph, this.tolerance);
      t.add('rz', c.rotations).add('cx', c.cnots);
      if (Math.abs(diagonalLevels(ph).globalPhase) > 1e-15) t.add('gphase');
      depth += c.rotations + c.cnots;
    }
    t.depth = depth;
    return t.toCost(this.numQubits);
  }

  /** Worst-case cost for n state qubits, for sizes never built. */
  static costBound(n: number, opts: { complex?: boolean; controlled?: boolean } = {}): GateCost {
    const c = opts.controlled ? 1 : 0;
    const t = new CostTally();
    for (let k = c; k < n + c; k++) t.add('ry', 1 << k).add('cx', k === 0 ? 0 : 1 << k);
    if (opts.complex) for (let k = c; k < n + c; k++) t.add('rz', 1 << k).add('cx', k === 0 ? 0 : 1 << k);
    t.depth = Object.values(t.toCost(0).gates).reduce((a, v) => a + v, 0);
    return t.toCost(n + c);
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
