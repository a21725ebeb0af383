/**
 * Shared pieces of the report's SVG charts: escaping, the palette, the frame (title, plot area,
 * axis labels) and the ticks of one axis drawn as text. Charts are plain strings of SVG elements
 * with presentation attributes only (no <style>), so several can sit inline in one HTML page.
 */
import { escapeXml } from '../compiler/draw/svg.js';
import { formatLinear, formatPower, type Ticks } from './ticks.js';

/** Text safe inside an XML element or attribute. */
export const esc = escapeXml;

/** A coordinate with at most two decimals. */
export const px = (v: number): string => String(Math.round(v * 100) / 100);

/** Okabe–Ito colours, distinguishable with colour-vision deficiencies. @see https://jfly.uni-koeln.de/color/ */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'] as const;
export const colorOf = (i: number): string => PALETTE[i % PALETTE.length]!;

export const FONT = "font-family=\"'Helvetica Neue', Helvetica, Arial, sans-serif\"";

/** Geometry of a chart: the whole picture and the plot area inside its margins. */
export interface Frame {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly top: number;
  readonly plotW: number;
  readonly plotH: number;
  /** Baseline of the x label (default 10 px above the bottom). */
  readonly xLabelY?: number;
}

/** Labels of a chart. */
export interface ChartText {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** A smaller line under the title (e.g. what an "other" bar holds). */
  readonly note?: string;
}

/** The opening of a chart document: root element, title, background, title text and note. */
export function openChart(f: Frame, t: ChartText, kind: string): string[] {
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="qntk-chart" data-kind="${kind}" width="${f.width}" height="${f.height}" viewBox="0 0 ${f.width} ${f.height}" role="img" ${FONT} font-size="12">`,
    `<title>${esc(t.title)}</title>`,
    `<rect x="0" y="0" width="${f.width}" height="${f.height}" fill="#ffffff"/>`,
    `<text x="${px(f.left + f.plotW / 2)}" y="20" text-anchor="middle" font-size="15" font-weight="600" fill="#111">${esc(t.title)}</text>`,
  ];
  if (t.note !== undefined) out.push(`<text class="note" x="${px(f.left + f.plotW / 2)}" y="37" text-anchor="middle" font-size="11" fill="#555">${esc(t.note)}</text>`);
  out.push(`<text class="xlabel" x="${px(f.left + f.plotW / 2)}" y="${px(f.xLabelY ?? f.height - 10)}" text-anchor="middle" font-size="13" fill="#111">${esc(t.xLabel)}</text>`);
  out.push(`<text class="ylabel" transform="translate(16 ${px(f.top + f.plotH / 2)}) rotate(-90)" text-anchor="middle" font-size="13" fill="#111">${esc(t.yLabel)}</text>`);
  return out;
}

/** A tick label as SVG text content: plain, or base with a superscript exponent. */
export function tickLabel(v: number, ticks: Ticks, log: number | null): string {
  if (log === null) return esc(formatLinear(v, ticks.decimals));
  const p = formatPower(v, log);
  return p.exponent === null ? esc(p.base) : `${esc(p.base)}<tspan dy="-6" font-size="9">${p.exponent}</tspan>`;
}

/** Horizontal grid lines and y tick labels at the given pixel positions. */
export function yAxis(f: Frame, ticks: Ticks, at: (v: number) => number, log: number | null): string[] {
  const out = ['<g class="grid" stroke="#e3e3e3" stroke-width="1">'];
  for (const v of ticks.values) out.push(`<line x1="${f.left}" y1="${px(at(v))}" x2="${f.left + f.plotW}" y2="${px(at(v))}"/>`);
  out.push('</g>', '<g class="yticks" font-size="11" fill="#333" text-anchor="end">');
  for (const v of ticks.values) out.push(`<text x="${f.left - 7}" y="${px(at(v) + 4)}">${tickLabel(v, ticks, log)}</text>`);
  out.push('</g>');
  return out;
}

/** The two axis lines of the plot area. */
export function axisLines(f: Frame): string {
  const b = f.top + f.plotH;
  return `<g class="axes" stroke="#222" stroke-width="1.2"><line x1="${f.left}" y1="${b}" x2="${f.left + f.plotW}" y2="${b}"/><line x1="${f.left}" y1="${f.top}" x2="${f.left}" y2="${b}"/></g>`;
}
