/**
 * SVG drawings: the text layout's grid scaled to pixels (a column is CW wide, a row RH high), so
 * the picture has the same columns, folds and labels as the terminal drawing. The file is
 * self-contained (inline style, no fonts or scripts) and every drawn operation is one
 * `<g class="op" data-gate="…" data-index="…">` element.
 */
import type { Circuit } from '../circuit/circuit.js';
import { principalAngle } from '../circuit/pow.js';
import { formatAngle } from './labels.js';
import { layoutCircuit, paginate, type Layer, type Layout, type Shape } from './layout.js';
import type { DrawOptions } from './text.js';

const CW = 9;
const RH = 16;
const PAGE_GAP = 2 * RH;

const STYLE = `
.bg{fill:#fff}
.wire{stroke:#444;stroke-width:1}
.cwire{stroke:#444;stroke-width:1}
.box{fill:#eef3fb;stroke:#1f3b66;stroke-width:1.2}
.box.m{fill:#f4f4f4;stroke:#333}
.conn{stroke:#1f3b66;stroke-width:1.5}
.cconn{stroke:#555;stroke-width:1}
.dot{fill:#1f3b66}
.target{fill:#fff;stroke:#1f3b66;stroke-width:1.5}
.cross{stroke:#1f3b66;stroke-width:2}
.barrier{fill:#ddd;fill-opacity:0.6;stroke:#888;stroke-dasharray:3 2}
text{font-family:ui-monospace,Menlo,Consolas,'DejaVu Sans Mono',monospace;font-size:13px;fill:#111;dominant-baseline:central}
.label{text-anchor:middle}
.arg{font-size:10px;fill:#555}
.small{font-size:10px;text-anchor:middle;fill:#333}
.wlabel{text-anchor:end}
`.trim();

/** Text safe inside an XML element or attribute. */
/** Text made safe inside SVG/XML content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

const n = (v: number): string => String(Math.round(v * 100) / 100);
const cx = (col: number): number => (col + 0.5) * CW;
const cy = (row: number): number => (row + 0.5) * RH;
const line = (x1: number, y1: number, x2: number, y2: number, cls: string): string =>
  `<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" class="${cls}"/>`;

/** SVG elements of one shape with its layer centre at grid column x. */
function shapeSvg(s: Shape, x: number, gate: string): string {
  switch (s.kind) {
    case 'box': {
      const x0 = cx(x + s.c0), x1 = cx(x + s.c1), y0 = cy(s.r0) + 2, y1 = cy(s.r1) - 2;
      const parts = [`<rect x="${n(x0)}" y="${n(y0)}" width="${n(x1 - x0)}" height="${n(y1 - y0)}" rx="3" class="box${gate === 'measure' ? ' m' : ''}"/>`];
      const argW = s.args.length > 0 ? (Math.max(...s.args.map((a) => a.text.length)) + 1) * CW : 0;
      for (const a of s.args) parts.push(`<text x="${n(x0 + 4)}" y="${n(cy(a.row))}" class="arg">${escapeXml(a.text)}</text>`);
      parts.push(`<text x="${n((x0 + argW + x1) / 2)}" y="${n(cy(s.labelRow))}" class="label">${escapeXml(s.label)}</text>`);
      return parts.join('');
    }
    case 'dot': return `<circle cx="${n(cx(x + s.col))}" cy="${n(cy(s.row))}" r="4.5" class="dot"/>`;
    case 'target': {
      const px = cx(x + s.col), py = cy(s.row), r = 7.5;
      return `<circle cx="${n(px)}" cy="${n(py)}" r="${r}" class="target"/>${line(px - r, py, px + r, py, 'conn')}${line(px, py - r, px, py + r, 'conn')}`;
    }
    case 'cross': {
      const px = cx(x + s.col), py = cy(s.row), d = 5;
      return `${line(px - d, py - d, px + d, py + d, 'cross')}${line(px - d, py + d, px + d, py - d, 'cross')}`;
    }
    case 'line': {
      const px = cx(x + s.col), y0 = cy(s.r0), y1 = cy(s.r1);
      return s.double ? `${line(px - 1.5, y0, px - 1.5, y1, 'cconn')}${line(px + 1.5, y0, px + 1.5, y1, 'cconn')}` : line(px, y0, px, y1, 'conn');
    }
    case 'barrier': {
      const px = cx(x + s.col);
      return `<rect x="${n(px - CW / 2)}" y="${n(cy(s.r0) - RH / 2)}" width="${CW}" height="${n(cy(s.r1) - cy(s.r0) + RH)}" class="barrier"/>`;
    }
    case 'text': return `<text x="${n(cx(x + s.col))}" y="${n(cy(s.row))}" class="small">${escapeXml(s.text)}</text>`;
    default: {
      const never: never = s;
      throw new Error(`draw: unhandled shape ${JSON.stringify(never)}`);
    }
  }
}

/** One page: labels, wires and operations, its top at y. */
function pageSvg(layout: Layout, layers: readonly Layer[], x0: number, x1: number, labelWidth: number, y: number, first: boolean, last: boolean): string {
  const off = labelWidth + 1 - x0;
  const out = [`<g class="page" transform="translate(${CW},${n(y)})">`];
  const right = cx(x1 - 1 + off);
  for (const w of layout.wires) {
    const wy = cy(w.row);
    out.push(`<text x="${n(labelWidth * CW)}" y="${n(wy)}" class="wlabel">${escapeXml(w.label.trimStart())}</text>`);
    if (!first) out.push(`<text x="${n(cx(labelWidth))}" y="${n(wy)}" class="label">«</text>`);
    const left = cx(labelWidth + 1);
    if (w.classical) out.push(line(left, wy - 1.5, right, wy - 1.5, 'cwire'), line(left, wy + 1.5, right, wy + 1.5, 'cwire'));
    else out.push(line(left, wy, right, wy, 'wire'));
    if (!last) out.push(`<text x="${n(right + CW)}" y="${n(wy)}">»</text>`);
  }
  for (const layer of layers) {
    for (const op of layer.ops) {
      out.push(`<g class="op" data-gate="${escapeXml(op.gate)}" data-index="${op.index}">${op.shapes.map((s) => shapeSvg(s, layer.center + off, op.gate)).join('')}</g>`);
    }
  }
  out.push('</g>');
  return out.join('\n');
}

/** The circuit as a self-contained SVG document (same layout as drawText; not folded unless `fold` is given). */
export function drawSvg(circuit: Circuit, options: DrawOptions = {}): string {
  const layout = layoutCircuit(circuit);
  const max = options.maxColumns ?? 0;
  const shown = max > 0 ? Math.min(max, layout.layers.length) : layout.layers.length;
  const labelWidth = Math.max(0, ...layout.wires.map((w) => w.label.length));
  const pages = paginate(layout.layers, shown, options.fold ?? 0, labelWidth);
  const phase = principalAngle(layout.globalPhase);
  const notes: string[] = [];
  if (phase !== 0) notes.push(`global phase: ${formatAngle(phase)}`);
  if (shown < layout.layers.length) {
    const rest = layout.layers.slice(shown).reduce((k, l) => k + l.ops.length, 0);
    notes.push(`… ${(layout.layers.length - shown).toLocaleString('en-US')} more columns (${rest.toLocaleString('en-US')} operations) not drawn`);
  }
  const top = notes.length > 0 ? (notes.length + 0.5) * RH : 0;
  const pageH = layout.rows * RH;
  const width = Math.max(...pages.map((p) => (labelWidth + 1 + p.x1 - p.x0 + 3) * CW), 200);
  const height = top + pages.length * pageH + (pages.length - 1) * PAGE_GAP;
  const body = pages.map((p, k) => pageSvg(layout, layout.layers.slice(p.from, p.to), p.x0, p.x1, labelWidth, top + k * (pageH + PAGE_GAP), k === 0, k === pages.length - 1));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(width)}" height="${n(height)}" viewBox="0 0 ${n(width)} ${n(height)}">`,
    `<title>circuit: ${circuit.numQubits} qubits, ${layout.operations} operations</title>`,
    `<style>${STYLE}</style>`,
    `<rect class="bg" x="0" y="0" width="${n(width)}" height="${n(height)}"/>`,
    ...notes.map((t, i) => `<text x="${CW}" y="${n(RH * (0.75 + i))}">${escapeXml(t)}</text>`),
    ...body,
    '</svg>',
    '',
  ].join('\n');
}
