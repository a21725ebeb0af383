/** `qntk stats FILE [--json]`: gate counts, depth and T-count of an OpenQASM program after flattening. */
import { describeInputs } from '../../compiler/circuit/index.js';
import { circuitStats, type CircuitStats } from '../../compiler/circuit/stats.js';
import { readQasmFile } from '../../compiler/qasm/read.js';
import type { ArgsOf } from '../spec.js';
import type { statsSpec } from '../specs/circuits.js';
import { printJson, type CliIo } from '../io.js';

/** The stats as an aligned two-column table, counts sorted by frequency. */
export function formatStats(file: string, s: CircuitStats): string {
  const rows: [string, string][] = [
    ['qubits', s.qubitsUsed === s.qubits ? String(s.qubits) : `${s.qubits} (${s.qubitsUsed} used)`], ['clbits', String(s.clbits)], ['size (gates)', String(s.size)], ['depth', String(s.depth)],
    ['two-qubit gates', String(s.twoQubit)], ['multi-qubit gates (≥3)', String(s.multiQubit)], ['T count', String(s.tCount)],
    ['two-qubit depth (gates on ≥2 qubits)', String(s.twoQubitDepth)],
  ];
  const counts = Object.entries(s.counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const width = Math.max(...rows.map((r) => r[0].length), ...counts.map((c) => c[0].length + 2));
  const lines = [file, ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`), '  counts'];
  for (const [g, n] of counts) lines.push(`    ${g.padEnd(width - 2)}  ${n}`);
  return `${lines.join('\n')}\n`;
}

export async function run(args: ArgsOf<typeof statsSpec>, io: CliIo): Promise<number> {
  const file = args.file;
  const circuit = readQasmFile(file);
  const stats = circuitStats(circuit);
  let predicted: { target: string; esp: number; durationNs: number; lowered: boolean } | undefined;
  if (args.target !== undefined) {
    // Loaded only when asked: the device data and the lowering would double stats' start-up time.
    const [{ predictOnTarget }, { getTarget }] = await Promise.all([import('../../passes/predict-success.js'), import('../../passes/targets/builtins.js')]);
    const target = getTarget(args.target);
    const p = predictOnTarget(circuit, target);
    if (p.lowered) io.stderr(`${file}: lowered for ${target.name} first (the program is not in its instruction set); the prediction is for the lowered circuit\n`);
    predicted = { target: target.name, esp: p.prediction.esp, durationNs: p.prediction.durationNs, lowered: p.lowered };
  }
  const inputs = circuit.parameters ?? [];
  if (args.json) printJson(io, { ...stats, ...(inputs.length > 0 ? { inputs } : {}), ...(predicted === undefined ? {} : { predicted }) });
  else {
    io.stdout(formatStats(file, stats));
    if (inputs.length > 0) io.stdout(`  input parameters: ${describeInputs(circuit)}\n`);
    if (predicted !== undefined) io.stdout(`  predicted on ${predicted.target}: ESP ${predicted.esp.toPrecision(4)}, duration ${(predicted.durationNs / 1000).toPrecision(4)} µs\n`);
  }
  return 0;
}
