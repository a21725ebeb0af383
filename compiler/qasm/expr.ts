/**
 * Classical expressions of OpenQASM (gate parameters, indices, constants), evaluated while they
 * are parsed: every identifier is bound when the parser reads it (constants, loop variables, and
 * the parameters of the gate whose body is being expanded), so no expression trees are built.
 */
import { Lexer, T } from './lexer.js';

/** Built-in constants (OpenQASM 3 spells them pi/π, tau/τ, euler/ℇ). */
export const BUILTIN_CONSTANTS: ReadonlyArray<readonly [string, number]> = [
  ['pi', Math.PI], ['π', Math.PI], ['tau', 2 * Math.PI], ['τ', 2 * Math.PI], ['euler', Math.E], ['ℇ', Math.E],
];

const FUNCTIONS: Readonly<Record<string, (x: number) => number>> = {
  sin: Math.sin, cos: Math.cos, tan: Math.tan, exp: Math.exp, ln: Math.log, log: Math.log, sqrt: Math.sqrt,
  arcsin: Math.asin, arccos: Math.acos, arctan: Math.atan, asin: Math.asin, acos: Math.acos, atan: Math.atan,
  abs: Math.abs, floor: Math.floor, ceiling: Math.ceil, int: Math.trunc, uint: Math.trunc, float: (x) => x, angle: (x) => x,
};

/** Identifier lookup: a number, or undefined for an undeclared name. */
export type Lookup = (name: string) => number | undefined;

/** Parse and evaluate an expression starting at the current token. */
export function parseExpr(lx: Lexer, lookup: Lookup): number {
  let v = parseTerm(lx, lookup);
  for (;;) {
    const k = lx.k();
    if (k === T.Plus) { lx.next(); v += parseTerm(lx, lookup); } else if (k === T.Minus) { lx.next(); v -= parseTerm(lx, lookup); } else return v;
  }
}

function parseTerm(lx: Lexer, lookup: Lookup): number {
  let v = parseUnary(lx, lookup);
  for (;;) {
    const k = lx.k();
    if (k === T.Star) { lx.next(); v *= parseUnary(lx, lookup); } else if (k === T.Slash) { lx.next(); v /= parseUnary(lx, lookup); } else if (k === T.Percent) { lx.next(); v %= parseUnary(lx, lookup); } else return v;
  }
}

function parseUnary(lx: Lexer, lookup: Lookup): number {
  if (lx.k() === T.Minus) {
    lx.next();
    return -parseUnary(lx, lookup);
  }
  if (lx.k() === T.Plus) {
    lx.next();
    return parseUnary(lx, lookup);
  }
  return parsePower(lx, lookup);
}

function parsePower(lx: Lexer, lookup: Lookup): number {
  const base = parsePrimary(lx, lookup);
  if (lx.k() !== T.Pow) return base;
  lx.next();
  return base ** parseUnary(lx, lookup);
}

function parsePrimary(lx: Lexer, lookup: Lookup): number {
  const k = lx.k();
  if (k === T.Int || k === T.Float) {
    const v = lx.num;
    lx.next();
    return v;
  }
  if (k === T.LParen) {
    lx.next();
    const v = parseExpr(lx, lookup);
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
      lx.next();
      if (lx.k() !== T.LParen) throw lx.error(`expected '(' after function '${name}'`);
      lx.next();
      const x = parseExpr(lx, lookup);
      expect(lx, T.RParen, "')'");
      return fn(x);
    }
    throw lx.error(`undeclared identifier '${name}'`);
  }
  throw lx.error(`expected an expression, found ${describe(lx)}`);
}

/** Consume a token of the given kind or throw "expected …". */
export function expect(lx: Lexer, kind: T, what: string): void {
  if (lx.k() !== kind) throw lx.error(`expected ${what}, found ${describe(lx)}`);
  lx.next();
}

/** The current token for messages: its text in quotes, or 'end of file'. */
export function describe(lx: Lexer): string {
  return lx.k() === T.EOF ? 'end of file' : `'${lx.text.slice(lx.start, lx.end)}'`;
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
