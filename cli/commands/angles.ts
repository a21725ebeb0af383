/** `qntk angles`: QSP phase factors for the inverse polynomial or for given Chebyshev coefficients. */
import { ValidationError } from '../../compiler/errors.js';
import { readTextFile } from '../../compiler/files.js';
import { inversePolynomial, type ErrorMetric } from '../../compiler/qsvt/polynomials.js';
import { solvePhases } from '../../compiler/qsvt/phases.js';
import { checkPoints, qspMaxError, qspResponse } from '../../compiler/qsvt/response.js';
import type { ArgsOf } from '../spec.js';
import type { anglesSpec } from '../specs/pipeline.js';
import { printJson, type CliIo } from '../io.js';
import { progressBar } from '../progress.js';

export const QSP_CONVENTION = 'U(x) = e^{i phi_0 Z} prod_{j=1..d} [W(x) e^{i phi_j Z}], W(x) = [[x, i sqrt(1-x^2)], [i sqrt(1-x^2), x]], f(x) = Re <0|U(x)|0>';


/** Read a JSON array of Chebyshev coefficients; one-line ValidationError otherwise. */
function readCoeffs(file: string): number[] {
  const text = readTextFile(file, '--coeffs');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ValidationError(`--coeffs ${file}: not valid JSON (${(e as Error).message.split('\n')[0]}); expected an array [c0, c1, …, cd]`);
  }
  if (!Array.isArray(data) || data.length === 0) throw new ValidationError(`--coeffs ${file}: expected a non-empty JSON array [c0, c1, …, cd] of Chebyshev coefficients`);
  data.forEach((v, k) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new ValidationError(`--coeffs ${file}: entry ${k} (${JSON.stringify(v)}) is not a finite number`);
  });
  return data as number[];
}

/**
 * Max error of Re⟨0|U_Φ|0⟩/scale against 1/x on [1/κ, 1] from the independent evaluator: relative
 * |x·f/scale − 1| (the contract) or absolute |f/scale − 1/x|.
 */
function inverseMaxError(phases: Float64Array, scale: number, kappa: number, metric: ErrorMetric, points = 2000): number {
  let err = 0;
  for (let i = 0; i <= points; i++) {
    const x = Math.pow(kappa, -(1 - i / points));
    const rel = (qspResponse(phases, x) * x) / scale - 1;
    err = Math.max(err, Math.abs(metric === 'relative' ? rel : rel / x));
  }
  return err;
}

/** The phases of --poly inverse or --coeffs; the degree is checked before any solving (the solver's limit). */
export function run(args: ArgsOf<typeof anglesSpec>, io: CliIo): number {
  const poly = args.poly;
  const file = args.coeffs;
  if ((poly === undefined) === (file === undefined)) throw new ValidationError('qntk angles: give exactly one of --poly inverse or --coeffs FILE.json');
  const bar = progressBar(io);
  let out: { degree: number; phases: number[]; convention: string; scale: number; maxError: number; [k: string]: unknown };
  if (poly !== undefined) {
    if (args.kappa === undefined || args.epsilon === undefined) throw new ValidationError('--poly inverse needs --kappa K and --epsilon E');
    const { kappa, epsilon, metric } = args;
    const P = inversePolynomial({ kappa, epsilon, method: args.method, metric });
    const r = solvePhases(P.coeffs, { progress: bar });
    const maxError = inverseMaxError(r.phases, P.scale, kappa, metric);
    // The contract is error ≤ ε on [1/κ, 1]; below the double-precision floor (~1e-12) it cannot hold: say so, print nothing.
    if (!(maxError <= epsilon)) {
      throw new ValidationError(`--epsilon ${epsilon}: the phases reach an error of ${maxError.toExponential(2)} (${metric}) on [1/κ, 1], above ε (double precision ends near 1e-12); raise --epsilon`);
    }
    out = {
      degree: r.degree, phases: Array.from(r.phases), convention: QSP_CONVENTION, scale: P.scale, maxError,
      kappa, epsilon, method: P.method, metric, solverError: qspMaxError(r.phases, P.coeffs),
    };
  } else {
    const coeffs = readCoeffs(file!);
    let r: ReturnType<typeof solvePhases>;
    try {
      r = solvePhases(coeffs, { progress: bar });
    } catch (err) {
      // The solver's validation names the polynomial; say which file it came from.
      if (err instanceof ValidationError) throw new ValidationError(`--coeffs ${file!}: ${err.message}`);
      throw err;
    }
    out = { degree: r.degree, phases: Array.from(r.phases), convention: QSP_CONVENTION, scale: 1, maxError: qspMaxError(r.phases, coeffs, checkPoints(2000)) };
  }
  bar.done();
  if (args.json) printJson(io, out);
  else {
    io.stdout(`degree ${out.degree}, scale ${out.scale}, maxError ${out.maxError.toExponential(3)}\n`);
    io.stdout(`convention: ${QSP_CONVENTION}\n`);
    io.stdout(`phases:\n${out.phases.map((p) => p.toPrecision(17)).join('\n')}\n`);
  }
  return 0;
}
