/** Public surface of the OpenQASM reader and writer. */
export { parseQasm } from './parser.js';
export type { ParseOptions } from './parser.js';
export { readQasmFile } from './read.js';
