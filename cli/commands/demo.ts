/**
 * `qntk demo`: the paper's quantum classifier end to end on embedded defaults (MNIST 8 vs 9,
 * n = 16): NTK → sparsified NTK → QSVT circuit → optimized/lowered programs in out/ → simulated
 * predictions and readout, with the commands to run the same circuit on IBM or IonQ.
 */
import { parseDigits } from '../options.js';
import type { ArgsOf } from '../spec.js';
import type { demoSpec } from '../specs/pipeline.js';
import { runDemo, type DemoReport } from '../demo/run.js';
import { printJson, type CliIo } from '../io.js';
import { progressBar } from '../progress.js';
import { checkOutputDir } from '../../compiler/files.js';

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

function printReport(io: CliIo, r: DemoReport): void {
  const rows: [string, string][] = [
    ['task', `MNIST ${r.digits[0]} vs ${r.digits[1]}, n = ${r.n} training, ${r.test} test points, depth ${r.depth}`],
    ['accuracy: classical dense NTK', pct(r.accuracy.exact)],
    ['accuracy: classical sparsified NTK', pct(r.accuracy.sparse)],
    ['accuracy: classical diagonal NTK', pct(r.accuracy.diagonal)],
    [`accuracy: quantum (${r.method.toUpperCase()}, simulated)`, pct(r.accuracy.quantum)],
    ['solution-state fidelity (compiled / optimized)', `${r.fidelity.compiled.toFixed(6)} / ${r.fidelity.optimized.toFixed(6)}`],
    ['κ(K̃), effective κ = α/min|λ|', `${r.kappa.toFixed(4)}, ${r.kappaEffective.toFixed(3)}`],
    ['α (block encoding), polynomial degree', `${r.alpha.toFixed(4)}, ${r.degree}`],
    ['post-selection success probability', r.successProbability.toExponential(3)],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  io.stdout(`${rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join('\n')}\n\n`);
  const g = r.gates;
  const gr = (name: string, s: DemoReport['gates']['compiled']): string =>
    `${name.padEnd(22)} ${String(s.qubits).padStart(6)} ${String(s.size).padStart(9)} ${String(s.twoQubit).padStart(8)} ${String(s.depth).padStart(9)} ${String(s.tCount).padStart(8)}`;
  io.stdout(`${'circuit'.padEnd(22)} ${'qubits'.padStart(6)} ${'gates'.padStart(9)} ${'2q'.padStart(8)} ${'depth'.padStart(9)} ${'T'.padStart(8)}\n`);
  io.stdout(`${gr('compiled', g.compiled)}\n${gr('optimized (-O2)', g.optimized)}\n${gr(`lowered: ${r.target}`, g.target)}\n\n`);
  if (r.readout.length > 0) {
    io.stdout('Hadamard-test readout (sign of ⟨k*|K̃⁻¹y⟩), simulated with shots:\n');
    for (const p of r.readout) {
      io.stdout(`  test point ${p.index} (label ${p.label > 0 ? '+1' : '-1'}): overlap exact ${p.exactOverlap.toFixed(5)}, estimated ${p.estimatedOverlap.toFixed(5)} from ${p.shots} shots, sign ${p.signAgrees ? 'agrees' : 'DISAGREES'} (${p.qubits} qubits, ${p.file})\n`);
    }
    io.stdout('\n');
  }
  io.stdout(`wrote ${r.files.generic} and ${r.files.target}\n`);
  io.stdout(`run the readout on hardware (drop --dry-run to send; credentials from QNTK_IBM_TOKEN/QNTK_IBM_INSTANCE or IONQ_API_KEY):\n${r.submit.map((s) => `  ${s}`).join('\n')}\n`);
  const total = Object.values(r.seconds).reduce((a, b) => a + b, 0);
  io.stdout(`time ${total.toFixed(1)} s (${Object.entries(r.seconds).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')})\n`);
}

export async function run(args: ArgsOf<typeof demoSpec>, io: CliIo): Promise<number> {
  // Before the minute of work: an --out that is a file would fail only at the end.
  checkOutputDir(args.out, '--out');
  const bar = progressBar(io);
  const report = await runDemo({
    digits: parseDigits(args.digits), n: args.n, test: args.test, method: args.method,
    target: args.target, epsilon: args.epsilon, seed: args.seed, readoutPoints: args.readout, outDir: args.out, progress: bar,
  });
  bar.done();
  if (args.json) printJson(io, report);
  else printReport(io, report);
  return 0;
}
