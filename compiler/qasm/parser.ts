/**
 * Recursive-descent OpenQASM 2/3 reader: text → flat Circuit of library gates. This file
 * dispatches statements; state.ts holds the reader's state and operands, and
 * parse-declarations.ts, parse-statements.ts, parse-gates.ts and gate-definitions.ts the
 * statements. Gate definitions, modifiers and loops are flattened while parsing: a loop body or
 * gate body is re-read with its variables bound (see expr.ts), so every expression is a number
 * when it is parsed and the hot path (a library gate on indexed qubits) allocates only the
 * instruction itself. All work is metered against the budgets of budgets.ts.
 */
import type { Circuit } from '../circuit/circuit.js';
import { ParseError, QntkError, quote } from '../errors.js';
import { resolveBudgets, type ReaderBudgets } from './budgets.js';
import { CLASSICAL_TYPES, describe, expect } from './expr.js';
import { parseGateDefinition } from './gate-definitions.js';
import { T } from './lexer.js';
import { classical, declareBits, declareQubits, include, input } from './parse-declarations.js';
import { parseGateCall, parseModifiedCall } from './parse-gates.js';
import { assignment, barrier, forLoop, ifStatement, measure, reset } from './parse-statements.js';
import { ReaderState } from './state.js';

/** Options of parseQasm. */
export interface ParseOptions {
  /** File name used in diagnostics (default '<input>'). */
  readonly file?: string;
  /** Overrides of the reader's resource budgets (READER_BUDGETS). */
  readonly budgets?: Partial<ReaderBudgets>;
}

const UNSUPPORTED: ReadonlySet<string> = new Set([
  'output', 'def', 'while', 'box', 'delay', 'let', 'extern', 'defcal', 'cal', 'defcalgrammar', 'return', 'break',
  'continue', 'switch', 'case', 'array', 'complex', 'duration', 'stretch', 'opaque', 'end', 'durationof', 'pragma',
]);

/** One statement (or a `{ … }` block) at the current token. */
function statement(p: ReaderState): void {
  const lx = p.lx;
  if (lx.k() === T.LBrace) {
    p.block();
    return;
  }
  if (lx.k() !== T.Ident) {
    if (lx.k() === T.At) throw lx.error('annotations are not supported');
    throw lx.error(`expected a statement, found ${describe(lx)}`);
  }
  const word = lx.value();
  const line = lx.tokLine, col = lx.tokCol;
  switch (word) {
    case 'include': return include(p);
    case 'qubit': case 'qreg': return declareQubits(p, word === 'qreg');
    case 'bit': case 'creg': return declareBits(p, word === 'creg');
    case 'const': lx.next(); return classical(p, true);
    case 'input': return input(p);
    case 'gate': return parseGateDefinition(p);
    case 'measure': return measure(p);
    case 'reset': return reset(p);
    case 'barrier': return barrier(p);
    case 'if': return ifStatement(p);
    case 'for': return forLoop(p);
    case 'ctrl': case 'negctrl': case 'inv': case 'pow': return parseModifiedCall(p);
    case 'OPENQASM': throw lx.error('OPENQASM must be the first statement');
    case 'else': throw lx.error("'else' without 'if'");
    default:
  }
  if (UNSUPPORTED.has(word)) throw lx.error(`${quote(word)} is not supported (qntk reads static circuits: gates, measure, reset, barrier, if, for, const, input float/angle)`);
  if (CLASSICAL_TYPES.has(word)) return classical(p, false);
  lx.next();
  if (lx.k() === T.LBrack || lx.k() === T.Assign) return assignment(p, word, line, col);
  parseGateCall(p, word, line, col, undefined);
}

/** Read the whole program. */
function program(p: ReaderState): Circuit {
  const lx = p.lx;
  if (lx.k() === T.Ident && lx.value() === 'OPENQASM') {
    lx.next();
    if (lx.k() !== T.Int && lx.k() !== T.Float) throw lx.error(`expected a version number after OPENQASM, found ${describe(lx)}`);
    const major = Math.floor(lx.num);
    if (major !== 2 && major !== 3) throw lx.error(`unsupported OpenQASM version ${quote(lx.value())} (2.0 and 3 are supported)`);
    lx.next();
    expect(lx, T.Semi, "';'");
  }
  while (lx.k() !== T.EOF) {
    p.step();
    statement(p);
  }
  return p.circuit();
}

/**
 * Parse an OpenQASM 2.0 or 3 program into a flat Circuit of library gates.
 * Throws ParseError (`FILE:LINE:COL: message`) for any problem in the program, including a
 * program whose flattening would exceed the reader's budgets.
 */
export function parseQasm(text: string, options: ParseOptions = {}): Circuit {
  const file = options.file ?? '<input>';
  const p = new ReaderState(resolveBudgets(options.budgets), statement);
  while (p.lx.k() !== T.EOF) parseGateDefinition(p);
  p.work = 0;
  p.startText(text, file);
  try {
    return program(p);
  } catch (err) {
    if (err instanceof ParseError || !(err instanceof QntkError)) throw err;
    // A construction error (e.g. from ctrl @) without a position: place it at the current token.
    throw p.lx.error(err.message);
  }
}
