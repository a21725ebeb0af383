/**
 * The resource model of qntk's own circuits from sizes only (n, colours c, κ_eff, ε): the same
 * components the compiler builds — the sparse-access block encoding (as its size-only model,
 * blockencoding/sparse-model.ts), the QSVT inversion (qsvt/inversion.ts) or HHL by phase
 * estimation on the encoding's walk (hhl/walk.ts), each prefixed by the preparation of |b⟩ —
 * evaluated through their call graphs. Nothing is built and no cost is restated here, so a size's
 * estimate is the count of the circuit those components would build. Two data-access models:
 * - 'qram': the row lookup, column lookup, entry rotation and |b⟩ preparation are oracle calls,
 *   counted as queries; the gates reported are everything else; the oracle's workspace is not
 *   counted in the qubits.
 * - 'qrom': the oracles are explicit unary-iteration QROMs over full tables (every slot filled,
 *   every data bit set) and Ry multiplexors with no vanishing angle: the worst case of the built
 *   circuit, O(N·s) per query.
 * @see arXiv:1806.01838 (GSLW) Lemma 48 and Corollary 69; arXiv:1610.06546 (qubitization walk)
 * @see arXiv:1805.03662 (Babbush et al.: unary-iteration QROM)
 */
import type { BlockEncoding } from '../blockencoding/block-encoding.js';
import { SparseAccessEncoding } from '../blockencoding/sparse-access.js';
import { SparseEncodingModel, type DataAccess } from '../blockencoding/sparse-model.js';
import { ValidationError } from '../errors.js';
import { HhlWalk } from '../hhl/walk.js';
import { QsvtInversion } from '../qsvt/inversion.js';
import { chebyshevIterationOrder } from '../qsvt/polynomials.js';
import { QsvtCircuit } from '../qsvt/qsvt-circuit.js';
import { costOf, costOfCalls, evaluate, type Component } from '../synthesis/component.js';
import type { GateCost } from '../synthesis/cost.js';
import { adjoint, Oracle } from '../synthesis/primitives.js';
import { StatePrep } from '../synthesis/state-prep.js';

export type { DataAccess };
export type EstimateMethod = 'qsvt' | 'hhl';

/** Oracle calls of one run (QRAM model; the QROM model prices the same calls as gates). */
export interface OracleQueries {
  /** Applications of the block encoding U or U†. */
  readonly blockEncoding: number;
  /** Lookups r_k(j) and c_k(i): two per application of U. */
  readonly lookups: number;
  /** Entry rotations (ancilla Ry by arccos a_ij/max|a|): one per application of U. */
  readonly entryRotations: number;
  /** Preparations of |b⟩. */
  readonly statePrep: number;
}

export interface ModelInput {
  /** System qubits of the padded matrix (N = 2^systemQubits ≥ 2). */
  readonly systemQubits: number;
  /** Colour classes of the sparse encoding: s (max nonzeros per row/column) or s + 1 (diagonal first). */
  readonly colors: number;
  /** κ_eff = α/min|λ| that the inversion is designed for. */
  readonly kappaEff: number;
  readonly epsilon: number;
  readonly method: EstimateMethod;
  readonly access: DataAccess;
  /** HHL clock size (default `hhlClockQubits(κ_eff, ε)`). */
  readonly clockQubits?: number;
  /** An actual encoding in place of the size-only sparse model (its call graph is composed as is). */
  readonly encoding?: BlockEncoding;
  /** An actual |b⟩ preparation in place of the size-only one (or the QRAM oracle). */
  readonly rhsPrep?: Component;
}

export interface ModelResult {
  readonly method: EstimateMethod;
  readonly access: DataAccess;
  /** QSVT polynomial degree, or 0 for HHL. */
  readonly degree: number;
  /** HHL clock qubits, or 0 for QSVT. */
  readonly clockQubits: number;
  readonly qubits: number;
  readonly queries: OracleQueries;
  /** All gates (QROM) or all gates outside the oracles (QRAM). */
  readonly cost: GateCost;
  /** The share of `cost` spent on data loading (QROM model: lookups, entry rotations, |b⟩). */
  readonly dataLoading: GateCost;
  /** The whole run as a component: its call graph is what was evaluated. */
  readonly component: Component;
}

/** QSVT degree for κ_eff and ε: 2m − 1, m the Chebyshev-iteration order (as the pipeline). */
export function qsvtDegree(kappaEff: number, epsilon: number): number {
  return 2 * chebyshevIterationOrder(Math.max(kappaEff, 1 + 1e-9), epsilon) - 1;
}

/**
 * HHL clock size rule: ⌈log₂(π·κ_eff)⌉ bits put the smallest eigenvalue's walk phase on the grid
 * (the walk builder's starting point), plus ⌈log₂(1/ε)/2⌉ bits so the QPE leakage (∝ 1/2^t per
 * eigenvalue, entering the fidelity squared) stays below ε; at least 2.
 */
export function hhlClockQubits(kappaEff: number, epsilon: number): number {
  return Math.max(2, Math.ceil(Math.log2(Math.PI * Math.max(kappaEff, 1)))) + Math.ceil(Math.log2(1 / epsilon) / 2);
}

function validate(o: ModelInput): void {
  if (!Number.isInteger(o.systemQubits) || o.systemQubits < 1 || o.systemQubits > 40) throw new ValidationError(`estimate: system qubits ${o.systemQubits} must be an integer in 1..40`, { parameter: 'n' });
  if (!Number.isInteger(o.colors) || o.colors < 1 || o.colors > 2 ** o.systemQubits + 1) throw new ValidationError(`sparsity ${o.colors}: must be an integer in 1..n`, { parameter: 'sparsity' });
  if (!(o.kappaEff >= 1) || !Number.isFinite(o.kappaEff)) throw new ValidationError(`estimate: κ_eff ${o.kappaEff} must be a finite number ≥ 1`, { parameter: 'kappa' });
  if (!(o.epsilon > 0 && o.epsilon < 1)) throw new ValidationError(`epsilon ${o.epsilon}: must be in (0, 1)`, { parameter: 'epsilon' });
}

/** The components of one run: the inversion and the parts whose calls are counted as queries. */
function assemble(o: ModelInput): { root: Component; encoding: BlockEncoding; rhs: Component; degree: number; clockQubits: number } {
  const n = o.systemQubits;
  const encoding = o.encoding ?? new SparseEncodingModel({ systemQubits: n, colors: o.colors, access: o.access });
  const rhs = o.rhsPrep ?? (o.access === 'qrom' ? StatePrep.sized({ numQubits: n }) : new Oracle('state-prep', n));
  if (o.method === 'qsvt') {
    const degree = qsvtDegree(o.kappaEff, o.epsilon);
    return { root: new QsvtInversion({ rhs, qsvt: new QsvtCircuit({ blockEncoding: encoding, degree }) }), encoding, rhs, degree, clockQubits: 0 };
  }
  const clockQubits = o.clockQubits ?? hhlClockQubits(o.kappaEff, o.epsilon);
  return { root: new HhlWalk({ blockEncoding: encoding, rhs, clockQubits }), encoding, rhs, degree: 0, clockQubits };
}

/** Resources of one run (one post-selection attempt) of the inversion circuit. */
export function modelResources(o: ModelInput): ModelResult {
  validate(o);
  const { root, encoding, rhs, degree, clockQubits } = assemble(o);
  const ev = evaluate(root);
  // Calls of a component or its adjoint (U† applies the same lookups and rotation, inverted).
  const calls = (c: Component): number => (ev.calls.get(c) ?? 0) + (ev.calls.get(adjoint(c)) ?? 0);
  const uses = calls(encoding);
  const parts = encoding instanceof SparseAccessEncoding ? encoding.parts() : undefined;
  const lookups = parts ? [...new Set([parts.columnLookup, parts.rowLookup])] : [];
  const data = new Set<Component>([rhs, ...(parts ? [...lookups, parts.rotation] : [])].flatMap((c) => [c, adjoint(c)]));
  const queries: OracleQueries = {
    blockEncoding: uses,
    lookups: parts ? lookups.reduce((s, c) => s + calls(c), 0) : 2 * uses,
    entryRotations: parts ? calls(parts.rotation) : uses,
    statePrep: calls(rhs),
  };
  return {
    method: o.method, access: o.access, degree, clockQubits, qubits: root.numQubits, queries,
    cost: costOf(root), dataLoading: costOfCalls(root, (c) => data.has(c)), component: root,
  };
}
