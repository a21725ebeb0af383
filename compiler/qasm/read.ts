/** Read an OpenQASM file from disk into a Circuit (errors name the file, line and column). */
import type { Circuit } from '../circuit/circuit.js';
import { ParseError } from '../errors.js';
import { readTextFile } from '../files.js';
import { parseQasm } from './parser.js';

/**
 * Read and parse an OpenQASM 2/3 file; a missing or unreadable file is a ValidationError (exit 2).
 * An empty (or all-whitespace) file is refused: it is a truncated write or a wrong path far more
 * often than an intended empty program (write `OPENQASM 3.0;` for that).
 */
export function readQasmFile(path: string): Circuit {
  const text = readTextFile(path);
  if (text.trim() === '') throw new ParseError({ file: path, line: 1, col: 1 }, "the file is empty; expected an OpenQASM 2/3 program (an intentionally empty one reads 'OPENQASM 3.0;')");
  return parseQasm(text, { file: path });
}
