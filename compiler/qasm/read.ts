/** Read an OpenQASM file from disk into a Circuit (errors name the file, line and column). */
import { readFileSync } from 'node:fs';
import type { Circuit } from '../circuit/circuit.js';
import { ValidationError } from '../errors.js';
import { parseQasm } from './parser.js';

/** Read and parse an OpenQASM 2/3 file; a missing or unreadable file is a ValidationError (exit 2). */
export function readQasmFile(path: string): Circuit {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ValidationError(`${path}: cannot read the file (${code === 'ENOENT' ? 'no such file' : code ?? String(err)})`);
  }
  return parseQasm(text, { file: path });
}
