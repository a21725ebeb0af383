/**
 * Classical expressions of OpenQASM (gate parameters, indices, constants), evaluated while they
 * are parsed: every identifier is bound when the parser reads it (constants, loop variables, and
 * the parameters of the gate whose body is being expanded), so no expression trees are built.
 * Sign and `**` chains are read iteratively; only parentheses and function calls recurse, and
 * their depth is bounded (MAX_EXPRESSION_DEPTH), so no input can overflow the stack.
 */
import { quote } from '../errors.js';
import { MAX_EXPRESSION_DEPTH } from './budgets.js';
import { Lexer, T } from './lexer.js';

/** Built-in constants (OpenQASM 3 spells them pi/π, tau/τ, euler/ℇ). */
export const BUILTIN_CONSTANTS: ReadonlyArray<readonly [string, number]> = [
  ['pi', Math.PI], ['π', Math.PI], ['tau', 2 * Math.PI], ['τ', 2 * Math.PI], ['euler', Math.E], ['ℇ', Math.E],
];

/** Scalar classical types accepted in constant declarations and loop variables. */
export const CLASSICAL_TYPES: ReadonlySet<string> = new Set(['int', 'uint', 'float', 'angle', 'bool']);

const FUNCTIONS: Readonly<Record<string, (x: number) => number>> = {
  sin: Math.sin, cos: Math.cos, tan: Math.tan, exp: Math.exp, ln: Math.log, log: Math.log, sqrt: Math.sqrt,
  arcsin: Math.asin, arccos: Math.acos, arctan: Math.atan, asin: Math.asin, acos: Math.acos, atan: Math.atan,
  abs: Math.abs, floor: Math.floor, ceiling: Math.ceil, int: Math.trunc, uint: Math.trunc, float: (x) => x, angle: (x) => x,
};

/** Identifier lookup: a number, or undefined for an undeclared name. */
export type Lookup = (name: string) => number | undefined;

/** Parse and evaluate an expression starting at the current token. */
export function parseExpr(lx: Lexer, lookup: Lookup): number {
  return sum(lx, lookup, 0);
}

function sum(lx: Lexer, lookup: Lookup, depth: number): number {
  let v = product(lx, lookup, depth);
  for (;;) {
    const k = lx.k();
    if (k === T.Plus) { lx.next(); v += product(lx, lookup, depth); } else if (k === T.Minus) { lx.next(); v -= product(lx, lookup, depth); } else return v;
  }
}

function product(lx: Lexer, lookup: Lookup, depth: number): number {
  let v = signed(lx, lookup, depth);
  for (;;) {
    const k = lx.k();
    if (k === T.Star) { lx.next(); v *= signed(lx, lookup, depth); } else if (k === T.Slash) { lx.next(); v /= signed(lx, lookup, depth); } else if (k === T.Percent) { lx.next(); v %= signed(lx, lookup, depth); } else return v;
  }
}

/** Leading signs, read as a count: -(-(… x)) without recursion. */
function signs(lx: Lexer): number {
  let s = 1;
  for (;;) {
    const k = lx.k();
    if (k === T.Minus) s = -s;
    else if (k !== T.Plus) return s;
    lx.next();
  }
}

/**
 * [signs] a ** [signs] b ** … : `**` binds tighter than a leading sign and is right-associative,
 * so -a ** -b ** c = -(a ** (-(b ** c))). Operands and signs are collected, then folded from the right.
 */
function signed(lx: Lexer, lookup: Lookup, depth: number): number {
  const s0 = signs(lx);
  const base = primary(lx, lookup, depth);
  if (lx.k() !== T.Pow) return s0 * base;
  const operands: number[] = [base];
  const signList: number[] = [1];
  while (lx.k() === T.Pow) {
    lx.next();
    signList.push(signs(lx));
    operands.push(primary(lx, lookup, depth));
  }
  let v = signList[operands.length - 1]! * operands[operands.length - 1]!;
  for (let i = operands.length - 2; i >= 1; i--) v = signList[i]! * operands[i]! ** v;
  return s0 * base ** v;
}

function primary(lx: Lexer, lookup: Lookup, depth: number): number {
  const k = lx.k();
  if (k === T.Int || k === T.Float) {
    const v = lx.num;
    lx.next();
    return v;
  }
  if (k === T.LParen) {
    if (depth >= MAX_EXPRESSION_DEPTH) throw lx.error(`expression nested more than ${MAX_EXPRESSION_DEPTH} deep; simplify it`);
    lx.next();
    const v = sum(lx, lookup, depth + 1);
    expect(lx, T.RParen, "')'");
    return v;
  }
  if (k === T.Ident) {
    const name = lx.value();
    const v = lookup(name);
    if (v !== undefined) {
      lx.next();
      return v;
    }
    const fn = FUNCTIONS[name];
    if (fn !== undefined) {
      if (depth >= MAX_EXPRESSION_DEPTH) throw lx.error(`expression nested more than ${MAX_EXPRESSION_DEPTH} deep; simplify it`);
      lx.next();
      if (lx.k() !== T.LParen) throw lx.error(`expected '(' after function '${name}'`);
      lx.next();
      const x = sum(lx, lookup, depth + 1);
      expect(lx, T.RParen, "')'");
      return fn(x);
    }
    throw lx.error(`undeclared identifier ${quote(name)}`);
  }
  throw lx.error(`expected an expression, found ${describe(lx)}`);
}

/** Consume a token of the given kind or throw "expected …". */
export function expect(lx: Lexer, kind: T, what: string): void {
  if (lx.k() !== kind) throw lx.error(`expected ${what}, found ${describe(lx)}`);
  lx.next();
}

/** The current token for messages: its text quoted (bounded, control characters escaped), or 'end of file'. */
export function describe(lx: Lexer): string {
  return lx.k() === T.EOF ? 'end of file' : quote(lx.text.slice(lx.start, lx.end));
}

/** Parse an expression that must be an integer (indices, sizes, modifier counts). */
export function parseIntExpr(lx: Lexer, lookup: Lookup, what: string): number {
  const line = lx.tokLine, col = lx.tokCol;
  const v = parseExpr(lx, lookup);
  const r = Math.round(v);
  if (!Number.isFinite(v) || Math.abs(v - r) > 1e-9) {
    throw lx.errorAt(line, col, `${what} must be an integer, got ${v}`);
  }
  return r;
}
