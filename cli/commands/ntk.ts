/**
 * `qntk ntk`: the classical half of the paper. Trains the infinite-width network on MNIST (or
 * --data), sparsifies its NTK and prints accuracy, κ, sparsity and measurement counts per n;
 * `--save DIR` writes what `qntk compile --ntk DIR` consumes. `qntk ntk kernel` prints K(ρ).
 */
import { ValidationError } from '../../compiler/errors.js';
import {
  fullyConnectedNetwork, ntkValue, runNtkExperiment, writeNtkDir,
  type DepthChoice, type KernelKind, type NtkExperimentResult, type NtkNetwork,
} from '../../compiler/ntk/index.js';
import { convolutionalNetwork, type CnnResolution } from '../../compiler/ntk/cnn.js';
import { join } from 'node:path';
import type { ArgsOf } from '../spec.js';
import type { ntkSpec } from '../specs/pipeline.js';
import { printJson, type CliIo } from '../io.js';
import { parseDigits } from '../options.js';
import { progressBar } from '../progress.js';
import { checkOutputDir } from '../../compiler/files.js';

function numberList(text: string, flag: string, integer: boolean): number[] {
  const parts = text.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (parts.length === 0) throw new ValidationError(`${flag} needs a comma-separated list of numbers, got '${text}'`);
  return parts.map((s) => {
    const v = Number(s);
    if (!Number.isFinite(v) || (integer && !Number.isInteger(v))) throw new ValidationError(`${flag}: '${s}' is not ${integer ? 'an integer' : 'a number'}`);
    return v;
  });
}

/** Deepest network accepted (the depth rule gives tens of layers at the paper's sizes). */
const MAX_DEPTH = 100_000;

function parseDepth(v: string | undefined, allowAuto: boolean): DepthChoice {
  const s = v ?? 'auto';
  if (allowAuto && s === 'auto') return 'auto';
  const d = Number(s);
  // The kernel recursion costs O(depth) per entry: a mistyped 1e9 would run for minutes.
  if (!Number.isInteger(d) || d < 0 || d > MAX_DEPTH) throw new ValidationError(`--depth must be ${allowAuto ? "'auto' or " : ''}an integer in 0..${MAX_DEPTH}, got '${s}'`);
  return d;
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

async function runExperiment(args: NtkArgs, io: CliIo): Promise<number> {
  const kernel = args.kernel;
  const network = networkFor(args.network, kernel, args.resolution === '14' ? 14 : 28);
  const digits = parseDigits(args.digits);
  const sizes = numberList(args.n, '--n', true);
  const { test, seed } = args;
  // Before the experiment (minutes at large n): a --save path that is a file would fail only at the end.
  if (args.save !== undefined) checkOutputDir(args.save, '--save');
  const bar = progressBar(io);
  let result: NtkExperimentResult;
  try {
    result = await runNtkExperiment({
      digits, ...(args.data !== undefined ? { data: args.data } : {}), seed, test,
      depth: parseDepth(args.depth, true), network, sizes, patterns: args.patterns,
      // The convolutional kernel costs ~0.1 s per image pair at 28×28: one trial per n unless asked.
      ...(args.trials !== undefined ? { trials: args.trials } : network.name === 'cnn' ? { trials: 1 } : {}), keepProblems: args.save !== undefined, progress: bar,
    });
  } finally {
    bar.done();
  }
  if (args.save !== undefined) {
    const dir = args.save;
    for (const p of result.problems) writeNtkDir(result.problems.length === 1 ? dir : join(dir, `n${p.n}`), p);
  }
  if (args.json) printJson(io, { runs: result.runs });
  else {
    io.stdout(formatNtkTable(result, test, seed));
    if (args.save !== undefined) io.stdout(`saved trial 0, pattern 0 of each n to ${args.save}${result.problems.length > 1 ? '/n<N>' : ''}\n`);
  }
  return 0;
}

function runKernel(args: NtkArgs, io: CliIo): number {
  if (args.depth === undefined) throw new ValidationError('qntk ntk kernel needs --depth L');
  const depth = parseDepth(args.depth, false) as number;
  const dim = args.dim;
  const kind = args.kernel;
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

type NtkArgs = ArgsOf<typeof ntkSpec>;

export function run(args: NtkArgs, io: CliIo): Promise<number> | number {
  return args.action === 'kernel' ? runKernel(args, io) : runExperiment(args, io);
}
