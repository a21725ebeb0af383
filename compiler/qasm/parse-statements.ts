/** Reader statements that emit or steer instructions: measure (three forms), reset, barrier, if, for. */
import { quote } from '../errors.js';
import { formatCount } from './budgets.js';
import { CLASSICAL_TYPES, describe, expect, parseIntExpr, parseNumber } from './expr.js';
import { T } from './lexer.js';
import { bitIndex, bitOperand, qubitOperand, rangeTail } from './operands.js';
import type { IntRange, ReaderState } from './state.js';

const EMPTY: readonly number[] = Object.freeze([]);

/** `if (c[0])`, `if (!c[0])`, `if (c[0] == 1)`, `if (c == 3)`; `else` for single-bit conditions. */
export function ifStatement(p: ReaderState): void {
  const lx = p.lx;
  p.topLevelOnly("'if'");
  if (p.cond !== undefined) throw lx.error("nested 'if' is not supported");
  lx.next();
  expect(lx, T.LParen, "'('");
  let negate = false;
  if (lx.k() === T.Bang) {
    negate = true;
    lx.next();
  }
  if (lx.k() !== T.Ident) throw lx.error(`expected a bit or bit register in the condition, found ${describe(lx)}`);
  const name = lx.value();
  const r = p.cregs.get(name);
  if (r === undefined) throw lx.error(`undeclared bit register ${quote(name)}`);
  lx.next();
  const bits = bitIndex(p, r);
  const single = typeof bits === 'number';
  let value = 1;
  if (lx.k() === T.Eq || lx.k() === T.Neq) {
    const neq = lx.k() === T.Neq;
    lx.next();
    const line = lx.tokLine, col = lx.tokCol;
    value = parseIntExpr(lx, p.lookup, 'a condition value');
    const size = single ? 1 : bits.length;
    if (value < 0 || value >= 2 ** size) throw lx.errorAt(line, col, `condition value ${value} does not fit in ${size} bit(s)`);
    if (neq) {
      if (!single) throw lx.errorAt(line, col, "'!=' on a register is not supported; compare with '=='");
      value = 1 - value;
    }
  } else if (!single) throw lx.error(`compare the register with a value: if (${name} == …)`);
  if (negate) {
    if (!single) throw lx.error("'!' applies to a single bit");
    value = 1 - value;
  }
  expect(lx, T.RParen, "')'");
  const clbits = single ? [bits] : bits;
  p.cond = { clbits, value };
  p.enter("'if' bodies");
  p.statement();
  if (lx.k() === T.Ident && lx.value() === 'else') {
    if (!single) throw lx.error("'else' is supported only for single-bit conditions");
    lx.next();
    p.cond = { clbits, value: 1 - value };
    p.statement();
  }
  p.leave();
  p.cond = undefined;
}

/**
 * `for [type] i in [a:b] { … }` / `in {a, b, …}`: the body is re-read once per value. The
 * iterations are charged to the work budget before the first one runs, so an over-long loop
 * (or a loop nest) fails at its header rather than after the budget's worth of iterations.
 */
export function forLoop(p: ReaderState): void {
  const lx = p.lx;
  const line = lx.tokLine, col = lx.tokCol;
  lx.next();
  if (lx.k() === T.Ident && CLASSICAL_TYPES.has(lx.value())) {
    lx.next();
    if (lx.k() === T.LBrack) {
      lx.next();
      parseIntExpr(lx, p.lookup, 'a type width');
      expect(lx, T.RBrack, "']'");
    }
  }
  if (lx.k() !== T.Ident) throw lx.error(`expected a loop variable, found ${describe(lx)}`);
  const name = lx.value();
  lx.next();
  if (!(lx.k() === T.Ident && lx.value() === 'in')) throw lx.error(`expected 'in', found ${describe(lx)}`);
  lx.next();
  let range: IntRange | undefined;
  let set: number[] | undefined;
  if (lx.k() === T.LBrack) {
    lx.next();
    const a = parseIntExpr(lx, p.lookup, 'a range bound');
    if (lx.k() !== T.Colon) throw lx.error(`expected ':' in the range, found ${describe(lx)}`);
    range = rangeTail(p, a, a);
    expect(lx, T.RBrack, "']'");
  } else if (lx.k() === T.LBrace) {
    lx.next();
    set = [];
    for (;;) {
      set.push(parseNumber(lx, p.lookup, 'a loop value'));
      if (lx.k() !== T.Comma) break;
      lx.next();
    }
    expect(lx, T.RBrace, "'}'");
  } else throw lx.error(`expected a range [a:b] or a set {…}, found ${describe(lx)}`);
  const count = range !== undefined ? range.count : set!.length;
  if (count > p.budgets.maxWork - p.work) {
    throw lx.errorAt(line, col, `this loop runs ${formatCount(count)} times, more than the ${formatCount(p.budgets.maxWork)} steps of flattening work allowed; reduce its range`);
  }
  p.charge(count, line, col);
  const body = lx.save();
  if (count === 0 || emptyBlock(p)) {
    // Nothing to run (an empty body still costs its statement per iteration).
    p.charge(count, line, col);
    lx.restore(body);
    skipStatement(p);
    return;
  }
  p.enter('loops');
  const locals = p.locals;
  const prev = locals.get(name);
  for (let i = 0; i < count; i++) {
    locals.set(name, range !== undefined ? range.start + i * range.step : set![i]!);
    lx.restore(body);
    p.statement();
  }
  if (prev === undefined) locals.delete(name);
  else locals.set(name, prev);
  p.leave();
}

/** The body at the current token is `{ }` (consumes tokens; the caller restores). */
function emptyBlock(p: ReaderState): boolean {
  if (p.lx.k() !== T.LBrace) return false;
  p.lx.next();
  return p.lx.k() === T.RBrace;
}

/** Skip one statement or balanced block without executing it (a loop body that runs zero times). */
function skipStatement(p: ReaderState): void {
  const lx = p.lx;
  let depth = 0;
  for (;;) {
    const k = lx.k();
    if (k === T.EOF) throw lx.error('unexpected end of file in a loop body');
    lx.next();
    if (k === T.LBrace) depth++;
    else if (k === T.RBrace) {
      depth--;
      if (depth === 0) return;
    } else if (k === T.Semi && depth === 0) return;
  }
}

/** `measure q -> c;` (OpenQASM 2 style). */
export function measure(p: ReaderState): void {
  const lx = p.lx;
  p.topLevelOnly('measure');
  lx.next();
  const q = qubitOperand(p);
  if (lx.k() !== T.Arrow) throw lx.error("measure needs a target: write 'measure q -> c;' or 'c = measure q;'");
  lx.next();
  const c = bitOperand(p);
  p.measurePairs(q, c);
  expect(lx, T.Semi, "';'");
}

/** `c = measure q;` / `c[0] = measure q[0];` (the register name has been read). */
export function assignment(p: ReaderState, name: string, line: number, col: number): void {
  const lx = p.lx;
  p.topLevelOnly('an assignment');
  const r = p.cregs.get(name);
  if (r === undefined) throw lx.errorAt(line, col, p.qregs.has(name) ? `${quote(name)} is a qubit register; gate calls do not take '[' after the gate name` : `undeclared bit register ${quote(name)}`);
  const c = bitIndex(p, r);
  expect(lx, T.Assign, "'='");
  if (!(lx.k() === T.Ident && lx.value() === 'measure')) throw lx.error(`only 'measure' can be assigned to bits (run-time classical computation is not supported), found ${describe(lx)}`);
  lx.next();
  p.measurePairs(qubitOperand(p), c);
  expect(lx, T.Semi, "';'");
}

export function reset(p: ReaderState): void {
  const lx = p.lx;
  p.topLevelOnly('reset');
  lx.next();
  const q = qubitOperand(p);
  for (const x of typeof q === 'number' ? [q] : q) p.emit({ gate: 'reset', qubits: p.single(x), params: EMPTY });
  expect(lx, T.Semi, "';'");
}

/** `barrier;` (every qubit in scope) or `barrier a, q[1:3], …;` (duplicates dropped, in linear time). */
export function barrier(p: ReaderState): void {
  const lx = p.lx;
  const line = lx.tokLine, col = lx.tokCol;
  lx.next();
  const qs: number[] = [];
  if (lx.k() === T.Semi) {
    if (p.qargs !== undefined) qs.push(...p.qargs.values());
    else {
      const n = Math.max(p.nq, p.maxPhysical + 1);
      p.charge(n, line, col);
      for (let i = 0; i < n; i++) qs.push(i);
    }
  } else {
    const seen = new Set<number>();
    for (;;) {
      const o = qubitOperand(p);
      if (typeof o === 'number') {
        if (!seen.has(o)) { seen.add(o); qs.push(o); }
      } else {
        p.charge(o.length, line, col);
        for (const x of o) if (!seen.has(x)) { seen.add(x); qs.push(x); }
      }
      if (lx.k() !== T.Comma) break;
      lx.next();
    }
  }
  expect(lx, T.Semi, "';'");
  p.emit({ gate: 'barrier', qubits: qs, params: EMPTY });
}
