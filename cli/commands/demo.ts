/**
 * `qntk demo`: the paper's quantum classifier end to end on embedded defaults (MNIST 8 vs 9,
 * n = 16): NTK → sparsified NTK → QSVT circuit → optimized/lowered programs in out/ → simulated
 * predictions and readout, with the commands to run the same circuit on IBM or IonQ.
 */
import type { Argv } from 'yargs';
import { ValidationError } from '../../compiler/errors.js';
import type { InversionMethod } from '../../compiler/pipeline.js';
import { TARGET_NAMES } from '../../passes/targets/builtins.js';
import type { QntkCommand } from '../command.js';
import { runDemo, type DemoReport } from '../demo/run.js';
import { runHardwareDemo } from '../demo/hardware.js';
import { printJson, type CliIo } from '../io.js';
import { progressBar } from '../progress.js';
import { checkOutputDir } from '../../compiler/files.js';

function parseDigits(text: string): [number, number] {
  const d = text.split(',').map((s) => Number(s.trim()));
  if (d.length !== 2 || !d.every((x) => Number.isInteger(x) && x >= 0 && x <= 9) || d[0] === d[1]) {
    throw new ValidationError(`--digits ${text}: expected two different digits 0–9, e.g. --digits 8,9`);
  }
  return [d[0]!, d[1]!];
}

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

async function run(args: Record<string, unknown>, io: CliIo): Promise<number> {
  const n = Number(args.n);
  if (!Number.isInteger(n) || n < 4 || n > 256) throw new ValidationError(`--n ${String(args.n)}: use an integer from 4 to 256 (the demo simulates the circuit)`);
  const target = String(args.target);
  if (!TARGET_NAMES.includes(target)) throw new ValidationError(`--target ${target}: unknown; choose one of ${TARGET_NAMES.join(', ')}`);
  const readout = Number(args.readout), seed = Number(args.seed);
  if (!Number.isInteger(readout) || readout < 0) throw new ValidationError(`--readout ${String(args.readout)}: give a whole number of test points ≥ 0`);
  if (!Number.isInteger(seed) || seed < 0) throw new ValidationError(`--seed ${String(args.seed)}: give an integer ≥ 0`);
  if (args.hardware) return runHardwareDemo(io, { target, digits: parseDigits(String(args.digits)), seed, json: Boolean(args.json) });
  // Before the minute of work: an --out that is a file would fail only at the end.
  checkOutputDir(String(args.out), '--out');
  const bar = progressBar(io);
  const report = await runDemo({
    digits: parseDigits(String(args.digits)), n, test: Number(args.test), method: String(args.method) as InversionMethod,
    target, epsilon: Number(args.epsilon), seed, readoutPoints: readout, outDir: String(args.out), progress: bar,
  });
  bar.done();
  if (args.json) printJson(io, report);
  else printReport(io, report);
  return 0;
}

export const demoCommand: QntkCommand = {
  command: 'demo',
  describe: 'The paper\'s quantum NTK classifier end to end: MNIST → sparsified NTK → QSVT circuit → optimized QASM in out/ → simulated predictions',
  builder: (y: Argv) =>
    y
      .option('digits', { type: 'string', default: '8,9', describe: 'MNIST digit pair A,B (A = −1, B = +1)' })
      .option('n', { type: 'number', default: 16, describe: 'training examples' })
      .option('test', { type: 'number', default: 256, describe: 'test points (balanced)' })
      .option('method', { type: 'string', choices: ['qsvt', 'hhl'], default: 'qsvt', describe: 'inversion method' })
      .option('target', { type: 'string', default: 'ibm_fez', describe: 'device for the lowered program (IBM Heron by default)' })
      .option('epsilon', { type: 'number', default: 1e-3, describe: 'target infidelity of the solution state' })
      .option('seed', { type: 'number', default: 0, describe: 'seed for data selection, sparsity pattern and shots' })
      .option('readout', { type: 'number', default: 3, describe: 'test points read out with the full Hadamard-test circuit and shots' })
      .option('out', { type: 'string', default: 'out', describe: 'directory for the OpenQASM files' })
      .option('json', { type: 'boolean', default: false, describe: 'print the same numbers as one JSON object' })
      .option('hardware', { type: 'boolean', default: false, describe: 'the NTK experiment sized for today\'s devices (n = 8, compact readouts, ideal/noisy/mitigated); uses --target ibm_fez|ionq_forte, --digits, --seed, --json' }),
  run,
};
