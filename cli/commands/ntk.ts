/**
 * `qntk ntk`: the classical half of the paper. Trains the infinite-width network on MNIST (or
 * --data), sparsifies its NTK and prints accuracy, κ, sparsity and measurement counts per n;
 * `--save DIR` writes what `qntk compile --ntk DIR` consumes. `qntk ntk kernel` prints K(ρ).
 */
import type { Argv } from 'yargs';
import { ValidationError } from '../../compiler/errors.js';
import {
  fullyConnectedNetwork, ntkValue, runNtkExperiment, writeNtkDir,
  type DepthChoice, type KernelKind, type NtkExperimentResult, type NtkNetwork,
} from '../../compiler/ntk/index.js';
import { convolutionalNetwork, type CnnResolution } from '../../compiler/ntk/cnn.js';
import { join } from 'node:path';
import type { QntkCommand } from '../command.js';
import { printJson, type CliIo } from '../io.js';
import { progressBar } from '../progress.js';
import { checkOutputDir } from '../../compiler/files.js';

function numberList(text: unknown, flag: string, integer: boolean): number[] {
  const parts = String(text).split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (parts.length === 0) throw new ValidationError(`${flag} needs a comma-separated list of numbers, got '${String(text)}'`);
  return parts.map((s) => {
    const v = Number(s);
    if (!Number.isFinite(v) || (integer && !Number.isInteger(v))) throw new ValidationError(`${flag}: '${s}' is not ${integer ? 'an integer' : 'a number'}`);
    return v;
  });
}

/** Deepest network accepted (the depth rule gives tens of layers at the paper's sizes). */
const MAX_DEPTH = 100_000;

function parseDepth(v: unknown, allowAuto: boolean): DepthChoice {
  const s = String(v ?? 'auto');
  if (allowAuto && s === 'auto') return 'auto';
  const d = Number(s);
  // The kernel recursion costs O(depth) per entry: a mistyped 1e9 would run for minutes.
  if (!Number.isInteger(d) || d < 0 || d > MAX_DEPTH) throw new ValidationError(`--depth must be ${allowAuto ? "'auto' or " : ''}an integer in 0..${MAX_DEPTH}, got '${s}'`);
  return d;
}

function parseKernel(v: unknown): KernelKind {
  const k = String(v ?? 'erf');
  if (k !== 'erf' && k !== 'relu') throw new ValidationError(`--kernel must be erf or relu, got '${k}'`);
  return k;
}

function parseResolution(v: unknown): CnnResolution {
  const r = Number(v ?? 28);
  if (r !== 28 && r !== 14) throw new ValidationError(`--resolution must be 28 or 14, got '${String(v)}'`);
  return r;
}

/** The network behind --network (the convolutional one plugs in here). */
export function networkFor(name: string, kernel: KernelKind, resolution: CnnResolution = 28): NtkNetwork {
  switch (name) {
    case 'fc':
      return fullyConnectedNetwork(kernel);
    case 'cnn':
      return convolutionalNetwork({ resolution });
    default:
      throw new ValidationError(`--network must be fc or cnn, got '${name}'`);
  }
}

const f3 = (v: number): string => v.toFixed(3);
const pm = (m: number, s: number): string => `${f3(m)} ± ${f3(s)}`;

/** The experiment as a table, one row per n. */
export function formatNtkTable(r: NtkExperimentResult, test: number, seed: number): string {
  const head = ['n', 'depth', 'δ', 'exact', 'sparse', 'diagonal', 'κ(K̃)', 'sparsity max/mean', 'post-sel n/P', 'readout sparse/diag'];
  const rows = r.runs.map((run, i) => {
    const dr = r.details[i]!.depthRange;
    return [
      String(run.n), dr[0] === dr[1] ? String(dr[0]) : `${dr[0]}–${dr[1]}`, Number.isNaN(run.delta) ? '–' : run.delta.toFixed(4),
      pm(run.accuracy.exact, run.accuracyStd.exact), pm(run.accuracy.sparse, run.accuracyStd.sparse), pm(run.accuracy.diagonal, run.accuracyStd.diagonal),
      run.kappa.toFixed(7), `${run.sparsity.maxColumn.toFixed(1)} / ${run.sparsity.meanRow.toFixed(2)}`, run.postselection.toFixed(1),
      `${run.readout.sparse.toFixed(1)} / ${run.readout.diagonal.toFixed(1)}`,
    ];
  });
  const width = head.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: string[]): string => cells.map((s, c) => (c === 0 ? s.padStart(width[c]!) : s.padEnd(width[c]!))).join('  ').trimEnd();
  const trials = r.details.map((d) => d.trials).join('/');
  const out = [
    `${r.source}: ${r.network === 'fc' ? 'fully-connected' : r.network} ${r.kernel} NTK, ${test} test points, trials ${trials}, ${r.details[0]?.patterns ?? 0} patterns per trial, seed ${seed}`,
    'accuracy: mean ± std over trials × patterns; κ and sparsity: means; measurement counts: medians over all test points',
    line(head), line(width.map((w) => '-'.repeat(w))), ...rows.map(line),
  ];
  return `${out.join('\n')}\n`;
}

async function runExperiment(args: Record<string, unknown>, io: CliIo): Promise<number> {
  const kernel = parseKernel(args.kernel);
  const network = networkFor(String(args.network ?? 'fc'), kernel, parseResolution(args.resolution));
  const digits = numberList(args.digits ?? '8,9', '--digits', true);
  if (digits.length !== 2) throw new ValidationError(`--digits takes two digits (e.g. 8,9), got '${String(args.digits)}'`);
  const sizes = numberList(args.n ?? '16,32,64,128,256,512', '--n', true);
  const test = Number(args.test ?? 256);
  const seed = Number(args.seed ?? 0);
  if (!Number.isInteger(seed)) throw new ValidationError(`--seed must be an integer, got '${String(args.seed)}'`);
  // Before the experiment (minutes at large n): a --save path that is a file would fail only at the end.
  if (args.save !== undefined) checkOutputDir(String(args.save), '--save');
  const bar = progressBar(io);
  let result: NtkExperimentResult;
  try {
    result = await runNtkExperiment({
      digits: [digits[0]!, digits[1]!], ...(args.data !== undefined ? { data: String(args.data) } : {}), seed, test,
      depth: parseDepth(args.depth, true), network, sizes, patterns: Number(args.patterns ?? 3),
      // The convolutional kernel costs ~0.1 s per image pair at 28×28: one trial per n unless asked.
      ...(args.trials !== undefined ? { trials: Number(args.trials) } : network.name === 'cnn' ? { trials: 1 } : {}), keepProblems: args.save !== undefined, progress: bar,
    });
  } finally {
    bar.done();
  }
  if (args.save !== undefined) {
    const dir = String(args.save);
    for (const p of result.problems) writeNtkDir(result.problems.length === 1 ? dir : join(dir, `n${p.n}`), p);
  }
  if (args.json) printJson(io, { runs: result.runs });
  else {
    io.stdout(formatNtkTable(result, test, seed));
    if (args.save !== undefined) io.stdout(`saved trial 0, pattern 0 of each n to ${String(args.save)}${result.problems.length > 1 ? '/n<N>' : ''}\n`);
  }
  return 0;
}

function runKernel(args: Record<string, unknown>, io: CliIo): number {
  if (args.depth === undefined) throw new ValidationError('qntk ntk kernel needs --depth L');
  const depth = parseDepth(args.depth, false) as number;
  const dim = Number(args.dim ?? 784);
  const kind = parseKernel(args.kernel);
  const rhos = numberList(args.rho ?? '1,0.99,0.5,0', '--rho', false);
  for (const r of rhos) if (r < -1 || r > 1) throw new ValidationError(`--rho values are inner products of unit vectors and must lie in [-1, 1], got ${r}`);
  const values = rhos.map((rho) => ({ rho, k: ntkValue(rho, { kind, depth, dim }) }));
  if (args.json) printJson(io, { depth, dim, values });
  else {
    io.stdout(`${kind} NTK, depth ${depth}, d = ${dim}${kind === 'relu' ? ' (the ReLU kernel does not depend on d)' : ''}\n`);
    for (const v of values) io.stdout(`  K(${String(v.rho).padEnd(8)}) = ${v.k.toPrecision(12)}   K/K(1) = ${(v.k / ntkValue(1, { kind, depth, dim })).toPrecision(6)}\n`);
  }
  return 0;
}

export const ntkCommand: QntkCommand = {
  command: 'ntk [action]',
  describe: 'Train the infinite-width network on MNIST digits: accuracy of the exact, sparsified and diagonal NTK, κ, sparsity and measurement counts per n (`ntk kernel` prints K(ρ))',
  builder: (y: Argv) => y
    .positional('action', { type: 'string', choices: ['kernel'], describe: "'kernel': print K(ρ) for --rho values" })
    .option('digits', { type: 'string', default: '8,9', describe: 'MNIST digit pair: the first is class −1, the second +1' })
    .option('n', { type: 'string', default: '16,32,64,128,256,512', describe: 'training sizes (even; balanced classes)' })
    .option('test', { type: 'number', default: 256, describe: 'balanced test examples per trial' })
    .option('trials', { type: 'number', describe: 'trials per n (default: 16 at n ≤ 16, 8 at n ≤ 32, else 4; --network cnn: 1)' })
    .option('patterns', { type: 'number', default: 3, describe: 'sparsity patterns per trial' })
    .option('seed', { type: 'number', default: 0, describe: 'seed of every random draw' })
    .option('depth', { type: 'string', describe: "'auto' (the depth rule round(0.1·8 ln(n/δ)/μ), default) or a number of hidden layers" })
    .option('kernel', { type: 'string', default: 'erf', choices: ['erf', 'relu'], describe: 'activation of the fully-connected network' })
    .option('network', { type: 'string', default: 'fc', choices: ['fc', 'cnn'], describe: 'fully-connected or convolutional network' })
    .option('resolution', { type: 'number', default: 28, choices: [28, 14], describe: '--network cnn: input side (14: 2×2 means of the 28×28 images, ~15× faster)' })
    .option('data', { type: 'string', describe: 'CSV (features…, label ±1 or 0/1) or JSON data instead of MNIST' })
    .option('save', { type: 'string', describe: 'write K̃ (ktilde.mtx), y.txt, kstar.txt, test-labels.txt, manifest.json for qntk compile --ntk' })
    .option('rho', { type: 'string', describe: 'ntk kernel: inner products ρ, comma-separated' })
    .option('dim', { type: 'number', default: 784, describe: 'ntk kernel: input dimension d' })
    .option('json', { type: 'boolean', default: false, describe: 'print {runs: [{n, depth, delta, accuracy, accuracyStd, kappa, sparsity, postselection, readout}]}' }),
  run: (args, io) => (args.action === 'kernel' ? runKernel(args, io) : runExperiment(args, io)),
};

