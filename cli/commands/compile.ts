/**
 * `qntk compile (--digits A,B --n N | --ntk DIR | --matrix A.mtx --rhs b.txt) --method qsvt|hhl …`:
 * a linear system → an OpenQASM 3 program preparing A⁻¹b/‖A⁻¹b‖ after post-selection.
 */
import { ParseError, ValidationError } from '../../compiler/errors.js';
import { readTextFile } from '../../compiler/files.js';
import type { CsrMatrix } from '../../compiler/linalg/csr.js';
import { readMatrixMarket } from '../../compiler/matrix-file.js';
import { readNtkDir } from '../../compiler/ntk/ntk-dir.js';
import { prepareNtkProblem } from '../../compiler/ntk/problem.js';
import { compileLinearSystem } from '../../compiler/linear-system.js';
import { printQasm } from '../../compiler/qasm/lower.js';
import type { ArgsOf } from '../spec.js';
import type { compileSpec } from '../specs/pipeline.js';
import { printJson, type CliIo } from '../io.js';
import { parseDigits } from '../options.js';
import { progressBar } from '../progress.js';
import { checkWritable, writeFileAtomic } from '../../compiler/files.js';

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
async function loadSystem(args: ArgsOf<typeof compileSpec>, io: CliIo): Promise<{ a: CsrMatrix; b: Float64Array; source: string }> {
  const sources = [args.digits, args.ntk, args.matrix].filter((v) => v !== undefined);
  if (sources.length !== 1) throw new ValidationError('qntk compile: give exactly one of --digits A,B --n N, --ntk DIR, or --matrix A.mtx --rhs b.txt');
  if (args.matrix !== undefined) {
    if (args.rhs === undefined) throw new ValidationError('--matrix needs --rhs b.txt (one number per row of the matrix)');
    return { a: readMatrixMarket(args.matrix).matrix, b: readVectorFile(args.rhs), source: `--matrix ${args.matrix} --rhs ${args.rhs}` };
  }
  if (args.ntk !== undefined) {
    const dir = readNtkDir(args.ntk);
    return { a: dir.ktilde, b: dir.y, source: `--ntk ${args.ntk}` };
  }
  const digits = parseDigits(args.digits!);
  if (args.n === undefined) throw new ValidationError('--digits needs --n N (training examples)');
  const bar = progressBar(io);
  const p = await prepareNtkProblem({ digits, n: args.n, progress: bar });
  bar.done();
  return { a: p.ktilde, b: p.y, source: `mnist ${digits.join(' vs ')}` };
}

export async function run(args: ArgsOf<typeof compileSpec>, io: CliIo): Promise<number> {
  // Before minutes of compilation: a bad -o path fails now, not at the end.
  if (args.output !== undefined) checkWritable(args.output, '-o');
  const { a, b, source } = await loadSystem(args, io);
  const bar = progressBar(io);
  let prog: ReturnType<typeof compileLinearSystem>;
  try {
    prog = compileLinearSystem(a, b, {
      method: args.method,
      encoding: args.encoding,
      ...(args.epsilon === undefined ? {} : { epsilon: args.epsilon }),
      ...(args.kappa === undefined ? {} : { kappa: args.kappa }),
      measure: args.measure,
      progress: bar,
    });
  } catch (err) {
    if (!(err instanceof ValidationError) || err.parameter === undefined) throw err;
    // The library checks the system itself (symmetry, singularity, sizes): say which input failed.
    if (err.parameter === 'matrix' || err.parameter === 'rhs') throw new ValidationError(`${source}: ${err.message}`);
    throw err;
  } finally {
    bar.done();
  }
  const text = printQasm(prog.circuit);
  if (args.output !== undefined) writeFileAtomic(args.output, text);
  const summary = {
    method: prog.method, encoding: prog.encoding, alpha: prog.alpha, kappa: prog.kappa, degree: prog.degree, n: prog.n,
    system: prog.system, postselect: prog.postselect, successProbability: prog.successProbability, stats: prog.stats,
  };
  if (args.json) printJson(io, args.output === undefined ? summary : { ...summary, output: args.output });
  else if (args.output === undefined) io.stdout(text);
  else {
    io.stdout(`${prog.method} (${prog.encoding} encoding): n = ${prog.n}, α = ${prog.alpha.toPrecision(6)}, κ = ${prog.kappa.toPrecision(6)}, degree ${prog.degree}\n`);
    io.stdout(`${prog.stats.qubits} qubits, ${prog.stats.size} gates, depth ${prog.stats.depth}; success probability ${prog.successProbability.toExponential(3)}\n`);
    io.stdout(`system qubits [${prog.system.join(', ')}]; post-select ${prog.postselect.map(([q, v]) => `q${q}=${v}`).join(' ')}\n`);
    io.stdout(`wrote ${args.output}\n`);
  }
  return 0;
}
