/** Reader statements that emit or steer instructions: measure (three forms), reset, barrier, if, for. */
import { describe, expect, parseExpr, parseIntExpr } from './expr.js';
import { T } from './lexer.js';
import { CLASSICAL_TYPES } from './parse-declarations.js';
import type { Operand, Parser } from './parser.js';

const EMPTY: readonly number[] = Object.freeze([]);

/** `if (c[0])`, `if (!c[0])`, `if (c[0] == 1)`, `if (c == 3)`; `else` for single-bit conditions. */
export function ifStatement(p: Parser): void {
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
  if (r === undefined) throw lx.error(`undeclared bit register '${name}'`);
  lx.next();
  const bits = p.bitIndex(r);
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
  try {
    p.statement();
    if (lx.k() === T.Ident && lx.value() === 'else') {
      if (!single) throw lx.error("'else' is supported only for single-bit conditions");
      lx.next();
      p.cond = { clbits, value: 1 - value };
      p.statement();
    }
  } finally {
    p.cond = undefined;
  }
}

/** `for [type] i in [a:b] { … }` / `in {a, b, …}`: the body is re-read once per value. */
export function forLoop(p: Parser): void {
  const lx = p.lx;
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
  let vals: number[];
  if (lx.k() === T.LBrack) {
    lx.next();
    const a = parseIntExpr(lx, p.lookup, 'a range bound');
    if (lx.k() !== T.Colon) throw lx.error(`expected ':' in the range, found ${describe(lx)}`);
    vals = p.rangeTail(a, a);
    expect(lx, T.RBrack, "']'");
  } else if (lx.k() === T.LBrace) {
    lx.next();
    vals = [];
    for (;;) {
      vals.push(parseExpr(lx, p.lookup));
      if (lx.k() !== T.Comma) break;
      lx.next();
    }
    expect(lx, T.RBrace, "'}'");
  } else throw lx.error(`expected a range [a:b] or a set {…}, found ${describe(lx)}`);
  const prev = p.values.get(name);
  const body = lx.save();
  if (vals.length === 0) skipStatement(p);
  for (const v of vals) {
    p.values.set(name, v);
    lx.restore(body);
    p.statement();
  }
  if (prev === undefined) p.values.delete(name);
  else p.values.set(name, prev);
}

/** Skip one statement or balanced block without executing it (an empty loop's body). */
function skipStatement(p: Parser): void {
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

export function measurePairs(p: Parser, q: Operand, c: Operand): void {
  const lx = p.lx;
  const qs = typeof q === 'number' ? [q] : q;
  const cs = typeof c === 'number' ? [c] : c;
  if (qs.length !== cs.length) throw lx.error(`measure: ${qs.length} qubit(s) but ${cs.length} bit(s)`);
  for (let i = 0; i < qs.length; i++) p.emit({ gate: 'measure', qubits: [qs[i]!], params: EMPTY, clbits: [cs[i]!] });
}

/** `measure q -> c;` (OpenQASM 2 style). */
export function measure(p: Parser): void {
  const lx = p.lx;
  p.topLevelOnly('measure');
  lx.next();
  const q = p.qubitOperand();
  if (lx.k() !== T.Arrow) throw lx.error("measure needs a target: write 'measure q -> c;' or 'c = measure q;'");
  lx.next();
  const c = p.bitOperand();
  measurePairs(p, q, c);
  expect(lx, T.Semi, "';'");
}

/** `c = measure q;` / `c[0] = measure q[0];` (the register name has been read). */
export function assignment(p: Parser, name: string, line: number, col: number): void {
  const lx = p.lx;
  p.topLevelOnly('an assignment');
  const r = p.cregs.get(name);
  if (r === undefined) throw lx.errorAt(line, col, p.qregs.has(name) ? `'${name}' is a qubit register; gate calls do not take '[' after the gate name` : `undeclared bit register '${name}'`);
  const c = p.bitIndex(r);
  expect(lx, T.Assign, "'='");
  if (!(lx.k() === T.Ident && lx.value() === 'measure')) throw lx.error(`only 'measure' can be assigned to bits (run-time classical computation is not supported), found ${describe(lx)}`);
  lx.next();
  measurePairs(p, p.qubitOperand(), c);
  expect(lx, T.Semi, "';'");
}

export function reset(p: Parser): void {
  const lx = p.lx;
  p.topLevelOnly('reset');
  lx.next();
  const q = p.qubitOperand();
  for (const x of typeof q === 'number' ? [q] : q) p.emit({ gate: 'reset', qubits: [x], params: EMPTY });
  expect(lx, T.Semi, "';'");
}

export function barrier(p: Parser): void {
  const lx = p.lx;
  lx.next();
  const qs: number[] = [];
  if (lx.k() === T.Semi) {
    if (p.qargs !== undefined) qs.push(...p.qargs.values());
    else for (let i = 0; i < Math.max(p.nq, p.maxPhysical + 1); i++) qs.push(i);
  } else {
    for (;;) {
      const o = p.qubitOperand();
      for (const x of typeof o === 'number' ? [o] : o) if (!qs.includes(x)) qs.push(x);
      if (lx.k() !== T.Comma) break;
      lx.next();
    }
  }
  expect(lx, T.Semi, "';'");
  p.emit({ gate: 'barrier', qubits: qs, params: EMPTY });
}
