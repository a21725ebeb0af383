/**
 * Line and scatter charts as SVG text: each series a polyline with point markers (or markers
 * only), optional vertical error bars, a legend, and linear or logarithmic axes (log base 10, or
 * base 2 for sizes n = 2^k). Each marker is `<circle class="point" data-series data-x data-y>`.
 */
import { ValidationError } from '../compiler/errors.js';
import { linearTicks, logTicks, type Ticks } from './ticks.js';
import { axisLines, colorOf, esc, openChart, px, tickLabel, yAxis, type ChartText, type Frame } from './svg.js';

export interface LineSeries {
  readonly name: string;
  readonly points: readonly (readonly [number, number])[];
  /** ± half-widths of vertical error bars, one per point. */
  readonly errors?: readonly number[];
  /** SVG stroke-dasharray, e.g. "6 4"; solid when absent. */
  readonly dash?: string;
  /** Markers without the connecting line. */
  readonly scatter?: boolean;
}

/** 'linear', or a log axis of that base. */
export type AxisScale = 'linear' | { readonly log: 10 | 2 };

export interface LineChart extends ChartText {
  readonly series: readonly LineSeries[];
  readonly xScale?: AxisScale;
  readonly yScale?: AxisScale;
  /** Force the linear y axis to include 0 (default true for linear y). */
  readonly yZero?: boolean;
  /** Legend at the right of the plot (default) or in rows under the x label (for narrow figures side by side). */
  readonly legend?: 'right' | 'bottom';
  /** Shift each series a few pixels sideways so coinciding points and error bars stay visible. */
  readonly dodge?: boolean;
  readonly width?: number;
  readonly height?: number;
}

/** Ticks and the value → [0, 1] map of one axis over the data values. */
function axis(values: readonly number[], scale: AxisScale, zero: boolean, target: number): { ticks: Ticks; unit: (v: number) => number; log: number | null } {
  if (scale === 'linear') {
    const integer = values.every(Number.isInteger);
    const ticks = linearTicks(Math.min(...values, ...(zero ? [0] : [])), Math.max(...values, ...(zero ? [0] : [])), target, integer);
    return { ticks, unit: (v) => (v - ticks.min) / (ticks.max - ticks.min), log: null };
  }
  const b = scale.log;
  if (values.some((v) => !(v > 0))) throw new ValidationError(`line chart: a value ≤ 0 cannot be drawn on a log axis (${values.find((v) => !(v > 0))})`);
  const ticks = logTicks(Math.min(...values), Math.max(...values), b, target);
  const lg = (v: number): number => Math.log(v) / Math.log(b);
  return { ticks, unit: (v) => (lg(v) - lg(ticks.min)) / (lg(ticks.max) - lg(ticks.min)), log: b };
}

/** The chart as an SVG element (no XML declaration). */
export function lineChartSvg(c: LineChart): string {
  const pts = c.series.flatMap((s) => s.points);
  if (pts.length === 0) throw new ValidationError('line chart: no points to draw');
  for (const [x, y] of pts) if (!Number.isFinite(x) || !Number.isFinite(y)) throw new ValidationError(`line chart: point (${x}, ${y}) is not finite`);
  const bottomLegend = c.legend === 'bottom';
  const legendRows = bottomLegend ? c.series.length : 0;
  const width = c.width ?? 640, height = (c.height ?? 380) + legendRows * 18;
  const legendW = bottomLegend ? 0 : Math.min(260, 40 + 6.6 * Math.max(...c.series.map((s) => s.name.length)));
  const top = c.note === undefined ? 40 : 52;
  const f: Frame = { width, height, left: 76, top, plotW: width - 76 - legendW - 16, plotH: height - top - 56 - legendRows * 18, xLabelY: height - 10 - legendRows * 18 };
  const ys = c.series.flatMap((s) => s.points.map(([, y], i) => [y - (s.errors?.[i] ?? 0), y + (s.errors?.[i] ?? 0)]).flat());
  const xa = axis(pts.map(([x]) => x), c.xScale ?? 'linear', false, 8);
  const ya = axis(c.yScale === undefined || c.yScale === 'linear' ? ys : pts.map(([, y]) => y), c.yScale ?? 'linear', c.yZero ?? true, 6);
  const X0 = (v: number): number => f.left + xa.unit(v) * f.plotW;
  const Y = (v: number): number => f.top + f.plotH - ya.unit(v) * f.plotH;
  const out = openChart(f, c, 'line');
  out.push(...yAxis(f, ya.ticks, Y, ya.log));
  out.push('<g class="grid" stroke="#f0f0f0" stroke-width="1">');
  for (const v of xa.ticks.values) out.push(`<line x1="${px(X0(v))}" y1="${f.top}" x2="${px(X0(v))}" y2="${f.top + f.plotH}"/>`);
  out.push('</g>', '<g class="xticks" font-size="11" fill="#333" text-anchor="middle">');
  for (const v of xa.ticks.values) out.push(`<text x="${px(X0(v))}" y="${f.top + f.plotH + 17}">${tickLabel(v, xa.ticks, xa.log)}</text>`);
  out.push('</g>', axisLines(f));
  c.series.forEach((s, i) => {
    const color = colorOf(i);
    const dash = s.dash === undefined ? '' : ` stroke-dasharray="${esc(s.dash)}"`;
    const shift = c.dodge ? (i - (c.series.length - 1) / 2) * 4 : 0;
    const X = (v: number): number => X0(v) + shift;
    out.push(`<g class="series" data-name="${esc(s.name)}">`);
    if (!s.scatter && s.points.length > 1) out.push(`<path d="${s.points.map(([x, y], j) => `${j === 0 ? 'M' : 'L'}${px(X(x))},${px(Y(y))}`).join(' ')}" fill="none" stroke="${color}" stroke-width="2"${dash}/>`);
    s.points.forEach(([x, y], j) => {
      const e = s.errors?.[j];
      if (e !== undefined && e > 0 && (c.yScale ?? 'linear') === 'linear') {
        const [x0, y0, y1] = [X(x), Y(y - e), Y(y + e)];
        out.push(`<line class="error" x1="${px(x0)}" y1="${px(y0)}" x2="${px(x0)}" y2="${px(y1)}" stroke="${color}" stroke-width="1.2"/>`);
        for (const yy of [y0, y1]) out.push(`<line class="cap" x1="${px(x0 - 3)}" y1="${px(yy)}" x2="${px(x0 + 3)}" y2="${px(yy)}" stroke="${color}" stroke-width="1.2"/>`);
      }
      out.push(`<circle class="point" data-series="${esc(s.name)}" data-x="${x}" data-y="${y}" cx="${px(X(x))}" cy="${px(Y(y))}" r="3" fill="${color}"/>`);
    });
    out.push('</g>');
    const [lx, ly] = bottomLegend ? [f.left, f.top + f.plotH + 58 + i * 18] : [f.left + f.plotW + 16, f.top + 8 + i * 20];
    out.push(`<g class="legend"><line x1="${lx}" y1="${ly}" x2="${lx + 26}" y2="${ly}" stroke="${color}" stroke-width="2"${dash}/><circle cx="${lx + 13}" cy="${ly}" r="3" fill="${color}"/><text x="${lx + 32}" y="${ly + 4}" font-size="12" fill="#111">${esc(s.name)}</text></g>`);
  });
  out.push('</svg>');
  return out.join('\n');
}
