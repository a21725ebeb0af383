/**
 * Readout-error mitigation: undo the assignment errors of the measured bits, giving
 * quasi-probabilities (they sum to 1 and may be slightly negative).
 * - The calibration is one 2×2 confusion matrix per outcome bit, [[1 − p01, p10], [p01, 1 − p10]]
 *   (column = prepared, row = read), from the device snapshot or from two calibration circuits run
 *   with the job (all measured qubits in |0⟩, all in |1⟩), as M3 does for uncorrelated errors.
 * - 'tensored' applies the inverse of every bit's matrix to the full distribution (exact, 2^w
 *   entries, w ≤ 24 bits).
 * - 'm3' solves the assignment matrix restricted to the observed bitstrings and those within
 *   Hamming distance `distance` of each other, columns renormalised over that subspace, by
 *   preconditioned GMRES: cost grows with the number of distinct outcomes, not with 2^w.
 * @see P. D. Nation, H. Kang, N. Sundaresan, J. M. Gambetta, PRX Quantum 2, 040326 (2021), arXiv:2108.12518 (M3)
 */
import { ValidationError } from '../compiler/errors.js';

/** Assignment error of each outcome bit. */
export interface ReadoutCalibration {
  /** P(read 1 | 0) per bit. */
  readonly p01: Float64Array;
  /** P(read 0 | 1) per bit. */
  readonly p10: Float64Array;
}

export type ReadoutMethod = 'tensored' | 'm3';

export interface ReadoutMitigationOptions {
  readonly method?: ReadoutMethod;
  /** Hamming distance kept by M3 (default 3). */
  readonly distance?: number;
}

/** Outcome → weight (counts or probabilities). */
export type Distribution = ReadonlyMap<number, number>;

const MAX_TENSORED_BITS = 24;

/** Per-bit calibration from the counts of the all-|0⟩ and all-|1⟩ calibration runs over `width` bits (bits not measured are skipped). */
export function calibrationFromRuns(width: number, zeros: Distribution, ones: Distribution, measured: readonly number[]): ReadoutCalibration {
  const p01 = new Float64Array(width), p10 = new Float64Array(width);
  const total = (d: Distribution): number => [...d.values()].reduce((a, b) => a + b, 0);
  const t0 = total(zeros), t1 = total(ones);
  for (const b of measured) {
    let e0 = 0, e1 = 0;
    for (const [k, c] of zeros) if ((k >>> b) & 1) e0 += c;
    for (const [k, c] of ones) if (!((k >>> b) & 1)) e1 += c;
    p01[b] = e0 / t0;
    p10[b] = e1 / t1;
  }
  return { p01, p10 };
}

function checkInvertible(cal: ReadoutCalibration): void {
  cal.p01.forEach((e, b) => {
    if (!(e + cal.p10[b]! < 1)) throw new ValidationError(`readout mitigation: bit ${b} has P(1|0) + P(0|1) = ${(e + cal.p10[b]!).toFixed(3)} ≥ 1; its readout carries no information`);
  });
}

/** Tensored inverse on the full distribution over `width` bits. */
function tensored(dist: Distribution, width: number, cal: ReadoutCalibration): Map<number, number> {
  if (width > MAX_TENSORED_BITS) throw new ValidationError(`tensored readout mitigation handles at most ${MAX_TENSORED_BITS} bits (here ${width}); use the m3 method`);
  const p = new Float64Array(2 ** width);
  let total = 0;
  for (const [k, v] of dist) { p[k]! += v; total += v; }
  for (let b = 0; b < width; b++) {
    const a = cal.p01[b]!, c = cal.p10[b]!;
    if (a === 0 && c === 0) continue;
    const det = 1 - a - c, bit = 1 << b;
    for (let i = 0; i < p.length; i++) {
      if (i & bit) continue;
      const x0 = p[i]!, x1 = p[i | bit]!;
      p[i] = ((1 - c) * x0 - c * x1) / det;
      p[i | bit] = (-a * x0 + (1 - a) * x1) / det;
    }
  }
  const out = new Map<number, number>();
  for (let i = 0; i < p.length; i++) if (Math.abs(p[i]!) > 1e-15) out.set(i, p[i]! / total);
  return out;
}

const popcount = (x: number): number => {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
};

/** M3: the assignment matrix on the observed subspace, solved by Jacobi-preconditioned GMRES. */
function m3(dist: Distribution, width: number, cal: ReadoutCalibration, distance: number): Map<number, number> {
  const keys = [...dist.keys()].sort((a, b) => a - b);
  const total = [...dist.values()].reduce((a, b) => a + b, 0);
  const rhs = Float64Array.from(keys, (k) => dist.get(k)! / total);
  const n = keys.length;
  // Column t: P(read s | true t) for every kept s, renormalised to sum 1 over the subspace.
  const cols: { rows: Int32Array; vals: Float64Array }[] = [];
  const diag = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const t = keys[j]!;
    const rows: number[] = [], vals: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = keys[i]!;
      if (popcount(s ^ t) > distance) continue;
      let p = 1;
      for (let b = 0; b < width; b++) {
        const tb = (t >>> b) & 1, sb = (s >>> b) & 1;
        const e = tb ? cal.p10[b]! : cal.p01[b]!;
        p *= sb === tb ? 1 - e : e;
      }
      rows.push(i);
      vals.push(p);
    }
    const sum = vals.reduce((a, b) => a + b, 0);
    const v = Float64Array.from(vals, (x) => x / sum);
    rows.forEach((i, k) => { if (i === j) diag[j] = v[k]!; });
    cols.push({ rows: Int32Array.from(rows), vals: v });
  }
  const apply = (x: Float64Array): Float64Array => {
    const y = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const xj = x[j]!;
      if (xj === 0) continue;
      const c = cols[j]!;
      for (let k = 0; k < c.rows.length; k++) y[c.rows[k]!]! += c.vals[k]! * xj;
    }
    return y;
  };
  // Right-preconditioned: solve (A·D⁻¹) y = b, x = D⁻¹ y.
  const op = (y: Float64Array): Float64Array => apply(y.map((v, j) => v / diag[j]!));
  const y = gmres(op, rhs, 1e-12, 200);
  const out = new Map<number, number>();
  y.forEach((v, j) => { if (Math.abs(v) > 1e-15) out.set(keys[j]!, v / diag[j]!); });
  return out;
}

/** Restarted GMRES for A y = b (A given as a product), to relative residual tol. */
function gmres(A: (x: Float64Array) => Float64Array, b: Float64Array, tol: number, maxIter: number): Float64Array {
  const n = b.length, m = Math.min(30, n);
  const x = new Float64Array(n);
  const norm = (v: Float64Array): number => Math.sqrt(v.reduce((a, c) => a + c * c, 0));
  const bn = norm(b) || 1;
  for (let outer = 0; outer * m < maxIter; outer++) {
    const ax = A(x);
    const r = b.map((v, i) => v - ax[i]!);
    const beta = norm(r);
    if (beta / bn < tol) return x;
    const V: Float64Array[] = [r.map((v) => v / beta)];
    const H: number[][] = [];
    const cs: number[] = [], sn: number[] = [];
    const g = [beta];
    let k = 0;
    for (; k < m; k++) {
      let w = A(V[k]!);
      const h: number[] = [];
      for (let i = 0; i <= k; i++) {
        const d = w.reduce((a, c, t) => a + c * V[i]![t]!, 0);
        h.push(d);
        w = w.map((v, t) => v - d * V[i]![t]!);
      }
      const hk = norm(w);
      h.push(hk);
      for (let i = 0; i < k; i++) {
        const t = cs[i]! * h[i]! + sn[i]! * h[i + 1]!;
        h[i + 1] = -sn[i]! * h[i]! + cs[i]! * h[i + 1]!;
        h[i] = t;
      }
      const den = Math.hypot(h[k]!, h[k + 1]!);
      cs.push(h[k]! / den); sn.push(h[k + 1]! / den);
      h[k] = den; h[k + 1] = 0;
      g.push(-sn[k]! * g[k]!);
      g[k] = cs[k]! * g[k]!;
      H.push(h);
      if (Math.abs(g[k + 1]!) / bn < tol || hk === 0) { k++; break; }
      V.push(w.map((v) => v / hk));
    }
    // Back substitution for the k×k triangular system.
    const yk = new Float64Array(k);
    for (let i = k - 1; i >= 0; i--) {
      let s = g[i]!;
      for (let j = i + 1; j < k; j++) s -= H[j]![i]! * yk[j]!;
      yk[i] = s / H[i]![i]!;
    }
    for (let j = 0; j < k; j++) for (let t = 0; t < n; t++) x[t]! += yk[j]! * V[j]![t]!;
  }
  return x;
}

/** Quasi-probabilities (summing to 1) with the readout errors of `cal` undone. */
export function mitigateReadout(dist: Distribution, width: number, cal: ReadoutCalibration, options: ReadoutMitigationOptions = {}): Map<number, number> {
  checkInvertible(cal);
  if ([...dist.values()].reduce((a, b) => a + b, 0) <= 0) throw new ValidationError('readout mitigation: the distribution is empty');
  return (options.method ?? 'tensored') === 'tensored' ? tensored(dist, width, cal) : m3(dist, width, cal, options.distance ?? 3);
}
