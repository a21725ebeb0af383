/**
 * Symbolic gate parameters: small immutable expressions over named input parameters, in a
 * canonical affine form c + Σ coef·atom whose atoms are symbols or nonlinear pieces (function
 * calls, products, quotients and powers of expressions). Sums and scalings — everything rotation
 * merging, inversion and basis translation do to angles — stay in the affine part, so θ/2 + θ/2
 * is θ and θ − θ is the constant 0; two expressions are equal when their canonical keys are.
 * Arithmetic on constants folds to numbers: a constant expression is only a number in disguise.
 */
import { ValidationError } from '../errors.js';

/** The OpenQASM 3 functions an expression may apply to an input parameter. */
export const EXPR_FUNCTIONS = ['sin', 'cos', 'tan', 'arcsin', 'arccos', 'arctan', 'exp', 'log', 'sqrt', 'abs', 'floor', 'ceiling'] as const;
export type ExprFunction = (typeof EXPR_FUNCTIONS)[number];

const EVAL: Readonly<Record<ExprFunction, (x: number) => number>> = {
  sin: Math.sin, cos: Math.cos, tan: Math.tan, arcsin: Math.asin, arccos: Math.acos, arctan: Math.atan,
  exp: Math.exp, log: Math.log, sqrt: Math.sqrt, abs: Math.abs, floor: Math.floor, ceiling: Math.ceil,
};

/** A nonlinear building block: an input parameter, or a function or product of expressions. */
export type Atom =
  | { readonly kind: 'symbol'; readonly name: string }
  | { readonly kind: 'call'; readonly fn: ExprFunction; readonly arg: Expr }
  | { readonly kind: 'mul' | 'div' | 'pow'; readonly left: Expr; readonly right: Expr };

/** coef·atom. */
export interface Term {
  readonly coef: number;
  readonly atom: Atom;
  /** Canonical text of the atom (orders terms, decides equality). */
  readonly key: string;
}

/** A number or an expression: what a gate parameter is while it may depend on inputs. */
export type ParamValue = number | Expr;

/** Formats one number for `Expr.format` (the QASM printer passes its own). */
export type NumberFormat = (x: number) => string;

/** Relative size below which a coefficient left by cancellation is rounding noise. */
const CANCEL_TOL = 1e-12;

function atomKey(a: Atom): string {
  switch (a.kind) {
    case 'symbol': return a.name;
    case 'call': return `${a.fn}(${a.arg.key})`;
    case 'mul': return `(${a.left.key})*(${a.right.key})`;
    case 'div': return `(${a.left.key})/(${a.right.key})`;
    case 'pow': return `(${a.left.key})**(${a.right.key})`;
  }
}

/** c + Σ coef·atom with terms sorted by atom key, no zero coefficient and no repeated atom. */
export class Expr {
  readonly constant: number;
  readonly terms: readonly Term[];
  readonly key: string;

  private constructor(constant: number, terms: readonly Term[]) {
    this.constant = constant;
    this.terms = Object.freeze(terms);
    this.key = `${terms.map((t) => `${t.coef}*${t.key}`).join('+')}+${constant}`;
    Object.freeze(this);
  }

  /** The input parameter `name`. */
  static symbol(name: string): Expr {
    const atom: Atom = Object.freeze({ kind: 'symbol', name });
    return new Expr(0, [{ coef: 1, atom, key: name }]);
  }

  /** A constant (kept as an expression only where a list mixes numbers and expressions). */
  static constant(c: number): Expr {
    return new Expr(c, []);
  }

  /** `v` as an expression. */
  static of(v: ParamValue): Expr {
    return typeof v === 'number' ? Expr.constant(v) : v;
  }

  private static atom(atom: Atom, coef = 1): Expr {
    return new Expr(0, [{ coef, atom: Object.freeze(atom), key: atomKey(atom) }]);
  }

  /** No input parameter occurs in it. */
  isConstant(): boolean {
    return this.terms.length === 0;
  }

  /** This expression plus `other`; coefficients that cancel to rounding noise are dropped. */
  add(other: ParamValue): Expr {
    if (typeof other === 'number') return new Expr(this.constant + other, this.terms);
    const out: Term[] = [];
    let i = 0, j = 0;
    const a = this.terms, b = other.terms;
    while (i < a.length || j < b.length) {
      const x = a[i], y = b[j];
      if (y === undefined || (x !== undefined && x.key < y.key)) { out.push(x!); i++; continue; }
      if (x === undefined || y.key < x.key) { out.push(y); j++; continue; }
      const coef = x.coef + y.coef;
      if (Math.abs(coef) > CANCEL_TOL * (Math.abs(x.coef) + Math.abs(y.coef))) out.push({ ...x, coef });
      i++;
      j++;
    }
    return new Expr(this.constant + other.constant, out);
  }

  /** k · this. */
  scale(k: number): Expr {
    if (k === 0) return Expr.constant(0);
    return new Expr(this.constant * k, this.terms.map((t) => ({ ...t, coef: t.coef * k })));
  }

  neg(): Expr {
    return this.scale(-1);
  }

  sub(other: ParamValue): Expr {
    return this.add(typeof other === 'number' ? -other : other.neg());
  }

  /** A lone term c·atom with no constant: its coefficient and the atom as an expression. */
  private monomial(): { coef: number; unit: Expr } | undefined {
    if (this.constant !== 0 || this.terms.length !== 1) return undefined;
    const t = this.terms[0]!;
    return { coef: t.coef, unit: t.coef === 1 ? this : new Expr(0, [{ ...t, coef: 1 }]) };
  }

  /** The value, given a value for every input it uses; NaN where a function leaves its domain. */
  evaluate(values: (name: string) => number | undefined): number {
    let v = this.constant;
    for (const t of this.terms) v += t.coef * evalAtom(t.atom, values);
    return v;
  }

  /** The expression with the given inputs replaced by numbers (others stay symbolic). */
  substitute(values: (name: string) => number | undefined): ParamValue {
    let out: ParamValue = this.constant;
    for (const t of this.terms) out = addValues(out, mulValues(t.coef, substituteAtom(t.atom, values)));
    return out;
  }

  /** Names of the inputs it uses, in first-use order. */
  symbols(into: Set<string> = new Set()): Set<string> {
    for (const t of this.terms) atomSymbols(t.atom, into);
    return into;
  }

  /** OpenQASM 3 text (numbers written by `num`, which must read back as the same double). */
  format(num: NumberFormat = String): string {
    const parts: string[] = [];
    for (const t of this.terms) {
      const text = formatTerm(t.coef, formatAtom(t.atom, num, t.coef !== 1), num);
      parts.push(parts.length > 0 && text.startsWith('-') ? `- ${text.slice(1)}` : parts.length > 0 ? `+ ${text}` : text);
    }
    if (this.constant !== 0 || parts.length === 0) {
      const c = num(this.constant);
      parts.push(parts.length === 0 ? c : c.startsWith('-') ? `- ${c.slice(1)}` : `+ ${c}`);
    }
    return parts.join(' ');
  }

  toString(): string {
    return this.format();
  }

  /** Product; a constant factor scales, two expressions make a product atom. */
  static mul(a: Expr, b: Expr): Expr {
    const ma = a.monomial(), mb = b.monomial();
    const [l, r, k] = ma && mb ? [ma.unit, mb.unit, ma.coef * mb.coef] : [a, b, 1];
    return l.key <= r.key ? Expr.atom({ kind: 'mul', left: l, right: r }, k) : Expr.atom({ kind: 'mul', left: r, right: l }, k);
  }

  static div(a: Expr, b: Expr): Expr {
    const ma = a.monomial();
    return ma ? Expr.atom({ kind: 'div', left: ma.unit, right: b }, ma.coef) : Expr.atom({ kind: 'div', left: a, right: b });
  }

  static pow(a: Expr, b: Expr): Expr {
    return Expr.atom({ kind: 'pow', left: a, right: b });
  }

  static call(fn: ExprFunction, arg: Expr): Expr {
    return Expr.atom({ kind: 'call', fn, arg });
  }
}

function evalAtom(a: Atom, values: (name: string) => number | undefined): number {
  switch (a.kind) {
    case 'symbol': {
      const v = values(a.name);
      if (v === undefined) throw new ValidationError(`input parameter '${a.name}' has no value`);
      return v;
    }
    case 'call': return EVAL[a.fn](a.arg.evaluate(values));
    case 'mul': return a.left.evaluate(values) * a.right.evaluate(values);
    case 'div': return a.left.evaluate(values) / a.right.evaluate(values);
    case 'pow': return a.left.evaluate(values) ** a.right.evaluate(values);
  }
}

function substituteAtom(a: Atom, values: (name: string) => number | undefined): ParamValue {
  switch (a.kind) {
    case 'symbol': return values(a.name) ?? Expr.symbol(a.name);
    case 'call': return callValue(a.fn, a.arg.substitute(values));
    case 'mul': return mulValues(a.left.substitute(values), a.right.substitute(values));
    case 'div': return divValues(a.left.substitute(values), a.right.substitute(values));
    case 'pow': return powValues(a.left.substitute(values), a.right.substitute(values));
  }
}

function atomSymbols(a: Atom, into: Set<string>): void {
  if (a.kind === 'symbol') into.add(a.name);
  else if (a.kind === 'call') a.arg.symbols(into);
  else {
    a.left.symbols(into);
    a.right.symbols(into);
  }
}

/** An operand of `*`, `/` or `**`: a bare symbol or call as is, anything else in parentheses. */
function operand(e: Expr, num: NumberFormat): string {
  const m = e.constant === 0 && e.terms.length === 1 && e.terms[0]!.coef === 1 ? e.terms[0]!.atom : undefined;
  const text = e.format(num);
  return m !== undefined && (m.kind === 'symbol' || m.kind === 'call') ? text : `(${text})`;
}

function formatAtom(a: Atom, num: NumberFormat, scaled: boolean): string {
  switch (a.kind) {
    case 'symbol': return a.name;
    case 'call': return `${a.fn}(${a.arg.format(num)})`;
    default: {
      const op = a.kind === 'mul' ? '*' : a.kind === 'div' ? '/' : '**';
      const text = `${operand(a.left, num)}${op}${operand(a.right, num)}`;
      return scaled ? `(${text})` : text;
    }
  }
}

/**
 * coef·atom. OpenQASM 3 allows angle / int and int · angle but not float · angle, so 1/k
 * coefficients are written as a division (and −(a/k) rather than −a/k).
 */
function formatTerm(coef: number, atom: string, num: NumberFormat): string {
  if (coef === 1) return atom;
  if (coef === -1) return `-${atom}`;
  if (Number.isInteger(coef)) return `${coef}*${atom}`;
  const k = 1 / coef;
  if (Number.isInteger(k) && 1 / k === coef) return k > 0 ? `${atom}/${k}` : `-(${atom}/${-k})`;
  return `${num(coef)}*${atom}`;
}

/** a + b, as a number when both are numbers. */
export function addValues(a: ParamValue, b: ParamValue): ParamValue {
  if (typeof a === 'number') return typeof b === 'number' ? a + b : b.add(a);
  return foldConstant(a.add(b));
}

export function subValues(a: ParamValue, b: ParamValue): ParamValue {
  return addValues(a, negValue(b));
}

export function negValue(a: ParamValue): ParamValue {
  return typeof a === 'number' ? -a : a.neg();
}

export function mulValues(a: ParamValue, b: ParamValue): ParamValue {
  if (typeof a === 'number') return typeof b === 'number' ? a * b : foldConstant(b.scale(a));
  if (typeof b === 'number') return foldConstant(a.scale(b));
  return Expr.mul(a, b);
}

/** a / b; dividing an expression by the constant 0 is refused (it has no value). */
export function divValues(a: ParamValue, b: ParamValue): ParamValue {
  if (typeof b === 'number') {
    if (typeof a === 'number') return a / b;
    if (b === 0) throw new ValidationError(`division of '${a.format()}' by zero`);
    return foldConstant(a.scale(1 / b));
  }
  return Expr.div(Expr.of(a), b);
}

export function powValues(a: ParamValue, b: ParamValue): ParamValue {
  if (typeof a === 'number' && typeof b === 'number') return a ** b;
  if (typeof b === 'number' && b === 1) return a;
  if (typeof b === 'number' && b === 0) return 1;
  return Expr.pow(Expr.of(a), Expr.of(b));
}

export function callValue(fn: ExprFunction, x: ParamValue): ParamValue {
  return typeof x === 'number' ? EVAL[fn](x) : Expr.call(fn, x);
}

/** A constant expression as its number; anything else unchanged. */
export function foldConstant(e: Expr): ParamValue {
  return e.isConstant() ? e.constant : e;
}

/** Equal values: numbers within `tol`, expressions with the same atoms and coefficients within `tol`. */
export function valuesEqual(a: ParamValue, b: ParamValue, tol = 1e-12): boolean {
  if (typeof a === 'number' || typeof b === 'number') return typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= tol;
  if (a.key === b.key) return true;
  if (a.terms.length !== b.terms.length || Math.abs(a.constant - b.constant) > tol) return false;
  return a.terms.every((t, i) => t.key === b.terms[i]!.key && Math.abs(t.coef - b.terms[i]!.coef) <= tol * Math.max(1, Math.abs(t.coef)));
}
