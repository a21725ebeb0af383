/**
 * `qntk estimate`: logical resources of the quantum linear-system solve at sizes no simulator
 * reaches (n up to 2^30 and beyond), from the call graphs of the components the compiler builds,
 * given their sizes only — no circuit is built.
 * κ_eff = α/min|λ| = ρ·κ with κ = ‖A‖/min|λ| and ρ = α/‖A‖, α the sparse encoding's
 * subnormalisation Σ_k max_{colour k}|a_ij| ≤ s·max|a_ij| ≤ s·‖A‖: ρ ∈ [1, s], default s (GSLW's
 * α = s·max|a| with ‖A‖ = max|a|, the worst case; the NTK's diagonal-first colouring is far lower). See
 * compiler/estimate/model.ts for the components priced and estimate/gates.ts for the T rules.
 * @see arXiv:2107.09200 (Zlokapa, Neven, Lloyd) — the O(log n) claim this quantifies.
 */
import { ValidationError } from './errors.js';
import { ceilLog2 } from './linalg/walsh.js';
import { cnotCount, type GateCost } from './synthesis/cost.js';
import { rotationTCost, tCount, type TCount } from './estimate/gates.js';
import { modelResources, type DataAccess, type EstimateMethod, type ModelResult, type OracleQueries } from './estimate/model.js';
import type { Component } from './synthesis/component.js';

export { modelResources, qsvtDegree, hhlClockQubits } from './estimate/model.js';
export type { DataAccess, EstimateMethod, ModelInput, ModelResult, OracleQueries } from './estimate/model.js';
export { tCount, rotationTCost, rotationsOf, tOf } from './estimate/gates.js';
export type { TCount, TRule } from './estimate/gates.js';

export interface EstimateOptions {
  /** Rows of A (padded to N = 2^⌈log₂ n⌉). */
  readonly n: number;
  /** Max nonzeros per column. */
  readonly sparsity: number;
  /** κ = ‖A‖/min|λ| (≥ 1). */
  readonly kappa: number;
  readonly epsilon: number;
  readonly method: EstimateMethod;
  /** ρ = α/‖A‖ ∈ [1, s]; default s. */
  readonly alphaRatio?: number;
  /** Colour classes of the encoding (default s; the diagonal-first colouring may use s + 1). */
  readonly colors?: number;
  /** Use this κ_eff = α/min|λ| directly instead of ρ·κ. */
  readonly kappaEff?: number;
  /** T gates per Toffoli: 7 (default) or 4. */
  readonly toffoliT?: 4 | 7;
  /** HHL clock size override. */
  readonly clockQubits?: number;
}

/** Figures of one data-access model. */
export interface AccessEstimate {
  readonly access: DataAccess;
  readonly qubits: number;
  readonly queries: OracleQueries;
  readonly gates: Readonly<Record<string, number>>;
  /** CNOTs under synthesis/cost.ts's `cnotCostOf` (multi-controlled gates decomposed). */
  readonly cnots: number;
  readonly t: TCount;
  /** Upper estimate of the depth (QRAM: each oracle call one layer). */
  readonly depth: number;
  /** The data-loading share (QROM model): CNOTs and T gates of lookups, entry rotations and |b⟩. */
  readonly dataLoading: { readonly cnots: number; readonly t: number };
}

export interface Estimate {
  readonly n: number;
  readonly systemQubits: number;
  readonly sparsity: number;
  readonly kappa: number;
  readonly colors: number;
  readonly alphaRatio: number;
  readonly kappaEff: number;
  readonly epsilon: number;
  readonly method: EstimateMethod;
  readonly degree: number;
  readonly clockQubits: number;
  /** Error budget per synthesised rotation and T gates per rotation. */
  readonly rotationEpsilon: number;
  readonly rotationT: number;
  readonly toffoliT: number;
  readonly qram: AccessEstimate;
  readonly qrom: AccessEstimate;
}

/** System qubits of an n-row matrix: ⌈log₂ n⌉, at least 1 (n up to 2^52). */
export function qubitsFor(n: number): number {
  return Math.max(1, ceilLog2(n));
}

/**
 * Rotations are synthesised to ε_rot = ε/R each (R = the run's arbitrary rotations), so synthesis
 * adds at most ε to the solution error; T per rotation ⌈3·log₂(1/ε_rot)⌉.
 */
function price(access: DataAccess, r: ModelResult, toffoliT: number, epsilon: number): { est: AccessEstimate; epsRot: number; rotT: number } {
  const rotations = tCount(r.cost, { toffoliT, rotationT: 0 }).rotations;
  const epsRot = epsilon / Math.max(1, rotations);
  const rotT = rotationTCost(epsRot);
  const rule = { toffoliT, rotationT: rotT };
  const t = tCount(r.cost, rule);
  const dataT = tCount(r.dataLoading, rule).total;
  return {
    est: { access, qubits: r.qubits, queries: r.queries, gates: r.cost.gates, cnots: cnotCount(r.cost), t, depth: r.cost.depth, dataLoading: { cnots: cnotCount(r.dataLoading), t: dataT } },
    epsRot, rotT,
  };
}

/** Validated inputs and both models (QRAM, QROM) for one size. */
function models(o: EstimateOptions): { alphaRatio: number; colors: number; toffoliT: 4 | 7; kappaEff: number; systemQubits: number; qram: ModelResult; qrom: ModelResult } {
  if (!Number.isInteger(o.n) || o.n < 2 || o.n > 2 ** 40) throw new ValidationError(`n ${o.n}: must be an integer in 2..2^40`, { parameter: 'n' });
  if (!(o.kappa >= 1) || !Number.isFinite(o.kappa)) throw new ValidationError(`kappa ${o.kappa}: κ = ‖A‖/min|λ| must be a finite number ≥ 1`, { parameter: 'kappa' });
  if (!Number.isInteger(o.sparsity) || o.sparsity < 1 || o.sparsity > o.n) throw new ValidationError(`sparsity ${o.sparsity}: must be an integer in 1..n = ${o.n}`, { parameter: 'sparsity' });
  // QROM counts are ~ 2·n·s·log₂ n: keep them exact in double precision.
  if (o.sparsity * o.n * 64 > 2 ** 53) throw new ValidationError(`sparsity ${o.sparsity} at n = ${o.n}: n·s is beyond exact counting (2^47); lower s`, { parameter: 'sparsity' });
  const alphaRatio = o.alphaRatio ?? o.sparsity;
  if (!(alphaRatio >= 1 && alphaRatio <= o.sparsity + 1)) throw new ValidationError(`alphaRatio ${alphaRatio}: α/‖A‖ lies in [1, s] (s = ${o.sparsity})`, { parameter: 'alphaRatio' });
  const colors = o.colors ?? o.sparsity;
  const toffoliT = o.toffoliT ?? 7;
  if (toffoliT !== 4 && toffoliT !== 7) throw new ValidationError(`toffoliT ${String(toffoliT)}: use 4 or 7`, { parameter: 'toffoliT' });
  const kappaEff = o.kappaEff ?? Math.max(1, alphaRatio * o.kappa);
  const systemQubits = qubitsFor(o.n);
  const base = { systemQubits, colors, kappaEff, epsilon: o.epsilon, method: o.method, ...(o.clockQubits === undefined ? {} : { clockQubits: o.clockQubits }) };
  return { alphaRatio, colors, toffoliT, kappaEff, systemQubits, qram: modelResources({ ...base, access: 'qram' }), qrom: modelResources({ ...base, access: 'qrom' }) };
}

/** Resources for one size, both data-access models. */
export function estimateResources(o: EstimateOptions): Estimate {
  const { alphaRatio, colors, toffoliT, kappaEff, systemQubits, qram, qrom } = models(o);
  const pq = price('qram', qram, toffoliT, o.epsilon);
  const pr = price('qrom', qrom, toffoliT, o.epsilon);
  return {
    n: o.n, systemQubits, sparsity: o.sparsity, colors, kappa: o.kappa, alphaRatio, kappaEff, epsilon: o.epsilon, method: o.method,
    degree: qram.degree, clockQubits: qram.clockQubits, rotationEpsilon: pr.epsRot, rotationT: pr.rotT, toffoliT,
    qram: pq.est, qrom: pr.est,
  };
}

/** The components `estimateResources` evaluates for one size (their call graphs), by data access. */
export function estimateComponents(o: EstimateOptions): Readonly<Record<DataAccess, Component>> {
  const { qram, qrom } = models(o);
  return { qram: qram.component, qrom: qrom.component };
}

/** The model's rules in words, printed by the CLI and stored in the JSON output. */
export const ESTIMATE_RULES: readonly string[] = [
  'circuits: the components the compiler builds, priced by their call graphs: sparse-access block encoding U (alpha = sum of colour maxima <= s*max|a_ij|), QSVT inversion (degree 2m-1, Chebyshev-iteration polynomial, relative error eps) or HHL by phase estimation on the walk R U^dag R U; |b> prepared first; one run, before post-selection repetitions',
  'kappa_eff = alpha/min|lambda| = rho*kappa, kappa = ||A||/min|lambda|, rho = alpha/||A|| in [1, s] (default s: alpha = s*max|a_ij|, ||A|| = max|a_ij|)',
  'HHL clock t = max(2, ceil(log2(pi*kappa_eff))) + ceil(log2(1/eps)/2); 4(2^t - 1) queries to U (the walk sees |lambda|: A positive definite)',
  'qram: row/column lookups, entry rotations and |b> preparation are oracle calls (counted as queries; gates, qubits and depth exclude the oracle itself, each call one depth layer)',
  'qrom: explicit unary-iteration QROM lookups over n*c slots (full tables, all data bits set; c colours = s by default) and uncompressed Ry multiplexors: an upper bound on the built circuit, O(n*s) gates per query',
  'CNOTs: cx 1, cz 1, cp 2, swap 3, ccx/ccz 6, mcx/mcz with k>=3 controls 6k-6 (qntk cost model)',
  'T: Toffoli = 7 T (or 4 with a measured ancilla), mcx/mcz with k>=3 controls = 2(k-2) relative-phase Toffolis x 4 T + 1 Toffoli; rotations (rz, ry; cp = 3) each ceil(3 log2(1/eps_rot)) T (Ross-Selinger), eps_rot = eps / rotations',
  'depth: upper estimate (sum of component depths; a layer of gates on disjoint qubits counts 1)',
];

/** Sum of the gates of a cost (for totals in tables). */
export function totalGates(c: Pick<GateCost, 'gates'>): number {
  return Object.values(c.gates).reduce((a, v) => a + v, 0);
}
