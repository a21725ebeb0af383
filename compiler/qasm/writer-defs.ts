/**
 * Symbolic gate definitions for the writer: the body of a library gate with its parameters as
 * names, so that a program using e.g. `rzz(θ)` declares `gate rzz(p0) q0, q1 { … }` once.
 * Bodies come from compiler/circuit/definitions.ts (exact, with global phase). Parameterised
 * bodies are recovered as affine forms by probing the definition at the origin and the unit
 * vectors and checking the fit at a generic point; gpi and gpi2, whose numeric definitions go
 * through Euler angles, have hand-written affine bodies (checked in the tests).
 */
import type { Instruction } from '../circuit/circuit.js';
import { gateDefinition } from '../circuit/definitions.js';
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

const PI = Math.PI;
const aff = (constant: number, ...coefs: number[]): AffineParam => ({ constant, coefs });

const HAND_WRITTEN: Readonly<Record<string, readonly SymbolicGate[]>> = {
  // gpi(φ) = [[0, e^{−iφ}], [e^{iφ}, 0]] = U(π, φ, π − φ).
  gpi: [{ gate: 'U', qubits: [0], params: [aff(PI, 0), aff(0, 1), aff(PI, -1)] }],
  // gpi2(φ) = (I − i·σ(φ))/√2 = U(π/2, φ − π/2, π/2 − φ).
  gpi2: [{ gate: 'U', qubits: [0], params: [aff(PI / 2, 0), aff(-PI / 2, 1), aff(PI / 2, -1)] }],
};

const snap = (x: number): number => (Math.abs(x) < 1e-14 ? 0 : x);

function sameShape(a: readonly Instruction[], b: readonly Instruction[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i]!;
    return x.gate === y.gate && x.params.length === y.params.length && x.qubits.length === y.qubits.length && x.qubits.every((q, j) => q === y.qubits[j]);
  });
}

/**
 * The body of library gate `name` on `n` qubits with `k` symbolic parameters, or undefined for
 * primitives (U, cx, gphase). Throws if the definition is not affine in its parameters.
 */
export function symbolicDefinition(name: string, k: number, n: number): SymbolicGate[] | undefined {
  const hand = HAND_WRITTEN[name];
  if (hand !== undefined) return [...hand];
  const zero = new Array<number>(k).fill(0);
  const d0 = gateDefinition(name, zero, n);
  if (d0 === undefined) return undefined;
  const units = zero.map((_, i) => gateDefinition(name, zero.map((_, j) => (j === i ? 1 : 0)), n)!);
  const probe = zero.map((_, i) => 0.5773 + 0.3141 * (i + 1));
  const dp = gateDefinition(name, probe, n)!;
  if (!units.every((u) => sameShape(u, d0)) || !sameShape(dp, d0)) {
    throw new ValidationError(`cannot write a definition for '${name}': its body depends on the parameter values`);
  }
  return d0.map((inst, j) => {
    const params = inst.params.map((c, m) => {
      const coefs = units.map((u) => snap(u[j]!.params[m]! - c));
      const predicted = c + coefs.reduce((s, b, i) => s + b * probe[i]!, 0);
      if (Math.abs(predicted - dp[j]!.params[m]!) > 1e-9) {
        throw new ValidationError(`cannot write a definition for '${name}': parameter ${m} of its ${inst.gate} is not affine`);
      }
      return aff(snap(c), ...coefs);
    });
    return { gate: inst.gate, qubits: inst.qubits, params };
  });
}
