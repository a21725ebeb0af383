/** `qntk stats FILE [--json]`: gate counts, depth and T-count of an OpenQASM program after flattening. */
import type { Argv } from 'yargs';
import { circuitStats, type CircuitStats } from '../../compiler/circuit/stats.js';
import { readQasmFile } from '../../compiler/qasm/read.js';
import { predictOnTarget } from '../../passes/predict-success.js';
import { getTarget, TARGET_NAMES } from '../../passes/targets/builtins.js';
import type { QntkCommand } from '../command.js';
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

function run(args: Record<string, unknown>, io: CliIo): number {
  const file = String(args.file);
  const circuit = readQasmFile(file);
  const stats = circuitStats(circuit);
  const target = args.target === undefined ? undefined : getTarget(String(args.target));
  const p = target === undefined ? undefined : predictOnTarget(circuit, target);
  if (p?.lowered) io.stderr(`${file}: lowered for ${target!.name} first (the program is not in its instruction set); the prediction is for the lowered circuit\n`);
  const predicted = p === undefined ? undefined : { target: target!.name, esp: p.prediction.esp, durationNs: p.prediction.durationNs, lowered: p.lowered };
  if (args.json) printJson(io, predicted === undefined ? stats : { ...stats, predicted });
  else {
    io.stdout(formatStats(file, stats));
    if (predicted !== undefined) io.stdout(`  predicted on ${predicted.target}: ESP ${predicted.esp.toPrecision(4)}, duration ${(predicted.durationNs / 1000).toPrecision(4)} µs\n`);
  }
  return 0;
}

export const statsCommand: QntkCommand = {
  command: 'stats <file>',
  describe: 'Gate counts, depth, two-qubit and T counts of an OpenQASM 2/3 file (after flattening definitions, modifiers and loops)',
  builder: (y: Argv) => y
    .positional('file', { type: 'string', describe: 'OpenQASM 2 or 3 program' })
    .option('target', { type: 'string', choices: [...TARGET_NAMES], describe: 'also predict success on a calibrated device: ESP and duration (lowering the program first if needed)' })
    .option('json', { type: 'boolean', default: false, describe: 'print {qubits, clbits, depth, size, counts, twoQubit, multiQubit, tCount, twoQubitDepth} (and predicted: {target, esp, durationNs, lowered} with --target)' }),
  run,
};
