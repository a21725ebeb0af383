/** Read an OpenQASM file from disk into a Circuit (errors name the file, line and column). */
import type { Circuit } from '../circuit/circuit.js';
import { ParseError } from '../errors.js';
import { readTextFile } from '../files.js';
import { resolveBudgets } from './budgets.js';
import { parseQasm, type ParseOptions } from './parser.js';

/**
 * Read and parse an OpenQASM 2/3 file; a missing, unreadable, binary or over-budget file is a
 * ValidationError (exit 2). An empty (or all-whitespace) file is refused: it is a truncated
 * write or a wrong path far more often than an intended empty program (write `OPENQASM 3.0;`).
 */
export function readQasmFile(path: string, options: Omit<ParseOptions, 'file'> = {}): Circuit {
  const text = readTextFile(path, undefined, { maxBytes: resolveBudgets(options.budgets).maxFileBytes });
  if (text.trim() === '') throw new ParseError({ file: path, line: 1, col: 1 }, "the file is empty; expected an OpenQASM 2/3 program (an intentionally empty one reads 'OPENQASM 3.0;')");
  return parseQasm(text, { ...options, file: path });
}
