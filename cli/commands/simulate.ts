/** `qntk simulate FILE [--shots N] [--seed S] [--precision double|single] [--json]`: run an OpenQASM program on the local statevector simulator. */
import type { Argv } from 'yargs';
import { readQasmFile } from '../../compiler/qasm/read.js';
import { ResourceError, ValidationError } from '../../compiler/errors.js';
import { bitstring, distributionRecord, PRINT_THRESHOLD, simulate, type SimulationResult } from '../../backends/local/index.js';
import type { QntkCommand } from '../command.js';
import { printJson, type CliIo } from '../io.js';

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

function integerOption(value: unknown, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  if (value === undefined) return undefined;
  const v = Number(value);
  if (!Number.isInteger(v) || v < min || v > max) {
    throw new ValidationError(`--${name} must be an integer ${max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `in ${min}..${max}`}, got '${String(value)}'`);
  }
  return v;
}

function run(args: Record<string, unknown>, io: CliIo): number {
  const file = String(args.file);
  const shots = integerOption(args.shots, 'shots', 1, 1e9);
  // createRandom keeps 32 bits (seed >>> 0): a larger seed would silently alias a smaller one.
  const seed = integerOption(args.seed, 'seed', 0, 2 ** 32 - 1);
  const precision = args.precision === undefined ? 'double' : String(args.precision);
  if (precision !== 'double' && precision !== 'single') throw new ValidationError(`--precision must be 'double' or 'single', got '${precision}'`);
  const circuit = readQasmFile(file);
  const result = simulate(circuit, { precision, ...(shots === undefined ? {} : { shots }), ...(seed === undefined ? {} : { seed }) });
  const counts = result.counts;
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

export const simulateCommand: QntkCommand = {
  command: 'simulate <file>',
  describe: 'Simulate an OpenQASM 2/3 program on the local statevector simulator (exact probabilities, or counts with --shots)',
  builder: (y: Argv) => y
    .positional('file', { type: 'string', describe: 'OpenQASM 2 or 3 program' })
    .option('shots', { type: 'number', describe: 'sample this many shots (counts) instead of exact probabilities' })
    .option('seed', { type: 'number', describe: 'seed for shot sampling (default: random, printed with the counts)' })
    .option('precision', {
      type: 'string', default: 'double',
      describe: 'amplitude precision: double (16 B per amplitude, to 29 qubits) or single (8 B, to 30 qubits; probabilities accurate to ~1e-6)',
    })
    .option('json', {
      type: 'boolean', default: false,
      describe: 'print {qubits, probabilities: {bitstring: p}} or {qubits, counts: {bitstring: k}, shots, seed}; bitstrings over the classical bits if the program measures (c[0] rightmost), else over all qubits (q[0] rightmost); p < 1e-12 omitted',
    }),
  run,
};
