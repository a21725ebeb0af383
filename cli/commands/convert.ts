/** `qntk convert IN [--to qasm3|qasm2] [-o OUT]`: read OpenQASM 2/3, write flattened OpenQASM 3 or 2. */
import type { Argv } from 'yargs';
import { ValidationError } from '../../compiler/errors.js';
import { checkWritable, writeFileAtomic } from '../../compiler/files.js';
import { printQasm } from '../../compiler/qasm/lower.js';
import { readQasmFile } from '../../compiler/qasm/read.js';
import type { QntkCommand } from '../command.js';
import type { CliIo } from '../io.js';

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
