/** Circuit drawings: text for the terminal and self-contained SVG, from one layout. */
import type { Circuit } from '../circuit/circuit.js';
import { drawSvg } from './svg.js';
import { drawText, type DrawOptions } from './text.js';

export { drawText, textPages } from './text.js';
export type { DrawOptions } from './text.js';
export { drawSvg } from './svg.js';
export { layoutCircuit, paginate, MAX_DRAW_WIRES } from './layout.js';
export type { Layout, Layer, DrawnOp, Shape, Wire, Page } from './layout.js';
export { formatAngle, gateLabel } from './labels.js';

/** Options of draw(): the drawing's format and its DrawOptions. */
export interface DrawFormatOptions extends DrawOptions {
  /** 'text' (default) or 'svg'. */
  readonly format?: 'text' | 'svg';
}

/** The circuit drawn as text (default) or as an SVG document. */
export function draw(circuit: Circuit, options: DrawFormatOptions = {}): string {
  return options.format === 'svg' ? drawSvg(circuit, options) : drawText(circuit, options);
}
