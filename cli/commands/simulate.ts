/** `qntk simulate FILE [--shots N] [--seed S] [--precision double|single] [--param NAME=V…] [--noise DEVICE …] [--json]`: run an OpenQASM program on the local simulator. */
import { bindParameters } from '../../compiler/circuit/index.js';
import { readQasmFile } from '../../compiler/qasm/read.js';
import { ResourceError, ValidationError } from '../../compiler/errors.js';
import { checkWritable, writeFileAtomic } from '../../compiler/files.js';
import { histogramSvg } from '../../report/histogram.js';
import { svgFile } from '../../report/bar-chart.js';
import { bitstring, distributionRecord, PRINT_THRESHOLD, simulate, type SimulationResult } from '../../backends/local/index.js';
import type { ArgsOf } from '../spec.js';
import type { simulateSpec } from '../specs/circuits.js';
import { printJson, type CliIo } from '../io.js';
import { progressBar } from '../progress.js';
import { runNoisySimulate } from './simulate-noise.js';
import { describeValues, parameterSets } from './params.js';

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

/** The outcomes to print: every one for --json (refused past MAX_JSON_OUTCOMES), the top rows for the table. */
function outcomes(label: string, result: SimulationResult, json: boolean): { record: Record<string, number>; listed: number } {
  const counts = result.outcomeCounts;
  const p = counts === undefined ? result.probabilities : undefined;
  const listed = counts !== undefined ? counts.size : p === undefined ? 0 : listedOutcomes(p);
  if (json && listed > MAX_JSON_OUTCOMES) {
    const what = counts !== undefined ? 'distinct outcomes were sampled' : `outcomes have p ≥ ${PRINT_THRESHOLD}`;
    throw new ResourceError(`${label}: ${listed} ${what}, more than the ${MAX_JSON_OUTCOMES} --json lists; ${counts !== undefined ? 'take fewer --shots' : 'sample with --shots N'} or measure fewer qubits`);
  }
  if (json || listed <= TABLE_ROWS) return { record: distributionRecord(result), listed };
  if (counts === undefined) return { record: topOutcomes(p!, undefined, result.width, TABLE_ROWS), listed };
  const keys = Float64Array.from(counts.keys()).sort();
  return { record: topOutcomes(Float64Array.from(keys, (k) => counts.get(k)!), keys, result.width, TABLE_ROWS), listed };
}

/** The JSON of one run: probabilities, or counts with shots and seed. */
function runJson(result: SimulationResult, record: Record<string, number>): Record<string, unknown> {
  return result.counts !== undefined ? { counts: record, shots: result.shots, seed: result.seed } : { probabilities: record };
}

/** The outcomes of exact probabilities worth drawing (p ≥ PRINT_THRESHOLD), lazily. */
function* probabilityEntries(p: Float64Array): Generator<readonly [number, number]> {
  for (let k = 0; k < p.length; k++) if (p[k]! >= PRINT_THRESHOLD) yield [k, p[k]!];
}

/** `--plot`: the histogram of one run as an SVG file, written atomically. */
export function writeHistogram(path: string, label: string, result: SimulationResult, remark?: string): void {
  const counts = result.outcomeCounts;
  const entries = counts !== undefined ? counts.entries() : probabilityEntries(result.probabilities ?? new Float64Array(0));
  const title = counts !== undefined ? `${label}: ${result.shots} shots (seed ${result.seed})` : `${label}: exact probabilities`;
  writeFileAtomic(path, svgFile(histogramSvg(entries, { title, width: result.width, register: result.register, kind: counts !== undefined ? 'counts' : 'probabilities', ...(remark === undefined ? {} : { remark }) })));
}

export function run(args: ArgsOf<typeof simulateSpec>, io: CliIo): number {
  const { file, shots, seed, precision } = args;
  if (args.plot !== undefined) checkWritable(args.plot, '--plot');
  if (args.noise !== undefined) return runNoisySimulate(file, args, io);
  if (args.mitigate !== undefined || args.observable.length > 0) throw new ValidationError('--mitigate and --observable apply to noisy simulation: add --noise DEVICE');
  const source = readQasmFile(file);
  const sets = parameterSets(file, source, args.param, { sweep: true });
  if (args.plot !== undefined && sets.length > 1) throw new ValidationError(`--plot draws one run and this --param sweep has ${sets.length}: give one value per parameter, or drop --plot`);
  // One value set per run; a sweep draws point k's shots with seed + k.
  const bar = args.json ? undefined : progressBar(io);
  const runs = (sets.length === 0 ? [undefined] : sets).map((values, k) => {
    const circuit = values === undefined ? source : bindParameters(source, values);
    const label = values === undefined ? file : `${file} [${describeValues(values)}]`;
    const result = simulate(circuit, { precision, ...(bar ? { progress: bar } : {}), ...(shots === undefined ? {} : { shots }), ...(seed === undefined ? {} : { seed: seed + k }) });
    return { values, label, result, ...outcomes(label, result, args.json) };
  });
  bar?.done();
  if (args.plot !== undefined) writeHistogram(args.plot, runs[0]!.label, runs[0]!.result);
  if (args.json) {
    const qubits = source.numQubits;
    if (runs.length > 1) printJson(io, { qubits, sweep: runs.map((r) => ({ values: r.values, ...runJson(r.result, r.record) })) });
    else printJson(io, { qubits, ...runJson(runs[0]!.result, runs[0]!.record), ...(runs[0]!.values ? { values: runs[0]!.values } : {}) });
    return 0;
  }
  io.stdout(runs.map((r) => formatDistribution(r.label, r.result, r.record, r.listed)).join('\n'));
  return 0;
}
