/** `qntk simulate FILE [--shots N] [--seed S] [--json]`: run an OpenQASM program on the local statevector simulator. */
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
 * The `rows` most likely outcomes (ties: lower index first, i.e. by bitstring) in one pass,
 * without building a record of all 2^width entries.
 */
function topOutcomes(p: Float64Array, width: number, rows: number): Record<string, number> {
  const idx: number[] = [];
  for (let k = 0; k < p.length; k++) {
    const v = p[k]!;
    if (v < PRINT_THRESHOLD || (idx.length === rows && v <= p[idx[rows - 1]!]!)) continue;
    let at = idx.length;
    while (at > 0 && p[idx[at - 1]!]! < v) at--;
    idx.splice(at, 0, k);
    if (idx.length > rows) idx.pop();
  }
  const out: Record<string, number> = {};
  for (const k of idx) out[bitstring(k, width)] = p[k]!;
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
  if (total > TABLE_ROWS) lines.push(`  … ${total - TABLE_ROWS} more outcomes (${total > MAX_JSON_OUTCOMES ? 'too many for --json; sample with --shots N' : '--json lists all'})`);
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
  const circuit = readQasmFile(file);
  const result = simulate(circuit, { ...(shots === undefined ? {} : { shots }), ...(seed === undefined ? {} : { seed }) });
  const p = result.counts === undefined ? result.probabilities : undefined;
  const listed = p === undefined ? undefined : listedOutcomes(p);
  if (!args.json && p !== undefined && listed! > TABLE_ROWS) {
    io.stdout(formatDistribution(file, result, topOutcomes(p, result.width, TABLE_ROWS), listed));
    return 0;
  }
  if (args.json && listed !== undefined && listed > MAX_JSON_OUTCOMES) {
    throw new ResourceError(`${file}: ${listed} outcomes have p ≥ ${PRINT_THRESHOLD}, more than the ${MAX_JSON_OUTCOMES} --json lists; sample with --shots N or measure fewer qubits`);
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
    .option('json', {
      type: 'boolean', default: false,
      describe: 'print {qubits, probabilities: {bitstring: p}} or {qubits, counts: {bitstring: k}, shots, seed}; bitstrings over the classical bits if the program measures (c[0] rightmost), else over all qubits (q[0] rightmost); p < 1e-12 omitted',
    }),
  run,
};
