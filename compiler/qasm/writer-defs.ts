/**
 * Symbolic gate definitions for the writer: the body of a library gate with its parameters as
 * names, so that a program using e.g. `rzz(θ)` declares `gate rzz(p0) q0, q1 { … }` once.
 * Bodies are the library definitions (compiler/circuit/definitions.ts, exact with global phase)
 * with every parameter an affine form of the gate's own (compiler/circuit/affine.ts).
 */
import { affineDefinition, PRIMITIVE_GATES } from '../circuit/definitions.js';
import { ValidationError } from '../errors.js';

/** An affine parameter c + Σ b_i p_i over the definition's parameters p_0 … p_{k−1}. */
export interface AffineParam {
  readonly constant: number;
  readonly coefs: readonly number[];
}

/** One gate of a symbolic body, on local qubits 0..n−1. */
export interface SymbolicGate {
  readonly gate: string;
  readonly qubits: readonly number[];
  readonly params: readonly AffineParam[];
}

/**
 * The body of library gate `name` on `n` qubits with its symbolic parameters, or undefined for
 * primitives (U, cx, gphase). Throws if the definition is not affine in its parameters.
 */
export function symbolicDefinition(name: string, _k: number, n: number): SymbolicGate[] | undefined {
  if (PRIMITIVE_GATES.has(name)) return undefined;
  const fit = affineDefinition(name, n);
  if (fit === undefined) throw new ValidationError(`cannot write a definition for '${name}': its body is not affine in its parameters`);
  return fit.shape.map((inst, j) => ({ gate: inst.gate, qubits: inst.qubits, params: fit.forms[j]! }));
}
