/**
 * Fast evaluation of a QSP product: the Chebyshev coefficients of ⟨0|U_Φ(x)|0⟩ for all degrees at
 * once in O(d log² d). With x = cos θ and w = e^{iθ}, W(x) = e^{iθX} = w(I + X)/2 + w⁻¹(I − X)/2, so
 * each factor W e^{iφZ} is a 2×2 matrix Laurent polynomial of degree 1 and the product one of
 * degree d (powers w^{−d}, w^{−d+2}, …, w^d), multiplied up a balanced tree by FFT convolution.
 * ⟨0|U|0⟩ = Σ_m p_m w^m is a polynomial in x, so p_m = p_{−m}: its Chebyshev coefficients are p_0
 * and 2p_m. Coefficient errors are ~ε each, but they add up to ~d·ε at x = ±1, so the solver uses
 * this only to get close and finishes with x-space residuals (phases-large.ts).
 * @see arXiv:2209.10162 (Dong, Lin, Ni, Wang), §5 — fast evaluation for the fixed-point iteration.
 */
import { fft, nextPowerOfTwo } from '../linalg/fft.js';

/** A 2×2 complex matrix polynomial in u = w²: coefficient t at [8t, 8t+8) = m00, m01, m10, m11 (re, im). */
type MatPoly = Float64Array;

function directMul(a: MatPoly, b: MatPoly): MatPoly {
  const na = a.length / 8, nb = b.length / 8;
  const c = new Float64Array(8 * (na + nb - 1));
  for (let s = 0; s < na; s++) {
    const o = 8 * s;
    for (let t = 0; t < nb; t++) {
      const p = 8 * t, q = 8 * (s + t);
      for (let i = 0; i < 2; i++) {
        for (let j = 0; j < 2; j++) {
          let re = 0, im = 0;
          for (let k = 0; k < 2; k++) {
            const ar = a[o + 4 * i + 2 * k]!, ai = a[o + 4 * i + 2 * k + 1]!;
            const br = b[p + 4 * k + 2 * j]!, bi = b[p + 4 * k + 2 * j + 1]!;
            re += ar * br - ai * bi;
            im += ar * bi + ai * br;
          }
          c[q + 4 * i + 2 * j] = c[q + 4 * i + 2 * j]! + re;
          c[q + 4 * i + 2 * j + 1] = c[q + 4 * i + 2 * j + 1]! + im;
        }
      }
    }
  }
  return c;
}

function spectra(m: MatPoly, n: number): Float64Array[] {
  const len = m.length / 8;
  const out: Float64Array[] = [];
  for (let e = 0; e < 4; e++) {
    const re = new Float64Array(n), im = new Float64Array(n);
    for (let t = 0; t < len; t++) { re[t] = m[8 * t + 2 * e]!; im[t] = m[8 * t + 2 * e + 1]!; }
    fft(re, im);
    out.push(re, im);
  }
  return out;
}

function fftMul(a: MatPoly, b: MatPoly): MatPoly {
  const nc = a.length / 8 + b.length / 8 - 1;
  const n = nextPowerOfTwo(nc);
  const A = spectra(a, n), B = spectra(b, n);
  const c = new Float64Array(8 * nc);
  for (let i = 0; i < 2; i++) {
    for (let j = 0; j < 2; j++) {
      const re = new Float64Array(n), im = new Float64Array(n);
      for (let k = 0; k < 2; k++) {
        const ar = A[2 * (2 * i + k)]!, ai = A[2 * (2 * i + k) + 1]!;
        const br = B[2 * (2 * k + j)]!, bi = B[2 * (2 * k + j) + 1]!;
        for (let t = 0; t < n; t++) {
          re[t] = re[t]! + ar[t]! * br[t]! - ai[t]! * bi[t]!;
          im[t] = im[t]! + ar[t]! * bi[t]! + ai[t]! * br[t]!;
        }
      }
      fft(re, im, true);
      for (let t = 0; t < nc; t++) { c[8 * t + 4 * i + 2 * j] = re[t]!; c[8 * t + 4 * i + 2 * j + 1] = im[t]!; }
    }
  }
  return c;
}

function mul(a: MatPoly, b: MatPoly): MatPoly {
  return Math.min(a.length, b.length) / 8 <= 24 ? directMul(a, b) : fftMul(a, b);
}

/** Factor j ≥ 1, times w: W e^{iφZ}·w = u⁰·[(I − X)/2]E + u¹·[(I + X)/2]E. */
function leaf(phi: number): MatPoly {
  const c = Math.cos(phi) / 2, s = Math.sin(phi) / 2;
  // (I ∓ X)/2 · diag(e^{iφ}, e^{−iφ}) = ½[[e^{iφ}, ∓e^{−iφ}], [∓e^{iφ}, e^{−iφ}]]
  return Float64Array.of(c, s, -c, s, -c, -s, c, -s, c, s, c, -s, c, s, c, -s);
}

function product(phi: ArrayLike<number>, lo: number, hi: number): MatPoly {
  if (hi - lo === 1) return leaf(phi[lo]!);
  const mid = (lo + hi) >> 1;
  return mul(product(phi, lo, mid), product(phi, mid, hi));
}

/** Chebyshev coefficients (re and im, length d + 1 each) of ⟨0|U_Φ(x)|0⟩ for φ₀…φ_d (W convention). */
export function qspChebyshevCoefficients(phi: ArrayLike<number>): { re: Float64Array; im: Float64Array } {
  const d = phi.length - 1;
  const re = new Float64Array(d + 1), im = new Float64Array(d + 1);
  const e0r = Math.cos(phi[0]!), e0i = Math.sin(phi[0]!);
  if (d === 0) {
    re[0] = e0r;
    im[0] = e0i;
    return { re, im };
  }
  const p = product(phi, 1, d + 1);
  // ⟨0|E₀ P|0⟩ = e^{iφ₀}·P₀₀; coefficient t of u is the power w^{2t−d}.
  for (let t = 0; t <= d; t++) {
    const m = 2 * t - d;
    if (m < 0) continue;
    const pr = p[8 * t]!, pi = p[8 * t + 1]!;
    const f = m === 0 ? 1 : 2;
    re[m] = f * (e0r * pr - e0i * pi);
    im[m] = f * (e0r * pi + e0i * pr);
  }
  return { re, im };
}

/** Complex polynomial square by FFT (or directly when short): coefficients of q². */
function square(re: Float64Array, im: Float64Array): { re: Float64Array; im: Float64Array } {
  const len = re.length, out = 2 * len - 1;
  const n = nextPowerOfTwo(out);
  const r = new Float64Array(n), i = new Float64Array(n);
  r.set(re);
  i.set(im);
  fft(r, i);
  for (let t = 0; t < n; t++) {
    const a = r[t]!, b = i[t]!;
    r[t] = a * a - b * b;
    i[t] = 2 * a * b;
  }
  fft(r, i, true);
  return { re: r.slice(0, out), im: i.slice(0, out) };
}

/**
 * As qspChebyshevCoefficients, for symmetric phases (φ_j = φ_{d−j}) at half the cost: U = H W Hᵀ
 * (d = 2k+1, H = E₀WE₁…WE_k) or H E_k Hᵀ (d = 2k, H = E₀WE₁…E_{k−1}W), so with h = ⟨0|H,
 * ⟨0|U|0⟩ = [w(h₀+h₁)² + w⁻¹(h₀−h₁)²]/2 or e^{iφ_k}h₀² + e^{−iφ_k}h₁²: one tree over d/2 factors
 * and two squarings.
 */
export function qspChebyshevCoefficientsSymmetric(phi: ArrayLike<number>): { re: Float64Array; im: Float64Array } {
  const d = phi.length - 1;
  if (d < 2) return qspChebyshevCoefficients(phi);
  const odd = d % 2 === 1;
  const k = odd ? (d - 1) / 2 : d / 2;
  // Leaves j = 1..k (even d: the last W carries no phase).
  const leaves = Array.from({ length: k }, (_, j) => (!odd && j === k - 1 ? 0 : phi[j + 1]!));
  const p = k === 0 ? Float64Array.of(1, 0, 0, 0, 0, 0, 1, 0) : product(leaves, 0, k);
  const len = p.length / 8; // k + 1 coefficients, u^t ↔ w^{2t−k}
  const e0r = Math.cos(phi[0]!), e0i = Math.sin(phi[0]!);
  const h0r = new Float64Array(len), h0i = new Float64Array(len), h1r = new Float64Array(len), h1i = new Float64Array(len);
  for (let t = 0; t < len; t++) {
    const ar = p[8 * t]!, ai = p[8 * t + 1]!, br = p[8 * t + 2]!, bi = p[8 * t + 3]!;
    h0r[t] = e0r * ar - e0i * ai; h0i[t] = e0r * ai + e0i * ar;
    h1r[t] = e0r * br - e0i * bi; h1i[t] = e0r * bi + e0i * br;
  }
  const pm = { re: new Float64Array(2 * d + 1), im: new Float64Array(2 * d + 1) }; // index m + d
  const add = (sq: { re: Float64Array; im: Float64Array }, shift: number, cr: number, ci: number): void => {
    // coefficient t of sq ↔ w^{2t−2k+shift}, multiplied by (cr + i ci)
    for (let t = 0; t < sq.re.length; t++) {
      const m = 2 * t - 2 * k + shift + d;
      const a = sq.re[t]!, b = sq.im[t]!;
      pm.re[m] = pm.re[m]! + cr * a - ci * b;
      pm.im[m] = pm.im[m]! + cr * b + ci * a;
    }
  };
  if (odd) {
    const plus = square(h0r.map((v, t) => v + h1r[t]!), h0i.map((v, t) => v + h1i[t]!));
    const minus = square(h0r.map((v, t) => v - h1r[t]!), h0i.map((v, t) => v - h1i[t]!));
    add(plus, 1, 0.5, 0);
    add(minus, -1, 0.5, 0);
  } else {
    const c = Math.cos(phi[k]!), s = Math.sin(phi[k]!);
    add(square(h0r, h0i), 0, c, s);
    add(square(h1r, h1i), 0, c, -s);
  }
  const re = new Float64Array(d + 1), im = new Float64Array(d + 1);
  for (let m = 0; m <= d; m++) {
    const f = m === 0 ? 1 : 2;
    re[m] = f * pm.re[m + d]!;
    im[m] = f * pm.im[m + d]!;
  }
  return { re, im };
}
