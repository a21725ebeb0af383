/**
 * Gate calls of the reader: operands (with broadcasting over registers), parameters and the
 * modifiers ctrl @, negctrl @, inv @ and pow(k) @. A modified call collects the instructions of
 * its gate and transforms the list (modifiers.ts) before emitting it.
 */
import { withValues } from '../circuit/affine.js';
import type { Instruction } from '../circuit/circuit.js';
import type { ParamValue } from '../circuit/expression.js';
import { ParseError, QntkError, quote } from '../errors.js';
import { MAX_NESTING } from './budgets.js';
import { describe, expect, parseExpr, parseIntExpr, parseNumber } from './expr.js';
import { expandDefined } from './gate-definitions.js';
import type { GateEntry } from './gate-table.js';
import { T } from './lexer.js';
import { qubitOperand } from './operands.js';
import { controlInstructions, invertInstructions, powerInstructions, type Modifier } from './modifiers.js';
import type { Operand, ReaderState } from './state.js';

const NO_PARAMS: readonly ParamValue[] = Object.freeze([]);

/** `ctrl @`, `negctrl(k) @`, `inv @`, `pow(k) @` … then a gate call. */
export function parseModifiedCall(p: ReaderState): void {
  const lx = p.lx;
  const mods: Modifier[] = [];
  while (lx.k() === T.Ident) {
    const word = lx.value();
    if (word !== 'ctrl' && word !== 'negctrl' && word !== 'inv' && word !== 'pow') break;
    if (mods.length >= MAX_NESTING) throw lx.error(`more than ${MAX_NESTING} modifiers on one gate call; combine them (pow(a) @ pow(b) @ g is pow(a·b) @ g for integers)`);
    lx.next();
    if (word === 'inv') mods.push({ kind: 'inv' });
    else if (word === 'pow') {
      expect(lx, T.LParen, "'(' after pow");
      const line = lx.tokLine, col = lx.tokCol;
      const k = parseNumber(lx, p.lookup, 'a pow exponent');
      if (!Number.isFinite(k)) throw lx.errorAt(line, col, `pow(k) needs a finite exponent, got ${k}`);
      expect(lx, T.RParen, "')'");
      mods.push({ kind: 'pow', exponent: k });
    } else {
      let count = 1;
      if (lx.k() === T.LParen) {
        lx.next();
        const line = lx.tokLine, col = lx.tokCol;
        count = parseIntExpr(lx, p.lookup, 'a control count');
        if (count < 1) throw lx.errorAt(line, col, `${word}(k) needs k ≥ 1, got ${count}`);
        expect(lx, T.RParen, "')'");
      }
      mods.push({ kind: 'ctrl', count, negated: word === 'negctrl' });
    }
    expect(lx, T.At, "'@' after the modifier");
  }
  if (lx.k() !== T.Ident) throw lx.error(`expected a gate name after the modifiers, found ${describe(lx)}`);
  const name = lx.value();
  const line = lx.tokLine, col = lx.tokCol;
  lx.next();
  parseGateCall(p, name, line, col, mods);
}

/** A gate call whose name has been read (the lexer is on the token after it). */
export function parseGateCall(p: ReaderState, name: string, line: number, col: number, mods: readonly Modifier[] | undefined): void {
  const lx = p.lx;
  const entry = p.gates.get(name);
  if (entry === undefined) {
    const shown = quote(name);
    throw lx.errorAt(line, col, `unknown gate ${shown}${name.length <= 48 ? ` (define it with 'gate ${name} … { … }')` : ''}`);
  }
  let params = NO_PARAMS;
  if (lx.k() === T.LParen) {
    lx.next();
    if (lx.k() !== T.RParen) {
      const list: ParamValue[] = [];
      for (;;) {
        const pLine = lx.tokLine, pCol = lx.tokCol;
        const v = parseExpr(lx, p.lookup);
        // 1/0 or sqrt(-1) would poison every matrix built from this gate: refuse it here, where it is written.
        if (typeof v === 'number' && !Number.isFinite(v)) throw lx.errorAt(pLine, pCol, `parameter of '${name}' evaluates to ${v}; give a finite angle`);
        list.push(v);
        if (lx.k() !== T.Comma) break;
        lx.next();
      }
      // Exact-size copies: arrays grown by push keep a 17-slot backing store alive per instruction.
      params = list.length === 1 ? [list[0]!] : list.slice();
    }
    expect(lx, T.RParen, "')'");
  }
  if (params.length !== entry.params) throw lx.errorAt(line, col, `gate '${name}' takes ${entry.params} parameter(s), got ${params.length}`);
  const ops: Operand[] = [];
  let broadcast = -1;
  if (lx.k() !== T.Semi) {
    for (;;) {
      const oLine = lx.tokLine, oCol = lx.tokCol;
      const o = qubitOperand(p);
      if (typeof o !== 'number') {
        if (broadcast >= 0 && o.length !== broadcast) throw lx.errorAt(oLine, oCol, `registers of different sizes (${broadcast} and ${o.length}) in one gate call`);
        broadcast = o.length;
      }
      ops.push(o);
      if (lx.k() !== T.Comma) break;
      lx.next();
    }
  }
  if (lx.k() !== T.Semi) throw lx.error(`expected ',' or ';' after a gate operand, found ${describe(lx)}`);
  lx.next();
  let controls = 0;
  if (mods !== undefined) for (const m of mods) if (m.kind === 'ctrl') controls += m.count;
  const need = controls + entry.qubits;
  if (entry.variadic ? ops.length < need : ops.length !== need) {
    throw lx.errorAt(line, col, `gate '${name}' takes ${entry.variadic ? 'at least ' : ''}${need} qubit(s)${controls > 0 ? ` (${controls} control(s) + ${entry.qubits})` : ''}, got ${ops.length}`);
  }
  if (broadcast < 0) {
    const qs = ops as number[];
    const qubits = qs.length === 1 ? p.single(qs[0]!) : qs.length === 2 ? [qs[0]!, qs[1]!] : qs.slice();
    checkDistinct(p, qubits, line, col);
    apply(p, entry, params, qubits, mods, line, col);
    return;
  }
  for (let i = 0; i < broadcast; i++) {
    const qubits = ops.map((o) => (typeof o === 'number' ? o : o[i]!));
    checkDistinct(p, qubits, line, col);
    apply(p, entry, params, qubits, mods, line, col);
  }
}

function checkDistinct(p: ReaderState, qs: readonly number[], line: number, col: number): void {
  for (let i = 1; i < qs.length; i++) {
    for (let j = 0; j < i; j++) if (qs[i] === qs[j]) throw p.lx.errorAt(line, col, `qubit ${qs[i]} is used twice in one gate call`);
  }
}

/** Emit one application of a gate entry, after its modifiers. */
function apply(p: ReaderState, entry: GateEntry, params: readonly ParamValue[], qubits: readonly number[], mods: readonly Modifier[] | undefined, line: number, col: number): void {
  if (mods === undefined || mods.length === 0) {
    expand(p, entry, params, qubits);
    return;
  }
  let nCtrl = 0;
  for (const m of mods) if (m.kind === 'ctrl') nCtrl += m.count;
  const saved = p.out, savedCond = p.cond;
  p.out = [];
  p.cond = undefined;
  let list: Instruction[];
  try {
    expand(p, entry, params, qubits.slice(nCtrl));
    list = p.out;
  } finally {
    p.out = saved;
    p.cond = savedCond;
  }
  try {
    let offset = nCtrl;
    for (let k = mods.length - 1; k >= 0; k--) {
      const m = mods[k]!;
      if (m.kind === 'inv') list = invertInstructions(list);
      else if (m.kind === 'pow') list = powerInstructions(list, m.exponent, p.budgets.maxInstructions);
      else {
        offset -= m.count;
        list = controlInstructions(list, qubits.slice(offset, offset + m.count), m.negated);
      }
      // Each modifier rewrites the whole list once: meter it like emitted instructions.
      p.charge(list.length, line, col);
    }
  } catch (err) {
    if (err instanceof QntkError && !(err instanceof ParseError)) throw p.lx.errorAt(line, col, err.message);
    throw err;
  }
  for (const inst of list) p.emit(inst);
}

function expand(p: ReaderState, entry: GateEntry, params: readonly ParamValue[], qubits: readonly number[]): void {
  if (entry.kind === 'defined') expandDefined(p, entry, params, qubits);
  else if (params.every((v): v is number => typeof v === 'number')) p.emit({ gate: entry.name, qubits, params });
  else p.emit(withValues({ gate: entry.name, qubits, params: [] }, params));
}
