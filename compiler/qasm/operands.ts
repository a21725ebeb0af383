/**
 * Operands of the reader's statements: qubits (`q`, `q[i]`, slices, index sets, `$k`, a gate
 * body's arguments), classical bits, and integer ranges; every index is checked against its
 * register, and a slice is charged to the work budget.
 */
import { quote } from '../errors.js';
import { formatCount } from './budgets.js';
import { describe, expect, parseIntExpr } from './expr.js';
import { T } from './lexer.js';
import { span, type IntRange, type Operand, type ReaderState, type Reg } from './state.js';

/** An index into a register of `size`: expr, a:b, a:s:b (inclusive) or {i, j, …}. */
function indices(p: ReaderState, size: number, regName: string): Operand {
  const lx = p.lx;
  lx.next();
  if (lx.k() === T.Int) {
    // Fast path: a literal index, q[3].
    const line = lx.tokLine, col = lx.tokCol, v = lx.num, at = lx.start;
    lx.next();
    if (lx.k() === T.RBrack) {
      lx.next();
      return checkIndex(p, v, size, regName, line, col);
    }
    lx.restore({ text: lx.text, file: lx.file, pos: at, line, lineStart: at - (col - 1) });
  }
  let result: Operand;
  if (lx.k() === T.LBrace) {
    lx.next();
    const list: number[] = [];
    for (;;) {
      const line = lx.tokLine, col = lx.tokCol;
      list.push(checkIndex(p, parseIntExpr(lx, p.lookup, 'an index'), size, regName, line, col));
      if (lx.k() !== T.Comma) break;
      lx.next();
    }
    expect(lx, T.RBrace, "'}'");
    result = list;
  } else {
    const line = lx.tokLine, col = lx.tokCol;
    const a = lx.k() === T.Colon ? 0 : parseIntExpr(lx, p.lookup, 'an index');
    if (lx.k() !== T.Colon) result = checkIndex(p, a, size, regName, line, col);
    else {
      const r = rangeTail(p, a, size - 1);
      // Indices run over −size … size−1, so a longer range must leave the register.
      if (r.count > 2 * size) throw lx.errorAt(line, col, `index range of ${formatCount(r.count)} values is out of range for ${quote(regName)} (size ${size})`);
      p.charge(r.count, line, col);
      result = new Array<number>(r.count);
      for (let i = 0; i < r.count; i++) result[i] = checkIndex(p, r.start + i * r.step, size, regName, line, col);
    }
  }
  expect(lx, T.RBrack, "']'");
  return result;
}

function checkIndex(p: ReaderState, v: number, size: number, regName: string, line: number, col: number): number {
  const i = v < 0 ? v + size : v;
  if (i < 0 || i >= size) throw p.lx.errorAt(line, col, `index ${v} is out of range for ${quote(regName)} (size ${size})`);
  return i;
}

/** After `start`, at ':': `:end` or `:step:end` → the inclusive range (end defaults to `dflt`). */
export function rangeTail(p: ReaderState, start: number, dflt: number): IntRange {
  const lx = p.lx;
  lx.next();
  let step = 1;
  let end = lx.k() === T.RBrack ? dflt : parseIntExpr(lx, p.lookup, 'a range bound');
  if (lx.k() === T.Colon) {
    lx.next();
    step = end;
    end = parseIntExpr(lx, p.lookup, 'a range bound');
  }
  if (step === 0) throw lx.error('a range step cannot be 0');
  return { start, step, count: Math.max(0, Math.floor((end - start) / step) + 1) };
}

/** A qubit operand: `q`, `q[i]`, `q[a:b]`, `q[{…}]`, `$k`, or a gate body's argument name. */
export function qubitOperand(p: ReaderState): Operand {
  const lx = p.lx;
  if (lx.k() === T.HwQubit) {
    if (p.qargs !== undefined) throw lx.error('physical qubits cannot be used inside a gate body');
    if (p.nq > 0) throw lx.error('cannot use physical qubits ($k) in a program that declares qubit registers');
    const k = lx.num;
    if (k >= p.budgets.maxQubits) throw lx.error(`physical qubit $${k} is beyond the reader's limit of ${formatCount(p.budgets.maxQubits)} qubits`);
    if (k > p.maxPhysical) p.maxPhysical = k;
    lx.next();
    return k;
  }
  if (lx.k() !== T.Ident) throw lx.error(`expected a qubit, found ${describe(lx)}`);
  const name = lx.value();
  if (p.qargs !== undefined) {
    const q = p.qargs.get(name);
    if (q === undefined) throw lx.error(`${quote(name)} is not a qubit argument of this gate`);
    lx.next();
    if (lx.k() === T.LBrack) throw lx.error('gate arguments cannot be indexed');
    return q;
  }
  const r = p.qregs.get(name);
  if (r === undefined) {
    throw lx.error(p.cregs.has(name) ? `${quote(name)} is a bit register, expected qubits` : `undeclared qubit register ${quote(name)}`);
  }
  lx.next();
  if (lx.k() !== T.LBrack) return r.scalar ? r.start : span(r.start, r.size);
  if (r.scalar) throw lx.error(`${quote(name)} is a single qubit and cannot be indexed`);
  const ix = indices(p, r.size, name);
  return typeof ix === 'number' ? r.start + ix : ix.map((i) => r.start + i);
}

/** A classical-bit operand: `c`, `c[i]`, slices. */
export function bitOperand(p: ReaderState): Operand {
  const lx = p.lx;
  if (lx.k() !== T.Ident) throw lx.error(`expected a bit register, found ${describe(lx)}`);
  const name = lx.value();
  const r = p.cregs.get(name);
  if (r === undefined) throw lx.error(p.qregs.has(name) ? `${quote(name)} is a qubit register, expected bits` : `undeclared bit register ${quote(name)}`);
  lx.next();
  return bitIndex(p, r);
}

export function bitIndex(p: ReaderState, r: Reg): Operand {
  if (p.lx.k() !== T.LBrack) return r.scalar ? r.start : span(r.start, r.size);
  if (r.scalar) throw p.lx.error(`${quote(r.name)} is a single bit and cannot be indexed`);
  const ix = indices(p, r.size, r.name);
  return typeof ix === 'number' ? r.start + ix : ix.map((i) => r.start + i);
}
