/** `qntk convert IN [--to qasm3|qasm2] [-o OUT]`: read OpenQASM 2/3, write flattened OpenQASM 3 or 2. */
import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Argv } from 'yargs';
import { ValidationError } from '../../compiler/errors.js';
import { describeFsError } from '../../compiler/files.js';
import { printQasm } from '../../compiler/qasm/lower.js';
import { readQasmFile } from '../../compiler/qasm/read.js';
import type { QntkCommand } from '../command.js';
import type { CliIo } from '../io.js';

/** Write `text` to `path` atomically: a temp file beside it, renamed only once complete. */
export function writeFileAtomic(path: string, text: string): void {
  checkWritable(path);
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new ValidationError(`${path}: cannot write the file: ${describeFsError(err, true)}`);
  }
}

/**
 * Fail early when `dir` cannot become an output directory (created with mkdir -p later): it, or
 * its nearest existing ancestor, is a file.
 */
export function checkOutputDir(dir: string, label?: string): void {
  const where = `${label === undefined ? '' : `${label} `}${dir}`;
  let d = dir;
  while (!existsSync(d)) {
    const up = dirname(d);
    if (up === d) return;
    d = up;
  }
  if (!statSync(d).isDirectory()) {
    throw new ValidationError(`${where}: ${d === dir ? 'it' : d} is a file, not a directory; choose another directory`);
  }
}

/**
 * Fail early, with the fix, when `path` cannot become an output file: its directory is missing
 * or not a directory, or the path itself is a directory. Cheap; call it before long work.
 */
export function checkWritable(path: string, label?: string): void {
  const where = `${label === undefined ? '' : `${label} `}${path}`;
  const dir = dirname(path);
  if (!existsSync(dir)) throw new ValidationError(`${where}: the directory ${dir} does not exist; create it first or choose another path`);
  if (!statSync(dir).isDirectory()) throw new ValidationError(`${where}: ${dir} is not a directory; choose another path`);
  if (existsSync(path) && statSync(path).isDirectory()) throw new ValidationError(`${where}: it is a directory; give a file name`);
}

function run(args: Record<string, unknown>, io: CliIo): number {
  const to = String(args.to);
  if (to !== 'qasm3' && to !== 'qasm2') throw new ValidationError(`--to ${to}: expected qasm3 or qasm2`);
  if (args.output !== undefined) checkWritable(String(args.output), '-o');
  const circuit = readQasmFile(String(args.in));
  let text: string;
  try {
    text = printQasm(circuit, { version: to === 'qasm2' ? 2 : 3 });
  } catch (err) {
    // The writer knows the construct, not the file: name it.
    if (err instanceof ValidationError) throw new ValidationError(`${String(args.in)}: ${err.message}`);
    throw err;
  }
  if (args.output === undefined) io.stdout(text);
  else writeFileAtomic(String(args.output), text);
  return 0;
}

export const convertCommand: QntkCommand = {
  command: 'convert <in>',
  describe: 'Convert an OpenQASM 2/3 program to flattened OpenQASM 3 or 2 (stdout unless -o)',
  builder: (y: Argv) => y
    .positional('in', { type: 'string', describe: 'OpenQASM 2 or 3 program' })
    .option('to', { type: 'string', choices: ['qasm3', 'qasm2'], default: 'qasm3', describe: 'output language' })
    .option('output', { alias: 'o', type: 'string', describe: 'output file (written atomically; nothing is written on error)' }),
  run,
};
