import { describe, expect, it } from 'vitest';
import { dct1, fft, isPowerOfTwo, nextPowerOfTwo } from '../../../compiler/linalg/fft.js';
import { rng } from '../../helpers/quantum.js';

describe('fft', () => {
  it.each([1, 2, 8, 64, 256])('matches the naive DFT at n = %i and inverts', (n) => {
    const r = rng(n);
    const re = Float64Array.from({ length: n }, () => r() - 0.5), im = Float64Array.from({ length: n }, () => r() - 0.5);
    const xr = re.slice(), xi = im.slice();
    fft(xr, xi);
    for (let k = 0; k < n; k++) {
      let sr = 0, si = 0;
      for (let j = 0; j < n; j++) {
        const a = (-2 * Math.PI * j * k) / n;
        sr += re[j]! * Math.cos(a) - im[j]! * Math.sin(a);
        si += re[j]! * Math.sin(a) + im[j]! * Math.cos(a);
      }
      expect(Math.abs(xr[k]! - sr) + Math.abs(xi[k]! - si)).toBeLessThan(1e-12 * n);
    }
    fft(xr, xi, true);
    for (let j = 0; j < n; j++) expect(Math.abs(xr[j]! - re[j]!) + Math.abs(xi[j]! - im[j]!)).toBeLessThan(1e-14 * n);
  });

  it('dct1 equals the weighted cosine sum', () => {
    const n = 16;
    const r = rng(7);
    const v = Float64Array.from({ length: n + 1 }, () => r() - 0.5);
    const y = dct1(v);
    for (let k = 0; k <= n; k++) {
      let s = 0;
      for (let j = 0; j <= n; j++) s += (j === 0 || j === n ? 0.5 : 1) * v[j]! * Math.cos((Math.PI * j * k) / n);
      expect(Math.abs(y[k]! - s)).toBeLessThan(1e-13);
    }
  });

  it('refuses lengths that are not powers of two', () => {
    expect(() => fft(new Float64Array(6), new Float64Array(6))).toThrow(/power of two/);
    expect(isPowerOfTwo(12)).toBe(false);
    expect(nextPowerOfTwo(13)).toBe(16);
  });
});
