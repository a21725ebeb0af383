/** Axis ticks: nice linear steps that cover the data, whole numbers for counts, powers on log axes. */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../compiler/errors.js';
import { createRandom } from '../../compiler/linalg/random.js';
import { formatLinear, formatPower, linearTicks, logTicks, niceStep } from '../../report/ticks.js';

/** The mantissa of a step: step / 10^floor(log10 step). */
const mantissa = (s: number): number => Number((s / 10 ** Math.floor(Math.log10(s) + 1e-12)).toPrecision(6));

describe('linear ticks', () => {
  it('documented examples: [0, 1] in fifths, [0, 5] counts in whole steps, [3, 3] widened', () => {
    expect(linearTicks(0, 1, 5).values).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(linearTicks(0, 5, 6, true).values).toEqual([0, 1, 2, 3, 4, 5]);
    expect(linearTicks(0, 5, 6).values).toEqual([0, 1, 2, 3, 4, 5]);
    expect(linearTicks(0, 2, 6).values).toEqual([0, 0.5, 1, 1.5, 2]);
    expect(linearTicks(0, 2, 6, true).values).toEqual([0, 1, 2]);
    const t = linearTicks(3, 3);
    expect(t.min).toBeLessThan(3);
    expect(t.max).toBeGreaterThan(3);
  });

  it.each([1, 2, 3])('random ranges (seed %i): ticks cover the data, are evenly spaced by a nice step and number about the target', (seed) => {
    const r = createRandom(seed);
    const rnd = (): number => r.next();
    for (let k = 0; k < 300; k++) {
      const scale = 10 ** Math.floor(rnd() * 12 - 6);
      const lo = (rnd() - 0.3) * scale, hi = lo + rnd() * scale * 10 + 1e-9 * scale;
      const target = 3 + Math.floor(rnd() * 8);
      const t = linearTicks(lo, hi, target);
      expect(t.min).toBeLessThanOrEqual(lo);
      expect(t.max).toBeGreaterThanOrEqual(hi);
      const step = t.values[1]! - t.values[0]!;
      for (let i = 1; i < t.values.length; i++) expect(t.values[i]! - t.values[i - 1]!).toBeCloseTo(step, 9 - Math.log10(step));
      expect([1, 2, 2.5, 5, 10]).toContain(mantissa(step));
      expect(t.values.length - 1).toBeLessThanOrEqual(2 * target + 2);
      expect(t.values.length - 1).toBeGreaterThanOrEqual(Math.floor(target / 2.5));
      // The stated decimals print every tick exactly (no 0.30000000000000004).
      for (const v of t.values) expect(Number(v.toFixed(t.decimals))).toBe(v);
    }
  });

  it('count data get whole-number ticks even over tiny ranges', () => {
    const r = createRandom(7);
    const rnd = (): number => r.next();
    for (let k = 0; k < 200; k++) {
      const hi = 1 + Math.floor(rnd() * 10 ** (1 + rnd() * 5));
      const t = linearTicks(0, hi, 6, true);
      for (const v of t.values) expect(Number.isInteger(v)).toBe(true);
      expect(t.max).toBeGreaterThanOrEqual(hi);
      expect(t.decimals).toBe(0);
    }
    expect(niceStep(0.3, true)).toBe(1);
  });

  it('rejects ranges that are not finite intervals', () => {
    expect(() => linearTicks(2, 1)).toThrow(ValidationError);
    expect(() => linearTicks(0, Infinity)).toThrow(ValidationError);
    expect(() => niceStep(0)).toThrow(ValidationError);
  });
});

describe('log ticks', () => {
  it.each([[3, 7e6, 10], [1e-9, 2e-3, 10], [16, 2 ** 30, 2], [5, 6, 10]] as const)('[%d, %d] base %d: powers of the base enclosing the data, at most about 8', (lo, hi, base) => {
    const t = logTicks(lo, hi, base, 8);
    expect(t.min).toBeLessThanOrEqual(lo);
    expect(t.max).toBeGreaterThanOrEqual(hi);
    expect(t.values.length).toBeGreaterThanOrEqual(2);
    expect(t.values.length).toBeLessThanOrEqual(9);
    const exps = t.values.map((v) => Math.round(Math.log(v) / Math.log(base)));
    for (let i = 0; i < t.values.length; i++) expect(t.values[i]).toBeCloseTo(base ** exps[i]!, 12 - exps[i]!);
    const stride = exps[1]! - exps[0]!;
    for (let i = 1; i < exps.length; i++) expect(exps[i]! - exps[i - 1]!).toBe(stride);
  });

  it('rejects a non-positive range', () => {
    expect(() => logTicks(0, 10)).toThrow(ValidationError);
  });

  it('labels: small powers plainly, large ones as base and exponent', () => {
    expect(formatPower(1000, 10)).toEqual({ base: '1000', exponent: null });
    expect(formatPower(1e7, 10)).toEqual({ base: '10', exponent: 7 });
    expect(formatPower(64, 2)).toEqual({ base: '64', exponent: null });
    expect(formatPower(2 ** 20, 2)).toEqual({ base: '2', exponent: 20 });
    expect(formatLinear(2.5e7, 0)).toBe('2.5e+7');
    expect(formatLinear(1.5e-5, 6)).toBe('1.5e-5');
    expect(formatLinear(0.25, 2)).toBe('0.25');
  });
});
