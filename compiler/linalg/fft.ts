/**
 * Radix-2 complex FFT on split real/imaginary Float64Arrays and the type-I discrete cosine
 * transform built on it: the fast Chebyshev transforms (values at Chebyshev–Lobatto points ↔
 * Chebyshev coefficients) in O(N log N).
 * @see Trefethen, Approximation Theory and Approximation Practice, ch. 3 (Chebyshev points and the FFT).
 */
import { ValidationError } from '../errors.js';

/** True when n is a positive power of two. */
export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;
}

/** Smallest power of two ≥ n (n ≥ 1). */
export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

const TWIDDLES = new Map<number, { cos: Float64Array; sin: Float64Array }>();

/** cos and sin of 2πk/n for k < n/2, each computed directly (error ε, not ε·log n), cached per n. */
function twiddles(n: number): { cos: Float64Array; sin: Float64Array } {
  let t = TWIDDLES.get(n);
  if (!t) {
    const h = Math.max(1, n >> 1);
    t = { cos: new Float64Array(h), sin: new Float64Array(h) };
    for (let k = 0; k < h; k++) {
      t.cos[k] = Math.cos((2 * Math.PI * k) / n);
      t.sin[k] = Math.sin((2 * Math.PI * k) / n);
    }
    if (TWIDDLES.size > 64) TWIDDLES.clear();
    TWIDDLES.set(n, t);
  }
  return t;
}

/**
 * In-place complex FFT of length n = 2^k: X_k = Σ_j x_j e^{∓2πijk/n} (− for forward). The inverse
 * includes the 1/n factor, so fft(…, true) undoes fft(…).
 */
export function fft(re: Float64Array, im: Float64Array, inverse = false): void {
  const n = re.length;
  if (im.length !== n) throw new ValidationError(`fft: real and imaginary parts differ in length (${n} vs ${im.length})`);
  if (!isPowerOfTwo(n)) throw new ValidationError(`fft: length ${n} is not a power of two; pad the input`);
  // Bit-reversal permutation.
  for (let i = 1, j = 0; i < n; i++) {
    let bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) {
      let t = re[i]!; re[i] = re[j]!; re[j] = t;
      t = im[i]!; im[i] = im[j]!; im[j] = t;
    }
  }
  const { cos, sin } = twiddles(n);
  const sign = inverse ? 1 : -1;
  for (let len = 2; len <= n; len <<= 1) {
    const half = len >> 1;
    const stride = n / len;
    for (let k = 0; k < half; k++) {
      const wr = cos[k * stride]!, wi = sign * sin[k * stride]!;
      for (let i = k; i < n; i += len) {
        const j = i + half;
        const xr = re[j]! * wr - im[j]! * wi;
        const xi = re[j]! * wi + im[j]! * wr;
        re[j] = re[i]! - xr; im[j] = im[i]! - xi;
        re[i] = re[i]! + xr; im[i] = im[i]! + xi;
      }
    }
  }
  if (inverse) {
    const s = 1 / n;
    for (let i = 0; i < n; i++) { re[i] = re[i]! * s; im[i] = im[i]! * s; }
  }
}

/**
 * Type-I DCT of v_0..v_N (N a power of two): y_k = Σ_{j=0..N} w_j v_j cos(πjk/N), with w_0 = w_N = ½
 * and w_j = 1 otherwise. Computed as the FFT of the even extension (length 2N).
 */
export function dct1(values: ArrayLike<number>): Float64Array {
  const n = values.length - 1;
  if (!isPowerOfTwo(n)) throw new ValidationError(`dct1: ${values.length} values; need 2^k + 1`);
  const m = 2 * n;
  const re = new Float64Array(m), im = new Float64Array(m);
  for (let j = 0; j <= n; j++) re[j] = values[j]!;
  for (let j = 1; j < n; j++) re[m - j] = values[j]!;
  fft(re, im);
  // FFT of the even extension = 2 × the weighted cosine sum.
  const out = new Float64Array(n + 1);
  for (let k = 0; k <= n; k++) out[k] = re[k]! / 2;
  return out;
}
