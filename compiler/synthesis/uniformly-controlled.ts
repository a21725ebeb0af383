/**
 * Uniformly controlled (multiplexed) Ry/Rz rotations with Gray-code CNOT ordering, and diagonal
 * unitaries built from them. A multiplexor on k controls applies R(α_j) to the target when the
 * controls hold j (controls[0] = least significant bit of j); it costs 2^k rotations and 2^k CNOTs.
 * Rotations whose Walsh-domain angle is below a tolerance are dropped and the CNOTs between the
 * kept ones merged (pairs on the same control cancel), as in FABLE.
 * @see arXiv:quant-ph/0407010 (Möttönen, Vartiainen, Bergholm, Salomaa), Theorem 8
 * @see arXiv:2205.00081 (Camps, Van Beeumen: FABLE), Section 3 (compression)
 */
import { CircuitBuilder, type Circuit } from '../circuit/index.js';
import { ValidationError } from '../errors.js';
import { fwht, gray, lowestBit } from '../linalg/walsh.js';
import { ComponentBase, layoutRegisters, range, type CallGraph, type QubitRegister } from './component.js';

export type RotationAxis = 'y' | 'z';

export interface MultiplexorOptions {
  readonly axis: RotationAxis;
  /** α_j for each control value j; length 2^controls.length. */
  readonly angles: ArrayLike<number>;
  readonly controls: readonly number[];
  readonly target: number;
  /** Drop rotations with |Walsh-domain angle| ≤ tolerance (0 keeps every nonzero one). */
  readonly tolerance?: number;
}

/**
 * Walsh-domain angles θ_i (i in Gray-code order) with α_j = Σ_i (−1)^{popcount(j & gray(i))} θ_i.
 */
export function multiplexorAngles(angles: ArrayLike<number>): Float64Array {
  const n = angles.length;
  const w = fwht(Float64Array.from(angles));
  const theta = new Float64Array(n);
  for (let i = 0; i < n; i++) theta[i] = w[gray(i)]! / n;
  return theta;
}

/**
 * Walk the compressed Gray-code sequence: `rotation(i)` for each kept Walsh angle, `cnot(bit)` for
 * each CNOT from controls[bit]. CNOTs on one target commute, so those between two kept rotations
 * are merged and equal pairs cancel.
 */
function walkMultiplexor(theta: Float64Array, k: number, tol: number, rotation: (i: number) => void, cnot: (bit: number) => void): void {
  let pending = 0;
  const flush = (): void => {
    for (let bit = 0; pending !== 0; bit++, pending >>>= 1) if (pending & 1) cnot(bit);
  };
  for (let i = 0; i < theta.length; i++) {
    if (Math.abs(theta[i]!) > tol) {
      flush();
      rotation(i);
    }
    if (k > 0) pending ^= 1 << (i === theta.length - 1 ? k - 1 : lowestBit(i + 1));
  }
  flush();
}

/** Append a multiplexed rotation to `b`. */
export function appendMultiplexor(b: CircuitBuilder, o: MultiplexorOptions): void {
  const k = o.controls.length;
  if (o.angles.length !== 1 << k) throw new ValidationError(`multiplexor: ${o.angles.length} angles for ${k} controls (need ${1 << k})`);
  const gate = o.axis === 'y' ? 'ry' : 'rz';
  const theta = multiplexorAngles(o.angles);
  walkMultiplexor(theta, k, o.tolerance ?? 0, (i) => b.gate(gate, [o.target], [theta[i]!]), (bit) => b.cx(o.controls[bit]!, o.target));
}

/** Exact gate counts `appendMultiplexor` would emit for these angles, without building anything. */
export function countMultiplexor(angles: ArrayLike<number>, tolerance = 0): { rotations: number; cnots: number } {
  const k = Math.log2(angles.length);
  const theta = multiplexorAngles(angles);
  let rotations = 0, cnots = 0;
  walkMultiplexor(theta, k, tolerance, () => rotations++, () => cnots++);
  return { rotations, cnots };
}

export interface DiagonalOptions {
  /** φ_x for each basis index x of `qubits` (qubits[0] = least significant bit). */
  readonly phases: ArrayLike<number>;
  readonly qubits: readonly number[];
  /** Emit the global phase as a gphase gate (needed when the diagonal will be controlled). */
  readonly globalPhase?: boolean;
  readonly tolerance?: number;
}

/**
 * Append diag(e^{iφ_x}): an Rz multiplexor on qubits[0] controlled by the rest takes the phase
 * differences of each pair, and the pair means recurse on the remaining qubits.
 * @see arXiv:quant-ph/0406176 (Shende, Bullock, Markov), Theorem 7
 */
export function appendDiagonal(b: CircuitBuilder, o: DiagonalOptions): void {
  const m = o.qubits.length;
  if (o.phases.length !== 1 << m) throw new ValidationError(`diagonal: ${o.phases.length} phases for ${m} qubits`);
  const { levels, globalPhase } = diagonalLevels(o.phases);
  levels.forEach((diff, level) => {
    appendMultiplexor(b, { axis: 'z', angles: diff, controls: o.qubits.slice(level + 1), target: o.qubits[level]!, tolerance: o.tolerance ?? 1e-13 });
  });
  if ((o.globalPhase ?? true) && Math.abs(globalPhase) > 1e-15) b.gphase(globalPhase);
}

/** Per level (qubit) the Rz multiplexor angles of a diagonal, and the leftover global phase. */
export function diagonalLevels(phasesIn: ArrayLike<number>): { levels: Float64Array[]; globalPhase: number } {
  let phases = Float64Array.from(phasesIn);
  const levels: Float64Array[] = [];
  while (phases.length > 1) {
    const half = phases.length >> 1;
    const diff = new Float64Array(half);
    const mean = new Float64Array(half);
    for (let j = 0; j < half; j++) {
      diff[j] = phases[2 * j + 1]! - phases[2 * j]!;
      mean[j] = (phases[2 * j]! + phases[2 * j + 1]!) / 2;
    }
    levels.push(diff);
    phases = mean;
  }
  return { levels, globalPhase: phases[0]! };
}

/** Exact counts `appendDiagonal` would emit (global phase not counted). */
export function countDiagonal(phases: ArrayLike<number>, tolerance = 1e-13): { rotations: number; cnots: number } {
  let rotations = 0, cnots = 0;
  for (const diff of diagonalLevels(phases).levels) {
    const c = countMultiplexor(diff, tolerance);
    rotations += c.rotations;
    cnots += c.cnots;
  }
  return { rotations, cnots };
}

/** Angles for a multiplexor (given), or only its control count (size-only: no Walsh angle vanishes). */
export type MultiplexorSpec =
  | { readonly axis: RotationAxis; readonly angles: ArrayLike<number>; readonly tolerance?: number }
  | { readonly axis: RotationAxis; readonly controls: number };

/**
 * A uniformly controlled rotation as a component: controls are qubits 0..k−1, the target qubit k.
 * Given only its control count it stands for the worst case over all angles (2^k rotations and
 * 2^k CNOTs for k ≥ 1), which any angles reach unless some Walsh angle vanishes.
 */
export class UniformlyControlledRotation extends ComponentBase {
  readonly name = 'uniformly-controlled-rotation';
  readonly axis: RotationAxis;
  /** The angles, or undefined for a size-only multiplexor. */
  readonly angles: Float64Array | undefined;
  readonly numControls: number;
  readonly numQubits: number;
  readonly tolerance: number;
  readonly registers: readonly QubitRegister[];

  constructor(o: MultiplexorSpec) {
    super();
    this.axis = o.axis;
    if ('angles' in o) {
      const len = o.angles.length;
      if (len === 0 || (len & (len - 1)) !== 0) throw new ValidationError(`uniformly controlled rotation: ${len} angles is not a power of two`);
      for (let i = 0; i < len; i++) if (!Number.isFinite(o.angles[i])) throw new ValidationError(`uniformly controlled rotation: angle ${i} is not finite`);
      this.angles = Float64Array.from(o.angles);
      this.numControls = Math.log2(len);
      this.tolerance = o.tolerance ?? 0;
    } else {
      if (!Number.isInteger(o.controls) || o.controls < 0 || o.controls > 52) throw new ValidationError(`uniformly controlled rotation: ${o.controls} controls must be an integer in 0..52`);
      this.angles = undefined;
      this.numControls = o.controls;
      this.tolerance = 0;
    }
    this.numQubits = this.numControls + 1;
    this.registers = layoutRegisters([['controls', this.numControls], ['target', 1]]);
  }

  override get label(): string {
    return `r${this.axis} multiplexor (${this.numControls} controls${this.angles ? '' : ', any angles'})`;
  }

  callGraph(): CallGraph {
    const gate = this.axis === 'y' ? 'ry' : 'rz';
    if (!this.angles) {
      const k = this.numControls;
      return [[gate, 2 ** k], ['cx', k === 0 ? 0 : 2 ** k]];
    }
    const c = countMultiplexor(this.angles, this.tolerance);
    return [[gate, c.rotations], ['cx', c.cnots]];
  }

  protected build(): Circuit {
    if (!this.angles) throw new ValidationError(`${this.label}: a size-only multiplexor has no circuit; give its angles`);
    const b = new CircuitBuilder(this.numQubits);
    appendMultiplexor(b, { axis: this.axis, angles: this.angles, controls: range(0, this.numControls), target: this.numControls, tolerance: this.tolerance });
    return b.build();
  }
}

/**
 * A diagonal unitary diag(e^{iφ_x}) on m qubits as a component (appendDiagonal): one Rz
 * multiplexor per qubit and the global phase. Given only m it stands for the worst case
 * (2^m − 1 Rz, 2^m − 2 CNOTs and a global phase).
 */
export class Diagonal extends ComponentBase {
  readonly name = 'diagonal';
  readonly phases: Float64Array | undefined;
  readonly numQubits: number;
  readonly tolerance: number;
  readonly registers: readonly QubitRegister[];

  constructor(o: { readonly phases: ArrayLike<number>; readonly tolerance?: number } | { readonly qubits: number }) {
    super();
    if ('phases' in o) {
      const m = Math.log2(o.phases.length);
      if (!Number.isInteger(m)) throw new ValidationError(`diagonal: ${o.phases.length} phases is not a power of two`);
      this.phases = Float64Array.from(o.phases);
      this.numQubits = m;
      this.tolerance = o.tolerance ?? 1e-13;
    } else {
      if (!Number.isInteger(o.qubits) || o.qubits < 0 || o.qubits > 52) throw new ValidationError(`diagonal: ${o.qubits} qubits must be an integer in 0..52`);
      this.phases = undefined;
      this.numQubits = o.qubits;
      this.tolerance = 0;
    }
    this.registers = [{ name: 'q', qubits: range(0, this.numQubits) }];
  }

  override get label(): string {
    return `diagonal (${this.numQubits} qubits${this.phases ? '' : ', any phases'})`;
  }

  callGraph(): CallGraph {
    const m = this.numQubits;
    if (!this.phases) return [...range(0, m).map((l) => [new UniformlyControlledRotation({ axis: 'z', controls: m - 1 - l }), 1] as const), ['gphase', 1]];
    const { levels, globalPhase } = diagonalLevels(this.phases);
    return [
      ...levels.map((diff) => [new UniformlyControlledRotation({ axis: 'z', angles: diff, tolerance: this.tolerance }), 1] as const),
      ['gphase', Math.abs(globalPhase) > 1e-15 ? 1 : 0],
    ];
  }

  protected build(): Circuit {
    if (!this.phases) throw new ValidationError(`${this.label}: a size-only diagonal has no circuit; give its phases`);
    const b = new CircuitBuilder(this.numQubits);
    appendDiagonal(b, { phases: this.phases, qubits: range(0, this.numQubits), tolerance: this.tolerance });
    return b.build();
  }
}

/** Small instances for the shared checker. */
export const uniformlyControlledExamples = (): UniformlyControlledRotation[] => [
  new UniformlyControlledRotation({ axis: 'y', angles: [0.3] }),
  new UniformlyControlledRotation({ axis: 'y', angles: [0.1, -1.2, 2.5, 0.7] }),
  new UniformlyControlledRotation({ axis: 'z', angles: [0.4, 1.1, -0.3, 2.2, 0.9, -1.7, 0.05, 3.0] }),
  new UniformlyControlledRotation({ axis: 'y', angles: [0.3, -0.7, 1.1, 0.2, 0.3, -0.7, 1.1, 0.2], tolerance: 1e-12 }),
];

export const diagonalExamples = (): Diagonal[] => [
  new Diagonal({ phases: [0.3, -1.2] }),
  new Diagonal({ phases: [0.5, 0.5, 0.5, 0.5] }),
  new Diagonal({ phases: [0.1, 2.2, -0.7, 1.4, 3.0, -2.5, 0.05, 0.9] }),
];
