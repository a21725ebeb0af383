/**
 * Values for a program's input parameters, written as people type them: `theta=0.3`,
 * `theta=pi/4,phi=1`, a sweep as a list `theta=[0, pi/8, pi/4]` or an inclusive range
 * `theta=0:pi:5` (5 evenly spaced values). Values are OpenQASM constant expressions (pi, tau,
 * euler, sin(…), …). Lists zip: every list has the same length K (single values repeat), giving K
 * value sets — one per point of the sweep.
 */
import type { ParameterValues } from '../circuit/parameters.js';
import { ParseError, ValidationError, quote } from '../errors.js';
import { BUILTIN_CONSTANTS, describe, expect, parseIntExpr, parseNumber, type Lookup } from './expr.js';
import { Lexer, T } from './lexer.js';

/** Most points a sweep may have (one pub holds them all; each is a full run of the circuit). */
export const MAX_SWEEP_POINTS = 10_000;

const CONSTANTS = new Map(BUILTIN_CONSTANTS);
const lookup: Lookup = (name) => CONSTANTS.get(name);

function value(lx: Lexer): number {
  const line = lx.tokLine, col = lx.tokCol;
  const v = parseNumber(lx, lookup, 'a parameter value');
  if (!Number.isFinite(v)) throw lx.errorAt(line, col, `the value is ${v}; give a finite number`);
  return v;
}

/** One value, a list [a, b, …], or a range a:b:n. */
function values(lx: Lexer): number[] {
  if (lx.k() === T.LBrack) {
    lx.next();
    const out = [value(lx)];
    while (lx.k() === T.Comma) {
      lx.next();
      out.push(value(lx));
    }
    expect(lx, T.RBrack, "']' closing the list");
    return out;
  }
  const a = value(lx);
  if (lx.k() !== T.Colon) return [a];
  lx.next();
  const b = value(lx);
  expect(lx, T.Colon, "':' before the number of points (a:b:n)");
  const line = lx.tokLine, col = lx.tokCol;
  const n = parseIntExpr(lx, lookup, 'the number of points');
  if (n < 1 || n > MAX_SWEEP_POINTS) throw lx.errorAt(line, col, `a range has 1–${MAX_SWEEP_POINTS} points, not ${n}`);
  return Array.from({ length: n }, (_, i) => (n === 1 ? a : a + ((b - a) * i) / (n - 1)));
}

/** The assignments of one text into `into` (name → its values). */
function assignments(text: string, into: Map<string, number[]>): void {
  const lx = new Lexer(text, 'parameter values');
  lx.next();
  for (;;) {
    if (lx.k() !== T.Ident) throw lx.error(`expected a parameter name, found ${describe(lx)}`);
    const name = lx.value();
    if (into.has(name)) throw lx.error(`parameter ${quote(name)} is given more than once`);
    lx.next();
    expect(lx, T.Assign, "'=' after the parameter name");
    into.set(name, values(lx));
    if (lx.k() === T.EOF) return;
    expect(lx, T.Comma, "',' between assignments");
  }
}

/**
 * The value sets the texts describe (one set unless lists or ranges make a sweep). Throws
 * ValidationError quoting the text and the column of the problem.
 */
export function parseParameterValues(texts: readonly string[]): ParameterValues[] {
  const lists = new Map<string, number[]>();
  for (const text of texts) {
    try {
      assignments(text, lists);
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      throw new ValidationError(`parameter values ${quote(text)}: ${err.detail} (at column ${err.location.col})`);
    }
  }
  if (lists.size === 0) return [];
  const k = Math.max(...[...lists.values()].map((v) => v.length));
  const bad = [...lists].filter(([, v]) => v.length !== 1 && v.length !== k);
  if (bad.length > 0) {
    throw new ValidationError(`parameter lists of a sweep must have one length: ${[...lists].map(([n, v]) => `${n} has ${v.length}`).join(', ')}`);
  }
  if (k > MAX_SWEEP_POINTS) throw new ValidationError(`a sweep has at most ${MAX_SWEEP_POINTS} points, not ${k}`);
  return Array.from({ length: k }, (_, i) => Object.fromEntries([...lists].map(([n, v]) => [n, v.length === 1 ? v[0]! : v[i]!])));
}
