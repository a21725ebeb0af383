/** `qntk stats FILE [--json]`: gate counts, depth and T-count of an OpenQASM program after flattening. */
import { circuitStats, type CircuitStats } from '../../compiler/circuit/stats.js';
import { readQasmFile } from '../../compiler/qasm/read.js';
import type { ArgsOf } from '../spec.js';
import type { statsSpec } from '../specs/circuits.js';
import { printJson, type CliIo } from '../io.js';

/** The stats as an aligned two-column table, counts sorted by frequency. */
export function formatStats(file: string, s: CircuitStats): string {
  const rows: [string, string][] = [
    ['qubits', String(s.qubits)], ['clbits', String(s.clbits)], ['size (gates)', String(s.size)], ['depth', String(s.depth)],
    ['two-qubit gates', String(s.twoQubit)], ['multi-qubit gates (≥3)', String(s.multiQubit)], ['T count', String(s.tCount)],
    ['two-qubit depth (gates on ≥2 qubits)', String(s.twoQubitDepth)],
  ];
  const counts = Object.entries(s.counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const width = Math.max(...rows.map((r) => r[0].length), ...counts.map((c) => c[0].length + 2));
  const lines = [file, ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`), '  counts'];
  for (const [g, n] of counts) lines.push(`    ${g.padEnd(width - 2)}  ${n}`);
  return `${lines.join('\n')}\n`;
}

export function run(args: ArgsOf<typeof statsSpec>, io: CliIo): number {
  const file = args.file;
  const stats = circuitStats(readQasmFile(file));
  if (args.json) printJson(io, stats);
  else io.stdout(formatStats(file, stats));
  return 0;
}
