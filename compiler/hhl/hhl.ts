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
 * The clock size is the smallest t whose predicted fidelity (closed form of the QPE amplitudes,
 * exact for this circuit) is ≥ 1 − ε, searched from ⌈log₂ κ⌉ upwards; `clockQubits` overrides.
 * @see arXiv:0811.3171 (Harrow, Hassidim, Lloyd)
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { CircuitBuilder, type Circuit } from '../circuit/index.js';
import { ResourceError, ValidationError } from '../errors.js';
import type { CsrMatrix } from '../linalg/csr.js';
import { padMatrix } from '../blockencoding/padding.js';
import { Qft } from '../synthesis/qft.js';
import { StatePrep } from '../synthesis/state-prep.js';
import { appendDiagonal, appendMultiplexor } from '../synthesis/uniformly-controlled.js';
import { appendOrthogonal } from './orthogonal.js';

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

export interface HhlProgram {
  readonly circuit: Circuit;
  /** Solution register; system[0] is the least significant bit of the vector index. */
  readonly system: readonly number[];
  readonly clock: readonly number[];
  readonly flag: number;
  readonly postselect: readonly (readonly [number, number])[];
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
}

export interface Spectrum {
  readonly lambda: Float64Array;
  /** Row-major eigenvector matrix (column j is the eigenvector of lambda[j]). */
  readonly vectors: Float64Array;
}

/** Eigendecomposition of a symmetric matrix (ml-matrix; N ≤ 1024). */
export function eigen(a: CsrMatrix): Spectrum {
  const N = a.rows;
  const dense = a.toDense();
  const rows = Array.from({ length: N }, (_, i) => Array.from(dense.subarray(i * N, (i + 1) * N)));
  const evd = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true });
  const vm = evd.eigenvectorMatrix;
  const vectors = new Float64Array(N * N);
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) vectors[i * N + j] = vm.get(i, j);
  return { lambda: Float64Array.from(evd.realEigenvalues), vectors };
}

/** The clock grid: λ̃(c) for every clock value c. */
function clockGrid(t: number, lamMax: number, signed: boolean): { values: Float64Array; tau: number } {
  const T = 2 ** t;
  const top = signed ? T / 4 : T / 2; // clock value of |λ|_max
  const tau = (2 * Math.PI * top) / (T * lamMax);
  const values = new Float64Array(T);
  for (let c = 0; c < T; c++) {
    const cs = signed && c >= T / 2 ? c - T : c;
    values[c] = (2 * Math.PI * cs) / (T * tau);
  }
  return { values, tau };
}

/** sin(θ_c/2) of the flag rotation for each clock value. */
function rotationSines(values: Float64Array, cConst: number): Float64Array {
  return values.map((l) => (l === 0 ? 0 : Math.max(-1, Math.min(1, cConst / l))));
}

/** Σ_c |α_{c|j}|²·s_c for eigenphase φ (turns): the clock-0, flag-1 amplitude factor. */
export function gain(phi: number, t: number, s: Float64Array): number {
  const T = 2 ** t;
  let g = 0;
  for (let c = 0; c < T; c++) {
    const d = phi - c / T;
    const x = Math.PI * d;
    const sx = Math.sin(x);
    const p = Math.abs(sx) < 1e-15 ? (Math.abs(Math.sin(T * x)) < 1e-12 ? 1 : 0) : (Math.sin(T * x) / (T * sx)) ** 2;
    g += p * s[c]!;
  }
  return g;
}

interface Design {
  t: number;
  tau: number;
  cConst: number;
  sines: Float64Array;
  success: number;
  fidelity: number;
}

function design(t: number, spec: Spectrum, beta: Float64Array, lamMax: number, lamMin: number, signed: boolean): Design {
  const { values, tau } = clockGrid(t, lamMax, signed);
  const grid = Math.abs(values[1]!);
  const cConst = Math.max(grid, Math.floor(lamMin / grid + 1e-9) * grid);
  const sines = rotationSines(values, cConst);
  let success = 0, overlap = 0, ideal = 0;
  spec.lambda.forEach((l, j) => {
    const phi = (((l * tau) / (2 * Math.PI)) % 1 + 1) % 1;
    const g = gain(phi, t, sines);
    const bj = beta[j]!;
    success += (bj * g) ** 2;
    overlap += (bj * g * bj) / l;
    ideal += (bj / l) ** 2;
  });
  const fidelity = success > 0 ? Math.abs(overlap) / Math.sqrt(success * ideal) : 0;
  return { t, tau, cConst, sines, success, fidelity };
}

/** A validated, padded system with its spectrum and b in eigen-coordinates. */
export interface PreparedSystem {
  readonly n: number;
  readonly spec: Spectrum;
  readonly beta: Float64Array;
  readonly bPad: Float64Array;
  readonly lamMax: number;
  readonly kappa: number;
  readonly signed: boolean;
}

/** Validate A x = b (square, symmetric, invertible, matching, finite), pad, eigendecompose. */
export function prepareSystem(matrix: CsrMatrix, b: ArrayLike<number>, options: { epsilon?: number; kappa?: number }): PreparedSystem {
  const eps = options.epsilon ?? 0.01;
  if (!(eps > 0 && eps < 1)) throw new ValidationError(`HHL: epsilon ${eps} must be in (0, 1)`);
  if (matrix.rows !== matrix.cols) throw new ValidationError(`HHL: the matrix is ${matrix.rows}x${matrix.cols}; give a square matrix`);
  if (b.length !== matrix.rows) throw new ValidationError(`HHL: right-hand side has ${b.length} entries for a ${matrix.rows}x${matrix.rows} matrix`);
  const asym = matrix.asymmetry(1e-10);
  if (asym) throw new ValidationError(`HHL: the matrix is not symmetric at (${asym.row + 1}, ${asym.col + 1}); HHL here inverts symmetric matrices`);
  const padded = padMatrix(matrix);
  const a = padded.matrix;
  const n = padded.qubits, N = 1 << n;
  if (n > 10) throw new ResourceError(`HHL: a ${N}x${N} system is beyond the dense eigendecomposition HHL uses here; use --method qsvt`);
  const bPad = new Float64Array(N);
  let bn = 0;
  for (let i = 0; i < b.length; i++) {
    if (!Number.isFinite(b[i]!)) throw new ValidationError(`HHL: right-hand side entry ${i + 1} is not finite`);
    bPad[i] = b[i]!;
    bn += b[i]! ** 2;
  }
  if (!(bn > 0)) throw new ValidationError('HHL: the right-hand side is zero');
  const spec = eigen(a);
  const absL = [...spec.lambda].map(Math.abs);
  const lamMax = Math.max(...absL), lamMinTrue = Math.min(...absL);
  if (!(lamMinTrue > 1e-12 * lamMax)) throw new ValidationError(`HHL: the matrix is singular (smallest |eigenvalue| ${lamMinTrue.toExponential(2)})`);
  const kTrue = lamMax / lamMinTrue;
  if (options.kappa !== undefined && options.kappa < kTrue * (1 - 1e-9)) {
    throw new ValidationError(`HHL: --kappa ${options.kappa} is below the condition number ${kTrue.toPrecision(6)}; raise it or omit --kappa`);
  }
  const kappa = options.kappa ?? kTrue;
  const signed = spec.lambda.some((l) => l < 0);
  // β = Vᵀ b̂: the right-hand side in eigen-coordinates.
  const beta = new Float64Array(N);
  for (let j = 0; j < N; j++) {
    let s = 0;
    for (let i = 0; i < N; i++) s += spec.vectors[i * N + j]! * bPad[i]!;
    beta[j] = s / Math.sqrt(bn);
  }
  return { n, spec, beta, bPad, lamMax, kappa, signed };
}

/** Build the HHL circuit for A x = b (A symmetric, invertible; any size, padded explicitly). */
export function buildHhl(matrix: CsrMatrix, b: ArrayLike<number>, options: HhlOptions = {}): HhlProgram {
  const eps = options.epsilon ?? 0.01;
  const { n, spec, beta, lamMax, kappa, signed } = prepareSystem(matrix, b, options);
  const lamMin = lamMax / kappa;
  let chosen: Design;
  if (options.clockQubits !== undefined) {
    if (!Number.isInteger(options.clockQubits) || options.clockQubits < 1 || options.clockQubits > 20) throw new ValidationError(`HHL: clockQubits ${options.clockQubits} must be an integer in 1..20`);
    chosen = design(options.clockQubits, spec, beta, lamMax, lamMin, signed);
  } else {
    const maxT = options.maxClockQubits ?? 14;
    let t = Math.max(1, Math.ceil(Math.log2(kappa)) + (signed ? 1 : 0));
    // A clock of t qubits resolves κ ≈ 2^t: a large --kappa must stop here, not allocate 2^t grid points.
    if (t > maxT) throw new ResourceError(`HHL: κ = ${kappa.toPrecision(4)} needs ${t} clock qubits, more than ${maxT}; lower --kappa or use --method qsvt`);
    chosen = design(t, spec, beta, lamMax, lamMin, signed);
    while (chosen.fidelity < 1 - eps && t < maxT) chosen = design(++t, spec, beta, lamMax, lamMin, signed);
    if (chosen.fidelity < 1 - eps) throw new ResourceError(`HHL: ε = ${eps} needs more than ${maxT} clock qubits at κ = ${kappa.toPrecision(4)}; raise --epsilon or use --method qsvt`);
  }
  const circuit = hhlCircuit(n, chosen, spec, beta);
  const system = Array.from({ length: n }, (_, i) => i);
  const clock = Array.from({ length: chosen.t }, (_, i) => n + i);
  const flag = n + chosen.t;
  return {
    circuit, system, clock, flag,
    postselect: [[flag, 1], ...clock.map((q) => [q, 0] as const)],
    clockQubits: chosen.t, successProbability: chosen.success, expectedFidelity: chosen.fidelity,
    kappa, evolutionTime: chosen.tau, inversionConstant: chosen.cConst, n: matrix.rows,
  };
}

function hhlCircuit(n: number, d: Design, spec: Spectrum, beta: Float64Array): Circuit {
  const t = d.t, N = 1 << n;
  const b = new CircuitBuilder();
  const sys = b.addQreg('sys', n);
  const clock = b.addQreg('clock', t);
  const [flag] = b.addQreg('flag', 1);
  new StatePrep({ amplitudes: beta, numQubits: n }).appendTo(b, sys);
  // Clock qubit t−1−k controls e^{iΛτ2^k}: the bit-reversed order lets the QFTs skip their swaps.
  const evolve = (sign: 1 | -1): void => {
    for (let k = 0; k < t; k++) {
      const phases = new Float64Array(2 * N);
      for (let j = 0; j < N; j++) phases[N + j] = sign * ((spec.lambda[j]! * d.tau * 2 ** k) % (2 * Math.PI));
      appendDiagonal(b, { phases, qubits: [...sys, clock[t - 1 - k]!] });
    }
  };
  for (const q of clock) b.h(q);
  evolve(1);
  b.compose(new Qft({ numQubits: t, inverse: true, swaps: false }).circuit(), clock);
  const angles = d.sines.map((s) => 2 * Math.asin(s));
  appendMultiplexor(b, { axis: 'y', angles, controls: clock, target: flag!, tolerance: 1e-12 });
  b.compose(new Qft({ numQubits: t, swaps: false }).circuit(), clock);
  evolve(-1);
  for (const q of clock) b.h(q);
  appendOrthogonal(b, spec.vectors, sys);
  b.setMetadata('hhl', { clockQubits: t, evolutionTime: d.tau, inversionConstant: d.cConst });
  return b.build();
}
