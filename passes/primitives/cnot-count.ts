/**
 * The fewest CNOTs a two-qubit unitary needs, read off a local invariant instead of a full KAK
 * decomposition: with γ(U) = U·(Y⊗Y)·Uᵀ·(Y⊗Y) for U scaled into SU(4), U needs 0 CNOTs iff
 * γ = ±I, 1 iff tr γ = 0 and γ² = −I, 2 iff tr γ is real, else 3. Consolidation asks this first
 * and runs the (costly, certified) synthesis only on blocks it can shorten.
 * @see arXiv:quant-ph/0308045 (Shende, Bullock, Markov, Recognizing small-circuit structure in two-qubit operators, Prop. III.1–III.3)
 */
import type { CMatrix } from '../../compiler/linalg/complex.js';

/** Y⊗Y as a signed permutation: (Y⊗Y)|k⟩ = YY_SIGN[k]·|3 − k⟩. */
const YY_SIGN = [-1, 1, 1, -1] as const;

/**
 * Minimal CNOT count (0–3) of the 4×4 unitary u. Tolerances lean towards the smaller count, so a
 * borderline block is handed to the synthesis, which certifies or declines.
 */
export function minimalCnotCount(u: CMatrix, tol = 1e-7): 0 | 1 | 2 | 3 {
  const ur = u.re, ui = u.im;
  // det(u) by the Leibniz formula over 4×4 is cheap enough; use cofactor expansion on 2×2 minors.
  const [dr, di] = det4(ur, ui);
  // Scale by det^(-1/4) so u ∈ SU(4) (the remaining i^k ambiguity only flips the sign of γ).
  const ph = -Math.atan2(di, dr) / 4, mag = Math.hypot(dr, di) ** -0.25;
  const sr = Math.cos(ph) * mag, si = Math.sin(ph) * mag;
  const ar = new Float64Array(16), ai = new Float64Array(16);
  for (let k = 0; k < 16; k++) {
    ar[k] = ur[k]! * sr - ui[k]! * si;
    ai[k] = ur[k]! * si + ui[k]! * sr;
  }
  // B = U·(Y⊗Y): column j of B is YY_SIGN[3−j]·column (3−j) of U. C = Uᵀ·(Y⊗Y) likewise from Uᵀ.
  // γ = B·C, with C[i][j] = YY_SIGN[3−j]·U[3−j][i].
  const gr = new Float64Array(16), gi = new Float64Array(16);
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      let sumR = 0, sumI = 0;
      const cj = 3 - j, sj = YY_SIGN[cj]!;
      for (let k = 0; k < 4; k++) {
        const ck = 3 - k, sk = YY_SIGN[ck]!;
        // B[i][k] = sk·U[i][ck]; C[k][j] = sj·U[cj][k]
        const br = sk * ar[i * 4 + ck]!, bi = sk * ai[i * 4 + ck]!;
        const cr = sj * ar[cj * 4 + k]!, ci = sj * ai[cj * 4 + k]!;
        sumR += br * cr - bi * ci;
        sumI += br * ci + bi * cr;
      }
      gr[i * 4 + j] = sumR;
      gi[i * 4 + j] = sumI;
    }
  }
  // 0 CNOTs: γ = ±I.
  const s = gr[0]! >= 0 ? 1 : -1;
  let offId = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) offId = Math.max(offId, Math.hypot(gr[i * 4 + j]! - (i === j ? s : 0), gi[i * 4 + j]!));
  if (offId < tol) return 0;
  const trR = gr[0]! + gr[5]! + gr[10]! + gr[15]!, trI = gi[0]! + gi[5]! + gi[10]! + gi[15]!;
  // 1 CNOT: tr γ = 0 and γ² = −I.
  if (Math.hypot(trR, trI) < tol) {
    let offNeg = 0;
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) {
      let sumR = 0, sumI = 0;
      for (let k = 0; k < 4; k++) {
        const xr = gr[i * 4 + k]!, xi = gi[i * 4 + k]!, yr = gr[k * 4 + j]!, yi = gi[k * 4 + j]!;
        sumR += xr * yr - xi * yi;
        sumI += xr * yi + xi * yr;
      }
      offNeg = Math.max(offNeg, Math.hypot(sumR + (i === j ? 1 : 0), sumI));
    }
    if (offNeg < tol) return 1;
  }
  return Math.abs(trI) < tol ? 2 : 3;
}

/** Determinant of a 4×4 complex matrix (split storage) by Laplace expansion in 2×2 minors. */
function det4(re: Float64Array, im: Float64Array): [number, number] {
  // det = Σ over pairs of columns (a<b) of sign · minor(rows 0,1; a,b) · minor(rows 2,3; complement).
  const m2 = (r0: number, r1: number, a: number, b: number): [number, number] => {
    const xr = re[r0 * 4 + a]!, xi = im[r0 * 4 + a]!, yr = re[r1 * 4 + b]!, yi = im[r1 * 4 + b]!;
    const zr = re[r0 * 4 + b]!, zi = im[r0 * 4 + b]!, wr = re[r1 * 4 + a]!, wi = im[r1 * 4 + a]!;
    return [xr * yr - xi * yi - (zr * wr - zi * wi), xr * yi + xi * yr - (zr * wi + zi * wr)];
  };
  const pairs: Array<[number, number, number, number, number]> = [
    [0, 1, 2, 3, 1], [0, 2, 1, 3, -1], [0, 3, 1, 2, 1], [1, 2, 0, 3, 1], [1, 3, 0, 2, -1], [2, 3, 0, 1, 1],
  ];
  let dr = 0, di = 0;
  for (const [a, b, c, d, sg] of pairs) {
    const [pr, pi] = m2(0, 1, a, b), [qr, qi] = m2(2, 3, c, d);
    dr += sg * (pr * qr - pi * qi);
    di += sg * (pr * qi + pi * qr);
  }
  return [dr, di];
}
