/**
 * A small block encoding for matrices with few nonzero "XOR diagonals": write
 *   A = Σ_{t∈T} X^t · diag(w_t),   w_t(i) = A[i⊕t][i],
 * (X^t flips the index bits set in t) and combine the terms by LCU: PREP loads √(β_t/α) on a
 * select register (β_t = max_i |w_t(i)|, α = Σ β_t), one multiplexed Ry on a rotation flag r,
 * controlled by the index and the select value, leaves cos(θ/2) = w_t(i)/β_t on r = 0, SELECT
 * applies X^t (CNOTs from the select qubits when the masks span a space of the select register's
 * dimension, multi-controlled X otherwise), PREP† unloads. Then
 *   (⟨0|_sel⟨0|_r ⊗ I) U (|0⟩_sel|0⟩_r ⊗ I) = Σ_t (β_t/α) X^t diag(w_t)/β_t = A/α
 * exactly, up to `epsilon` ≤ Σ_t β_t·snap from loading ratios within `snap` of ±1 as ±1.
 * The sparsified NTK couples only indices of one class, so at n = 8 its masks lie in {1, 2, 3}:
 * T = {0, 3} for seed 0 (one select qubit, SELECT = two CNOTs) and {0, 1, 2, 3} for most other
 * seeds (two select qubits, still CNOTs only). With a single non-identity mask t, the symmetry
 * w_t(i) = w_t(i⊕t) of a symmetric A lets a change of index coordinates drop one multiplexor
 * control (`reduceControls`).
 * @see arXiv:2302.10949 (Sünderhauf, Campbell, Camps: block-encoding structured matrices by LCU of
 *   permutations times diagonals)
 * @see arXiv:1806.01838 (Gilyén, Su, Low, Wiebe), Lemma 52 (linear combination of block encodings)
 */
import { CircuitBuilder, type Circuit } from '../circuit/index.js';
import { CircuitBlockEncoding } from '../blockencoding/block-encoding.js';
import { ValidationError } from '../errors.js';
import { ceilLog2 } from '../linalg/walsh.js';
import { appendMultiplexor } from '../synthesis/uniformly-controlled.js';
import { StatePrep } from '../synthesis/state-prep.js';

/** One term X^mask·diag(weights) of the decomposition; `scale` = max |weights|. */
export interface XorTerm {
  readonly mask: number;
  readonly weights: Float64Array;
  readonly scale: number;
}

/** The XOR-LCU block encoding: a built circuit with the decomposition it was built from. */
export class XorLcuEncoding extends CircuitBlockEncoding {
  /** The nonzero XOR diagonals, mask 0 first. */
  readonly terms: readonly XorTerm[];
  /** The mask each select value loads (−1: none, amplitude 0). */
  readonly selectMasks: readonly number[];
  /** Select-register qubits (after the system), then the rotation flag. */
  readonly select: readonly number[];
  readonly rotation: number;

  constructor(o: { circuit: Circuit; alpha: number; systemQubits: number; epsilon: number; terms: readonly XorTerm[]; selectMasks: readonly number[]; select: readonly number[]; rotation: number }) {
    super({ kind: 'xor-lcu', circuit: o.circuit, alpha: o.alpha, systemQubits: o.systemQubits, epsilon: o.epsilon });
    this.terms = o.terms;
    this.selectMasks = o.selectMasks;
    this.select = o.select;
    this.rotation = o.rotation;
  }
}

/** Multiplexor angles below this (in the Walsh domain) are numerically zero and dropped. */
const ANGLE_TOLERANCE = 1e-12;
/** Default for `XorLcuOptions.snap`. */
const DEFAULT_SNAP = 1e-9;

export interface XorLcuOptions {
  /**
   * Ratios w/β within this of ±1 are loaded as exactly ±1 (default 1e-9): acos is ill-conditioned
   * there (1 − 10⁻¹² would cost a 10⁻⁶ rotation that only encodes floating-point noise, e.g. of a
   * kernel diagonal that is constant in exact arithmetic). The block error this adds is `epsilon`.
   */
  readonly snap?: number;
}

/** The nonzero XOR diagonals of a dense 2^m × 2^m row-major matrix, mask 0 first. */
export function xorTerms(a: ArrayLike<number>, m: number): XorTerm[] {
  const dim = 1 << m;
  if (a.length !== dim * dim) throw new ValidationError(`XOR decomposition: ${a.length} entries is not a ${dim}×${dim} matrix`);
  const terms: XorTerm[] = [];
  for (let t = 0; t < dim; t++) {
    const weights = new Float64Array(dim);
    let scale = 0;
    for (let i = 0; i < dim; i++) {
      const v = a[(i ^ t) * dim + i]!;
      if (!Number.isFinite(v)) throw new ValidationError(`XOR decomposition: entry (${i ^ t}, ${i}) = ${v} is not finite`);
      weights[i] = v;
      scale = Math.max(scale, Math.abs(v));
    }
    if (scale > 0) terms.push({ mask: t, weights, scale });
  }
  if (terms.length === 0) throw new ValidationError('XOR decomposition: the matrix is zero; nothing to block-encode');
  return terms;
}

/** CNOT(control → target) on index bits, as a change of coordinates i'_target = i_target ⊕ i_control. */
type BitCnot = readonly [control: number, target: number];

const applyCnots = (x: number, cnots: readonly BitCnot[]): number => cnots.reduce((v, [c, t]) => v ^ (((v >> c) & 1) << t), x);

/**
 * Coordinates in which the multiplexor needs fewer controls. If the angles f(i, j) satisfy
 * f(i⊕v, j) = f(i, j) for every select value j (a symmetric A with a single off-diagonal mask t
 * gives v = t), the CNOTs p → q (q ∈ v, q ≠ p) map v to the unit vector of bit p, and in the new
 * coordinates the angles no longer depend on bit p: one control fewer halves the multiplexor for
 * 2(|v| − 1) CNOTs. Repeated while some symmetry remains.
 */
function reduceControls(angles: Float64Array, m: number, k: number): { cnots: BitCnot[]; kept: number[]; angles: Float64Array } {
  const dim = 1 << m;
  let f = angles;
  const cnots: BitCnot[] = [];
  const dropped = new Set<number>();
  const same = (a: number, b: number): boolean => Math.abs(a - b) <= ANGLE_TOLERANCE;
  for (;;) {
    let best = 0;
    for (let v = 1; v < dim; v++) {
      if ([...dropped].some((p) => (v >> p) & 1)) continue;
      if (best !== 0 && popcount(v) >= popcount(best)) continue;
      let ok = true;
      for (let x = 0; ok && x < dim << k; x++) ok = same(f[x]!, f[(x & ~(dim - 1)) | ((x & (dim - 1)) ^ v)]!);
      if (ok) best = v;
    }
    if (best === 0) break;
    const p = Math.log2(best & -best);
    const step: BitCnot[] = [];
    for (let q = p + 1; q < m; q++) if ((best >> q) & 1) step.push([p, q]);
    // g(i') = f(L⁻¹ i'); each CNOT is its own inverse, applied in reverse order.
    const inv = [...step].reverse();
    const g = new Float64Array(f.length);
    for (let x = 0; x < f.length; x++) g[x] = f[(x & ~(dim - 1)) | applyCnots(x & (dim - 1), inv)]!;
    f = g;
    cnots.push(...step);
    dropped.add(p);
  }
  const kept = Array.from({ length: m }, (_, b) => b).filter((b) => !dropped.has(b));
  const reduced = new Float64Array(1 << (kept.length + k));
  for (let r = 0; r < reduced.length; r++) {
    let i = 0;
    kept.forEach((b, pos) => { i |= ((r >> pos) & 1) << b; });
    reduced[r] = f[i + dim * (r >> kept.length)]!;
  }
  return { cnots, kept, angles: reduced };
}

function popcount(x: number): number {
  let c = 0;
  for (let v = x; v; v &= v - 1) c++;
  return c;
}

/**
 * Which term each select value holds (null: amplitude 0) and whether SELECT is linear. When the
 * masks span a space of dimension k = ⌈log₂|T|⌉ (a subspace of masks, or all but one of one), the
 * select value j holds the mask L(j) = ⊕_{b∈j} v_b for a basis v of that span, and SELECT is one
 * CNOT per set bit of each basis vector: X^{L(j)} = Π_b (X^{v_b})^{j_b}. Otherwise select value j
 * holds terms[j] and SELECT uses one multi-controlled X per mask bit.
 */
function selectSlots(terms: readonly XorTerm[], k: number): { slots: (XorTerm | null)[]; basis: number[] | null } {
  const basis: number[] = [];
  for (const t of terms) {
    let v = t.mask;
    for (const b of basis) v = Math.min(v, v ^ b);
    if (v !== 0) basis.push(v);
  }
  if (k === 0 || basis.length !== k) return { slots: Array.from({ length: 1 << k }, (_, j) => terms[j] ?? null), basis: null };
  const slots: (XorTerm | null)[] = new Array<XorTerm | null>(1 << k).fill(null);
  for (let j = 0; j < 1 << k; j++) {
    const mask = basis.reduce((v, b, bit) => ((j >> bit) & 1 ? v ^ b : v), 0);
    slots[j] = terms.find((t) => t.mask === mask) ?? null;
  }
  return { slots, basis };
}

/**
 * Block-encode a dense 2^m × 2^m real matrix (row-major) by the XOR-diagonal LCU. Qubits: system
 * 0…m−1, select register m…m+k−1 (k = ⌈log₂|T|⌉, none for one term), rotation flag m+k.
 */
export function xorLcuEncoding(a: ArrayLike<number>, m: number, options: XorLcuOptions = {}): XorLcuEncoding {
  const snap = options.snap ?? DEFAULT_SNAP;
  if (!(snap >= 0 && snap < 1)) throw new ValidationError(`XOR-LCU encoding: snap ${snap} must lie in [0, 1)`);
  const terms = xorTerms(a, m);
  const k = terms.length === 1 ? 0 : ceilLog2(terms.length);
  const { slots, basis } = selectSlots(terms, k);
  const alpha = terms.reduce((s, t) => s + t.scale, 0);
  const dim = 1 << m;
  const b = new CircuitBuilder();
  const system = b.addQreg('sys', m);
  const select = k > 0 ? b.addQreg('sel', k) : [];
  const [rotation] = b.addQreg('rot', 1);
  const prep = k > 0 ? new StatePrep({ amplitudes: slots.map((t) => (t ? Math.sqrt(t.scale / alpha) : 0)), numQubits: k }) : undefined;
  if (prep) prep.appendTo(b, select);
  // Multiplexor index = i + 2^m·j (system bits low, select bits high); empty slots get angle 0.
  const angles = new Float64Array(dim << k);
  let epsilon = 0;
  slots.forEach((t, j) => {
    if (t === null) return;
    let worst = 0;
    for (let i = 0; i < dim; i++) {
      const x = t.weights[i]! / t.scale;
      const snapped = Math.abs(Math.abs(x) - 1) <= snap ? Math.sign(x) : x;
      worst = Math.max(worst, Math.abs(x - snapped));
      angles[i + dim * j] = 2 * Math.acos(snapped);
    }
    epsilon += worst * t.scale;
  });
  const frame = reduceControls(angles, m, k);
  for (const [c, t] of frame.cnots) b.cx(system[c]!, system[t]!);
  appendMultiplexor(b, { axis: 'y', angles: frame.angles, controls: [...frame.kept.map((q) => system[q]!), ...select], target: rotation!, tolerance: ANGLE_TOLERANCE });
  if (basis) {
    basis.forEach((v, bit) => {
      const mask = applyCnots(v, frame.cnots);
      for (let q = 0; q < m; q++) if ((mask >> q) & 1) b.cx(select[bit]!, system[q]!);
    });
  } else {
    slots.forEach((t, j) => {
      const mask = t ? applyCnots(t.mask, frame.cnots) : 0;
      if (mask === 0) return;
      const zeros = select.filter((_, bit) => ((j >> bit) & 1) === 0);
      zeros.forEach((q) => b.x(q));
      for (let q = 0; q < m; q++) if ((mask >> q) & 1) b.mcx(select, system[q]!);
      zeros.forEach((q) => b.x(q));
    });
  }
  for (const [c, t] of [...frame.cnots].reverse()) b.cx(system[c]!, system[t]!);
  if (prep) b.compose(prep.inverse(), select);
  const circuit: Circuit = b.build();
  const selectMasks = slots.map((t) => (t ? t.mask : -1));
  return new XorLcuEncoding({ circuit, alpha, systemQubits: m, epsilon, terms, selectMasks, select, rotation: rotation! });
}
