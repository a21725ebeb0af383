/**
 * Axis ticks for the report's charts: "nice" linear ticks (steps 1, 2, 2.5 or 5 × 10^k; whole
 * numbers only when the data are counts) and logarithmic ticks (powers of the base, thinned to a
 * readable number). Pure arithmetic, no drawing.
 * @see P. S. Heckbert, "Nice numbers for graph labels", Graphics Gems (1990)
 */
import { ValidationError } from '../compiler/errors.js';

/** Ticks of one axis: the domain they span (the axis extent) and the tick values in order. */
export interface Ticks {
  readonly min: number;
  readonly max: number;
  readonly values: readonly number[];
  /** Decimal places that show every tick exactly (linear axes). */
  readonly decimals: number;
}

/** The smallest nice step ≥ raw: 1, 2, 2.5, 5 or 10 times a power of ten (2.5 only when fractions are allowed). */
export function niceStep(raw: number, integer = false): number {
  if (!(raw > 0) || !Number.isFinite(raw)) throw new ValidationError(`ticks: step ${raw} must be a positive finite number`);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const steps = integer && mag < 10 ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
  const f = raw / mag;
  const m = steps.find((s) => f <= s * (1 + 1e-12)) ?? 10;
  const step = m * mag;
  return integer ? Math.max(1, Math.round(step)) : step;
}

/** Decimal places of a step (2.5e-3 → 4). */
function decimalsOf(step: number): number {
  if (step >= 1 && Number.isInteger(step)) return 0;
  for (let d = 0; d < 15; d++) if (Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) < 1e-9) return d;
  return 15;
}

/**
 * About `target` nice ticks covering [lo, hi]; the domain is widened to the outer ticks. With
 * `integer`, every tick is a whole number (for counts). A degenerate range is widened around its value.
 */
export function linearTicks(lo: number, hi: number, target = 6, integer = false): Ticks {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi < lo) throw new ValidationError(`ticks: range [${lo}, ${hi}] is not a finite interval`);
  if (hi === lo) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    [lo, hi] = [lo === 0 ? 0 : lo - pad, hi + pad];
  }
  const step = niceStep((hi - lo) / Math.max(1, target), integer);
  const decimals = decimalsOf(step);
  const first = Math.floor(lo / step + 1e-9), last = Math.ceil(hi / step - 1e-9);
  const values: number[] = [];
  for (let k = first; k <= last; k++) values.push(Number((k * step).toFixed(decimals)));
  return { min: values[0]!, max: values[values.length - 1]!, values, decimals };
}

/**
 * Ticks at powers of `base` covering [lo, hi] (both > 0), every `stride`-th power when there are
 * more than `target`; the domain is the enclosing powers.
 */
export function logTicks(lo: number, hi: number, base = 10, target = 8): Ticks {
  if (!(lo > 0) || !(hi >= lo) || !Number.isFinite(hi)) throw new ValidationError(`ticks: log axis range [${lo}, ${hi}] needs 0 < lo ≤ hi < ∞`);
  const lg = (v: number): number => Math.log(v) / Math.log(base);
  let a = Math.floor(lg(lo) + 1e-9), b = Math.ceil(lg(hi) - 1e-9);
  if (a === b) b++;
  const stride = Math.max(1, Math.ceil((b - a) / target));
  b = a + Math.ceil((b - a) / stride) * stride;
  const values: number[] = [];
  for (let k = a; k <= b; k += stride) values.push(base ** k);
  return { min: base ** a, max: base ** b, values, decimals: Math.max(0, -a) };
}

/** A linear tick's label: fixed decimals, or exponent notation when very large or small. */
export function formatLinear(v: number, decimals: number): string {
  if (v !== 0 && (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-4)) return Number(v.toPrecision(12)).toExponential();
  return v.toFixed(decimals);
}

/** A power's label parts: mantissa text and exponent (null: print the number plainly). */
export function formatPower(v: number, base: number): { readonly base: string; readonly exponent: number | null } {
  const k = Math.round(Math.log(v) / Math.log(base));
  if (base === 10 && k >= -2 && k <= 3) return { base: String(Number(v.toPrecision(3))), exponent: null };
  if (base === 2 && k >= 0 && k <= 10) return { base: String(2 ** k), exponent: null };
  return { base: String(base), exponent: k };
}
