/**
 * `qntk compile (--digits A,B --n N | --ntk DIR | --matrix A.mtx --rhs b.txt) --method qsvt|hhl …`:
 * a linear system → an OpenQASM 3 program preparing A⁻¹b/‖A⁻¹b‖ after post-selection.
 */
import type { Argv } from 'yargs';
import { ParseError, ValidationError } from '../../compiler/errors.js';
import { readTextFile } from '../../compiler/files.js';
import type { CsrMatrix } from '../../compiler/linalg/csr.js';
import { readMatrixMarket } from '../../compiler/matrix-file.js';
import { readNtkDir } from '../../compiler/ntk/ntk-dir.js';
import { prepareNtkProblem } from '../../compiler/ntk/problem.js';
import { compileLinearSystem, type EncodingChoice, type InversionMethod } from '../../compiler/linear-system.js';
import { printQasm } from '../../compiler/qasm/lower.js';
import type { QntkCommand } from '../command.js';
import { printJson, type CliIo } from '../io.js';
import { progressBar } from '../progress.js';
import { checkWritable, writeFileAtomic } from '../../compiler/files.js';

/** The library parameters this command takes as flags. */
const FLAGS: Readonly<Record<string, string>> = { epsilon: '--epsilon', kappa: '--kappa', encoding: '--encoding', method: '--method' };

/** Whitespace- or comma-separated numbers; errors read FILE:LINE:COL. */
export function readVectorFile(file: string): Float64Array {
  const out: number[] = [];
  readTextFile(file, '--rhs').split(/\r?\n/).forEach((line, li) => {
    const re = /[^\s,]+/g;
    let m: RegExpExecArray | null;
    const body = line.replace(/[#%].*$/, '');
    while ((m = re.exec(body)) !== null) {
      const v = Number(m[0]);
      if (!Number.isFinite(v)) throw new ParseError({ file, line: li + 1, col: m.index + 1 }, `'${m[0]}' is not a finite number`);
      out.push(v);
    }
  });
  if (out.length === 0) throw new ValidationError(`--rhs ${file}: the file holds no numbers`);
  return Float64Array.from(out);
}

/** The system A x = b named by exactly one front end. */
async function loadSystem(args: Record<string, unknown>, io: CliIo): Promise<{ a: CsrMatrix; b: Float64Array; source: string }> {
  const sources = ['digits', 'ntk', 'matrix'].filter((k) => args[k] !== undefined);
  if (sources.length !== 1) throw new ValidationError('qntk compile: give exactly one of --digits A,B --n N, --ntk DIR, or --matrix A.mtx --rhs b.txt');
  if (args.matrix !== undefined) {
    if (args.rhs === undefined) throw new ValidationError('--matrix needs --rhs b.txt (one number per row of the matrix)');
    return { a: readMatrixMarket(String(args.matrix)).matrix, b: readVectorFile(String(args.rhs)), source: `--matrix ${String(args.matrix)} --rhs ${String(args.rhs)}` };
  }
  if (args.ntk !== undefined) {
    const dir = readNtkDir(String(args.ntk));
    return { a: dir.ktilde, b: dir.y, source: `--ntk ${String(args.ntk)}` };
  }
  const digits = String(args.digits).split(',').map((s) => Number(s.trim()));
  if (digits.length !== 2 || !digits.every((d) => Number.isInteger(d) && d >= 0 && d <= 9) || digits[0] === digits[1]) {
    throw new ValidationError(`--digits ${String(args.digits)}: expected two different digits 0–9, e.g. --digits 8,9`);
  }
  if (args.n === undefined) throw new ValidationError('--digits needs --n N (training examples)');
  const bar = progressBar(io);
  const p = await prepareNtkProblem({ digits: [digits[0]!, digits[1]!], n: Number(args.n), progress: bar });
  bar.done();
  return { a: p.ktilde, b: p.y, source: `mnist ${digits.join(' vs ')}` };
}

async function run(args: Record<string, unknown>, io: CliIo): Promise<number> {
  // Before minutes of compilation: a bad -o path fails now, not at the end.
  if (args.output !== undefined) checkWritable(String(args.output), '-o');
  const { a, b, source } = await loadSystem(args, io);
  const bar = progressBar(io);
  let prog: ReturnType<typeof compileLinearSystem>;
  try {
    prog = compileLinearSystem(a, b, {
      method: String(args.method) as InversionMethod,
      encoding: String(args.encoding) as EncodingChoice,
      ...(args.epsilon === undefined ? {} : { epsilon: Number(args.epsilon) }),
      ...(args.kappa === undefined ? {} : { kappa: Number(args.kappa) }),
      measure: Boolean(args.measure),
      progress: bar,
    });
  } catch (err) {
    if (!(err instanceof ValidationError) || err.parameter === undefined) throw err;
    // The library checks the system itself (symmetry, singularity, sizes): say which input failed.
    if (err.parameter === 'matrix' || err.parameter === 'rhs') throw new ValidationError(`${source}: ${err.message}`, { parameter: err.parameter });
    const flag = FLAGS[err.parameter];
    throw flag ? err.withParameterName(flag) : err;
  } finally {
    bar.done();
  }
  const text = printQasm(prog.circuit);
  if (args.output !== undefined) writeFileAtomic(String(args.output), text);
  const summary = {
    method: prog.method, encoding: prog.encoding, alpha: prog.alpha, kappa: prog.kappa, degree: prog.degree, n: prog.n,
    system: prog.system, postselect: prog.postselect, successProbability: prog.successProbability, stats: prog.stats,
  };
  if (args.json) printJson(io, args.output === undefined ? summary : { ...summary, output: String(args.output) });
  else if (args.output === undefined) io.stdout(text);
  else {
    io.stdout(`${prog.method} (${prog.encoding} encoding): n = ${prog.n}, α = ${prog.alpha.toPrecision(6)}, κ = ${prog.kappa.toPrecision(6)}, degree ${prog.degree}\n`);
    io.stdout(`${prog.stats.qubits} qubits, ${prog.stats.size} gates, depth ${prog.stats.depth}; success probability ${prog.successProbability.toExponential(3)}\n`);
    io.stdout(`system qubits [${prog.system.join(', ')}]; post-select ${prog.postselect.map(([q, v]) => `q${q}=${v}`).join(' ')}\n`);
    io.stdout(`wrote ${String(args.output)}\n`);
  }
  return 0;
}

export const compileCommand: QntkCommand = {
  command: 'compile',
  describe: 'Compile a symmetric linear system (matrix file, NTK directory or MNIST digits) into an inversion circuit',
  builder: (y: Argv) =>
    y
      .option('digits', { type: 'string', describe: 'MNIST digit pair A,B (sparsified NTK of n training images)' })
      .option('n', { type: 'number', describe: 'training examples with --digits' })
      .option('ntk', { type: 'string', describe: 'directory written by qntk ntk --save' })
      .option('matrix', { type: 'string', describe: 'Matrix Market file with a symmetric A' })
      .option('rhs', { type: 'string', describe: 'right-hand side b: numbers separated by spaces, commas or newlines' })
      .option('method', { type: 'string', choices: ['qsvt', 'hhl'], default: 'qsvt', describe: 'inversion method' })
      .option('encoding', { type: 'string', choices: ['auto', 'sparse', 'fable', 'lcu'], default: 'auto', describe: 'block encoding' })
      .option('epsilon', { type: 'number', describe: 'target infidelity of the solution state (default 1e-3 for qsvt, 0.01 for hhl)' })
      .option('kappa', { type: 'number', describe: 'condition number to design for: α/min|λ| (qsvt) or max|λ|/min|λ| (hhl); default computed' })
      .option('output', { alias: 'o', type: 'string', describe: 'write the OpenQASM 3 program here (atomically)' })
      .option('measure', { type: 'boolean', default: false, describe: 'measure every qubit at the end' })
      .option('json', { type: 'boolean', default: false, describe: 'print one JSON object {method, encoding, alpha, kappa, degree, n, system, postselect, successProbability, stats}' }),
  run,
};
