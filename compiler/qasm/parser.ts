/**
 * Recursive-descent OpenQASM 2/3 reader: text → flat Circuit of library gates. This file holds
 * the parser state, statement dispatch and operands; parse-declarations.ts, parse-statements.ts
 * and parse-gates.ts hold the statements. Gate definitions,
 * modifiers and loops are flattened while parsing: a loop body or gate body is re-read with its
 * variables bound (see expr.ts), so every expression is a number when it is parsed and the hot
 * path (a library gate on indexed qubits) allocates only the instruction itself.
 */
import type { Circuit, Condition, Instruction, Register } from '../circuit/circuit.js';
import { ParseError, QntkError } from '../errors.js';
import { BUILTIN_CONSTANTS, describe, expect, parseExpr, parseIntExpr, type Lookup } from './expr.js';
import { LIBRARY_ENTRIES, PRELUDE, PRELUDE_FILE, type GateEntry } from './gate-table.js';
import { Lexer, T } from './lexer.js';
import { MAX_INSTRUCTIONS } from './modifiers.js';
import { parseGateCall, parseGateDefinition, parseModifiedCall } from './parse-gates.js';
import { classical, CLASSICAL_TYPES, declareBits, declareQubits, include } from './parse-declarations.js';
import { assignment, barrier, forLoop, ifStatement, measure, reset } from './parse-statements.js';

/** Options of parseQasm. */
export interface ParseOptions {
  /** File name used in diagnostics (default '<input>'). */
  readonly file?: string;
}

export interface Reg extends Register {
  /** Declared without a size (`qubit q;`): the name alone is one qubit, not a list. */
  readonly scalar: boolean;
}

/** An operand: one qubit/clbit index, or a list (a whole register or a slice) to broadcast over. */
export type Operand = number | number[];

/** Longest loop range or index range (keeps a mistyped program from exhausting memory). */
const MAX_RANGE = 10_000_000;

const UNSUPPORTED: ReadonlySet<string> = new Set([
  'input', 'output', 'def', 'while', 'box', 'delay', 'let', 'extern', 'defcal', 'cal', 'defcalgrammar', 'return', 'break',
  'continue', 'switch', 'case', 'array', 'complex', 'duration', 'stretch', 'opaque', 'end', 'durationof', 'pragma',
]);

export class Parser {
  readonly lx: Lexer;
  readonly gates = new Map<string, GateEntry>(LIBRARY_ENTRIES);
  /** Gates the program itself defined (redefining one is an error). */
  readonly defined = new Set<string>();
  readonly values = new Map<string, number>(BUILTIN_CONSTANTS);
  readonly lookup: Lookup = (name) => this.values.get(name);
  /** Inside a gate body: the body's qubit names bound to qubits; undefined at top level. */
  qargs: Map<string, number> | undefined;
  /** Where instructions go (swapped while a modified call collects its body). */
  out: Instruction[] = [];
  /** The classical condition of the enclosing `if`, attached to every emitted instruction. */
  cond: Condition | undefined;
  depth = 0;
  readonly qregs = new Map<string, Reg>();
  readonly cregs = new Map<string, Reg>();
  readonly qregList: Register[] = [];
  readonly cregList: Register[] = [];
  /** Shared frozen [q] arrays: most instructions are one-qubit (fewer live objects for the GC). */
  private readonly singles: (readonly number[])[] = [];
  nq = 0;
  nc = 0;
  /** Instructions emitted so far, bodies of modified calls included (bounded by MAX_INSTRUCTIONS). */
  private emitted = 0;
  maxPhysical = -1;

  constructor(text: string, file: string) {
    this.lx = new Lexer(PRELUDE, PRELUDE_FILE);
    this.lx.next();
    while (this.lx.k() !== T.EOF) parseGateDefinition(this);
    this.lx.text = text;
    this.lx.file = file;
    this.lx.restore({ text, file, pos: 0, line: 1, lineStart: 0 });
  }

  /** Read the whole program. */
  parseProgram(): Circuit {
    const lx = this.lx;
    if (lx.k() === T.Ident && lx.value() === 'OPENQASM') {
      lx.next();
      if (lx.k() !== T.Int && lx.k() !== T.Float) throw lx.error(`expected a version number after OPENQASM, found ${describe(lx)}`);
      const major = Math.floor(lx.num);
      if (major !== 2 && major !== 3) throw lx.error(`unsupported OpenQASM version ${lx.value()} (2.0 and 3 are supported)`);
      lx.next();
      expect(lx, T.Semi, "';'");
    }
    while (lx.k() !== T.EOF) this.statement();
    const numQubits = Math.max(this.nq, this.maxPhysical + 1);
    const metadata = this.maxPhysical >= 0 ? { physicalQubits: true } : {};
    const circuit: Circuit = {
      numQubits, numClbits: this.nc, qregs: Object.freeze(this.qregList), cregs: Object.freeze(this.cregList),
      instructions: Object.freeze(this.out), metadata: Object.freeze(metadata),
    };
    return Object.freeze(circuit);
  }

  /** The frozen array [q], shared by every instruction on qubit q alone. */
  single(q: number): readonly number[] {
    return (this.singles[q] ??= Object.freeze([q]));
  }

  /** Append an instruction, under the enclosing condition if any. */
  emit(inst: Instruction): void {
    if (++this.emitted > MAX_INSTRUCTIONS) {
      throw this.lx.error(`the flattened program exceeds ${MAX_INSTRUCTIONS} instructions; reduce loop ranges, pow exponents or nested gate calls`);
    }
    this.out.push(this.cond === undefined ? inst : { gate: inst.gate, qubits: inst.qubits, params: inst.params, ...(inst.clbits ? { clbits: inst.clbits } : {}), condition: this.cond });
  }

  /** One statement (or a `{ … }` block). */
  statement(): void {
    const lx = this.lx;
    if (lx.k() === T.LBrace) {
      this.block();
      return;
    }
    if (lx.k() !== T.Ident) {
      if (lx.k() === T.At) throw lx.error('annotations are not supported');
      throw lx.error(`expected a statement, found ${describe(lx)}`);
    }
    const word = lx.value();
    const line = lx.tokLine, col = lx.tokCol;
    switch (word) {
      case 'include': return include(this);
      case 'qubit': case 'qreg': return declareQubits(this, word === 'qreg');
      case 'bit': case 'creg': return declareBits(this, word === 'creg');
      case 'const': lx.next(); return classical(this, true);
      case 'gate': return parseGateDefinition(this);
      case 'measure': return measure(this);
      case 'reset': return reset(this);
      case 'barrier': return barrier(this);
      case 'if': return ifStatement(this);
      case 'for': return forLoop(this);
      case 'ctrl': case 'negctrl': case 'inv': case 'pow': return parseModifiedCall(this);
      case 'OPENQASM': throw lx.error('OPENQASM must be the first statement');
      case 'else': throw lx.error("'else' without 'if'");
      default:
    }
    if (UNSUPPORTED.has(word)) throw lx.error(`'${word}' is not supported (qntk reads static circuits: gates, measure, reset, barrier, if, for, const)`);
    if (CLASSICAL_TYPES.has(word)) return classical(this, false);
    lx.next();
    if (lx.k() === T.LBrack || lx.k() === T.Assign) return assignment(this, word, line, col);
    parseGateCall(this, word, line, col, undefined);
  }

  block(): void {
    const lx = this.lx;
    lx.next();
    while (lx.k() !== T.RBrace) {
      if (lx.k() === T.EOF) throw lx.error("expected '}' before end of file");
      this.statement();
    }
    lx.next();
  }

  /** A ParseError at the current token if we are inside a gate body. */
  topLevelOnly(what: string): void {
    if (this.qargs !== undefined) throw this.lx.error(`${what} is not allowed inside a gate body`);
  }







  /** An index into a register of `size`: expr, a:b, a:s:b (inclusive) or {i, j, …}. */
  private indices(size: number, regName: string): Operand {
    const lx = this.lx;
    lx.next();
    const check = (v: number, line: number, col: number): number => this.checkIndex(v, size, regName, line, col);
    if (lx.k() === T.Int) {
      // Fast path: a literal index, q[3].
      const line = lx.tokLine, col = lx.tokCol, v = lx.num, at = lx.start;
      lx.next();
      if (lx.k() === T.RBrack) {
        lx.next();
        return this.checkIndex(v, size, regName, line, col);
      }
      lx.restore({ text: lx.text, file: lx.file, pos: at, line, lineStart: at - (col - 1) });
    }
    let result: Operand;
    if (lx.k() === T.LBrace) {
      lx.next();
      const list: number[] = [];
      for (;;) {
        const line = lx.tokLine, col = lx.tokCol;
        list.push(check(parseIntExpr(lx, this.lookup, 'an index'), line, col));
        if (lx.k() !== T.Comma) break;
        lx.next();
      }
      expect(lx, T.RBrace, "'}'");
      result = list;
    } else {
      const line = lx.tokLine, col = lx.tokCol;
      const a = lx.k() === T.Colon ? 0 : parseIntExpr(lx, this.lookup, 'an index');
      if (lx.k() !== T.Colon) result = check(a, line, col);
      else {
        const vals = this.rangeTail(a, size - 1);
        result = vals.map((v) => check(v, line, col));
      }
    }
    expect(lx, T.RBrack, "']'");
    return result;
  }

  private checkIndex(v: number, size: number, regName: string, line: number, col: number): number {
    const i = v < 0 ? v + size : v;
    if (i < 0 || i >= size) throw this.lx.errorAt(line, col, `index ${v} is out of range for '${regName}' (size ${size})`);
    return i;
  }

  /** After `start`, at ':': `:end` or `:step:end` → the inclusive list (end defaults to `dflt`). */
  rangeTail(start: number, dflt: number): number[] {
    const lx = this.lx;
    lx.next();
    let step = 1;
    let end = lx.k() === T.RBrack ? dflt : parseIntExpr(lx, this.lookup, 'a range bound');
    if (lx.k() === T.Colon) {
      lx.next();
      step = end;
      end = parseIntExpr(lx, this.lookup, 'a range bound');
    }
    if (step === 0) throw lx.error('a range step cannot be 0');
    const count = Math.floor((end - start) / step) + 1;
    if (count > MAX_RANGE) throw lx.error(`range of ${count} values is too long (at most ${MAX_RANGE})`);
    const out: number[] = [];
    for (let v = start; step > 0 ? v <= end : v >= end; v += step) out.push(v);
    return out;
  }

  /** A qubit operand: `q`, `q[i]`, `q[a:b]`, `q[{…}]`, `$k`, or a gate body's argument name. */
  qubitOperand(): Operand {
    const lx = this.lx;
    if (lx.k() === T.HwQubit) {
      if (this.qargs !== undefined) throw lx.error('physical qubits cannot be used inside a gate body');
      if (this.nq > 0) throw lx.error('cannot use physical qubits ($k) in a program that declares qubit registers');
      const k = lx.num;
      if (k > this.maxPhysical) this.maxPhysical = k;
      lx.next();
      return k;
    }
    if (lx.k() !== T.Ident) throw lx.error(`expected a qubit, found ${describe(lx)}`);
    const name = lx.value();
    if (this.qargs !== undefined) {
      const q = this.qargs.get(name);
      if (q === undefined) throw lx.error(`'${name}' is not a qubit argument of this gate`);
      lx.next();
      if (lx.k() === T.LBrack) throw lx.error('gate arguments cannot be indexed');
      return q;
    }
    const r = this.qregs.get(name);
    if (r === undefined) {
      throw lx.error(this.cregs.has(name) ? `'${name}' is a bit register, expected qubits` : `undeclared qubit register '${name}'`);
    }
    lx.next();
    if (lx.k() !== T.LBrack) return r.scalar ? r.start : range(r.start, r.size);
    if (r.scalar) throw lx.error(`'${name}' is a single qubit and cannot be indexed`);
    const ix = this.indices(r.size, name);
    return typeof ix === 'number' ? r.start + ix : ix.map((i) => r.start + i);
  }

  /** A classical-bit operand: `c`, `c[i]`, slices. */
  bitOperand(): Operand {
    const lx = this.lx;
    if (lx.k() !== T.Ident) throw lx.error(`expected a bit register, found ${describe(lx)}`);
    const name = lx.value();
    const r = this.cregs.get(name);
    if (r === undefined) throw lx.error(this.qregs.has(name) ? `'${name}' is a qubit register, expected bits` : `undeclared bit register '${name}'`);
    lx.next();
    return this.bitIndex(r);
  }

  bitIndex(r: Reg): Operand {
    if (this.lx.k() !== T.LBrack) return r.scalar ? r.start : range(r.start, r.size);
    if (r.scalar) throw this.lx.error(`'${r.name}' is a single bit and cannot be indexed`);
    const ix = this.indices(r.size, r.name);
    return typeof ix === 'number' ? r.start + ix : ix.map((i) => r.start + i);
  }








}

function range(start: number, size: number): number[] {
  const out = new Array<number>(size);
  for (let i = 0; i < size; i++) out[i] = start + i;
  return out;
}

/**
 * Parse an OpenQASM 2.0 or 3 program into a flat Circuit of library gates.
 * Throws ParseError (`FILE:LINE:COL: message`) for any problem in the program.
 */
export function parseQasm(text: string, options: ParseOptions = {}): Circuit {
  const file = options.file ?? '<input>';
  const p = new Parser(text, file);
  try {
    return p.parseProgram();
  } catch (err) {
    if (err instanceof ParseError || !(err instanceof QntkError)) throw err;
    // A construction error (e.g. from ctrl @) without a position: place it at the current token.
    throw p.lx.error(err.message);
  }
}
