/** `qntk convert IN [--to qasm3|qasm2] [-o OUT] [--json]`: read OpenQASM 2/3, write flattened OpenQASM 3 or 2. */
import { circuitStats } from '../../compiler/circuit/stats.js';
import { ValidationError } from '../../compiler/errors.js';
import { checkWritable, writeFileAtomic } from '../../compiler/files.js';
import { printQasm } from '../../compiler/qasm/lower.js';
import { readQasmFile } from '../../compiler/qasm/read.js';
import type { ArgsOf } from '../spec.js';
import type { convertSpec } from '../specs/circuits.js';
import { printJson, type CliIo } from '../io.js';

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
  if (args.output !== undefined) writeFileAtomic(args.output, text);
  if (args.json) {
    const s = circuitStats(circuit);
    printJson(io, {
      file: args.in, to, qubits: s.qubits, clbits: s.clbits, gates: s.size, depth: s.depth, counts: s.counts,
      bytes: Buffer.byteLength(text), output: args.output ?? null, ...(args.output === undefined ? { program: text } : {}),
    });
  } else if (args.output === undefined) io.stdout(text);
  return 0;
}
