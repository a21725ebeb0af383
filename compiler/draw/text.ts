/**
 * Text drawings for the terminal: box-drawing characters on the layout's grid. Each cell keeps
 * the line segments that meet in it (up, right, down, left; light for qubit wires and boxes,
 * double for classical wires and measurement), so crossing and touching lines merge into the
 * right character (a box border on a wire is ┤ or ├, two stacked boxes share ├───┤).
 */
import type { Circuit } from '../circuit/circuit.js';
import { principalAngle } from '../circuit/pow.js';
import { formatAngle } from './labels.js';
import { layoutCircuit, paginate, type Layer, type Layout, type Shape } from './layout.js';

/** Options of drawText and drawSvg. */
export interface DrawOptions {
  /** Fold the drawing into pages this many characters wide; 0 never folds (text default 80, SVG default 0). */
  readonly fold?: number;
  /** Draw only the first this many columns of operations and say how many were left out (default: all). */
  readonly maxColumns?: number;
}

const N = 0, E = 2, S = 4, W = 6;
const LIGHT = 1, DOUBLE = 2;

/** Glyphs by direction mask (N 1, E 2, S 4, W 8) for light/light, double/double, light vertical with double horizontal, and the reverse. */
const GLYPHS: readonly (readonly [string, string, string, string])[] = [
  [' ', ' ', ' ', ' '], ['│', '║', '│', '║'], ['─', '═', '═', '─'], ['└', '╚', '╘', '╙'],
  ['│', '║', '│', '║'], ['│', '║', '│', '║'], ['┌', '╔', '╒', '╓'], ['├', '╠', '╞', '╟'],
  ['─', '═', '═', '─'], ['┘', '╝', '╛', '╜'], ['─', '═', '═', '─'], ['┴', '╩', '╧', '╨'],
  ['┐', '╗', '╕', '╖'], ['┤', '╣', '╡', '╢'], ['┬', '╦', '╤', '╥'], ['┼', '╬', '╪', '╫'],
];

/** The character of a cell from its segments (2 bits per direction: 0 none, 1 light, 2 double). */
function glyph(m: number): string {
  const n = (m >> N) & 3, e = (m >> E) & 3, s = (m >> S) & 3, w = (m >> W) & 3;
  const dirs = (n ? 1 : 0) | (e ? 2 : 0) | (s ? 4 : 0) | (w ? 8 : 0);
  const v = Math.max(n, s), h = Math.max(e, w);
  const style = v === DOUBLE ? (h === DOUBLE || h === 0 ? 1 : 3) : h === DOUBLE ? (v === 0 ? 1 : 2) : 0;
  return GLYPHS[dirs]![style]!;
}

/** A character grid with line segments and overriding characters. */
class Grid {
  readonly mask: Uint8Array;
  readonly chars: string[];
  constructor(readonly rows: number, readonly cols: number) {
    this.mask = new Uint8Array(rows * cols);
    this.chars = new Array<string>(rows * cols).fill('');
  }

  private inside(r: number, c: number): boolean {
    return r >= 0 && r < this.rows && c >= 0 && c < this.cols;
  }

  seg(r: number, c: number, dir: number, style: number): void {
    if (!this.inside(r, c)) return;
    const i = r * this.cols + c;
    const cur = (this.mask[i]! >> dir) & 3;
    if (style > cur) this.mask[i] = (this.mask[i]! & ~(3 << dir)) | (style << dir);
  }

  cut(r: number, c: number, dir: number): void {
    if (this.inside(r, c)) this.mask[r * this.cols + c]! &= ~(3 << dir);
  }

  hline(r: number, c0: number, c1: number, style: number): void {
    for (let c = c0; c <= c1; c++) {
      if (c > c0) this.seg(r, c, W, style);
      if (c < c1) this.seg(r, c, E, style);
    }
  }

  vline(c: number, r0: number, r1: number, style: number): void {
    for (let r = r0; r <= r1; r++) {
      if (r > r0) this.seg(r, c, N, style);
      if (r < r1) this.seg(r, c, S, style);
    }
  }

  put(r: number, c: number, ch: string): void {
    if (this.inside(r, c)) this.chars[r * this.cols + c] = ch;
  }

  text(r: number, c: number, s: string): void {
    [...s].forEach((ch, i) => this.put(r, c + i, ch));
  }

  line(r: number): string {
    let out = '';
    for (let c = 0; c < this.cols; c++) {
      const i = r * this.cols + c;
      out += this.chars[i] !== '' ? this.chars[i] : glyph(this.mask[i]!);
    }
    return out;
  }
}

/** Paint one shape with its layer centre at grid column `x`. */
function paint(g: Grid, s: Shape, x: number): void {
  switch (s.kind) {
    case 'box': {
      const c0 = x + s.c0, c1 = x + s.c1;
      for (let r = s.r0 + 1; r < s.r1; r++) {
        for (let c = c0 + 1; c < c1; c++) {
          g.cut(r, c, N); g.cut(r, c, E); g.cut(r, c, S); g.cut(r, c, W);
          g.put(r, c, ' ');
        }
        g.cut(r, c0, E);
        g.cut(r, c1, W);
      }
      g.hline(s.r0, c0, c1, LIGHT);
      g.hline(s.r1, c0, c1, LIGHT);
      g.vline(c0, s.r0, s.r1, LIGHT);
      g.vline(c1, s.r0, s.r1, LIGHT);
      const width = c1 - c0 - 1;
      const argWidth = s.args.length > 0 ? Math.max(...s.args.map((a) => a.text.length)) + 1 : 0;
      for (const a of s.args) g.text(a.row, c0 + 1, a.text);
      const free = width - argWidth;
      g.text(s.labelRow, c0 + 1 + argWidth + Math.floor((free - [...s.label].length) / 2), s.label);
      return;
    }
    case 'dot': return g.put(s.row, x + s.col, '●');
    case 'target': return g.put(s.row, x + s.col, '⊕');
    case 'cross': return g.put(s.row, x + s.col, '╳');
    case 'line': return g.vline(x + s.col, s.r0, s.r1, s.double ? DOUBLE : LIGHT);
    case 'barrier':
      for (let r = s.r0; r <= s.r1; r++) g.put(r, x + s.col, '░');
      return;
    case 'text': return g.text(s.row, x + s.col - Math.floor(([...s.text].length - 1) / 2), s.text);
    default: {
      const never: never = s;
      throw new Error(`draw: unhandled shape ${JSON.stringify(never)}`);
    }
  }
}

/** Lines of one page: wires, then every operation of its layers. */
function renderPage(layout: Layout, layers: readonly Layer[], x0: number, x1: number): string[] {
  const g = new Grid(layout.rows, x1 - x0);
  for (const w of layout.wires) g.hline(w.row, 0, x1 - x0 - 1, w.classical ? DOUBLE : LIGHT);
  for (const layer of layers) for (const op of layer.ops) for (const s of op.shapes) paint(g, s, layer.center - x0);
  return Array.from({ length: layout.rows }, (_, r) => g.line(r));
}

/** A drawing with its layout, for renderers that add to it. */
export function textPages(circuit: Circuit, options: DrawOptions = {}): { layout: Layout; shown: number; lines: string[] } {
  const layout = layoutCircuit(circuit);
  const max = options.maxColumns ?? 0;
  const shown = max > 0 ? Math.min(max, layout.layers.length) : layout.layers.length;
  const labelWidth = Math.max(0, ...layout.wires.map((w) => w.label.length));
  const pages = paginate(layout.layers, shown, options.fold ?? 80, labelWidth);
  const lines: string[] = [];
  const phase = principalAngle(layout.globalPhase);
  if (phase !== 0) lines.push(`global phase: ${formatAngle(phase)}`);
  pages.forEach((page, k) => {
    if (k > 0) lines.push('');
    const body = renderPage(layout, layout.layers.slice(page.from, page.to), page.x0, page.x1);
    const isWire = new Map(layout.wires.map((w) => [w.row, w]));
    const out = body.map((text, r) => {
      const w = isWire.get(r);
      const label = (w?.label ?? '').padEnd(labelWidth);
      const open = w !== undefined && k > 0 ? '«' : ' ';
      const close = w !== undefined && k < pages.length - 1 ? '»' : '';
      return `${label}${open}${text}${close}`.trimEnd();
    });
    while (out.length > 0 && out[out.length - 1] === '') out.pop();
    lines.push(...out);
  });
  if (shown < layout.layers.length) {
    const rest = layout.layers.slice(shown).reduce((n, l) => n + l.ops.length, 0);
    lines.push(`… ${(layout.layers.length - shown).toLocaleString('en-US')} more columns (${rest.toLocaleString('en-US')} operations) not drawn`);
  }
  return { layout, shown, lines };
}

/** The circuit as a text drawing (lines joined, ending with a newline). */
export function drawText(circuit: Circuit, options: DrawOptions = {}): string {
  return `${textPages(circuit, options).lines.join('\n')}\n`;
}
