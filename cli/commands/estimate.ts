/** `qntk estimate`: logical resources of the QSVT/HHL solve at sizes no simulator reaches, from closed-form component costs. */
import type { Argv } from 'yargs';
import { ESTIMATE_RULES, estimateComponents, estimateResources, type Estimate, type EstimateMethod, type EstimateOptions } from '../../compiler/estimate.js';
import { measureNtk, ntkPointAt, type NtkMeasurement } from '../../compiler/estimate/ntk.js';
import { logLogSvg } from '../../compiler/estimate/svg-plot.js';
import { ValidationError } from '../../compiler/errors.js';
import { formatCallGraph } from '../../compiler/synthesis/call-graph.js';
import type { QntkCommand } from '../command.js';
import { printJson, type CliIo } from '../io.js';
import { progressBar } from '../progress.js';
import { checkWritable, writeFileAtomic } from '../../compiler/files.js';

/** '1024', '2^10', '1e6' → integer. */
function parseSize(text: string, flag: string): number {
  const t = text.trim();
  const m = /^(\d+)\^(\d+)$/.exec(t);
  const v = m ? Number(m[1]) ** Number(m[2]) : Number(t);
  if (!Number.isInteger(v) || v < 2 || v > 2 ** 40) throw new ValidationError(`${flag} ${text}: give integers in 2..2^40 such as 1024 or 2^10`);
  return v;
}

/** The sizes from --n (list) or --n-range (powers of two from A to B). */
function sizes(args: Record<string, unknown>): number[] {
  const list = args.n === undefined ? undefined : String(args.n);
  const range = args['n-range'] === undefined ? undefined : String(args['n-range']);
  if ((list === undefined) === (range === undefined)) throw new ValidationError('qntk estimate: give exactly one of --n N[,N…] or --n-range A..B');
  if (list !== undefined) return list.split(',').map((s) => parseSize(s, '--n'));
  const parts = range!.split('..');
  if (parts.length !== 2) throw new ValidationError(`--n-range ${range}: expected A..B, e.g. 2^4..2^30`);
  const a = parseSize(parts[0]!, '--n-range'), b = parseSize(parts[1]!, '--n-range');
  if (b < a) throw new ValidationError(`--n-range ${range}: the end is below the start`);
  const out: number[] = [];
  for (let v = a; v <= b; v *= 2) out.push(v);
  return out;
}

function num(args: Record<string, unknown>, key: string): number | undefined {
  const v = args[key];
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!Number.isFinite(x)) throw new ValidationError(`--${key} ${String(v)}: not a number`);
  return x;
}

function fmt(v: number): string {
  return v < 1e6 ? String(Math.round(v)) : v.toExponential(2);
}

function table(rows: Estimate[], measured: NtkMeasurement | undefined, access: readonly ('qram' | 'qrom')[]): string {
  const head = ['n', 's', 'c', 'kappa_eff', rows[0]!.method === 'qsvt' ? 'degree' : 'clock', 'BE queries'];
  for (const a of access) head.push(...['qubits', 'CNOT', 'rot', 'T', 'depth'].map((h) => `${a.toUpperCase()} ${h}`));
  const body = rows.map((e) => [
    `${Number.isInteger(Math.log2(e.n)) ? `2^${Math.log2(e.n)}` : String(e.n)}${measured && e.n === measured.n ? '*' : ''}`, String(e.sparsity), String(e.colors), e.kappaEff.toPrecision(7),
    String(e.method === 'qsvt' ? e.degree : e.clockQubits), fmt(e.qram.queries.blockEncoding),
    ...access.flatMap((a) => [String(e[a].qubits), fmt(e[a].cnots), fmt(e[a].t.rotations), fmt(e[a].t.total), fmt(e[a].depth)]),
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (r: string[]): string => r.map((c, i) => c.padStart(w[i]!)).join('  ');
  return [line(head), ...body.map(line)].join('\n');
}

function plot(rows: Estimate[], fromNtk: boolean): string {
  const m = rows[0]!.method.toUpperCase();
  return logLogSvg({
    title: `qntk estimate: ${m} solve, eps = ${rows[0]!.epsilon}${fromNtk ? ', sparsified NTK (MNIST 8 vs 9)' : `, s = ${rows[0]!.sparsity}`}`,
    xLabel: 'n (system size)', yLabel: 'count per run',
    series: [
      { name: `${m} CNOTs outside the oracle (QRAM)`, points: rows.map((e) => [e.n, e.qram.cnots] as const) },
      { name: `${m} T outside the oracle (QRAM)`, points: rows.map((e) => [e.n, e.qram.t.total] as const) },
      { name: 'block-encoding queries', points: rows.map((e) => [e.n, e.qram.queries.blockEncoding] as const), dash: '2 3' },
      { name: 'QROM data loading: CNOTs', points: rows.map((e) => [e.n, Math.max(1, e.qrom.dataLoading.cnots)] as const) },
      { name: `${m} total with QROM: CNOTs`, points: rows.map((e) => [e.n, e.qrom.cnots] as const), dash: '8 5' },
    ],
  });
}

/** The library parameters this command takes as flags. */
const FLAGS: Readonly<Record<string, string>> = { n: '--n', kappa: '--kappa', sparsity: '--sparsity', alphaRatio: '--alpha-ratio', toffoliT: '--toffoli-t', epsilon: '--epsilon' };

async function run(args: Record<string, unknown>, io: CliIo): Promise<number> {
  try {
    return await estimate(args, io);
  } catch (err) {
    const flag = err instanceof ValidationError && err.parameter !== undefined ? FLAGS[err.parameter] : undefined;
    throw flag && err instanceof ValidationError ? err.withParameterName(flag) : err;
  }
}

async function estimate(args: Record<string, unknown>, io: CliIo): Promise<number> {
  if (args.plot !== undefined) checkWritable(String(args.plot), '--plot');
  const ns = sizes(args);
  const method = String(args.method) as EstimateMethod;
  const epsilon = num(args, 'epsilon') ?? (method === 'hhl' ? 0.01 : 1e-3);
  const toffoli = num(args, 'toffoli-t') ?? 7;
  if (toffoli !== 4 && toffoli !== 7) throw new ValidationError(`--toffoli-t ${toffoli}: use 4 or 7`);
  const base = { epsilon, method, toffoliT: toffoli as 4 | 7 };
  let measured: NtkMeasurement | undefined;
  let inputs: EstimateOptions[];
  if (args['from-ntk']) {
    if (args.sparsity !== undefined || args.kappa !== undefined) throw new ValidationError('--from-ntk measures κ and s itself; drop --sparsity and --kappa');
    const n0 = num(args, 'ntk-n') ?? 64;
    if (!Number.isInteger(n0) || n0 < 4 || n0 > 1024 || n0 % 2 !== 0) throw new ValidationError(`--ntk-n ${n0}: an even integer in 4..1024 (the NTK is built and diagonalised densely)`);
    const bar = progressBar(io);
    measured = await measureNtk({ n: n0, seed: num(args, 'seed') ?? 0, progress: bar });
    bar.done();
    inputs = ns.map((n) => {
      const p = ntkPointAt(measured!, n);
      return { ...base, n, sparsity: p.sparsity, colors: p.colors, kappa: p.kappa, alphaRatio: p.alphaRatio, kappaEff: p.kappaEff };
    });
  } else {
    const s = num(args, 'sparsity'), kappa = num(args, 'kappa');
    if (s === undefined || kappa === undefined) throw new ValidationError('qntk estimate: give --sparsity S and --kappa K (or --from-ntk)');
    const alphaRatio = num(args, 'alpha-ratio');
    inputs = ns.map((n) => ({ ...base, n, sparsity: s, kappa, ...(alphaRatio === undefined ? {} : { alphaRatio }) }));
  }
  const rows = inputs.map(estimateResources);
  const ntkNote = measured && [
    `from the sparsified NTK (MNIST ${measured.digits.join(' vs ')}, seed ${measured.seed}) measured at n = ${measured.n} (*): s = ${measured.sparsity}, colours ${measured.colors}, kappa = ${measured.kappa.toPrecision(7)}, alpha/||A|| = ${(measured.alpha / measured.normA).toPrecision(7)}, kappa_eff = alpha/min|lambda| = ${measured.kappaEff.toPrecision(7)}`,
    'other n extrapolated: mean row count 1 + ln n (the paper\'s O(log n) rule), s = 1 + the (1 - 1/n) quantile of Poisson(mean - 1) (the largest of n column counts), offset to the measurement, colours = s + (measured colours - s), kappa = 1 (the paper: 1.000-1.001), alpha/||A|| - 1 scaled with the off-diagonal colours',
  ];
  if (args.plot !== undefined) writeFileAtomic(String(args.plot), plot(rows, measured !== undefined));
  if (args.json) {
    printJson(io, {
      method, epsilon, toffoliT: toffoli, rules: ESTIMATE_RULES,
      ...(measured ? { fromNtk: { measured, notes: ntkNote } } : {}),
      ...(args.plot !== undefined ? { plot: String(args.plot) } : {}),
      estimates: rows,
    });
    return 0;
  }
  io.stdout(`qntk estimate: ${method.toUpperCase()} solve of A x = b, eps = ${epsilon}; one run (before post-selection repetitions)\n`);
  io.stdout('QRAM = oracle access (gates exclude the oracle, counted as queries); QROM = explicit unary-iteration lookups (upper bound)\n\n');
  const access = args.access === 'both' ? (['qram', 'qrom'] as const) : ([String(args.access) as 'qram' | 'qrom'] as const);
  io.stdout(`${table(rows, measured, access)}\n\n`);
  if (ntkNote) io.stdout(`${ntkNote.join('\n')}\n`);
  if (args['call-graph']) {
    for (const o of inputs) {
      const graphs = estimateComponents(o);
      for (const a of access) io.stdout(`call graph at n = ${o.n}, ${a.toUpperCase()} access (each line: callee ×calls per parent, and one call's gates):\n${formatCallGraph(graphs[a], { gates: false })}\n\n`);
    }
  }
  io.stdout(`rules:\n${ESTIMATE_RULES.map((r) => `  - ${r}`).join('\n')}\n`);
  if (args.plot !== undefined) io.stdout(`plot written to ${String(args.plot)}\n`);
  return 0;
}

export const estimateCommand: QntkCommand = {
  command: 'estimate',
  describe: 'logical resources (qubits, block-encoding queries, CNOT/T/rotations, depth) of the QSVT/HHL solve for n up to 2^30 and beyond, QRAM and QROM data access',
  builder: (y: Argv) =>
    y
      .option('n', { type: 'string', describe: 'system sizes, comma-separated: 1024,2^20,2^30' })
      .option('n-range', { type: 'string', describe: 'powers of two from A to B: 2^4..2^30' })
      .option('sparsity', { type: 'number', describe: 'max nonzeros per row/column s' })
      .option('kappa', { type: 'number', describe: 'condition number kappa = ||A||/min|lambda| (>= 1)' })
      .option('alpha-ratio', { type: 'number', describe: 'alpha/||A|| in [1, s] (default s: alpha = s*max|a|); kappa_eff = ratio*kappa' })
      .option('epsilon', { type: 'number', describe: 'target error (default 1e-3 QSVT, 0.01 HHL, as the pipeline)' })
      .option('access', { type: 'string', choices: ['qram', 'qrom', 'both'], default: 'both', describe: 'data access shown in the table: QRAM oracle (queries) or explicit QROM (gates); --json always has both' })
      .option('method', { type: 'string', choices: ['qsvt', 'hhl'], default: 'qsvt', describe: 'inversion: QSVT (Chebyshev-iteration polynomial) or HHL (phase estimation on the walk)' })
      .option('from-ntk', { type: 'boolean', default: false, describe: 'measure s, kappa and alpha on the sparsified MNIST 8-vs-9 NTK at --ntk-n, extrapolate with the paper\'s O(log n) rule' })
      .option('ntk-n', { type: 'number', describe: 'NTK size measured with --from-ntk (default 64, at most 1024)' })
      .option('seed', { type: 'number', describe: 'NTK seed with --from-ntk (default 0)' })
      .option('toffoli-t', { type: 'number', describe: 'T gates per Toffoli: 7 (Clifford+T, default) or 4 (measured ancilla)' })
      .option('call-graph', { type: 'boolean', default: false, describe: 'print the component call graph each estimate evaluates (per n and data access)' })
      .option('plot', { type: 'string', describe: 'write an SVG of cost against n (log axes) here, atomically' })
      .option('json', { type: 'boolean', default: false, describe: 'print one JSON object {method, epsilon, rules, estimates[]}' }),
  run,
};
