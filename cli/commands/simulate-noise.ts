/**
 * The `--noise DEVICE [--mitigate readout,twirl,dd,zne] [--observable BITS]` half of `qntk simulate`:
 * parses, calls runNoisy (backends/local/noisy-run.ts) and prints the raw distribution as `simulate` does,
 * then the noise summary and the expectation values (ideal, raw, mitigated).
 */
import { readQasmFile } from '../../compiler/qasm/read.js';
import { bindParameters } from '../../compiler/circuit/index.js';
import { parameterSets } from './params.js';
import { bitstring, distributionRecord } from '../../backends/local/index.js';
import { runNoisy, type NoisyRunResult } from '../../backends/local/noisy-run.js';
import { printJson, type CliIo } from '../io.js';
import { parseMitigations, parseObservables } from '../options.js';
import type { ArgsOf } from '../spec.js';
import type { simulateSpec } from '../specs/circuits.js';
import { formatDistribution, writeHistogram } from './simulate.js';

const fmt = (x: number | undefined): string => (x === undefined ? '—' : x.toFixed(6));

function summary(r: NoisyRunResult): string {
  const p = r.predicted;
  const cal = r.raw.method === 'density-matrix' ? 'density matrix' : `${r.raw.trajectories} trajectories`;
  const lines = [
    `noise: ${r.device} (${r.circuit.numQubits > r.raw.numQubits ? `device qubits ${r.raw.physicalQubits.join(', ')}` : `${r.raw.numQubits} qubits`}), ${cal}; ESP ${p.esp.toPrecision(4)}, duration ${(p.durationNs / 1000).toPrecision(4)} µs`,
  ];
  const applied = r.mitigation?.applied ?? [];
  lines.push(`expectation values ⟨Z…Z⟩ of outcome bits${applied.length > 0 ? ` (mitigated: ${applied.join(', ')})` : ''}:`);
  const head = ['bits', 'ideal', 'raw', ...(applied.length > 0 ? ['mitigated'] : [])];
  const rows = r.expectations.map((e) => [e.bits.join(','), fmt(e.ideal), fmt(e.raw), ...(applied.length > 0 ? [fmt(e.mitigated)] : [])]);
  const width = head.map((h, j) => Math.max(h.length, ...rows.map((row) => row[j]!.length)));
  for (const row of [head, ...rows]) lines.push(`  ${row.map((c, j) => c.padEnd(width[j]!)).join('  ')}`.trimEnd());
  return `${lines.join('\n')}\n`;
}

/** `qntk simulate FILE --noise DEVICE …`. */
export function runNoisySimulate(file: string, args: ArgsOf<typeof simulateSpec>, io: CliIo): number {
  const { shots, seed } = args;
  const source = readQasmFile(file);
  const sets = parameterSets(file, source, args.param, { sweep: false });
  const circuit = sets.length === 1 ? bindParameters(source, sets[0]!) : source;
  const mitigate = parseMitigations(args.mitigate);
  const observables = parseObservables(args.observable);
  const r = runNoisy(circuit, {
    device: args.noise!, mitigate,
    ...(shots !== undefined ? { shots } : {}), ...(seed !== undefined ? { seed } : {}), ...(observables ? { observables } : {}),
    logger: (m) => io.stderr(`${file}: ${m}\n`),
  });
  const record = distributionRecord(r.raw);
  if (args.plot !== undefined) {
    const applied = r.mitigation?.applied ?? [];
    writeHistogram(args.plot, file, r.raw, `raw ${r.raw.counts !== undefined ? 'counts' : 'probabilities'} with the noise of ${r.device}${applied.length > 0 ? ` (mitigation ${applied.join(', ')} applies to the expectation values)` : ''}`);
  }
  if (args.json) {
    const quasi = r.mitigation?.quasiProbabilities;
    printJson(io, {
      qubits: r.raw.numQubits,
      ...(r.raw.counts !== undefined ? { counts: record, shots: r.raw.shots, seed: r.raw.seed } : { probabilities: record }),
      noise: {
        device: r.device, method: r.raw.method, physicalQubits: r.raw.physicalQubits, lowered: r.lowered,
        predicted: { esp: r.predicted.esp, durationNs: r.predicted.durationNs },
        ...(r.raw.trajectories !== undefined ? { trajectories: r.raw.trajectories } : {}),
      },
      expectations: r.expectations,
      ...(r.mitigation ? {
        mitigated: {
          applied: r.mitigation.applied,
          ...(quasi !== undefined ? { quasiProbabilities: Object.fromEntries([...quasi].sort((a, b) => a[0] - b[0]).map(([k, v]) => [bitstring(k, r.raw.width), v])) } : {}),
        },
      } : {}),
    });
    return 0;
  }
  io.stdout(formatDistribution(file, r.raw, record));
  io.stdout(summary(r));
  return 0;
}
