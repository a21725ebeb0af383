/**
 * Apply a Chebyshev series to a vector through matrix–vector products only: y = f(M)·v with
 * f = Σ c_k T_k, by Clenshaw's recurrence on vectors (O(d) products, no eigendecomposition). Used
 * for QSVT success probabilities ‖f(A/α) b‖² and classical reference solutions.
 * @see Trefethen, Approximation Theory and Approximation Practice, ch. 3 (Clenshaw).
 */

/** y = Σ c_k T_k(M) v where `apply` computes M·x (M symmetric with spectrum in [−1, 1]). */
export function chebApply(coeffs: ArrayLike<number>, apply: (x: Float64Array) => Float64Array, v: ArrayLike<number>): Float64Array {
  const n = v.length;
  let b1 = new Float64Array(n), b2 = new Float64Array(n);
  for (let k = coeffs.length - 1; k >= 1; k--) {
    const mb = apply(b1);
    const b0 = new Float64Array(n);
    const ck = coeffs[k]!;
    for (let i = 0; i < n; i++) b0[i] = ck * v[i]! + 2 * mb[i]! - b2[i]!;
    b2 = b1;
    b1 = b0;
  }
  const mb = apply(b1);
  const y = new Float64Array(n);
  const c0 = coeffs[0] ?? 0;
  for (let i = 0; i < n; i++) y[i] = c0 * v[i]! + mb[i]! - b2[i]!;
  return y;
}

/**
 * Success probability of post-selecting a QSVT circuit whose block is f(A/α) on input b/‖b‖:
 * ‖f(A/α) b̂‖², with `apply` computing A·x (no circuit simulation).
 */
export function qsvtSuccessProbability(coeffs: ArrayLike<number>, apply: (x: Float64Array) => Float64Array, alpha: number, b: ArrayLike<number>): number {
  let n2 = 0;
  for (let i = 0; i < b.length; i++) n2 += b[i]! * b[i]!;
  const norm = Math.sqrt(n2);
  const bHat = Float64Array.from(b as ArrayLike<number>, (v) => v / norm);
  const y = chebApply(coeffs, (x) => apply(x).map((v) => v / alpha), bHat);
  let p = 0;
  for (let i = 0; i < y.length; i++) p += y[i]! * y[i]!;
  return p;
}
