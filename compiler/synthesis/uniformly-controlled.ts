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
import { CostTally, type Component, type GateCost } from './cost.js';

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

/** Cost of an uncompressed multiplexor with k controls. */
export function multiplexorCost(axis: RotationAxis, k: number): GateCost {
  const t = new CostTally().add(axis === 'y' ? 'ry' : 'rz', 1 << k).add('cx', k === 0 ? 0 : 1 << k);
  t.depth = k === 0 ? 1 : 2 << k;
  return t.toCost(k + 1);
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

/** A uniformly controlled rotation as a component: controls are qubits 0..k−1, the target is qubit k. */
export class UniformlyControlledRotation implements Component {
  readonly name = 'uniformly-controlled-rotation';
  readonly axis: RotationAxis;
  readonly angles: Float64Array;
  readonly numControls: number;
  readonly numQubits: number;
  readonly tolerance: number;

  constructor(opts: { axis: RotationAxis; angles: ArrayLike<number>; tolerance?: number }) {
    const len = opts.angles.length;
    if (len === 0 || (len & (len - 1)) !== 0) throw new ValidationError(`uniformly controlled rotation: ${len} angles is not a power of two`);
    for (let i = 0; i < len; i++) if (!Number.isFinite(opts.angles[i])) throw new ValidationError(`uniformly controlled rotation: angle ${i} is not finite`);
    this.axis = opts.axis;
    this.angles = Float64Array.from(opts.angles);
    this.numControls = Math.log2(len);
    this.numQubits = this.numControls + 1;
    this.tolerance = opts.tolerance ?? 0;
  }

  circuit(): Circuit {
    const b = new CircuitBuilder(this.numQubits);
    const controls = Array.from({ length: this.numControls }, (_, i) => i);
    appendMultiplexor(b, { axis: this.axis, angles: this.angles, controls, target: this.numControls, tolerance: this.tolerance });
    return b.build();
  }

  /** Worst-case cost (no rotation dropped). */
  cost(): GateCost {
    return multiplexorCost(this.axis, this.numControls);
  }
}

/** Small instances for the shared checker. */
export const uniformlyControlledExamples = (): UniformlyControlledRotation[] => [
  new UniformlyControlledRotation({ axis: 'y', angles: [0.3] }),
  new UniformlyControlledRotation({ axis: 'y', angles: [0.1, -1.2, 2.5, 0.7] }),
  new UniformlyControlledRotation({ axis: 'z', angles: [0.4, 1.1, -0.3, 2.2, 0.9, -1.7, 0.05, 3.0] }),
];
