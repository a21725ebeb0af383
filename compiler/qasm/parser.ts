/**
 * Recursive-descent OpenQASM 2/3 reader: text → flat Circuit of library gates. Gate definitions,
 * modifiers and loops are flattened while parsing: a loop body or gate body is re-read with its
 * variables bound (see expr.ts), so every expression is a number when it is parsed and the hot
 * path (a library gate on indexed qubits) allocates only the instruction itself.
 */
import type { Circuit, Condition, Instruction, Register } from '../circuit/circuit.js';
import { ParseError, QntkError } from '../errors.js';
import { BUILTIN_CONSTANTS, describe, expect, parseExpr, parseIntExpr, type Lookup } from './expr.js';
import { LIBRARY_ENTRIES, PRELUDE, PRELUDE_FILE, type GateEntry } from './gate-table.js';
import { Lexer, T } from './lexer.js';
import { parseGateCall, parseGateDefinition, parseModifiedCall } from './parse-gates.js';

/** Options of parseQasm. */
export interface ParseOptions {
  /** File name used in diagnostics (default '<input>'). */
  readonly file?: string;
}

interface Reg extends Register {
  /** Declared without a size (`qubit q;`): the name alone is one qubit, not a list. */
  readonly scalar: boolean;
}

/** An operand: one qubit/clbit index, or a list (a whole register or a slice) to broadcast over. */
export type Operand = number | number[];

const EMPTY: readonly number[] = Object.freeze([]);

const UNSUPPORTED: ReadonlySet<string> = new Set([
  'input', 'output', 'def', 'while', 'box', 'delay', 'let', 'extern', 'defcal', 'cal', 'defcalgrammar', 'return', 'break',
  'continue', 'switch', 'case', 'array', 'complex', 'duration', 'stretch', 'opaque', 'end', 'durationof', 'pragma',
]);
const CLASSICAL_TYPES: ReadonlySet<string> = new Set(['int', 'uint', 'float', 'angle', 'bool']);

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
  private readonly qregs = new Map<string, Reg>();
  private readonly cregs = new Map<string, Reg>();
  private readonly qregList: Register[] = [];
  private readonly cregList: Register[] = [];
  /** Shared frozen [q] arrays: most instructions are one-qubit (fewer live objects for the GC). */
  private readonly singles: (readonly number[])[] = [];
  private nq = 0;
  private nc = 0;
  private maxPhysical = -1;

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
      case 'include': return this.include();
      case 'qubit': case 'qreg': return this.declareQubits(word === 'qreg');
      case 'bit': case 'creg': return this.declareBits(word === 'creg');
      case 'const': lx.next(); return this.classical(true);
      case 'gate': return parseGateDefinition(this);
      case 'measure': return this.measure();
      case 'reset': return this.reset();
      case 'barrier': return this.barrier();
      case 'if': return this.ifStatement();
      case 'for': return this.forLoop();
      case 'ctrl': case 'negctrl': case 'inv': case 'pow': return parseModifiedCall(this);
      case 'OPENQASM': throw lx.error('OPENQASM must be the first statement');
      case 'else': throw lx.error("'else' without 'if'");
      default:
    }
    if (UNSUPPORTED.has(word)) throw lx.error(`'${word}' is not supported (qntk reads static circuits: gates, measure, reset, barrier, if, for, const)`);
    if (CLASSICAL_TYPES.has(word)) return this.classical(false);
    lx.next();
    if (lx.k() === T.LBrack || lx.k() === T.Assign) return this.assignment(word, line, col);
    parseGateCall(this, word, line, col, undefined);
  }

  private block(): void {
    const lx = this.lx;
    lx.next();
    while (lx.k() !== T.RBrace) {
      if (lx.k() === T.EOF) throw lx.error("expected '}' before end of file");
      this.statement();
    }
    lx.next();
  }

  /** A ParseError at the current token if we are inside a gate body. */
  private topLevelOnly(what: string): void {
    if (this.qargs !== undefined) throw this.lx.error(`${what} is not allowed inside a gate body`);
  }

  private include(): void {
    const lx = this.lx;
    this.topLevelOnly('include');
    lx.next();
    if (lx.k() !== T.Str) throw lx.error(`expected a file name in quotes after include, found ${describe(lx)}`);
    const name = lx.value();
    if (name !== 'stdgates.inc' && name !== 'qelib1.inc') {
      throw lx.error(`cannot include '${name}': only stdgates.inc and qelib1.inc are built in; paste the file's gate definitions instead`);
    }
    lx.next();
    expect(lx, T.Semi, "';'");
  }

  private newName(name: string, line: number, col: number): void {
    if (this.qregs.has(name) || this.cregs.has(name)) throw this.lx.errorAt(line, col, `'${name}' is already declared`);
    if (this.values.has(name)) throw this.lx.errorAt(line, col, `'${name}' is already declared as a constant`);
  }

  /** `qubit[n] q;`, `qubit q;` or `qreg q[n];`. */
  private declareQubits(old: boolean): void {
    const reg = this.declaration(old, 'qubit');
    if (this.maxPhysical >= 0) throw this.lx.error('cannot declare qubits in a program that uses physical qubits ($k)');
    const r: Reg = { name: reg.name, start: this.nq, size: reg.size, scalar: reg.scalar };
    this.qregs.set(r.name, r);
    this.qregList.push({ name: r.name, start: r.start, size: r.size });
    this.nq += r.size;
    expect(this.lx, T.Semi, "';'");
  }

  /** `bit[n] c;`, `bit c;`, `creg c[n];`, or `bit[n] c = measure q;`. */
  private declareBits(old: boolean): void {
    const reg = this.declaration(old, 'bit');
    const r: Reg = { name: reg.name, start: this.nc, size: reg.size, scalar: reg.scalar };
    this.cregs.set(r.name, r);
    this.cregList.push({ name: r.name, start: r.start, size: r.size });
    this.nc += r.size;
    if (!old && this.lx.k() === T.Assign) {
      this.lx.next();
      if (!(this.lx.k() === T.Ident && this.lx.value() === 'measure')) throw this.lx.error(`a bit register can only be initialised by 'measure', found ${describe(this.lx)}`);
      this.lx.next();
      const q = this.qubitOperand();
      this.measurePairs(q, r.scalar ? r.start : Array.from({ length: r.size }, (_, i) => r.start + i));
    }
    expect(this.lx, T.Semi, "';'");
  }

  private declaration(old: boolean, what: string): { name: string; size: number; scalar: boolean } {
    const lx = this.lx;
    this.topLevelOnly(`a ${what} declaration`);
    lx.next();
    let size = 1, scalar = true;
    if (!old && lx.k() === T.LBrack) {
      lx.next();
      size = parseIntExpr(lx, this.lookup, 'a register size');
      expect(lx, T.RBrack, "']'");
      scalar = false;
    }
    if (lx.k() !== T.Ident) throw lx.error(`expected a register name, found ${describe(lx)}`);
    const name = lx.value();
    this.newName(name, lx.tokLine, lx.tokCol);
    lx.next();
    if (old) {
      expect(lx, T.LBrack, "'['");
      size = parseIntExpr(lx, this.lookup, 'a register size');
      expect(lx, T.RBrack, "']'");
      scalar = false;
    }
    if (size < 1) throw lx.error(`register '${name}' must have at least one ${what}, got ${size}`);
    return { name, size, scalar };
  }

  /** `const float x = …;` or a non-const scalar initialised once (treated as a constant). */
  private classical(isConst: boolean): void {
    const lx = this.lx;
    if (lx.k() !== T.Ident || !CLASSICAL_TYPES.has(lx.value())) throw lx.error(`expected a type (int, uint, float, angle, bool), found ${describe(lx)}`);
    const isInt = lx.value() === 'int' || lx.value() === 'uint';
    lx.next();
    if (lx.k() === T.LBrack) {
      lx.next();
      parseIntExpr(lx, this.lookup, 'a type width');
      expect(lx, T.RBrack, "']'");
    }
    if (lx.k() !== T.Ident) throw lx.error(`expected a name, found ${describe(lx)}`);
    const name = lx.value();
    this.newName(name, lx.tokLine, lx.tokCol);
    lx.next();
    if (lx.k() !== T.Assign) throw lx.error(`${isConst ? 'a constant' : 'a classical variable'} needs an initial value ('= …'); run-time classical variables are not supported`);
    lx.next();
    const v = isInt ? parseIntExpr(lx, this.lookup, `int '${name}'`) : parseExpr(lx, this.lookup);
    this.values.set(name, v);
    expect(lx, T.Semi, "';'");
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
  private bitOperand(): Operand {
    const lx = this.lx;
    if (lx.k() !== T.Ident) throw lx.error(`expected a bit register, found ${describe(lx)}`);
    const name = lx.value();
    const r = this.cregs.get(name);
    if (r === undefined) throw lx.error(this.qregs.has(name) ? `'${name}' is a qubit register, expected bits` : `undeclared bit register '${name}'`);
    lx.next();
    return this.bitIndex(r);
  }

  private bitIndex(r: Reg): Operand {
    if (this.lx.k() !== T.LBrack) return r.scalar ? r.start : range(r.start, r.size);
    if (r.scalar) throw this.lx.error(`'${r.name}' is a single bit and cannot be indexed`);
    const ix = this.indices(r.size, r.name);
    return typeof ix === 'number' ? r.start + ix : ix.map((i) => r.start + i);
  }

  private measurePairs(q: Operand, c: Operand): void {
    const lx = this.lx;
    const qs = typeof q === 'number' ? [q] : q;
    const cs = typeof c === 'number' ? [c] : c;
    if (qs.length !== cs.length) throw lx.error(`measure: ${qs.length} qubit(s) but ${cs.length} bit(s)`);
    for (let i = 0; i < qs.length; i++) this.emit({ gate: 'measure', qubits: [qs[i]!], params: EMPTY, clbits: [cs[i]!] });
  }

  /** `measure q -> c;` (OpenQASM 2 style). */
  private measure(): void {
    const lx = this.lx;
    this.topLevelOnly('measure');
    lx.next();
    const q = this.qubitOperand();
    if (lx.k() !== T.Arrow) throw lx.error("measure needs a target: write 'measure q -> c;' or 'c = measure q;'");
    lx.next();
    const c = this.bitOperand();
    this.measurePairs(q, c);
    expect(lx, T.Semi, "';'");
  }

  /** `c = measure q;` / `c[0] = measure q[0];` (the register name has been read). */
  private assignment(name: string, line: number, col: number): void {
    const lx = this.lx;
    this.topLevelOnly('an assignment');
    const r = this.cregs.get(name);
    if (r === undefined) throw lx.errorAt(line, col, this.qregs.has(name) ? `'${name}' is a qubit register; gate calls do not take '[' after the gate name` : `undeclared bit register '${name}'`);
    const c = this.bitIndex(r);
    expect(lx, T.Assign, "'='");
    if (!(lx.k() === T.Ident && lx.value() === 'measure')) throw lx.error(`only 'measure' can be assigned to bits (run-time classical computation is not supported), found ${describe(lx)}`);
    lx.next();
    this.measurePairs(this.qubitOperand(), c);
    expect(lx, T.Semi, "';'");
  }

  private reset(): void {
    const lx = this.lx;
    this.topLevelOnly('reset');
    lx.next();
    const q = this.qubitOperand();
    for (const x of typeof q === 'number' ? [q] : q) this.emit({ gate: 'reset', qubits: [x], params: EMPTY });
    expect(lx, T.Semi, "';'");
  }

  private barrier(): void {
    const lx = this.lx;
    lx.next();
    const qs: number[] = [];
    if (lx.k() === T.Semi) {
      if (this.qargs !== undefined) qs.push(...this.qargs.values());
      else for (let i = 0; i < Math.max(this.nq, this.maxPhysical + 1); i++) qs.push(i);
    } else {
      for (;;) {
        const o = this.qubitOperand();
        for (const x of typeof o === 'number' ? [o] : o) if (!qs.includes(x)) qs.push(x);
        if (lx.k() !== T.Comma) break;
        lx.next();
      }
    }
    expect(lx, T.Semi, "';'");
    this.emit({ gate: 'barrier', qubits: qs, params: EMPTY });
  }

  /** `if (c[0])`, `if (!c[0])`, `if (c[0] == 1)`, `if (c == 3)`; `else` for single-bit conditions. */
  private ifStatement(): void {
    const lx = this.lx;
    this.topLevelOnly("'if'");
    if (this.cond !== undefined) throw lx.error("nested 'if' is not supported");
    lx.next();
    expect(lx, T.LParen, "'('");
    let negate = false;
    if (lx.k() === T.Bang) {
      negate = true;
      lx.next();
    }
    if (lx.k() !== T.Ident) throw lx.error(`expected a bit or bit register in the condition, found ${describe(lx)}`);
    const name = lx.value();
    const r = this.cregs.get(name);
    if (r === undefined) throw lx.error(`undeclared bit register '${name}'`);
    lx.next();
    const bits = this.bitIndex(r);
    const single = typeof bits === 'number';
    let value = 1;
    if (lx.k() === T.Eq || lx.k() === T.Neq) {
      const neq = lx.k() === T.Neq;
      lx.next();
      const line = lx.tokLine, col = lx.tokCol;
      value = parseIntExpr(lx, this.lookup, 'a condition value');
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
    this.cond = { clbits, value };
    try {
      this.statement();
      if (lx.k() === T.Ident && lx.value() === 'else') {
        if (!single) throw lx.error("'else' is supported only for single-bit conditions");
        lx.next();
        this.cond = { clbits, value: 1 - value };
        this.statement();
      }
    } finally {
      this.cond = undefined;
    }
  }

  /** `for [type] i in [a:b] { … }` / `in {a, b, …}`: the body is re-read once per value. */
  private forLoop(): void {
    const lx = this.lx;
    lx.next();
    if (lx.k() === T.Ident && CLASSICAL_TYPES.has(lx.value())) {
      lx.next();
      if (lx.k() === T.LBrack) {
        lx.next();
        parseIntExpr(lx, this.lookup, 'a type width');
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
      const a = parseIntExpr(lx, this.lookup, 'a range bound');
      if (lx.k() !== T.Colon) throw lx.error(`expected ':' in the range, found ${describe(lx)}`);
      vals = this.rangeTail(a, a);
      expect(lx, T.RBrack, "']'");
    } else if (lx.k() === T.LBrace) {
      lx.next();
      vals = [];
      for (;;) {
        vals.push(parseExpr(lx, this.lookup));
        if (lx.k() !== T.Comma) break;
        lx.next();
      }
      expect(lx, T.RBrace, "'}'");
    } else throw lx.error(`expected a range [a:b] or a set {…}, found ${describe(lx)}`);
    const prev = this.values.get(name);
    const body = lx.save();
    if (vals.length === 0) this.skipStatement();
    for (const v of vals) {
      this.values.set(name, v);
      lx.restore(body);
      this.statement();
    }
    if (prev === undefined) this.values.delete(name);
    else this.values.set(name, prev);
  }

  /** Skip one statement or balanced block without executing it (an empty loop's body). */
  private skipStatement(): void {
    const lx = this.lx;
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
