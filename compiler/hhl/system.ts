/**
 * What HHL designs its circuit from: the validated and padded system A x = b, its spectrum, b in
 * eigen-coordinates, the clock grid λ̃(c), the flag rotation sin(θ_c/2) = C/λ̃(c), and the closed
 * form of the QPE amplitudes that predicts the success probability and the fidelity exactly.
 * The clock size is the smallest t whose predicted fidelity is ≥ 1 − ε, searched from ⌈log₂ κ⌉.
 * @see arXiv:0811.3171 (Harrow, Hassidim, Lloyd)
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { padMatrix } from '../blockencoding/padding.js';
import { ResourceError, ValidationError } from '../errors.js';
import type { CsrMatrix } from '../linalg/csr.js';

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

/** One clock size's circuit parameters and its exact predictions. */
export interface Design {
  /** Clock qubits. */
  readonly t: number;
  /** Evolution time of the least significant controlled e^{iAτ}. */
  readonly tau: number;
  /** The constant C of the flag rotation sin(θ/2) = C/λ̃. */
  readonly cConst: number;
  /** sin(θ_c/2) for every clock value c. */
  readonly sines: Float64Array;
  readonly success: number;
  readonly fidelity: number;
}

/** The design for a t-qubit clock: grid, rotation and the predicted success probability and fidelity. */
export function design(t: number, spec: Spectrum, beta: Float64Array, lamMax: number, lamMin: number, signed: boolean): Design {
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
  if (!(eps > 0 && eps < 1)) throw new ValidationError(`epsilon ${eps}: HHL needs an infidelity in (0, 1)`, { parameter: 'epsilon' });
  if (matrix.rows !== matrix.cols) throw new ValidationError(`HHL: the matrix is ${matrix.rows}x${matrix.cols}; give a square matrix`, { parameter: 'matrix' });
  if (b.length !== matrix.rows) throw new ValidationError(`HHL: right-hand side has ${b.length} entries for a ${matrix.rows}x${matrix.rows} matrix`, { parameter: 'rhs' });
  const asym = matrix.asymmetry(1e-10);
  if (asym) throw new ValidationError(`HHL: the matrix is not symmetric at (${asym.row + 1}, ${asym.col + 1}); HHL here inverts symmetric matrices`, { parameter: 'matrix' });
  const padded = padMatrix(matrix);
  const a = padded.matrix;
  const n = padded.qubits, N = 1 << n;
  if (n > 10) throw new ResourceError(`HHL: a ${N}x${N} system is beyond the dense eigendecomposition HHL uses here; use the QSVT method`);
  const bPad = new Float64Array(N);
  let bn = 0;
  for (let i = 0; i < b.length; i++) {
    if (!Number.isFinite(b[i]!)) throw new ValidationError(`HHL: right-hand side entry ${i + 1} is not finite`, { parameter: 'rhs' });
    bPad[i] = b[i]!;
    bn += b[i]! ** 2;
  }
  if (!(bn > 0)) throw new ValidationError('HHL: the right-hand side is zero', { parameter: 'rhs' });
  const spec = eigen(a);
  const absL = [...spec.lambda].map(Math.abs);
  const lamMax = Math.max(...absL), lamMinTrue = Math.min(...absL);
  if (!(lamMinTrue > 1e-12 * lamMax)) throw new ValidationError(`HHL: the matrix is singular (smallest |eigenvalue| ${lamMinTrue.toExponential(2)})`, { parameter: 'matrix' });
  const kTrue = lamMax / lamMinTrue;
  if (options.kappa !== undefined && options.kappa < kTrue * (1 - 1e-9)) {
    throw new ValidationError(`kappa ${options.kappa} is below the condition number ${kTrue.toPrecision(6)} of the matrix (HHL); raise it or leave it unset`, { parameter: 'kappa' });
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

