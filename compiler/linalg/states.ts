/** Comparisons of state vectors (complex or real), normalisation and global phase ignored. */

/** A complex vector as split real and imaginary parts, or a real vector. */
export type StateLike = ArrayLike<number> | { readonly re: ArrayLike<number>; readonly im: ArrayLike<number> };

function parts(v: StateLike): [ArrayLike<number>, ArrayLike<number> | undefined] {
  return 're' in v ? [v.re, v.im] : [v, undefined];
}

/**
 * |⟨a|b⟩| / (‖a‖‖b‖): 1 when the states agree up to phase and scale. Entries missing from the
 * shorter vector count as 0 (a padded register against the unpadded vector).
 */
export function stateOverlap(a: StateLike, b: StateLike): number {
  const [ar, ai] = parts(a);
  const [br, bi] = parts(b);
  const len = Math.max(ar.length, br.length);
  let dr = 0, di = 0, na = 0, nb = 0;
  for (let k = 0; k < len; k++) {
    const xr = ar[k] ?? 0, xi = ai?.[k] ?? 0, yr = br[k] ?? 0, yi = bi?.[k] ?? 0;
    dr += xr * yr + xi * yi;
    di += xr * yi - xi * yr;
    na += xr * xr + xi * xi;
    nb += yr * yr + yi * yi;
  }
  return Math.hypot(dr, di) / Math.sqrt(na * nb);
}

/** The fidelity of pure states, |⟨a|b⟩|² / (‖a‖²‖b‖²). */
export function stateFidelity(a: StateLike, b: StateLike): number {
  return stateOverlap(a, b) ** 2;
}

/** ⟨a|b⟩ / (‖a‖‖b‖) for real vectors, sign kept (missing entries count as 0). */
export function cosineOverlap(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const len = Math.max(a.length, b.length);
  let d = 0, na = 0, nb = 0;
  for (let k = 0; k < len; k++) {
    const x = a[k] ?? 0, y = b[k] ?? 0;
    d += x * y;
    na += x * x;
    nb += y * y;
  }
  return d / Math.sqrt(na * nb);
}
