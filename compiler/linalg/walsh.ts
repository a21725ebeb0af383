/**
 * Fast Walsh–Hadamard transform and Gray codes: the change of basis behind uniformly controlled
 * rotations (Möttönen et al.), FABLE's angle compression and the Pauli decomposition.
 * @see arXiv:quant-ph/0407010 (Möttönen, Vartiainen, Bergholm, Salomaa)
 */

/** In-place unnormalised transform: v[i] ← Σ_j (−1)^{popcount(i & j)} v[j]. Length must be a power of two. */
export function fwht(v: Float64Array): Float64Array {
  const n = v.length;
  if ((n & (n - 1)) !== 0) throw new RangeError(`fwht: length ${n} is not a power of two`);
  for (let h = 1; h < n; h <<= 1) {
    for (let i = 0; i < n; i += h << 1) {
      for (let j = i; j < i + h; j++) {
        const a = v[j]!, b = v[j + h]!;
        v[j] = a + b;
        v[j + h] = a - b;
      }
    }
  }
  return v;
}

/** Binary-reflected Gray code of i. */
export function gray(i: number): number {
  return i ^ (i >>> 1);
}

/** Index of the lowest set bit (i > 0). */
export function lowestBit(i: number): number {
  return 31 - Math.clz32(i & -i);
}

/** popcount of a 32-bit integer. */
export function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Smallest k with 2^k ≥ n (n ≥ 1; exact up to 2^53). */
export function ceilLog2(n: number): number {
  let k = 0;
  while (2 ** k < n) k++;
  return k;
}
