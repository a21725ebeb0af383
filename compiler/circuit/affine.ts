/**
 * Lifting numeric rewrites to symbolic parameters. Many rewrites of a gate (its inverse, its
 * definition, its controlled form, an equivalence rule) emit a fixed gate sequence whose
 * parameters are affine in the gate's own: inv(crz(θ)) = crz(−θ), cp(λ) = p(λ/2)·cx·p(−λ/2)·… .
 * Such a rewrite is probed at a generic point and one unit step along each parameter; the fit is
 * then checked at two far points (a rewrite that wraps angles into (−π, π] or branches on their
 * values fails there), and applied to the expressions. When the probes disagree the rewrite is
 * not affine and the lift returns undefined: the caller refuses or keeps the gate as it is.
 */
import type { Instruction } from './circuit.js';
import { addValues, Expr, mulValues, type ParamValue } from './expression.js';

/** A rewrite of one parameter vector into instructions (on fixed qubits). */
export type NumericRewrite = (params: readonly number[]) => readonly Instruction[] | undefined;

const BASE = (i: number): number => 0.5773 + 0.3141 * (i + 1);
/** Far probes along every direction at once: a wrap into (−π, π] or a branch shows as a misfit here. */
const FAR: ReadonlyArray<(i: number) => number> = [(i) => 7.31 - 2.17 * i, (i) => -11.93 + 3.41 * i];
const TOL = 1e-9;

/** x, or the nearest k·π/d or j/64 when x is within rounding of it (so coefficients print cleanly). */
function snap(x: number): number {
  if (Math.abs(x) < 1e-12) return 0;
  const j = Math.round(x * 64);
  if (Math.abs(x - j / 64) < 1e-12) return j / 64;
  for (const d of [1, 2, 3, 4, 6, 8, 12, 16]) {
    const k = Math.round((x * d) / Math.PI);
    if (k !== 0 && Math.abs(x - (k * Math.PI) / d) < 1e-12) return (k * Math.PI) / d;
  }
  return x;
}

function sameShape(a: readonly Instruction[], b: readonly Instruction[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i]!;
    return x.gate === y.gate && x.params.length === y.params.length && x.qubits.length === y.qubits.length && x.qubits.every((q, j) => q === y.qubits[j]);
  });
}

/** One output parameter as c + Σ coef_i·p_i. */
interface AffineForm {
  readonly constant: number;
  readonly coefs: readonly number[];
}

/**
 * The affine forms of every output parameter of `rewrite` over `k` inputs, with the output
 * shape; undefined when the rewrite is not affine (or declines a probe).
 */
export function affineForms(rewrite: NumericRewrite, k: number): { shape: readonly Instruction[]; forms: AffineForm[][] } | undefined {
  const base = Array.from({ length: k }, (_, i) => BASE(i));
  const d0 = rewrite(base);
  if (d0 === undefined) return undefined;
  const units: (readonly Instruction[])[] = [];
  for (let i = 0; i < k; i++) {
    const u = rewrite(base.map((b, j) => (j === i ? b + 1 : b)));
    if (u === undefined || !sameShape(u, d0)) return undefined;
    units.push(u);
  }
  const forms = d0.map((inst, j) => inst.params.map((v, m): AffineForm => {
    const coefs = units.map((u) => snap(u[j]!.params[m]! - v));
    return { constant: snap(v - coefs.reduce((s, c, i) => s + c * base[i]!, 0)), coefs };
  }));
  for (const far of FAR) {
    const p = Array.from({ length: k }, (_, i) => far(i));
    const dp = rewrite(p);
    if (dp === undefined || !sameShape(dp, d0)) return undefined;
    for (let j = 0; j < d0.length; j++) {
      for (let m = 0; m < forms[j]!.length; m++) {
        const f = forms[j]![m]!;
        const predicted = f.constant + f.coefs.reduce((s, c, i) => s + c * p[i]!, 0);
        if (!(Math.abs(predicted - dp[j]!.params[m]!) <= TOL * Math.max(1, Math.abs(predicted)))) return undefined;
      }
    }
  }
  return { shape: d0, forms };
}

/** An affine form applied to parameter values. */
export function applyForm(f: AffineForm, args: readonly ParamValue[]): ParamValue {
  let v: ParamValue = f.constant;
  f.coefs.forEach((c, i) => {
    if (c !== 0) v = addValues(v, mulValues(c, args[i]!));
  });
  return v;
}

/** An instruction whose parameters are values (numbers or expressions), in the IR's form. */
export function withValues(inst: Instruction, values: readonly ParamValue[]): Instruction {
  const { exprs: _dropped, ...rest } = inst;
  if (values.every((v): v is number => typeof v === 'number')) return { ...rest, params: values };
  return { ...rest, params: values.map((v) => (typeof v === 'number' ? v : NaN)), exprs: values.map(Expr.of) };
}

/** The rewrite applied to symbolic arguments, or undefined when it is not affine in them. */
export function liftAffine(rewrite: NumericRewrite, args: readonly ParamValue[]): Instruction[] | undefined {
  const fit = affineForms(rewrite, args.length);
  if (fit === undefined) return undefined;
  return fit.shape.map((inst, j) => withValues(inst, fit.forms[j]!.map((f) => applyForm(f, args))));
}
