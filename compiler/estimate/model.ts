/**
 * Closed-form resource model of qntk's own circuits, from sizes only (n, colours c, κ_eff, ε): the sparse-access
 * block encoding (blockencoding/sparse.ts), the QSVT inversion circuit (qsvt/qsvt-circuit.ts) and
 * HHL by phase estimation on the encoding's walk (hhl/walk.ts), each prefixed by the preparation
 * of |b⟩ as the pipeline does. Two data-access models:
 * - 'qram': the row lookup, column lookup, entry rotation and |b⟩ preparation are oracle calls,
 *   counted as queries; the gates reported are everything else (exactly the built circuit's
 *   gates outside the oracles); the oracle's workspace is not counted in the qubits.
 * - 'qrom': the oracles are the explicit unary-iteration QROMs and Ry multiplexor the built
 *   circuit uses, priced in closed form for full tables (every slot filled, every data bit set,
 *   no Walsh angle dropped): an upper bound on the built circuit, O(N·s) per query.
 * @see arXiv:1806.01838 (GSLW) Lemma 48 and Corollary 69; arXiv:1610.06546 (qubitization walk)
 * @see arXiv:1805.03662 (Babbush et al.: unary-iteration QROM)
 */
import { ValidationError } from '../errors.js';
import { ceilLog2 } from '../linalg/walsh.js';
import { chebyshevIterationOrder } from '../qsvt/polynomials.js';
import { CostTally, gateKey, type GateCost } from '../synthesis/cost.js';
import { qromCostFor } from '../synthesis/qrom.js';
import { StatePrep } from '../synthesis/state-prep.js';

export type EstimateMethod = 'qsvt' | 'hhl';
export type DataAccess = 'qram' | 'qrom';

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
  /**
   * The cost of one application of an actual encoding U and its ancilla count, in place of the
   * closed form (the composition is then exact for that U: used to check the model against built circuits).
   */
  readonly encoding?: {
    readonly cost: GateCost;
    readonly ancillas: number;
    /** How many of the ancillas are clean work qubits (BlockEncoding.workQubits) QSVT does not reflect about; default 0. */
    readonly workQubits?: number;
  };
  /** The cost of an actual |b⟩ preparation in place of the closed form. */
  readonly rhsPrep?: GateCost;
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
  if (!Number.isInteger(o.systemQubits) || o.systemQubits < 1 || o.systemQubits > 40) throw new ValidationError(`estimate: system qubits ${o.systemQubits} must be an integer in 1..40`);
  if (!Number.isInteger(o.colors) || o.colors < 1 || o.colors > 2 ** o.systemQubits + 1) throw new ValidationError(`--sparsity ${o.colors}: must be an integer in 1..n`);
  if (!(o.kappaEff >= 1) || !Number.isFinite(o.kappaEff)) throw new ValidationError(`estimate: κ_eff ${o.kappaEff} must be a finite number ≥ 1`);
  if (!(o.epsilon > 0 && o.epsilon < 1)) throw new ValidationError(`--epsilon ${o.epsilon}: must be in (0, 1)`);
}

/**
 * Gates of the colour preparation Σ_k √(w_k/α)|k⟩ on ⌈log₂ c⌉ qubits, one direction: H on each
 * qubit when the weights are uniform and c a power of two, else a Möttönen tree; the bound
 * covers both (the weights are data).
 */
function colourPrepBound(c: number): GateCost {
  const m = ceilLog2(c);
  if (m === 0) return new CostTally().toCost(0);
  const t = new CostTally().addCost(StatePrep.costBound(m)).add('h', m);
  t.depth += 1;
  return t.toCost(m);
}

/**
 * One application of the sparse encoding U with c colours (sparse.ts): all of it (QROM) or the
 * part outside the oracles (QRAM): colour preparation and its inverse, 2n CNOTs copying j into the
 * index register and back, n swaps; the QROM model adds two unary-iteration lookups over N·c slots
 * (every data bit set) and the uncompressed Ry multiplexor on n + ⌈log₂ c⌉ controls. `workQubits`:
 * the lookups' unary-iteration ancillas (clean, so QSVT leaves them out of its reflections).
 */
export function sparseEncodingCost(n: number, c: number, access: DataAccess): { cost: GateCost; data: GateCost; ancillas: number; workQubits: number } {
  const m = ceilLog2(c), a = n + m;
  const prep = colourPrepBound(c);
  const t = new CostTally().addCost(prep, 2).add('swap', n).add('cx', 2 * n);
  t.depth += 3;
  const data = new CostTally();
  if (access === 'qrom') {
    const qrom = qromCostFor({ length: c * 2 ** n, selectBits: a, dataBits: n });
    data.addCost(qrom, 2).add('ry', 2 ** a).add('cx', a === 0 ? 0 : 2 ** a);
    data.depth += 2 * 2 ** a;
    t.addCost(data.toCost(0));
  } else t.depth += 3; // each oracle call is one layer here
  const workQubits = access === 'qrom' ? Math.max(0, a - 1) : 0;
  const ancillas = n + m + 1 + workQubits;
  return { cost: t.toCost(n + ancillas), data: data.toCost(0), ancillas, workQubits };
}

/** |b⟩ preparation: one oracle call (QRAM) or the uncompressed Möttönen tree (QROM). */
function rhsPrep(n: number, access: DataAccess): GateCost {
  return access === 'qrom' ? StatePrep.costBound(n) : new CostTally().toCost(n);
}

/** The n-qubit multi-controlled X/Z under its IR name (as CircuitBuilder emits it). */
function mcKey(kind: 'x' | 'z', qubits: number): string {
  if (kind === 'x') return qubits === 2 ? 'cx' : qubits === 3 ? 'ccx' : gateKey('mcx', qubits);
  return qubits === 1 ? 'z' : qubits === 2 ? 'cz' : qubits === 3 ? 'ccz' : gateKey('mcz', qubits);
}

/** Resources of one run (one post-selection attempt) of the inversion circuit. */
export function modelResources(o: ModelInput): ModelResult {
  validate(o);
  const n = o.systemQubits, s = o.colors;
  const u = o.encoding ? { ...o.encoding, data: new CostTally().toCost(0) } : sparseEncodingCost(n, s, o.access);
  const a = u.ancillas, beQubits = n + a;
  const prep = o.rhsPrep ?? rhsPrep(n, o.access);
  const total = new CostTally().addCost(prep);
  const data = new CostTally();
  if (o.access === 'qrom') data.addCost(prep);
  else total.depth += 1;
  if (o.method === 'qsvt') {
    const d = qsvtDegree(o.kappaEff, o.epsilon);
    total.addCost(u.cost, d);
    data.addCost(u.data, d);
    // Projector-controlled phases (qsvt-circuit.ts): d + 1 of them over the non-work ancillas, and the LCU qubit's two H.
    const phases = d + 1, r = a - (u.workQubits ?? 0);
    total.add('x', 2 * r * phases).add(mcKey('x', r + 1), 2 * phases).add('rz', 2 * phases).add('cx', 2 * phases).add('h', 2).add('gphase', 1);
    total.depth += 8 * phases + 2;
    const queries = { blockEncoding: d, lookups: 2 * d, entryRotations: d, statePrep: 1 };
    return { method: 'qsvt', access: o.access, degree: d, clockQubits: 0, qubits: beQubits + 2, queries, cost: total.toCost(beQubits + 2), dataLoading: data.toCost(0) };
  }
  const t = o.clockQubits ?? hhlClockQubits(o.kappaEff, o.epsilon);
  const steps = 2 ** t - 1; // walk steps W = R·U†·R·U in one phase estimation
  // Phase estimation and its inverse: H on the clock, 2^t − 1 controlled walk steps, QFT† without swaps.
  total.addCost(u.cost, 4 * steps);
  data.addCost(u.data, 4 * steps);
  total.add('h', 4 * t).add('cp', t * (t - 1));
  total.add('x', 8 * a * steps).add(mcKey('z', a + 1), 4 * steps).add('z', 4 * steps);
  total.depth += 2 * (1 + 2 * t) + 4 * steps * 4;
  // Flag rotation: Ry multiplexor on the clock (no angle dropped).
  total.add('ry', 2 ** t).add('cx', 2 ** t);
  total.depth += 2 ** (t + 1);
  const queries = { blockEncoding: 4 * steps, lookups: 8 * steps, entryRotations: 4 * steps, statePrep: 1 };
  return { method: 'hhl', access: o.access, degree: 0, clockQubits: t, qubits: beQubits + t + 1, queries, cost: total.toCost(beQubits + t + 1), dataLoading: data.toCost(0) };
}
