/**
 * The reader's state: lexer, scopes, registers, the instructions emitted so far and the budgets
 * they are metered against (operands.ts reads the operands every statement shares). Statement
 * modules receive this object; none of them imports another's module or parser.ts, so the
 * reader's files form no import cycle (parser.ts dispatches).
 */
import type { Circuit, Condition, Instruction, Parameter, Register } from '../circuit/circuit.js';
import type { ParamValue } from '../circuit/expression.js';
import { quote } from '../errors.js';
import { formatCount, MAX_NESTING, type ReaderBudgets } from './budgets.js';
import { BUILTIN_CONSTANTS, type Lookup } from './expr.js';
import { LIBRARY_ENTRIES, PRELUDE, PRELUDE_FILE, type GateEntry } from './gate-table.js';
import { Lexer, T } from './lexer.js';

export interface Reg extends Register {
  /** Declared without a size (`qubit q;`): the name alone is one qubit, not a list. */
  readonly scalar: boolean;
}

/** An operand: one qubit/clbit index, or a list (a whole register or a slice) to broadcast over. */
export type Operand = number | number[];

/** An inclusive integer range a, a + step, …, read lazily (loops never materialise it). */
export interface IntRange {
  readonly start: number;
  readonly step: number;
  readonly count: number;
}

/** A defined gate's expansion on local qubits 0..n−1, kept for repeated calls with the same parameters. */
export interface Expansion {
  readonly instructions: readonly Instruction[];
  /** Work the expansion charged (a cached call charges it again). */
  readonly work: number;
}

/** Most cached expansions (and cached instructions in total) a program keeps. */
const MAX_CACHED = 4096;
const MAX_CACHED_INSTRUCTIONS = 1 << 20;

export class ReaderState {
  readonly lx = new Lexer(PRELUDE, PRELUDE_FILE);
  readonly gates = new Map<string, GateEntry>(LIBRARY_ENTRIES);
  /** Gates the program itself defined (redefining one is an error). */
  readonly defined = new Set<string>();
  /** Built-in and declared constants and input parameters: the only names a gate body sees besides its parameters. */
  readonly globals = new Map<string, ParamValue>(BUILTIN_CONSTANTS);
  /** Loop variables and the parameters of the gate being expanded (innermost scope). */
  locals = new Map<string, ParamValue>();
  /** Input parameters in declaration order. */
  readonly inputs: Parameter[] = [];
  readonly lookup: Lookup = (name) => {
    const local = this.locals.size === 0 ? undefined : this.locals.get(name);
    if (local !== undefined) return local;
    const v = this.globals.get(name);
    // OpenQASM gate bodies see only constants; an input (or a variable computed from one) is not one.
    if (v !== undefined && typeof v !== 'number' && this.qargs !== undefined) {
      throw this.lx.error(`gate bodies cannot use input parameter ${quote(name)}; pass it to the gate as a parameter`);
    }
    return v;
  };
  /** Inside a gate body: the body's qubit names bound to qubits; undefined at top level. */
  qargs: Map<string, number> | undefined;
  /** Where instructions go (swapped while a modified call or a gate expansion collects its body). */
  out: Instruction[] = [];
  /** The classical condition of the enclosing `if`, attached to every emitted instruction. */
  cond: Condition | undefined;
  readonly qregs = new Map<string, Reg>();
  readonly cregs = new Map<string, Reg>();
  readonly qregList: Register[] = [];
  readonly cregList: Register[] = [];
  nq = 0;
  nc = 0;
  maxPhysical = -1;
  /** Work charged so far (see ReaderBudgets.maxWork). */
  work = 0;
  /** Blocks, loops, `if` bodies and gate expansions currently open. */
  private depth = 0;
  /** Shared frozen [q] arrays: most instructions are one-qubit (fewer live objects for the GC). */
  private readonly singles: (readonly number[])[] = [];
  private readonly expansions = new Map<string, Expansion>();
  private cachedInstructions = 0;

  constructor(readonly budgets: ReaderBudgets, private readonly dispatch: (s: ReaderState) => void) {
    this.lx.next();
  }

  /** Switch from the prelude to the program text. */
  startText(text: string, file: string): void {
    this.lx.restore({ text, file, pos: 0, line: 1, lineStart: 0 });
  }

  /** One statement (dispatched by parser.ts); every statement is one step of work. */
  statement(): void {
    this.step();
    this.dispatch(this);
  }

  /** Charge one step of work. */
  step(): void {
    if (++this.work > this.budgets.maxWork) this.overWork();
  }

  /** `{ … }` at the current token. */
  block(): void {
    const lx = this.lx;
    this.enter('blocks');
    lx.next();
    while (lx.k() !== T.RBrace) {
      if (lx.k() === T.EOF) throw lx.error("expected '}' before end of file");
      this.statement();
    }
    lx.next();
    this.depth--;
  }

  /** Open one level of nesting (closed by leave()); `what` names it in the error. */
  enter(what: string): void {
    if (++this.depth > MAX_NESTING) throw this.lx.error(`${what} nested more than ${MAX_NESTING} deep; flatten the program`);
  }

  leave(): void {
    this.depth--;
  }

  /** Charge `n` steps of work, failing at (line, col) (default: the current token) when the budget is spent. */
  charge(n: number, line = this.lx.tokLine, col = this.lx.tokCol): void {
    this.work += n;
    if (this.work > this.budgets.maxWork) this.overWork(line, col);
  }

  private overWork(line = this.lx.tokLine, col = this.lx.tokCol): never {
    throw this.lx.errorAt(line, col, `flattening needs more than ${formatCount(this.budgets.maxWork)} steps (statements, gate calls, loop iterations, barrier operands); reduce loop ranges, pow exponents or nested gate calls`);
  }

  /** The frozen array [q], shared by every instruction on qubit q alone. */
  single(q: number): readonly number[] {
    return (this.singles[q] ??= Object.freeze([q]));
  }

  /** Append an instruction, under the enclosing condition if any. */
  emit(inst: Instruction): void {
    this.step();
    const out = this.out;
    if (out.length >= this.budgets.maxInstructions) {
      throw this.lx.error(`the flattened program exceeds ${formatCount(this.budgets.maxInstructions)} instructions; reduce loop ranges, pow exponents or nested gate calls`);
    }
    out.push(this.cond === undefined ? inst : {
      gate: inst.gate, qubits: inst.qubits, params: inst.params, ...(inst.exprs ? { exprs: inst.exprs } : {}), ...(inst.clbits ? { clbits: inst.clbits } : {}), condition: this.cond,
    });
  }

  /** The cached expansion of a defined gate call, if any. */
  expansion(key: string): Expansion | undefined {
    return this.expansions.get(key);
  }

  /** Keep an expansion for later calls while the cache has room. */
  remember(key: string, e: Expansion): void {
    if (this.expansions.size >= MAX_CACHED || this.cachedInstructions + e.instructions.length > MAX_CACHED_INSTRUCTIONS) return;
    this.cachedInstructions += e.instructions.length;
    this.expansions.set(key, e);
  }

  /** A ParseError at the current token if we are inside a gate body. */
  topLevelOnly(what: string): void {
    if (this.qargs !== undefined) throw this.lx.error(`${what} is not allowed inside a gate body`);
  }

  /** Refuse a name already used by a register, constant or loop variable in scope. */
  checkNewName(name: string, line: number, col: number): void {
    if (this.qregs.has(name) || this.cregs.has(name)) throw this.lx.errorAt(line, col, `${quote(name)} is already declared`);
    if (this.inputs.some((p) => p.name === name)) throw this.lx.errorAt(line, col, `${quote(name)} is already declared as an input`);
    if (this.globals.has(name) || this.locals.has(name)) throw this.lx.errorAt(line, col, `${quote(name)} is already declared as a constant`);
  }

  /** Add register `name` of `size` qubits or bits to the program's count, within the budget. */
  allocate(kind: 'qubit' | 'bit', name: string, size: number, line: number, col: number): number {
    const start = kind === 'qubit' ? this.nq : this.nc;
    if (start + size > this.budgets.maxQubits) {
      throw this.lx.errorAt(line, col, `register ${quote(name)} of ${formatCount(size)} ${kind}s takes the program past the reader's limit of ${formatCount(this.budgets.maxQubits)} ${kind}s`);
    }
    if (kind === 'qubit') this.nq += size;
    else this.nc += size;
    return start;
  }

  /** Measure each qubit of `q` into the matching bit of `c` (equal lengths). */
  measurePairs(q: Operand, c: Operand): void {
    const qs = typeof q === 'number' ? [q] : q;
    const cs = typeof c === 'number' ? [c] : c;
    if (qs.length !== cs.length) throw this.lx.error(`measure: ${qs.length} qubit(s) but ${cs.length} bit(s)`);
    for (let i = 0; i < qs.length; i++) this.emit({ gate: 'measure', qubits: this.single(qs[i]!), params: NO_PARAMS, clbits: [cs[i]!] });
  }

  /** The finished circuit. */
  circuit(): Circuit {
    const numQubits = Math.max(this.nq, this.maxPhysical + 1);
    const metadata = this.maxPhysical >= 0 ? { physicalQubits: true } : {};
    return Object.freeze({
      numQubits, numClbits: this.nc, qregs: Object.freeze(this.qregList), cregs: Object.freeze(this.cregList),
      instructions: Object.freeze(this.out), metadata: Object.freeze(metadata),
      ...(this.inputs.length > 0 ? { parameters: Object.freeze(this.inputs) } : {}),
    });
  }
}

const NO_PARAMS: readonly number[] = Object.freeze([]);

/** start, start + 1, …, start + size − 1. */
export function span(start: number, size: number): number[] {
  const out = new Array<number>(size);
  for (let i = 0; i < size; i++) out[i] = start + i;
  return out;
}
