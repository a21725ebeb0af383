/** Reader declarations: include, qubit/qreg, bit/creg (optionally initialised by measure), constants. */
import { Expr } from '../circuit/expression.js';
import { quote } from '../errors.js';
import { CLASSICAL_TYPES, describe, expect, parseExpr, parseIntExpr } from './expr.js';
import { T } from './lexer.js';
import { qubitOperand } from './operands.js';
import { span, type ReaderState, type Reg } from './state.js';

export function include(p: ReaderState): void {
  const lx = p.lx;
  p.topLevelOnly('include');
  lx.next();
  if (lx.k() !== T.Str) throw lx.error(`expected a file name in quotes after include, found ${describe(lx)}`);
  const name = lx.value();
  if (name !== 'stdgates.inc' && name !== 'qelib1.inc') {
    throw lx.error(`cannot include ${quote(name)}: only stdgates.inc and qelib1.inc are built in; paste the file's gate definitions instead`);
  }
  lx.next();
  expect(lx, T.Semi, "';'");
}

/** `qubit[n] q;`, `qubit q;` or `qreg q[n];`. */
export function declareQubits(p: ReaderState, old: boolean): void {
  const line = p.lx.tokLine, col = p.lx.tokCol;
  const reg = declaration(p, old, 'qubit');
  if (p.maxPhysical >= 0) throw p.lx.error('cannot declare qubits in a program that uses physical qubits ($k)');
  const r: Reg = { name: reg.name, start: p.allocate('qubit', reg.name, reg.size, line, col), size: reg.size, scalar: reg.scalar };
  p.qregs.set(r.name, r);
  p.qregList.push({ name: r.name, start: r.start, size: r.size });
  expect(p.lx, T.Semi, "';'");
}

/** `bit[n] c;`, `bit c;`, `creg c[n];`, or `bit[n] c = measure q;`. */
export function declareBits(p: ReaderState, old: boolean): void {
  const line = p.lx.tokLine, col = p.lx.tokCol;
  const reg = declaration(p, old, 'bit');
  const r: Reg = { name: reg.name, start: p.allocate('bit', reg.name, reg.size, line, col), size: reg.size, scalar: reg.scalar };
  p.cregs.set(r.name, r);
  p.cregList.push({ name: r.name, start: r.start, size: r.size });
  if (!old && p.lx.k() === T.Assign) {
    p.lx.next();
    if (!(p.lx.k() === T.Ident && p.lx.value() === 'measure')) throw p.lx.error(`a bit register can only be initialised by 'measure', found ${describe(p.lx)}`);
    p.lx.next();
    const q = qubitOperand(p);
    p.measurePairs(q, r.scalar ? r.start : span(r.start, r.size));
  }
  expect(p.lx, T.Semi, "';'");
}

function declaration(p: ReaderState, old: boolean, what: string): { name: string; size: number; scalar: boolean } {
  const lx = p.lx;
  p.topLevelOnly(`a ${what} declaration`);
  lx.next();
  let size = 1, scalar = true;
  if (!old && lx.k() === T.LBrack) {
    lx.next();
    size = parseIntExpr(lx, p.lookup, 'a register size');
    expect(lx, T.RBrack, "']'");
    scalar = false;
  }
  if (lx.k() !== T.Ident) throw lx.error(`expected a register name, found ${describe(lx)}`);
  const name = lx.value();
  p.checkNewName(name, lx.tokLine, lx.tokCol);
  lx.next();
  if (old) {
    expect(lx, T.LBrack, "'['");
    size = parseIntExpr(lx, p.lookup, 'a register size');
    expect(lx, T.RBrack, "']'");
    scalar = false;
  }
  if (size < 1) throw lx.error(`register ${quote(name)} must have at least one ${what}, got ${size}`);
  return { name, size, scalar };
}

/** `const float x = …;` or a non-const scalar initialised once (treated as a constant). */
export function classical(p: ReaderState, isConst: boolean): void {
  const lx = p.lx;
  if (lx.k() !== T.Ident || !CLASSICAL_TYPES.has(lx.value())) throw lx.error(`expected a type (int, uint, float, angle, bool), found ${describe(lx)}`);
  const isInt = lx.value() === 'int' || lx.value() === 'uint';
  lx.next();
  if (lx.k() === T.LBrack) {
    lx.next();
    parseIntExpr(lx, p.lookup, 'a type width');
    expect(lx, T.RBrack, "']'");
  }
  if (lx.k() !== T.Ident) throw lx.error(`expected a name, found ${describe(lx)}`);
  const name = lx.value();
  p.checkNewName(name, lx.tokLine, lx.tokCol);
  lx.next();
  if (lx.k() !== T.Assign) throw lx.error(`${isConst ? 'a constant' : 'a classical variable'} needs an initial value ('= …'); run-time classical variables are not supported`);
  lx.next();
  const line = lx.tokLine, col = lx.tokCol;
  const v = isInt ? parseIntExpr(lx, p.lookup, `int ${quote(name)}`) : parseExpr(lx, p.lookup);
  if (isConst && typeof v !== 'number') throw lx.errorAt(line, col, `constant ${quote(name)} cannot depend on input parameters; declare it without 'const'`);
  p.globals.set(name, v);
  expect(lx, T.Semi, "';'");
}

/** Widest float an input may declare: float[32] and float[64] are IEEE binary32 and binary64. */
const FLOAT_WIDTHS = new Set([32, 64]);

/**
 * `input float[64] theta;`, `input angle[32] phi;` (also without a width): a parameter that stays
 * symbolic until values are bound. Other input types (int, bit, …) carry run-time data the IR
 * does not model and are refused.
 */
export function input(p: ReaderState): void {
  const lx = p.lx;
  p.topLevelOnly('an input declaration');
  lx.next();
  if (lx.k() !== T.Ident || (lx.value() !== 'float' && lx.value() !== 'angle')) {
    throw lx.error(`expected 'float' or 'angle' after input (qntk takes float and angle inputs as gate parameters), found ${describe(lx)}`);
  }
  const type = lx.value() as 'float' | 'angle';
  lx.next();
  let width: number | undefined;
  if (lx.k() === T.LBrack) {
    lx.next();
    const line = lx.tokLine, col = lx.tokCol;
    width = parseIntExpr(lx, p.lookup, 'a type width');
    if (type === 'float' && !FLOAT_WIDTHS.has(width)) throw lx.errorAt(line, col, `float[${width}] inputs are not supported; use float[64] (or float[32])`);
    if (type === 'angle' && (width < 1 || width > 64)) throw lx.errorAt(line, col, `angle[${width}]: the width must be 1–64`);
    expect(lx, T.RBrack, "']'");
  }
  if (lx.k() !== T.Ident) throw lx.error(`expected an input name, found ${describe(lx)}`);
  const name = lx.value();
  p.checkNewName(name, lx.tokLine, lx.tokCol);
  lx.next();
  if (lx.k() === T.Assign) throw lx.error(`an input takes its value when the program runs; it cannot be initialised`);
  expect(lx, T.Semi, "';'");
  p.inputs.push(width === undefined ? { name, type } : { name, type, width });
  p.globals.set(name, Expr.symbol(name));
}
