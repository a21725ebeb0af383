/**
 * Histograms of measurement outcomes: the `topK` most frequent outcomes in bitstring order, then
 * one grey "other" bar that sums the rest, so a distribution over 2^20 outcomes stays readable.
 * Bitstrings follow docs/conventions.md: bit 0 (c[0], or q[0] when nothing is measured) rightmost.
 */
import { bitstring } from '../backends/local/index.js';
import { ValidationError } from '../compiler/errors.js';
import { barChartSvg } from './bar-chart.js';

/** The bars of a histogram. */
export interface HistogramBars {
  /** Shown outcomes as [bitstring, value], ascending by outcome. */
  readonly bars: readonly (readonly [string, number])[];
  /** What the "other" bar sums (absent when every outcome is shown). */
  readonly other?: { readonly outcomes: number; readonly value: number };
  /** Outcomes with a nonzero value, and the sum of every value. */
  readonly distinct: number;
  readonly total: number;
}

/**
 * The top `topK` of (outcome index, value) entries (ties: the smaller index) in one pass, without
 * sorting every outcome (a distribution may have 2^25), plus the rest summed.
 */
export function histogramBars(entries: Iterable<readonly [number, number]>, width: number, topK: number): HistogramBars {
  if (!Number.isInteger(topK) || topK < 1) throw new ValidationError(`histogram: topK ${topK} must be a positive integer`);
  const top: [number, number][] = [];
  let total = 0, distinct = 0;
  const before = (a: readonly [number, number], b: readonly [number, number]): boolean => a[1] > b[1] || (a[1] === b[1] && a[0] < b[0]);
  for (const [k, v] of entries) {
    if (!(v >= 0) || !Number.isFinite(v)) throw new ValidationError(`histogram: outcome ${k} has value ${v}; counts and probabilities are finite and ≥ 0`);
    total += v;
    if (v === 0) continue;
    distinct++;
    if (top.length === topK && !before([k, v], top[topK - 1]!)) continue;
    let at = top.length;
    while (at > 0 && before([k, v], top[at - 1]!)) at--;
    top.splice(at, 0, [k, v]);
    if (top.length > topK) top.pop();
  }
  const shownSum = top.reduce((s, [, v]) => s + v, 0);
  const bars = top.sort((a, b) => a[0] - b[0]).map(([k, v]) => [width === 0 ? '(no bits)' : bitstring(k, width), v] as const);
  if (distinct === top.length) return { bars, distinct, total };
  return { bars, other: { outcomes: distinct - top.length, value: total - shownSum }, distinct, total };
}

export interface HistogramOptions {
  readonly title: string;
  /** Bits per outcome and what they are: classical bits (c[0] rightmost) or qubits (q[0] rightmost). */
  readonly width: number;
  readonly register: 'clbits' | 'qubits';
  /** 'counts' (shots) or 'probabilities'. */
  readonly kind: 'counts' | 'probabilities';
  /** Most bars drawn before the rest becomes "other" (default 32). */
  readonly topK?: number;
  /** An extra remark for the note line (e.g. "raw counts, noisy ibm_fez"). */
  readonly remark?: string;
  /** Picture width in pixels (default: the bar chart's). */
  readonly chartWidth?: number;
}

/** The label "other" bar gets; never a bitstring, which holds only 0 and 1. */
export const OTHER = 'other';

/** The histogram of `entries` (outcome index → count or probability) as an SVG element. */
export function histogramSvg(entries: Iterable<readonly [number, number]>, o: HistogramOptions): string {
  const h = histogramBars(entries, o.width, o.topK ?? 32);
  if (h.bars.length === 0) throw new ValidationError('histogram: every outcome has value 0; nothing to draw');
  const bit = o.register === 'clbits' ? 'c' : 'q';
  const notes = [o.remark];
  if (h.other !== undefined) notes.push(`top ${h.bars.length} of ${h.distinct} outcomes; "other" sums the remaining ${h.other.outcomes}`);
  const note = notes.filter((s) => s !== undefined).join('; ');
  return barChartSvg({
    title: o.title,
    ...(note === '' ? {} : { note }),
    xLabel: o.width <= 1 ? `outcome ${bit}[0]` : `outcome ${bit}[${o.width - 1}]…${bit}[0] (${bit}[0] rightmost)`,
    yLabel: o.kind === 'counts' ? 'count (shots)' : 'probability',
    categories: [...h.bars.map(([b]) => b), ...(h.other ? [OTHER] : [])],
    series: [{ name: o.kind, values: [...h.bars.map(([, v]) => v), ...(h.other ? [h.other.value] : [])] }],
    muted: [OTHER],
    ...(o.chartWidth === undefined ? {} : { width: o.chartWidth }),
  });
}
