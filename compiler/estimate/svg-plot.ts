/**
 * A dependency-free log–log line chart as SVG text (axes, decade ticks, grid, legend), for
 * `qntk estimate --plot`. Pure: returns the document; the CLI writes it atomically.
 */
import { ValidationError } from '../errors.js';

export interface PlotSeries {
  readonly name: string;
  readonly points: readonly (readonly [number, number])[];
  /** SVG stroke-dasharray, e.g. "6 4" (dashed) or "2 3" (dotted); solid when absent. */
  readonly dash?: string;
}

export interface LogLogPlot {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly PlotSeries[];
  /** x ticks as powers of this base (default 2: 2^k labels); y ticks are powers of 10. */
  readonly xBase?: number;
}

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b'];
const W = 960, H = 500, L = 80, R = 330, T = 44, B = 60;

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Render the chart. Non-positive values cannot sit on a log axis and are rejected. */
export function logLogSvg(p: LogLogPlot): string {
  const pts = p.series.flatMap((s) => s.points);
  if (pts.length === 0) throw new ValidationError('plot: no points to draw');
  for (const [x, y] of pts) if (!(x > 0 && y > 0 && Number.isFinite(x) && Number.isFinite(y))) throw new ValidationError(`plot: point (${x}, ${y}) cannot be drawn on log axes`);
  const xb = p.xBase ?? 2;
  const lx = (x: number): number => Math.log(x) / Math.log(xb);
  const ly = Math.log10;
  let x0 = Math.floor(Math.min(...pts.map(([x]) => lx(x)))), x1 = Math.ceil(Math.max(...pts.map(([x]) => lx(x))));
  let y0 = Math.floor(Math.min(...pts.map(([, y]) => ly(y)))), y1 = Math.ceil(Math.max(...pts.map(([, y]) => ly(y))));
  if (x1 === x0) x1++;
  if (y1 === y0) y1++;
  const pw = W - L - R, ph = H - T - B;
  const X = (x: number): number => L + ((lx(x) - x0) / (x1 - x0)) * pw;
  const Y = (y: number): number => T + ph - ((ly(y) - y0) / (y1 - y0)) * ph;
  const out: string[] = [];
  out.push(`<?xml version="1.0" encoding="UTF-8"?>`);
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="white"/>`);
  out.push(`<text x="${L + pw / 2}" y="22" text-anchor="middle" font-size="15">${esc(p.title)}</text>`);
  out.push(`<g class="grid" stroke="#ddd" stroke-width="1">`);
  const xStep = Math.max(1, Math.ceil((x1 - x0) / 14));
  for (let k = x0; k <= x1; k += xStep) out.push(`<line x1="${X(xb ** k).toFixed(1)}" y1="${T}" x2="${X(xb ** k).toFixed(1)}" y2="${T + ph}"/>`);
  const yStep = Math.max(1, Math.ceil((y1 - y0) / 12));
  for (let k = y0; k <= y1; k += yStep) out.push(`<line x1="${L}" y1="${Y(10 ** k).toFixed(1)}" x2="${L + pw}" y2="${Y(10 ** k).toFixed(1)}"/>`);
  out.push(`</g>`);
  out.push(`<g class="axes" stroke="black" stroke-width="1.5"><line x1="${L}" y1="${T + ph}" x2="${L + pw}" y2="${T + ph}"/><line x1="${L}" y1="${T}" x2="${L}" y2="${T + ph}"/></g>`);
  out.push(`<g class="ticks">`);
  for (let k = x0; k <= x1; k += xStep) {
    const x = X(xb ** k).toFixed(1);
    out.push(`<line x1="${x}" y1="${T + ph}" x2="${x}" y2="${T + ph + 5}" stroke="black"/><text x="${x}" y="${T + ph + 18}" text-anchor="middle">${xb}<tspan dy="-5" font-size="9">${k}</tspan></text>`);
  }
  for (let k = y0; k <= y1; k += yStep) {
    const y = Y(10 ** k).toFixed(1);
    out.push(`<line x1="${L - 5}" y1="${y}" x2="${L}" y2="${y}" stroke="black"/><text x="${L - 8}" y="${(Number(y) + 4).toFixed(1)}" text-anchor="end">10<tspan dy="-5" font-size="9">${k}</tspan></text>`);
  }
  out.push(`</g>`);
  out.push(`<text x="${L + pw / 2}" y="${H - 15}" text-anchor="middle">${esc(p.xLabel)}</text>`);
  out.push(`<text transform="translate(18 ${T + ph / 2}) rotate(-90)" text-anchor="middle">${esc(p.yLabel)}</text>`);
  p.series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length]!;
    const d = s.points.map(([x, y], j) => `${j === 0 ? 'M' : 'L'}${X(x).toFixed(1)},${Y(y).toFixed(1)}`).join(' ');
    out.push(`<g class="series" data-name="${esc(s.name)}">`);
    out.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${esc(s.dash)}"` : ''}/>`);
    for (const [x, y] of s.points) out.push(`<circle cx="${X(x).toFixed(1)}" cy="${Y(y).toFixed(1)}" r="2.5" fill="${color}"/>`);
    out.push(`</g>`);
    const ly0 = T + 10 + i * 22;
    out.push(`<g class="legend"><line x1="${L + pw + 15}" y1="${ly0}" x2="${L + pw + 45}" y2="${ly0}" stroke="${color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${esc(s.dash)}"` : ''}/><text x="${L + pw + 52}" y="${ly0 + 4}">${esc(s.name)}</text></g>`);
  });
  out.push(`</svg>`);
  return `${out.join('\n')}\n`;
}
