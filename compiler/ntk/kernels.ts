/**
 * Infinite-width NTKs of the paper's fully-connected networks as functions of ρ = x·x′ for unit
 * inputs: the normalised-erf network exactly as neural-tangents 0.3.6 evaluates it, and the ReLU
 * (arc-cosine) NTK. Layer constants are precomputed once so the per-entry loop is tight.
 * @see arXiv:2107.09200 (Zlokapa, Neven, Lloyd) §Methods; arXiv:1806.07572 (Jacot et al.);
 * @see arXiv:1904.11955 (Arora et al., the ReLU NTK recursion)
 */
import { ValidationError } from '../errors.js';

export type KernelKind = 'erf' | 'relu';

/** Which fully-connected NTK: activation, number of hidden layers, input dimension d. */
export interface FcKernelSpec {
  readonly kind: KernelKind;
  readonly depth: number;
  /** Input dimension d (the erf kernel divides the input covariance by d; ReLU ignores it). */
  readonly dim: number;
}

/** c = E[erf(X)²] for X ~ N(0, 1): (2/π)·arcsin(2/3). */
export const ERF_VARIANCE = (2 / Math.PI) * Math.asin(2 / 3);
/** σ_w² = 1/c, the weight variance that normalises the erf activation. */
export const ERF_WEIGHT_VARIANCE = 1 / ERF_VARIANCE;

/**
 * Coefficient of nonlinearity μ = 1 − (E[X·σ(X)])² of the normalised activation.
 * erf: E[X·erf(X)] = 2/√(3π), σ = erf/√c. ReLU: σ = √2·max(0, x), E[X·σ(X)] = 1/√2, so μ = 1/2.
 */
export function nonlinearity(kind: KernelKind): number {
  if (kind === 'relu') return 0.5;
  const m = 2 / Math.sqrt(3 * Math.PI);
  return 1 - (m * m) / ERF_VARIANCE;
}

export function validateSpec(spec: FcKernelSpec): void {
  if (!Number.isInteger(spec.depth) || spec.depth < 0) {
    throw new ValidationError(`NTK depth must be a non-negative integer, got ${spec.depth}`);
  }
  if (!Number.isInteger(spec.dim) || spec.dim < 1) {
    throw new ValidationError(`NTK input dimension must be a positive integer, got ${spec.dim}`);
  }
}

/**
 * The erf recursion of algorithms.md §1.2, written line for line (reference implementation).
 * Returns Θ(ρ); the fast path `ntkLayerTable` + `applyNtk` performs the same operations.
 */
export function erfNtkReference(rho: number, depth: number, dim: number): number {
  const s = ERF_WEIGHT_VARIANCE;
  let c = 1 / dim;
  let q = rho / dim;
  let theta = 0;
  for (let l = 0; l < depth; l++) {
    c = s * c;
    q = s * q;
    // |q| ≤ c holds exactly (Cauchy–Schwarz); at ρ = ±1 the map is expanding (χ > 1), so rounding
    // would push |q| past c after ~150 layers and make r imaginary. Enforcing the bound is a no-op
    // in exact arithmetic.
    if (q > c) q = c;
    else if (q < -c) q = -c;
    theta = q + s * theta;
    const t = 1 + 2 * c;
    const r = Math.sqrt(t * t - 4 * q * q);
    theta = (theta * (4 / Math.PI)) / r;
    q = (2 / Math.PI) * Math.atan2(2 * q, r);
    c = (2 / Math.PI) * Math.atan2(c, Math.sqrt(c + 1 / 4));
  }
  c = s * c;
  q = s * q;
  theta = q + s * theta;
  return theta;
}

/** The ReLU NTK (c_σ = 2, unit inputs): Σ ← κ₁(Σ), Σ̇ ← κ₀(Σ), Θ ← Θ·Σ̇ + Σ from Σ = Θ = ρ. */
export function reluNtkReference(rho: number, depth: number): number {
  let sigma = rho;
  let theta = rho;
  for (let l = 0; l < depth; l++) {
    const cosT = Math.min(1, Math.max(-1, sigma));
    const t = Math.acos(cosT);
    const dot = (Math.PI - t) / Math.PI;
    sigma = (Math.sin(t) + (Math.PI - t) * cosT) / Math.PI;
    theta = theta * dot + sigma;
  }
  return theta;
}

/**
 * Per-layer constants of the erf recursion: a[l] = (1 + 2c_l)² and a[depth + l] = c_l, where c_l
 * is the diagonal covariance after layer l's Dense. The diagonal does not depend on ρ, so it is
 * computed once.
 */
export function erfLayerTable(depth: number, dim: number): Float64Array {
  const s = ERF_WEIGHT_VARIANCE;
  const a = new Float64Array(2 * depth);
  let c = 1 / dim;
  for (let l = 0; l < depth; l++) {
    c = s * c;
    const t = 1 + 2 * c;
    a[l] = t * t;
    a[depth + l] = c;
    c = (2 / Math.PI) * Math.atan2(c, Math.sqrt(c + 1 / 4));
  }
  return a;
}

/**
 * Replace every ρ in values[from..to) by K(ρ) in place. Self-contained (no closures, no imports)
 * because gram workers receive its source text.
 */
export function applyNtkInPlace(values: Float64Array, from: number, to: number, kind: number, depth: number, dim: number, table: Float64Array): void {
  if (kind === 0) {
    const s = 1 / ((2 / Math.PI) * Math.asin(2 / 3));
    const fp = 4 / Math.PI;
    const tp = 2 / Math.PI;
    // Layers outermost over a block of entries: the per-entry chain sqrt → atan → next layer is
    // latency-bound, so independent entries side by side keep the core busy. Same arithmetic, in
    // the same order, as erfNtkReference for every entry.
    const B = 1024;
    const qs = new Float64Array(Math.min(B, Math.max(0, to - from)));
    const ts = new Float64Array(qs.length);
    for (let b0 = from; b0 < to; b0 += B) {
      const m = Math.min(B, to - b0);
      for (let k = 0; k < m; k++) {
        qs[k] = values[b0 + k]! / dim;
        ts[k] = 0;
      }
      for (let l = 0; l < depth; l++) {
        const al = table[l]!, cl = table[depth + l]!;
        for (let k = 0; k < m; k++) {
          let q = s * qs[k]!;
          if (q > cl) q = cl;
          else if (q < -cl) q = -cl;
          const th = q + s * ts[k]!;
          const r = Math.sqrt(al - 4 * q * q);
          ts[k] = (th * fp) / r;
          // r > 0, and for a positive x fdlibm's atan2(y, x) (V8's Math.atan2) *is* atan(y/x):
          // same division, same odd atan. The direct call skips atan2's quadrant logic (~30%).
          qs[k] = tp * Math.atan((2 * q) / r);
        }
      }
      for (let k = 0; k < m; k++) {
        const q = s * qs[k]!;
        values[b0 + k] = q + s * ts[k]!;
      }
    }
  } else {
    for (let i = from; i < to; i++) {
      let sg = values[i]!;
      let th = sg;
      for (let l = 0; l < depth; l++) {
        const cosT = sg > 1 ? 1 : sg < -1 ? -1 : sg;
        const t = Math.acos(cosT);
        sg = (Math.sin(t) + (Math.PI - t) * cosT) / Math.PI;
        th = th * ((Math.PI - t) / Math.PI) + sg;
      }
      values[i] = th;
    }
  }
}

/** K(ρ) for one inner product (same arithmetic as the matrix path). */
export function ntkValue(rho: number, spec: FcKernelSpec): number {
  validateSpec(spec);
  const v = new Float64Array([rho]);
  applyNtkInPlace(v, 0, 1, spec.kind === 'erf' ? 0 : 1, spec.depth, spec.dim, spec.kind === 'erf' ? erfLayerTable(spec.depth, spec.dim) : new Float64Array(0));
  return v[0]!;
}
