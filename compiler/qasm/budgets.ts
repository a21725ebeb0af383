/**
 * The reader's resource budgets. Flattening multiplies work (loops, gate calls, modifiers), so a
 * short program can ask for unbounded time or memory; every such path is metered against one of
 * these limits and stops with a ParseError at the place that exceeded it. The limits sit well
 * above any program a device or simulator could use and low enough that reaching one takes
 * seconds, not minutes.
 */
import { ValidationError } from '../errors.js';

/** Limits on what reading one program may cost; see READER_BUDGETS for the defaults. */
export interface ReaderBudgets {
  /** Largest file read, in bytes (checked before reading a regular file; streams stop there). */
  readonly maxFileBytes: number;
  /** Flattened instructions (after loops, definitions and modifiers). */
  readonly maxInstructions: number;
  /**
   * Steps of flattening work: every statement executed, instruction emitted, loop iteration
   * (charged when the loop starts) and barrier operand, counted whether or not anything is
   * emitted; a call of a defined gate charges the work of its body.
   */
  readonly maxWork: number;
  /** Qubits (declared in total, or the highest physical qubit $k plus one), and likewise bits. */
  readonly maxQubits: number;
}

export const READER_BUDGETS: ReaderBudgets = Object.freeze({
  maxFileBytes: 256 * 1024 * 1024,
  maxInstructions: 1 << 24,
  maxWork: 1 << 26,
  maxQubits: 1 << 20,
});

/**
 * Nesting of blocks, loops, `if` bodies and defined-gate calls, and modifiers on one gate call.
 * Fixed (not a budget a caller may raise): it keeps the recursive-descent reader within the
 * JavaScript stack.
 */
export const MAX_NESTING = 256;

/** Parentheses and function calls nested in one expression (same reason as MAX_NESTING). */
export const MAX_EXPRESSION_DEPTH = 256;

/** The budgets with a caller's overrides; every value must be a positive integer. */
export function resolveBudgets(overrides: Partial<ReaderBudgets> | undefined): ReaderBudgets {
  if (overrides === undefined) return READER_BUDGETS;
  const out = { ...READER_BUDGETS, ...overrides };
  for (const [k, v] of Object.entries(out)) {
    if (!Number.isSafeInteger(v) || v < 1) throw new ValidationError(`reader budget ${k} must be a positive integer, got ${String(v)}`);
  }
  return Object.freeze(out);
}

/** n with thousands separators, for messages. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
