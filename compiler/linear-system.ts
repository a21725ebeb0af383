/**
 * The stages composed: a symmetric linear system A x = b → block encoding of A → inversion
 * polynomial and phases → QSVT circuit, prefixed by the preparation of |b⟩ = b/‖b‖ (one component,
 * QsvtInversion). The result carries what a consumer needs to read the answer: the system
 * register, the post-selection list and the success probability. `method: 'hhl'` hands the same
 * validated system to compiler/hhl. Front ends (matrix files, NTK problems) live in the CLI and ntk/.
 * @see arXiv:1806.01838 (Gilyén, Su, Low, Wiebe), Corollary 69 — QSVT matrix inversion.
 */
import { CircuitBuilder, type Circuit } from './circuit/index.js';
import { circuitStats, type CircuitStats } from './circuit/stats.js';
import type { BlockEncoding } from './blockencoding/block-encoding.js';
import { chooseEncoding, type EncodingKind } from './blockencoding/choose.js';
import { padMatrix } from './blockencoding/padding.js';
import { ResourceError, ValidationError } from './errors.js';
import type { CsrMatrix } from './linalg/csr.js';
import { symmetricEigenvalues } from './linalg/eigen.js';
import type { Progress } from './progress.js';
import { buildHhl } from './hhl/hhl.js';
import { QsvtInversion } from './qsvt/inversion.js';
import { qsvtSuccessProbability } from './qsvt/matrix-function.js';
import { PHASE_SOLVER_MAX_DEGREE, solvePhases } from './qsvt/phases.js';
import { chebyshevIterationOrder, inversePolynomial } from './qsvt/polynomials.js';
import { QsvtCircuit } from './qsvt/qsvt-circuit.js';
import type { Component } from './synthesis/component.js';
import type { PreparedState } from './synthesis/prepared-state.js';
import { StatePrep } from './synthesis/state-prep.js';

export type InversionMethod = 'qsvt' | 'hhl';
export type EncodingChoice = 'auto' | EncodingKind;

export interface CompileOptions {
  readonly method?: InversionMethod;
  readonly encoding?: EncodingChoice;
  /** Target infidelity of the solution state; default 1e-3 (QSVT: relative error of the inverse polynomial) or 0.01 (HHL). */
  readonly epsilon?: number;
  /** QSVT: effective condition number α/min|λ| to design for; HHL: max|λ|/min|λ|. Default: from the spectrum. */
  readonly kappa?: number;
  /** Append measurements of every qubit (default false: no measurements). */
  readonly measure?: boolean;
  /** Refuse polynomials above this degree (default PHASE_SOLVER_MAX_DEGREE). */
  readonly maxDegree?: number;
  readonly progress?: Progress;
}

export interface CompiledProgram extends PreparedState {
  readonly method: InversionMethod;
  /** The block encoding (QSVT), or 'eigenbasis' for HHL's exact synthesis of e^{iAt}. */
  readonly encoding: string;
  /** Subnormalisation of the block encoding (1 for HHL, which uses none). */
  readonly alpha: number;
  /** The effective condition number α/min|λ| the polynomial was designed for. */
  readonly kappa: number;
  /** Polynomial degree (QSVT) or clock qubits (HHL). */
  readonly degree: number;
  /** Size of the original system. */
  readonly n: number;
  readonly successProbability: number;
  readonly stats: CircuitStats;
  /** The program as a component (before measurements): its call graph and cost. */
  readonly component: Component;
}

/** Largest matrix whose spectrum is computed densely to find κ (beyond it, pass `kappa`). */
const DENSE_SPECTRUM_LIMIT = 2048;

/** Check A is square, symmetric and matches b; returns b as a Float64Array. */
export function validateSystem(a: CsrMatrix, b: ArrayLike<number>): Float64Array {
  if (a.rows !== a.cols) throw new ValidationError(`matrix is ${a.rows}x${a.cols}; a linear system needs a square matrix`, { parameter: 'matrix' });
  if (b.length !== a.rows) throw new ValidationError(`right-hand side has ${b.length} entries but the matrix is ${a.rows}x${a.cols}; give one entry per row`, { parameter: 'rhs' });
  const rhs = Float64Array.from(b as ArrayLike<number>);
  if (!rhs.every(Number.isFinite)) throw new ValidationError('right-hand side has a non-finite entry', { parameter: 'rhs' });
  if (!rhs.some((v) => v !== 0)) throw new ValidationError('right-hand side is zero; |b⟩ = b/‖b‖ needs a nonzero vector', { parameter: 'rhs' });
  const asym = a.asymmetry(1e-10 * Math.max(a.maxAbs(), 1e-300));
  if (asym) {
    throw new ValidationError(`matrix is not symmetric: a[${asym.row + 1}][${asym.col + 1}] = ${asym.value} but a[${asym.col + 1}][${asym.row + 1}] = ${asym.mirror}; qntk inverts symmetric (Hermitian) matrices`, { parameter: 'matrix' });
  }
  return rhs;
}

/**
 * The block encoding for `choice`. 'auto' minimises the estimated CNOTs of the whole inversion,
 * (2m − 1)·CNOTs(U) with m the Chebyshev-iteration order for κ_eff = α/min|λ| and ε: α multiplies
 * the degree as much as U's size does. Without a spectrum the first usable encoding is used.
 * Either way only encodings QSVT can use compete (chooseEncoding).
 */
function pickEncoding(a: CsrMatrix, choice: EncodingChoice, minAbsEigenvalue: number | undefined, epsilon: number): BlockEncoding {
  const kinds = choice === 'auto' ? {} : { kinds: [choice] };
  if (minAbsEigenvalue === undefined) return chooseEncoding(a, { ...kinds, strategy: 'first' }).chosen.encoding;
  const queries = (alpha: number): number => 2 * chebyshevIterationOrder(Math.max(alpha / minAbsEigenvalue, 1 + 1e-9), epsilon) - 1;
  return chooseEncoding(a, { queries, ...kinds }).chosen.encoding;
}

/** min |λ| over the padded matrix's spectrum (dense eigenvalues). */
function smallestAbsEigenvalue(padded: CsrMatrix): number {
  const eigs = symmetricEigenvalues(padded.toDense(), padded.rows);
  let lo = Infinity;
  for (const e of eigs) lo = Math.min(lo, Math.abs(e));
  return lo;
}

/** Compile A x = b into a circuit that prepares A⁻¹b/‖A⁻¹b‖ on the system register after post-selection. */
export function compileLinearSystem(a: CsrMatrix, b: ArrayLike<number>, options: CompileOptions = {}): CompiledProgram {
  const method = options.method ?? 'qsvt';
  const epsilon = options.epsilon ?? (method === 'hhl' ? 0.01 : 1e-3);
  // Below ~1e-10 the phases (solved to ~1e-12) and double-precision simulation cannot certify the promise.
  if (!(epsilon >= 1e-10 && epsilon < 1)) throw new ValidationError(`epsilon ${epsilon}: must be in [1e-10, 1); double precision cannot certify a smaller infidelity`, { parameter: 'epsilon' });
  const rhs = validateSystem(a, b);
  if (method === 'hhl') return compileHhl(a, rhs, epsilon, options);
  // Every encoding pads A to 2^n the same way (padding.ts), block-diagonally: A_pad⁻¹ [b; 0] = [A⁻¹ b; 0].
  const padded = padMatrix(a).matrix;
  let lo: number | undefined;
  if (padded.rows <= DENSE_SPECTRUM_LIMIT) {
    lo = smallestAbsEigenvalue(padded);
    if (!(lo > 1e-12 * padded.maxAbs())) throw new ValidationError(`matrix is singular (smallest |eigenvalue| ${lo.toExponential(2)}); QSVT inversion needs an invertible matrix`, { parameter: 'matrix' });
  } else if (options.kappa === undefined) {
    throw new ResourceError(`matrix of size ${padded.rows} is too large for a dense spectrum; give kappa (α/min|λ|)`);
  }
  // Without a spectrum, kappa = α/min|λ| stands in for it when choosing the encoding.
  const be = pickEncoding(a, options.encoding ?? 'auto', lo, epsilon);
  const dim = 1 << be.systemQubits;
  let kappa: number;
  if (lo !== undefined) {
    const kappaEff = be.alpha / lo;
    if (options.kappa !== undefined && options.kappa < kappaEff * (1 - 1e-9)) {
      throw new ValidationError(`kappa ${options.kappa} is below the effective condition number α/min|λ| = ${kappaEff.toPrecision(6)} of the ${be.kind} encoding; raise it or leave it unset`, { parameter: 'kappa' });
    }
    kappa = options.kappa ?? kappaEff;
  } else kappa = options.kappa!;
  const poly = inversePolynomial({ kappa: Math.max(kappa, 1 + 1e-9), epsilon, maxDegree: options.maxDegree ?? PHASE_SOLVER_MAX_DEGREE });
  const solved = solvePhases(poly.coeffs, options.progress ? { progress: options.progress } : {});
  const qsvt = new QsvtCircuit({ blockEncoding: be, phases: solved.phases });
  const bPad = new Float64Array(dim);
  bPad.set(rhs);
  const component = new QsvtInversion({ rhs: new StatePrep({ amplitudes: bPad, numQubits: be.systemQubits }), qsvt });
  const circuit = options.measure ? withMeasurements(component.circuit()) : component.circuit();
  // P(success) = ‖f(A/α) b̂‖², f the realised polynomial (classical Clenshaw with sparse products).
  const successProbability = qsvtSuccessProbability(poly.coeffs, (x) => padded.matvec(x), be.alpha, bPad);
  return {
    circuit, method, encoding: be.kind, alpha: be.alpha, kappa, degree: solved.degree, n: a.rows,
    system: component.system, postselect: component.postselect, successProbability, stats: circuitStats(circuit), component,
  };
}

/** Append measurements of every qubit into a fresh register `c`. */
function withMeasurements(circuit: Circuit): Circuit {
  const b = CircuitBuilder.from(circuit);
  const c = b.addCreg('c', b.numQubits);
  for (let q = 0; q < c.length; q++) b.measure(q, c[q]!);
  return b.build();
}

/** The HHL path (compiler/hhl): exact eigenbasis synthesis of e^{iAt}; degree reports the clock size. */
function compileHhl(a: CsrMatrix, rhs: Float64Array, epsilon: number, options: CompileOptions): CompiledProgram {
  const h = buildHhl(a, rhs, { epsilon, ...(options.kappa === undefined ? {} : { kappa: options.kappa }) });
  const circuit = options.measure ? withMeasurements(h.circuit) : h.circuit;
  return {
    circuit, method: 'hhl', encoding: 'eigenbasis', alpha: 1, kappa: h.kappa, degree: h.clockQubits, n: h.n,
    system: h.system, postselect: h.postselect, successProbability: h.successProbability, stats: circuitStats(circuit), component: h.component,
  };
}
