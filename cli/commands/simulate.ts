/** `qntk simulate FILE [--shots N] [--seed S] [--precision double|single] [--noise DEVICE …] [--json]`: run an OpenQASM program on the local simulator. */
import { readQasmFile } from '../../compiler/qasm/read.js';
import { ResourceError, ValidationError } from '../../compiler/errors.js';
import { bitstring, distributionRecord, PRINT_THRESHOLD, simulate, type SimulationResult } from '../../backends/local/index.js';
import type { ArgsOf } from '../spec.js';
import type { simulateSpec } from '../specs/circuits.js';
import { printJson, type CliIo } from '../io.js';
import { runNoisySimulate } from './simulate-noise.js';

/** Rows shown in the human table; the JSON output has every entry. */
const TABLE_ROWS = 64;

/**
 * Most outcomes --json lists: 2^22 entries are ~170 MB of JSON and ~12 s here; 2^25 took over
 * five minutes and then overflowed the largest string V8 can build.
 */
const MAX_JSON_OUTCOMES = 1 << 22;

/** How many outcomes have p ≥ PRINT_THRESHOLD (what the table lists). */
function listedOutcomes(p: Float64Array): number {
  let n = 0;
  for (let k = 0; k < p.length; k++) if (p[k]! >= PRINT_THRESHOLD) n++;
  return n;
}

/**
 * The `rows` largest of `values` (≥ PRINT_THRESHOLD) in one pass, as bitstring → value, without
 * building a record of every outcome. `outcome[j]` is the outcome index of values[j] (identity if
 * absent); it must be increasing so that ties stay in bitstring order.
 */
function topOutcomes(values: ArrayLike<number>, outcome: ArrayLike<number> | undefined, width: number, rows: number): Record<string, number> {
  const top: number[] = [];
  for (let j = 0; j < values.length; j++) {
    const v = values[j]!;
    if (v < PRINT_THRESHOLD || (top.length === rows && v <= values[top[rows - 1]!]!)) continue;
    let at = top.length;
    while (at > 0 && values[top[at - 1]!]! < v) at--;
    top.splice(at, 0, j);
    if (top.length > rows) top.pop();
  }
  const out: Record<string, number> = {};
  for (const j of top) out[bitstring(outcome === undefined ? j : outcome[j]!, width)] = values[j]!;
  return out;
}

/**
 * The distribution as a table, most likely outcome first (ties by bitstring). `listed` is the
 * number of outcomes in the whole distribution when `record` holds only the top rows.
 */
export function formatDistribution(file: string, result: SimulationResult, record: Record<string, number>, listed?: number): string {
  const entries = Object.entries(record).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const total = listed ?? entries.length;
  const over = result.register === 'clbits' ? `${result.width} classical bit(s), c[0] rightmost` : `${result.width} qubit(s), q[0] rightmost`;
  const head = result.counts !== undefined ? `counts of ${result.shots} shots (seed ${result.seed})` : 'probabilities';
  const lines = [`${file}: ${result.numQubits} qubits; ${head} over ${over}`];
  const width = Math.max(result.width, 'outcome'.length);
  lines.push(`  ${'outcome'.padEnd(width)}  ${result.counts !== undefined ? 'count' : 'probability'}`);
  for (const [bits, v] of entries.slice(0, TABLE_ROWS)) {
    lines.push(`  ${bits.padEnd(width)}  ${result.counts !== undefined ? String(v) : v.toPrecision(12)}`);
  }
  if (total > TABLE_ROWS) lines.push(`  … ${total - TABLE_ROWS} more outcomes (${total > MAX_JSON_OUTCOMES ? 'too many for --json' : '--json lists all'})`);
  return `${lines.join('\n')}\n`;
}

export function run(args: ArgsOf<typeof simulateSpec>, io: CliIo): number {
  const { file, shots, seed, precision } = args;
  if (args.noise !== undefined) return runNoisySimulate(file, args, io);
  if (args.mitigate !== undefined || args.observable.length > 0) throw new ValidationError('--mitigate and --observable apply to noisy simulation: add --noise DEVICE');
  const circuit = readQasmFile(file);
  const result = simulate(circuit, { precision, ...(shots === undefined ? {} : { shots }), ...(seed === undefined ? {} : { seed }) });
  const counts = result.outcomeCounts;
  const p = counts === undefined ? result.probabilities : undefined;
  const listed = counts !== undefined ? counts.size : p === undefined ? 0 : listedOutcomes(p);
  if (args.json && listed > MAX_JSON_OUTCOMES) {
    const what = counts !== undefined ? 'distinct outcomes were sampled' : `outcomes have p ≥ ${PRINT_THRESHOLD}`;
    throw new ResourceError(`${file}: ${listed} ${what}, more than the ${MAX_JSON_OUTCOMES} --json lists; ${counts !== undefined ? 'take fewer --shots' : 'sample with --shots N'} or measure fewer qubits`);
  }
  if (!args.json && listed > TABLE_ROWS) {
    let top: Record<string, number>;
    if (counts !== undefined) {
      const keys = Float64Array.from(counts.keys()).sort();
      top = topOutcomes(Float64Array.from(keys, (k) => counts.get(k)!), keys, result.width, TABLE_ROWS);
    } else {
      top = topOutcomes(p!, undefined, result.width, TABLE_ROWS);
    }
    io.stdout(formatDistribution(file, result, top, listed));
    return 0;
  }
  const record = distributionRecord(result);
  if (args.json) {
    printJson(io, result.counts !== undefined
      ? { qubits: result.numQubits, counts: record, shots: result.shots, seed: result.seed }
      : { qubits: result.numQubits, probabilities: record });
  } else {
    io.stdout(formatDistribution(file, result, record));
  }
  return 0;
}
