/**
 * `qntk demo`: the paper's quantum classifier end to end (experiments/classifier.ts) — this file
 * writes the programs to --out and prints the report.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkOutputDir, checkWritable, writeFileAtomic } from '../../compiler/files.js';
import { ValidationError } from '../../compiler/errors.js';
import { printQasm } from '../../compiler/qasm/index.js';
import { formatDuration, NEGLIGIBLE_ESP } from '../../backends/predicted-success.js';
import { runClassifier, type ClassifierReport, type ProgramPrediction } from '../../experiments/index.js';
import { printJson, type CliIo } from '../io.js';
import { parseDigits } from '../options.js';
import { progressBar } from '../progress.js';
import type { ArgsOf } from '../spec.js';
import type { demoSpec } from '../specs/pipeline.js';

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;
const sign = (v: number): string => (v > 0 ? '+1' : v < 0 ? '-1' : '0');

/** Aligned rows: a label column, then values. */
function rows(list: ReadonlyArray<readonly [string, string]>): string {
  const w = Math.max(...list.map(([k]) => k.length));
  return `${list.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n')}\n`;
}

function printReport(io: CliIo, r: ClassifierReport, files: Readonly<Record<string, string>>): void {
  io.stdout(rows([
    ['task', `MNIST ${r.digits[0]} vs ${r.digits[1]}, n = ${r.n} training, ${r.test} test points, depth ${r.depth}`],
    [`accuracy over ${r.draws.count} draws (classical)`, `sparsified ${pct(r.draws.sparse)} ± ${pct(r.draws.sparseStd)}, exact ${pct(r.draws.exact)}, diagonal ${pct(r.draws.diagonal)}`],
    ['accuracy of this draw (classical)', `sparsified ${pct(r.accuracy.sparse)}, exact ${pct(r.accuracy.exact)}, diagonal ${pct(r.accuracy.diagonal)}`],
    [`accuracy of this draw: quantum (${r.method.toUpperCase()}, simulated)`, pct(r.accuracy.quantum)],
    ['solution-state fidelity (compiled / optimized)', `${r.fidelity.compiled.toFixed(6)} / ${r.fidelity.optimized.toFixed(6)}`],
    ['κ(K̃), effective κ = α/min|λ|', `${r.kappa.toFixed(4)}, ${r.kappaEffective.toFixed(3)}`],
    ['α (block encoding), polynomial degree', `${r.alpha.toFixed(4)}, ${r.degree}`],
    ['post-selection success probability', r.successProbability.toExponential(3)],
  ]));
  const g = r.gates;
  const gr = (name: string, s: ClassifierReport['gates']['compiled']): string =>
    `${name.padEnd(22)} ${String(s.qubitsUsed).padStart(6)} ${String(s.size).padStart(9)} ${String(s.twoQubit).padStart(8)} ${String(s.depth).padStart(9)} ${String(s.tCount).padStart(8)}`;
  io.stdout(`\n${'circuit'.padEnd(22)} ${'qubits'.padStart(6)} ${'gates'.padStart(9)} ${'2q'.padStart(8)} ${'depth'.padStart(9)} ${'T'.padStart(8)}\n`);
  io.stdout(`${gr('compiled', g.compiled)}\n${gr('optimized (-O2)', g.optimized)}\n${gr(`lowered: ${r.target}`, g.target)}\n`);
  if (r.readout.length > 0) {
    io.stdout(`\nHadamard-test readout of k̃*·ψ with shots; class = sign(output − threshold), threshold = median of the ${r.test} simulated outputs = ${r.threshold.toExponential(3)}\n`);
    const head = ['point', 'label', 'overlap exact', 'overlap (shots)', 'shots', 'output', 'class', 'right'];
    const body = r.readout.map((p) => [String(p.index), sign(p.label), p.exactOverlap.toFixed(5), p.estimatedOverlap.toFixed(5), String(p.shots), p.output.toExponential(3), sign(p.predicted), p.correct ? 'yes' : 'no']);
    const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
    for (const line of [head, ...body]) io.stdout(`  ${line.map((c, i) => c.padStart(w[i]!)).join('  ')}\n`);
  }
  io.stdout(`\nwrote ${Object.values(files).join(', ')}\n`);
  const viable = printPredicted(io, r, files);
  if (viable !== null) {
    io.stdout(`run a readout on hardware (drop --dry-run to send; credentials from QNTK_IBM_TOKEN/QNTK_IBM_INSTANCE or IONQ_API_KEY):\n`);
    io.stdout(`  qntk submit ${viable} --backend ibm:${r.target.startsWith('ibm_') ? r.target : 'ibm_fez'} --shots ${r.readout[0]?.shots ?? 4000} --dry-run\n`);
  }
  const total = Object.values(r.seconds).reduce((a, b) => a + b, 0);
  io.stdout(`time ${total.toFixed(1)} s (${Object.entries(r.seconds).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}; simulated with the ${r.engine} engine)\n`);
}

/**
 * Each device program's predicted success; returns the readout file worth submitting (the first
 * whose ESP is not negligible, or the first readout when nothing was predicted), or null when every
 * ESP is negligible — then it points to the experiment sized for today's devices instead.
 */
function printPredicted(io: CliIo, r: ClassifierReport, files: Readonly<Record<string, string>>): string | null {
  const p = r.predicted;
  if (p === null) return files.readout0 ?? files.target!;
  const esp = (x: number): string => (x === 0 ? '< 1e-308' : x.toExponential(2));
  const list: [string, ProgramPrediction][] = [[files.target!, p.program], ...p.readouts.map((q, k): [string, ProgramPrediction] => [files[`readout${k}`]!, q])];
  const w = Math.max(...list.map(([f]) => f.length));
  io.stdout(`predicted success on ${r.target} (readouts lowered as qntk submit lowers them):\n`);
  for (const [f, q] of list) io.stdout(`  ${f.padEnd(w)}  ESP ${esp(q.esp)}  (${q.twoQubit} two-qubit gates, ${formatDuration(q.durationNs)})\n`);
  const viable = list.slice(1).find(([, q]) => q.esp >= NEGLIGIBLE_ESP)?.[0];
  if (viable !== undefined) return viable;
  io.stdout(`every ESP is negligible (< ${NEGLIGIBLE_ESP}): on ${r.target} these programs would give noise. For an NTK experiment sized for today's devices: qntk demo --hardware\n`);
  return null;
}

export async function run(args: ArgsOf<typeof demoSpec>, io: CliIo): Promise<number> {
  if (args.hardware && args.report !== undefined) throw new ValidationError('--report describes the classifier demo: drop --hardware (qntk demo --hardware --json gives its numbers)');
  if (args.hardware) {
    const { runHardwareDemo } = await import('./demo-hardware.js');
    return runHardwareDemo(io, { target: args.target, digits: parseDigits(args.digits), seed: args.seed, json: args.json });
  }
  // Before the minutes of work: an --out that is a file would fail only at the end.
  checkOutputDir(args.out, '--out');
  if (args.report !== undefined) checkWritable(args.report, '--report');
  const bar = progressBar(io);
  const { report, programs } = await runClassifier({
    digits: parseDigits(args.digits), n: args.n, test: args.test, method: args.method,
    target: args.target, epsilon: args.epsilon, seed: args.seed, readoutPoints: args.readout, progress: bar,
  });
  bar.done();
  mkdirSync(args.out, { recursive: true });
  const files: Record<string, string> = {
    generic: join(args.out, `ntk_${report.method}.qasm`),
    target: join(args.out, `ntk_${report.method}_${report.target}.qasm`),
  };
  writeFileAtomic(files.generic!, printQasm(programs.optimized));
  writeFileAtomic(files.target!, printQasm(programs.lowered, report.target.startsWith('ibm_') ? { dialect: 'ibm' } : {}));
  programs.readouts.forEach((c, k) => {
    files[`readout${k}`] = join(args.out, `readout_${report.readout[k]!.index}.qasm`);
    writeFileAtomic(files[`readout${k}`]!, printQasm(c));
  });
  if (args.report !== undefined) {
    const { buildDemoReport } = await import('../../report/demo-report.js');
    const reportBar = progressBar(io);
    const html = await buildDemoReport({ report, programs }, { epsilon: args.epsilon, seed: args.seed, files, generated: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC', progress: reportBar });
    reportBar.done();
    writeFileAtomic(args.report, html);
    files.report = args.report;
  }
  if (args.json) printJson(io, { ...report, files });
  else printReport(io, report, files);
  return 0;
}
