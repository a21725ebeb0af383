/** Read an OpenQASM file from disk into a Circuit (errors name the file, line and column). */
import type { Circuit } from '../circuit/circuit.js';
import { readTextFile } from '../files.js';
import { parseQasm } from './parser.js';

/** Read and parse an OpenQASM 2/3 file; a missing or unreadable file is a ValidationError (exit 2). */
export function readQasmFile(path: string): Circuit {
  const text = readTextFile(path);
  return parseQasm(text, { file: path });
}
