/**
 * Bar charts as SVG text: categories along x, one bar per series in each category (grouped),
 * heights from zero on a linear axis with nice ticks (whole-number ticks when every value is an
 * integer). Each bar is `<rect class="bar" data-category data-series data-value>`.
 */
import { ValidationError } from '../compiler/errors.js';
import { linearTicks } from './ticks.js';
import { axisLines, colorOf, esc, openChart, px, yAxis, type ChartText, type Frame } from './svg.js';

export interface BarSeries {
  readonly name: string;
  readonly values: readonly number[];
}

export interface BarChart extends ChartText {
  readonly categories: readonly string[];
  readonly series: readonly BarSeries[];
  /** Categories drawn in grey, e.g. an "other" bar that sums the outcomes not shown. */
  readonly muted?: readonly string[];
  /** Print each bar's value above it (default: when there are at most 24 bars). */
  readonly valueLabels?: boolean;
  /** Picture size in pixels (default 720 × 400, wider for many categories). */
  readonly width?: number;
  readonly height?: number;
}

const CHAR_W = 6.6;

/** A value as printed above its bar. */
function valueText(v: number): string {
  return Number.isInteger(v) ? String(v) : v >= 0.01 ? v.toFixed(3) : v.toExponential(1);
}

/** The chart as an SVG element (no XML declaration; `svgFile` adds one for a standalone file). */
export function barChartSvg(c: BarChart): string {
  const nc = c.categories.length, ns = c.series.length;
  if (nc === 0 || ns === 0) throw new ValidationError('bar chart: no bars to draw');
  for (const s of c.series) {
    if (s.values.length !== nc) throw new ValidationError(`bar chart: series ${s.name} has ${s.values.length} values for ${nc} categories`);
    for (const v of s.values) if (!(v >= 0 && Number.isFinite(v))) throw new ValidationError(`bar chart: value ${v} of ${s.name} must be finite and ≥ 0`);
  }
  const values = c.series.flatMap((s) => s.values);
  const integer = values.every(Number.isInteger);
  const longest = Math.max(...c.categories.map((l) => l.length));
  const width = c.width ?? Math.max(720, Math.min(1400, 110 + nc * Math.max(ns * 14, 22)));
  const left = 72, right = ns > 1 ? 170 : 24;
  const plotW = width - left - right;
  const slot = plotW / nc;
  const rotate = longest * CHAR_W > slot * 0.95;
  const bottom = 44 + (rotate ? Math.min(150, longest * CHAR_W * 0.77) : 16);
  const height = c.height ?? 400 + (rotate ? bottom - 60 : 0);
  const top = c.note === undefined ? 40 : 52;
  const f: Frame = { width, height, left, top, plotW, plotH: height - top - bottom };
  const ticks = linearTicks(0, Math.max(...values), 6, integer);
  const Y = (v: number): number => f.top + f.plotH - (v / ticks.max) * f.plotH;
  const out = openChart(f, c, 'bar');
  out.push(...yAxis(f, ticks, Y, null));
  const barW = (slot * 0.8) / ns;
  const labels = c.valueLabels ?? nc * ns <= 24;
  const muted = new Set(c.muted ?? []);
  out.push('<g class="bars">');
  c.categories.forEach((cat, i) => {
    c.series.forEach((s, j) => {
      const v = s.values[i]!;
      const x = f.left + i * slot + slot * 0.1 + j * barW;
      const fill = muted.has(cat) ? '#9a9a9a' : colorOf(j);
      out.push(`<rect class="bar" data-category="${esc(cat)}" data-series="${esc(s.name)}" data-value="${v}" x="${px(x)}" y="${px(Y(v))}" width="${px(barW)}" height="${px(Y(0) - Y(v))}" fill="${fill}"/>`);
      if (labels) out.push(`<text x="${px(x + barW / 2)}" y="${px(Y(v) - 4)}" text-anchor="middle" font-size="10" fill="#333">${esc(valueText(v))}</text>`);
    });
  });
  out.push('</g>', '<g class="xticks" font-size="11" fill="#333">');
  const base = f.top + f.plotH;
  c.categories.forEach((cat, i) => {
    const x = f.left + (i + 0.5) * slot;
    out.push(rotate
      ? `<text transform="translate(${px(x + 3)} ${base + 10}) rotate(-50)" text-anchor="end">${esc(cat)}</text>`
      : `<text x="${px(x)}" y="${base + 16}" text-anchor="middle">${esc(cat)}</text>`);
  });
  out.push('</g>', axisLines(f));
  if (ns > 1) {
    out.push('<g class="legend" font-size="12" fill="#111">');
    c.series.forEach((s, j) => {
      const y = f.top + 8 + j * 20;
      out.push(`<rect x="${f.left + f.plotW + 16}" y="${y - 8}" width="14" height="12" fill="${colorOf(j)}"/><text x="${f.left + f.plotW + 36}" y="${y + 2}">${esc(s.name)}</text>`);
    });
    out.push('</g>');
  }
  out.push('</svg>');
  return out.join('\n');
}

/** A standalone SVG file: the XML declaration and the chart. */
export function svgFile(svg: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${svg}\n`;
}
