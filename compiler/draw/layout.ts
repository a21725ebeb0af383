/**
 * The layout both renderers share: wires on a character grid (qubit w on row 2w + 1, then one
 * bundled row per classical register, with a row between any two wires for box borders and
 * labels), operations packed as early as possible into columns ("layers") such that no two in a
 * layer overlap vertically, and each operation described as shapes (boxes, control dots, targets,
 * connectors, barriers, text) on the grid. text.ts turns the shapes into characters, svg.ts into
 * SVG elements at the same grid positions, so both show the same drawing.
 */
import type { Circuit, Instruction, Register } from '../circuit/circuit.js';
import { paramValues } from '../circuit/parameters.js';
import { controlCount, gateSpec } from '../circuit/gates.js';
import { isNonUnitaryOperation } from '../circuit/kinds.js';
import { ValidationError } from '../errors.js';
import { gateLabel, instructionLabel, wireLabels } from './labels.js';

/** A shape at grid columns relative to its layer's centre column (0). */
export type Shape =
  | { readonly kind: 'box'; readonly r0: number; readonly r1: number; readonly c0: number; readonly c1: number; readonly label: string; readonly labelRow: number; readonly args: readonly { readonly row: number; readonly text: string }[] }
  | { readonly kind: 'dot' | 'target' | 'cross'; readonly row: number; readonly col: number }
  | { readonly kind: 'line'; readonly col: number; readonly r0: number; readonly r1: number; readonly double: boolean }
  | { readonly kind: 'barrier'; readonly col: number; readonly r0: number; readonly r1: number }
  | { readonly kind: 'text'; readonly row: number; readonly col: number; readonly text: string };

/** One drawn operation: the instruction's index in the circuit and its shapes. */
export interface DrawnOp {
  readonly index: number;
  readonly gate: string;
  readonly shapes: readonly Shape[];
  /** Columns the shapes reach left and right of the centre. */
  readonly left: number;
  readonly right: number;
}

export interface Layer {
  /** First grid column of the layer (after the label area and the one-column gap before it). */
  readonly x: number;
  readonly width: number;
  /** The centre column every operation of the layer is drawn around. */
  readonly center: number;
  readonly ops: readonly DrawnOp[];
}

export interface Wire {
  readonly label: string;
  readonly row: number;
  readonly classical: boolean;
}

export interface Layout {
  readonly wires: readonly Wire[];
  /** Grid rows (2 per wire plus one). */
  readonly rows: number;
  readonly layers: readonly Layer[];
  /** Sum of the global phases (gphase) of unconditioned instructions. */
  readonly globalPhase: number;
  /** Operations drawn (gphase excluded). */
  readonly operations: number;
}

/** Most wires (qubits plus classical registers) a drawing shows. */
export const MAX_DRAW_WIRES = 1024;

/** Registers that tile 0..n−1 in order, or one register `name` over all of them. */
function tile(regs: readonly Register[], n: number, name: string): readonly Register[] {
  let next = 0;
  for (const r of regs) {
    if (r.start !== next) return n > 0 ? [{ name, start: 0, size: n }] : [];
    next += r.size;
  }
  return next === n ? regs : n > 0 ? [{ name, start: 0, size: n }] : [];
}

const wireRow = (w: number): number => 2 * w + 1;

/** A box over wires a..b (inclusive) with `label`, optionally numbering the argument wires. */
function box(a: number, b: number, label: string, args: readonly { wire: number; text: string }[] = []): Shape {
  const argWidth = args.length > 0 ? Math.max(...args.map((x) => x.text.length)) + 1 : 0;
  const inner = label.length + 2 + argWidth;
  const c0 = -Math.floor((inner + 1) / 2), c1 = c0 + inner + 1;
  return {
    kind: 'box', r0: 2 * a, r1: 2 * b + 2, c0, c1, label, labelRow: a + b + 1,
    args: args.map((x) => ({ row: wireRow(x.wire), text: x.text })),
  };
}

const SYMMETRIC_PHASE = new Set(['cz', 'ccz', 'mcz']);

/** The shapes of a gate on qubits (wire indices). */
function gateShapes(inst: Instruction): Shape[] {
  const qs = inst.qubits;
  const spec = gateSpec(inst.gate);
  const shapes: Shape[] = [];
  const rows = qs.map(wireRow);
  const top = Math.min(...rows), bottom = Math.max(...rows);
  if (inst.gate === 'swap') return [{ kind: 'line', col: 0, r0: top, r1: bottom, double: false }, ...rows.map((row) => ({ kind: 'cross' as const, row, col: 0 }))];
  if (SYMMETRIC_PHASE.has(inst.gate)) return [{ kind: 'line', col: 0, r0: top, r1: bottom, double: false }, ...rows.map((row) => ({ kind: 'dot' as const, row, col: 0 }))];
  const nc = spec === undefined ? 0 : controlCount(spec, qs.length);
  if (nc > 0 && nc < qs.length) {
    const targets = qs.slice(nc);
    let span: [number, number];
    if (spec!.base === 'x' && targets.length === 1) {
      shapes.push({ kind: 'target', row: wireRow(targets[0]!), col: 0 });
      span = [wireRow(targets[0]!), wireRow(targets[0]!)];
    } else if (spec!.base === 'swap') {
      span = [Math.min(...targets.map(wireRow)), Math.max(...targets.map(wireRow))];
      shapes.push({ kind: 'line', col: 0, r0: span[0], r1: span[1], double: false });
      for (const t of targets) shapes.push({ kind: 'cross', row: wireRow(t), col: 0 });
    } else {
      const label = spec!.base !== undefined ? gateLabel(spec!.base, paramValues(inst)) : gateLabel('U', paramValues(inst));
      const b = box(Math.min(...targets), Math.max(...targets), label);
      shapes.push(b);
      span = [b.kind === 'box' ? b.r0 : 0, b.kind === 'box' ? b.r1 : 0];
    }
    const ctrlRows = qs.slice(0, nc).map(wireRow);
    const r0 = Math.min(span[0], ...ctrlRows), r1 = Math.max(span[1], ...ctrlRows);
    // The connector runs from the outermost control to the target, stopping at a box's border.
    const above = ctrlRows.filter((r) => r < span[0]), below = ctrlRows.filter((r) => r > span[1]);
    if (above.length > 0) shapes.unshift({ kind: 'line', col: 0, r0, r1: span[0], double: false });
    if (below.length > 0) shapes.unshift({ kind: 'line', col: 0, r0: span[1], r1, double: false });
    if (above.length === 0 && below.length === 0) shapes.unshift({ kind: 'line', col: 0, r0, r1, double: false });
    for (const r of ctrlRows) shapes.push({ kind: 'dot', row: r, col: 0 });
    return shapes;
  }
  if (qs.length <= 1) return [box(qs[0] ?? 0, qs[0] ?? 0, instructionLabel(inst))];
  const a = Math.min(...qs), b = Math.max(...qs);
  return [box(a, b, instructionLabel(inst), qs.map((q, i) => ({ wire: q, text: String(i) })))];
}

interface Pending {
  readonly index: number;
  readonly gate: string;
  readonly shapes: Shape[];
  readonly lo: number;
  readonly hi: number;
}

/** The extent of shapes around the centre column. */
function extent(shapes: readonly Shape[]): { left: number; right: number } {
  let left = 0, right = 0;
  for (const s of shapes) {
    if (s.kind === 'box') {
      left = Math.max(left, -s.c0);
      right = Math.max(right, s.c1);
    } else if (s.kind === 'text') {
      const start = s.col - Math.floor((s.text.length - 1) / 2);
      left = Math.max(left, -start);
      right = Math.max(right, start + s.text.length - 1);
    }
  }
  return { left, right };
}

/** Lay a circuit out on the grid (every operation; renderers may stop early). */
export function layoutCircuit(circuit: Circuit): Layout {
  const nq = circuit.numQubits;
  const cregs = tile(circuit.cregs, circuit.numClbits, 'c');
  if (nq + cregs.length > MAX_DRAW_WIRES) {
    throw new ValidationError(`cannot draw ${nq.toLocaleString('en-US')} qubits and ${cregs.length} classical registers: a drawing shows at most ${MAX_DRAW_WIRES} wires`);
  }
  const physical = circuit.metadata['physicalQubits'] === true;
  const qLabels = physical ? Array.from({ length: nq }, (_, i) => `$${i}`) : wireLabels(tile(circuit.qregs, nq, 'q'), nq, 'q');
  const wires: Wire[] = [
    ...qLabels.map((label, w) => ({ label, row: wireRow(w), classical: false })),
    ...cregs.map((r, k) => ({ label: `${r.name}/${r.size}`, row: wireRow(nq + k), classical: true })),
  ];
  const cregOf = (bit: number): number => cregs.findIndex((r) => bit >= r.start && bit < r.start + r.size);
  const ops: Pending[] = [];
  let globalPhase = 0;
  circuit.instructions.forEach((inst, index) => {
    if (inst.gate === 'gphase') {
      // A symbolic global phase has no value to add (the drawing notes numeric phases only).
      if (inst.condition === undefined && inst.exprs === undefined) globalPhase += inst.params[0] ?? 0;
      return;
    }
    if (inst.gate === 'barrier') {
      const qs = [...new Set(inst.qubits)].sort((x, y) => x - y);
      if (qs.length === 0) return;
      const shapes: Shape[] = [];
      for (let i = 0; i < qs.length;) {
        let j = i;
        while (j + 1 < qs.length && qs[j + 1] === qs[j]! + 1) j++;
        shapes.push({ kind: 'barrier', col: 0, r0: wireRow(qs[i]!), r1: wireRow(qs[j]!) });
        i = j + 1;
      }
      ops.push({ index, gate: inst.gate, shapes, lo: qs[0]!, hi: qs[qs.length - 1]! });
      return;
    }
    // Measure and reset of several qubits are drawn one qubit at a time.
    const parts: Instruction[] = isNonUnitaryOperation(inst) && inst.qubits.length > 1
      ? inst.qubits.map((q, i) => ({ ...inst, qubits: [q], ...(inst.clbits ? { clbits: [inst.clbits[i]!] } : {}) }))
      : [inst];
    for (const part of parts) {
      const shapes = part.gate === 'measure' ? [box(part.qubits[0]!, part.qubits[0]!, 'M')] : gateShapes(part);
      let lo = Math.min(...part.qubits), hi = Math.max(...part.qubits);
      const bottom = (): number => Math.max(...shapes.map((s) => (s.kind === 'box' ? s.r1 : s.kind === 'text' ? -1 : 'row' in s ? s.row : s.r1)));
      const toRegister = (k: number, text: string): void => {
        const row = wireRow(nq + k);
        shapes.unshift({ kind: 'line', col: 0, r0: bottom(), r1: row, double: true });
        shapes.push({ kind: 'text', row: row + 1, col: 0, text });
        hi = nq + k;
        lo = Math.min(lo, hi);
      };
      if (part.gate === 'measure' && part.clbits !== undefined && part.clbits.length > 0) {
        const k = cregOf(part.clbits[0]!);
        if (k >= 0) toRegister(k, String(part.clbits[0]! - cregs[k]!.start));
      }
      if (part.condition !== undefined && part.condition.clbits.length > 0) {
        const bits = part.condition.clbits;
        const k = cregOf(bits[0]!);
        if (k >= 0) {
          const r = cregs[k]!;
          const whole = bits.length === r.size && bits.every((b, i) => b === r.start + i);
          toRegister(k, whole || bits.length > 1 ? `=${part.condition.value}` : `[${bits[0]! - r.start}]=${part.condition.value}`);
        }
      }
      ops.push({ index, gate: part.gate, shapes, lo, hi });
    }
  });
  return { wires, rows: 2 * wires.length + 1, layers: packLayers(ops, wires.length), globalPhase, operations: ops.length };
}

/** Each operation in the first layer after every earlier one on the wires it spans. */
function packLayers(ops: readonly Pending[], nWires: number): Layer[] {
  const level = new Int32Array(nWires).fill(-1);
  const byLayer: Pending[][] = [];
  for (const op of ops) {
    let l = 0;
    for (let w = op.lo; w <= op.hi; w++) l = Math.max(l, level[w]! + 1);
    for (let w = op.lo; w <= op.hi; w++) level[w] = l;
    (byLayer[l] ??= []).push(op);
  }
  const layers: Layer[] = [];
  let x = 0;
  for (const group of byLayer) {
    const extents = group.map((op) => extent(op.shapes));
    const left = Math.max(...extents.map((e) => e.left)), right = Math.max(...extents.map((e) => e.right));
    // Boxes of one layer share its width, so stacked boxes line up.
    const drawn = group.map((op): DrawnOp => ({
      index: op.index, gate: op.gate, left, right,
      shapes: op.shapes.map((s) => (s.kind === 'box' ? { ...s, c0: -left, c1: right } : s)),
    }));
    x += 1;
    layers.push({ x, width: left + right + 1, center: x + left, ops: drawn });
    x += left + right + 1;
  }
  return layers;
}

/** A page of a folded drawing: layers [from, to) over grid columns [x0, x1). */
export interface Page {
  readonly from: number;
  readonly to: number;
  readonly x0: number;
  readonly x1: number;
}

/**
 * Split the first `shown` layers into pages no wider than `fold` characters, counting the label
 * area (`labelWidth` plus a continuation mark) and the fold mark at the end; fold ≤ 0 never
 * folds. A layer wider than a page gets a page of its own.
 */
export function paginate(layers: readonly Layer[], shown: number, fold: number, labelWidth: number): Page[] {
  if (shown === 0) return [{ from: 0, to: 0, x0: 0, x1: 2 }];
  const pages: Page[] = [];
  const budget = fold > 0 ? fold - (labelWidth + 1) - 1 : Infinity;
  let from = 0;
  while (from < shown) {
    const x0 = layers[from]!.x - 1;
    let to = from + 1;
    while (to < shown && layers[to]!.x + layers[to]!.width + 1 - x0 <= budget) to++;
    const last = layers[to - 1]!;
    pages.push({ from, to, x0, x1: last.x + last.width + 1 });
    from = to;
  }
  return pages;
}
