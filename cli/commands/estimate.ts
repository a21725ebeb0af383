/** `qntk estimate`: logical resources of the QSVT/HHL solve at sizes no simulator reaches, from closed-form component costs. */
import { ESTIMATE_RULES, estimateComponents, estimateResources, type Estimate, type EstimateOptions } from '../../compiler/estimate.js';
import { measureNtk, ntkPointAt, type NtkMeasurement } from '../../compiler/estimate/ntk.js';
import { logLogSvg } from '../../compiler/estimate/svg-plot.js';
import { ValidationError } from '../../compiler/errors.js';
import { formatCallGraph } from '../../compiler/synthesis/call-graph.js';
import type { ArgsOf } from '../spec.js';
import type { estimateSpec } from '../specs/pipeline.js';
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
function sizes(args: ArgsOf<typeof estimateSpec>): number[] {
  const list = args.n;
  const range = args.nRange;
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


export async function run(args: ArgsOf<typeof estimateSpec>, io: CliIo): Promise<number> {
  if (args.plot !== undefined) checkWritable(args.plot, '--plot');
  const ns = sizes(args);
  const method = args.method;
  const epsilon = args.epsilon ?? (method === 'hhl' ? 0.01 : 1e-3);
  const toffoli = args.toffoliT === '4' ? 4 : 7;
  const base = { epsilon, method, toffoliT: toffoli } as const;
  let measured: NtkMeasurement | undefined;
  let inputs: EstimateOptions[];
  if (args.fromNtk) {
    if (args.sparsity !== undefined || args.kappa !== undefined) throw new ValidationError('--from-ntk measures κ and s itself; drop --sparsity and --kappa');
    const n0 = args.ntkN ?? 64;
    if (!Number.isInteger(n0) || n0 < 4 || n0 > 1024 || n0 % 2 !== 0) throw new ValidationError(`--ntk-n ${n0}: an even integer in 4..1024 (the NTK is built and diagonalised densely)`);
    const bar = progressBar(io);
    measured = await measureNtk({ n: n0, seed: args.seed ?? 0, progress: bar });
    bar.done();
    inputs = ns.map((n) => {
      const p = ntkPointAt(measured!, n);
      return { ...base, n, sparsity: p.sparsity, colors: p.colors, kappa: p.kappa, alphaRatio: p.alphaRatio, kappaEff: p.kappaEff };
    });
  } else {
    const s = args.sparsity, kappa = args.kappa;
    if (s === undefined || kappa === undefined) throw new ValidationError('qntk estimate: give --sparsity S and --kappa K (or --from-ntk)');
    const alphaRatio = args.alphaRatio;
    inputs = ns.map((n) => ({ ...base, n, sparsity: s, kappa, ...(alphaRatio === undefined ? {} : { alphaRatio }) }));
  }
  const rows = inputs.map(estimateResources);
  const ntkNote = measured && [
    `from the sparsified NTK (MNIST ${measured.digits.join(' vs ')}, seed ${measured.seed}) measured at n = ${measured.n} (*): s = ${measured.sparsity}, colours ${measured.colors}, kappa = ${measured.kappa.toPrecision(7)}, alpha/||A|| = ${(measured.alpha / measured.normA).toPrecision(7)}, kappa_eff = alpha/min|lambda| = ${measured.kappaEff.toPrecision(7)}`,
    'other n extrapolated: mean row count 1 + ln n (the paper\'s O(log n) rule), s = 1 + the (1 - 1/n) quantile of Poisson(mean - 1) (the largest of n column counts), offset to the measurement, colours = s + (measured colours - s), kappa = 1 (the paper: 1.000-1.001), alpha/||A|| - 1 scaled with the off-diagonal colours',
  ];
  if (args.plot !== undefined) writeFileAtomic(args.plot, plot(rows, measured !== undefined));
  if (args.json) {
    printJson(io, {
      method, epsilon, toffoliT: toffoli, rules: ESTIMATE_RULES,
      ...(measured ? { fromNtk: { measured, notes: ntkNote } } : {}),
      ...(args.plot !== undefined ? { plot: args.plot } : {}),
      estimates: rows,
    });
    return 0;
  }
  io.stdout(`qntk estimate: ${method.toUpperCase()} solve of A x = b, eps = ${epsilon}; one run (before post-selection repetitions)\n`);
  io.stdout('QRAM = oracle access (gates exclude the oracle, counted as queries); QROM = explicit unary-iteration lookups (upper bound)\n\n');
  const access = args.access === 'both' ? (['qram', 'qrom'] as const) : ([args.access] as const);
  io.stdout(`${table(rows, measured, access)}\n\n`);
  if (ntkNote) io.stdout(`${ntkNote.join('\n')}\n`);
  if (args.callGraph) {
    for (const o of inputs) {
      const graphs = estimateComponents(o);
      for (const a of access) io.stdout(`call graph at n = ${o.n}, ${a.toUpperCase()} access (each line: callee ×calls per parent, and one call's gates):\n${formatCallGraph(graphs[a], { gates: false })}\n\n`);
    }
  }
  io.stdout(`rules:\n${ESTIMATE_RULES.map((r) => `  - ${r}`).join('\n')}\n`);
  if (args.plot !== undefined) io.stdout(`plot written to ${args.plot}\n`);
  return 0;
}
