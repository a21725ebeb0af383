/** `qntk draw FILE [--svg OUT] [--fold N] [--max-columns N]`: a text or SVG drawing of an OpenQASM program. */
import { drawSvg, drawText } from '../../compiler/draw/index.js';
import { checkWritable, writeFileAtomic } from '../../compiler/files.js';
import { readQasmFile } from '../../compiler/qasm/read.js';
import type { ArgsOf } from '../spec.js';
import type { drawSpec } from '../specs/circuits.js';
import type { CliIo } from '../io.js';

export function run(args: ArgsOf<typeof drawSpec>, io: CliIo): number {
  if (args.svg !== undefined) checkWritable(args.svg, '--svg');
  const circuit = readQasmFile(args.file);
  const maxColumns = args.maxColumns;
  if (args.svg !== undefined) {
    writeFileAtomic(args.svg, drawSvg(circuit, { maxColumns, ...(args.fold !== undefined ? { fold: args.fold } : {}) }));
    return 0;
  }
  const text = drawText(circuit, { fold: args.fold ?? io.columns ?? 80, maxColumns });
  io.stdout(text);
  if (/\n… [\d,]+ more columns \([\d,]+ operations\) not drawn\n$/.test(text)) io.stdout('(--max-columns 0 draws every column)\n');
  return 0;
}
