/**
 * The depth rule of the paper: depth = round(0.1 · L_conv), L_conv = 8·ln(n/δ)/μ, where δ is the
 * smallest separation 1 − |x_i·x_j| of the training set and μ the activation's nonlinearity.
 * @see arXiv:2107.09200 §Methods; arXiv:2002.01523 (Agarwal, Awasthi, Kale: L_conv)
 */
import { ValidationError } from '../errors.js';
import { nonlinearity, type KernelKind } from './kernels.js';

/** The fraction of L_conv the experiments use (the authors' `fully_connected_depth`). */
export const DEPTH_FRACTION = 0.1;

/** δ = min over i ≠ j of 1 − |ρ_ij| for an n×n matrix of inner products of unit vectors. */
export function separation(rho: Float64Array, n: number): number {
  let delta = Infinity;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const s = 1 - Math.abs(rho[i * n + j]!);
      if (s < delta) delta = s;
    }
  }
  return delta;
}

/** Python's round(): halves go to the even neighbour (what the authors' depth rule uses). */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const diff = x - f;
  if (diff > 0.5) return f + 1;
  if (diff < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** L_conv = 8·ln(n/δ)/μ. */
export function convergenceDepth(n: number, delta: number, kind: KernelKind = 'erf'): number {
  return (8 * Math.log(n / delta)) / nonlinearity(kind);
}

/** The experiments' depth round(0.1 · L_conv); refuses duplicate examples (δ = 0). */
export function ruleDepth(n: number, delta: number, kind: KernelKind = 'erf'): number {
  if (!(delta > 0)) {
    throw new ValidationError(`depth rule: two training examples are parallel (δ = ${delta}); remove duplicates or give the depth explicitly`);
  }
  return Math.max(1, roundHalfEven(DEPTH_FRACTION * convergenceDepth(n, delta, kind)));
}
