/**
 * Classical expressions of OpenQASM (gate parameters, indices, constants), evaluated while they
 * are parsed: every identifier is bound when the parser reads it (constants, loop variables, and
 * the parameters of the gate whose body is being expanded), so no expression trees are built —
 * except for input parameters (`input float[64] theta;`), which evaluate to symbolic expressions
 * (compiler/circuit/expression.ts); arithmetic on numbers stays arithmetic on numbers.
 * Sign and `**` chains are read iteratively; only parentheses and function calls recurse, and
 * their depth is bounded (MAX_EXPRESSION_DEPTH), so no input can overflow the stack.
 */
import { addValues, callValue, divValues, mulValues, negValue, powValues, subValues, type ExprFunction, type ParamValue } from '../circuit/expression.js';
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

/** Functions of an input parameter, under their OpenQASM spellings (aliases the reader accepts too). */
const SYMBOLIC_FUNCTIONS: Readonly<Record<string, ExprFunction>> = {
  sin: 'sin', cos: 'cos', tan: 'tan', exp: 'exp', ln: 'log', log: 'log', sqrt: 'sqrt', arcsin: 'arcsin', arccos: 'arccos',
  arctan: 'arctan', asin: 'arcsin', acos: 'arccos', atan: 'arctan', abs: 'abs', floor: 'floor', ceiling: 'ceiling',
};

/** Identifier lookup: a number, an input's expression, or undefined for an undeclared name. */
export type Lookup = (name: string) => ParamValue | undefined;

/** Parse and evaluate an expression starting at the current token (a number unless it uses an input). */
export function parseExpr(lx: Lexer, lookup: Lookup): ParamValue {
  return sum(lx, lookup, 0);
}

/** Parse an expression that must not depend on input parameters. */
export function parseNumber(lx: Lexer, lookup: Lookup, what: string): number {
  const line = lx.tokLine, col = lx.tokCol;
  const v = sum(lx, lookup, 0);
  if (typeof v !== 'number') throw lx.errorAt(line, col, `${what} must be a constant, but it depends on input parameter ${[...v.symbols()].map((n) => quote(n)).join(', ')}`);
  return v;
}

function sum(lx: Lexer, lookup: Lookup, depth: number): ParamValue {
  let v = product(lx, lookup, depth);
  for (;;) {
    const k = lx.k();
    if (k === T.Plus) {
      lx.next();
      const w = product(lx, lookup, depth);
      v = typeof v === 'number' && typeof w === 'number' ? v + w : addValues(v, w);
    } else if (k === T.Minus) {
      lx.next();
      const w = product(lx, lookup, depth);
      v = typeof v === 'number' && typeof w === 'number' ? v - w : subValues(v, w);
    } else return v;
  }
}

function product(lx: Lexer, lookup: Lookup, depth: number): ParamValue {
  let v = signed(lx, lookup, depth);
  for (;;) {
    const k = lx.k();
    if (k !== T.Star && k !== T.Slash && k !== T.Percent) return v;
    const line = lx.tokLine, col = lx.tokCol;
    lx.next();
    const w = signed(lx, lookup, depth);
    if (typeof v === 'number' && typeof w === 'number') v = k === T.Star ? v * w : k === T.Slash ? v / w : v % w;
    else if (k === T.Star) v = mulValues(v, w);
    else if (k === T.Slash) {
      if (w === 0) throw lx.errorAt(line, col, 'division of an input parameter by zero');
      v = divValues(v, w);
    } else throw lx.errorAt(line, col, "'%' of an input parameter is not supported");
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
function signed(lx: Lexer, lookup: Lookup, depth: number): ParamValue {
  const s0 = signs(lx);
  const base = primary(lx, lookup, depth);
  const sign = (s: number, x: ParamValue): ParamValue => (s === 1 ? x : negValue(x));
  if (lx.k() !== T.Pow) return sign(s0, base);
  const operands: ParamValue[] = [base];
  const signList: number[] = [1];
  while (lx.k() === T.Pow) {
    lx.next();
    signList.push(signs(lx));
    operands.push(primary(lx, lookup, depth));
  }
  let v = sign(signList[operands.length - 1]!, operands[operands.length - 1]!);
  for (let i = operands.length - 2; i >= 1; i--) v = sign(signList[i]!, powValues(operands[i]!, v));
  return sign(s0, powValues(base, v));
}

function primary(lx: Lexer, lookup: Lookup, depth: number): ParamValue {
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
      const line = lx.tokLine, col = lx.tokCol;
      lx.next();
      if (lx.k() !== T.LParen) throw lx.error(`expected '(' after function '${name}'`);
      lx.next();
      const x = sum(lx, lookup, depth + 1);
      expect(lx, T.RParen, "')'");
      if (typeof x === 'number') return fn(x);
      if (name === 'float' || name === 'angle') return x;
      const symbolic = SYMBOLIC_FUNCTIONS[name];
      if (symbolic === undefined) throw lx.errorAt(line, col, `'${name}' of an input parameter is not supported`);
      return callValue(symbolic, x);
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
  const v = parseNumber(lx, lookup, what);
  const r = Math.round(v);
  if (!Number.isFinite(v) || Math.abs(v - r) > 1e-9) {
    throw lx.errorAt(line, col, `${what} must be an integer, got ${v}`);
  }
  return r;
}
