/** `qntk convert IN [--to qasm3|qasm2] [-o OUT]`: read OpenQASM 2/3, write flattened OpenQASM 3 or 2. */
import { ValidationError } from '../../compiler/errors.js';
import { checkWritable, writeFileAtomic } from '../../compiler/files.js';
import { printQasm } from '../../compiler/qasm/lower.js';
import { readQasmFile } from '../../compiler/qasm/read.js';
import type { ArgsOf } from '../spec.js';
import type { convertSpec } from '../specs/circuits.js';
import type { CliIo } from '../io.js';

export function run(args: ArgsOf<typeof convertSpec>, io: CliIo): number {
  const to = args.to;
  if (args.output !== undefined) checkWritable(args.output, '-o');
  const circuit = readQasmFile(args.in);
  let text: string;
  try {
    text = printQasm(circuit, { version: to === 'qasm2' ? 2 : 3 });
  } catch (err) {
    // The writer knows the construct, not the file: name it.
    if (err instanceof ValidationError) throw new ValidationError(`${args.in}: ${err.message}`);
    throw err;
  }
  if (args.output === undefined) io.stdout(text);
  else writeFileAtomic(args.output, text);
  return 0;
}
