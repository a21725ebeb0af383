/**
 * Exact synthesis of a real orthogonal 2^n × 2^n matrix V from library gates, as a product of
 * Householder reflections: H_{N−2}⋯H_0·V = D (diagonal ±1), so V = H_0⋯H_{N−2}·D. Each
 * reflection I − 2|u⟩⟨u| = S_u·(I − 2|0⟩⟨0|)·S_u† with S_u an amplitude state preparation of u
 * (≤ 2^n − 2 CNOTs) and I − 2|0⟩⟨0| = X^{⊗n}·MCZ·X^{⊗n}; D is a diagonal. About 2N² CNOTs in all,
 * which is within a constant of the Ω(4^n) lower bound for generic n-qubit unitaries.
 * @see arXiv:quant-ph/0406176 (Shende, Bullock, Markov) for the lower bound; Householder (1958)
 */
import { CircuitBuilder, type Circuit } from '../circuit/index.js';
import { ValidationError } from '../errors.js';
import { ComponentBase, range, type CallGraph, type QubitRegister } from '../synthesis/component.js';
import { mczKey } from '../synthesis/cost.js';
import { adjoint, Layer } from '../synthesis/primitives.js';
import { StatePrep } from '../synthesis/state-prep.js';
import { Diagonal } from '../synthesis/uniformly-controlled.js';

/** I − 2|u⟩⟨u| on n qubits: S_u†, X^{⊗n}, MCZ, X^{⊗n}, S_u (u given, or any unit vector when sized). */
class HouseholderReflection extends ComponentBase {
  readonly name = 'householder-reflection';
  readonly numQubits: number;
  readonly registers: readonly QubitRegister[];
  private readonly prep: StatePrep;
  private readonly flips: Layer;

  constructor(prep: StatePrep) {
    super();
    this.prep = prep;
    this.numQubits = prep.numQubits;
    this.registers = [{ name: 'q', qubits: range(0, prep.numQubits) }];
    this.flips = new Layer('x', prep.numQubits);
  }

  callGraph(): CallGraph {
    return [[adjoint(this.prep), 1], [this.flips, 2], [mczKey(this.numQubits), 1], [this.prep, 1]];
  }

  protected build(): Circuit {
    const qubits = range(0, this.numQubits);
    const b = new CircuitBuilder(this.numQubits);
    b.compose(this.prep.inverse(), qubits);
    for (const q of qubits) b.x(q);
    b.mcz(qubits);
    for (const q of qubits) b.x(q);
    b.compose(this.prep.circuit(), qubits);
    return b.build();
  }
}

/** V (row-major N×N, orthogonal) on n qubits (qubit 0 = least significant bit of the index). */
export class Orthogonal extends ComponentBase {
  readonly name = 'orthogonal';
  readonly numQubits: number;
  readonly registers: readonly QubitRegister[];
  /** D's phases (0 or π), or undefined when D = I. */
  private readonly signs: Diagonal | undefined;
  /** H_0 … H_{N−2} (time order of the circuit: the last one first). */
  private readonly reflections: readonly (readonly [HouseholderReflection, number])[];
  private readonly exact: boolean;

  /** From the matrix; or, given only its qubit count, priced for any orthogonal matrix (N − 1 reflections and a sign diagonal). */
  constructor(v: ArrayLike<number> | { readonly qubits: number }) {
    super();
    if ('qubits' in v) {
      const n = v.qubits;
      if (!Number.isInteger(n) || n < 1 || n > 40) throw new ValidationError(`orthogonal synthesis: ${n} qubits must be an integer in 1..40`);
      this.numQubits = n;
      this.registers = [{ name: 'q', qubits: range(0, n) }];
      this.exact = false;
      this.signs = new Diagonal({ qubits: n });
      this.reflections = [[new HouseholderReflection(StatePrep.sized({ numQubits: n })), 2 ** n - 1]];
      return;
    }
    const N = Math.round(Math.sqrt(v.length)), n = Math.log2(N);
    if (N * N !== v.length || !Number.isInteger(n)) throw new ValidationError(`orthogonal synthesis: ${v.length} entries is not a 2^n × 2^n matrix`);
    this.numQubits = n;
    this.registers = [{ name: 'q', qubits: range(0, n) }];
    this.exact = true;
    const m = Float64Array.from(v);
    const units: Float64Array[] = [];
    for (let k = 0; k < N - 1; k++) {
      let norm2 = 0;
      for (let i = k; i < N; i++) norm2 += m[i * N + k]! ** 2;
      const norm = Math.sqrt(norm2);
      let off = 0;
      for (let i = k + 1; i < N; i++) off += m[i * N + k]! ** 2;
      if (off <= 1e-28 * Math.max(norm2, 1)) continue;
      const x0 = m[k * N + k]!;
      const u = new Float64Array(N);
      for (let i = k; i < N; i++) u[i] = m[i * N + k]!;
      u[k] = x0 + (x0 >= 0 ? norm : -norm);
      let un = 0;
      for (let i = k; i < N; i++) un += u[i]! ** 2;
      un = Math.sqrt(un);
      for (let i = k; i < N; i++) u[i]! /= un;
      // m ← (I − 2uuᵀ) m
      for (let c = 0; c < N; c++) {
        let dot = 0;
        for (let i = k; i < N; i++) dot += u[i]! * m[i * N + c]!;
        for (let i = k; i < N; i++) m[i * N + c]! -= 2 * u[i]! * dot;
      }
      units.push(u);
    }
    // m is now diagonal ±1 (orthogonal and upper triangular).
    const phases = new Float64Array(N);
    for (let i = 0; i < N; i++) {
      const d = m[i * N + i]!;
      if (Math.abs(Math.abs(d) - 1) > 1e-8) throw new ValidationError('orthogonal synthesis: the matrix is not orthogonal');
      phases[i] = d < 0 ? Math.PI : 0;
    }
    // Keep the diagonal's global phase: callers rely on V exactly (a controlled or post-selected V shows it).
    this.signs = phases.some((p) => p !== 0) ? new Diagonal({ phases }) : undefined;
    this.reflections = units.reverse().map((u) => [new HouseholderReflection(new StatePrep({ amplitudes: u, numQubits: n })), 1] as const);
  }

  /** V on n qubits priced for any orthogonal matrix. */
  static sized(n: number): Orthogonal {
    return new Orthogonal({ qubits: n });
  }

  override get label(): string {
    return `orthogonal (${this.numQubits} qubits${this.exact ? '' : ', any matrix'})`;
  }

  callGraph(): CallGraph {
    return [...(this.signs ? [[this.signs, 1] as const] : []), ...this.reflections];
  }

  protected build(): Circuit {
    if (!this.exact) throw new ValidationError(`${this.label}: a size-only synthesis has no circuit; give the matrix`);
    const b = new CircuitBuilder(this.numQubits);
    if (this.signs) b.compose(this.signs.circuit());
    for (const [r] of this.reflections) b.compose(r.circuit());
    return b.build();
  }
}

/** Append V (row-major N×N, orthogonal, N = 2^qubits.length) acting on `qubits` (qubits[0] = LSB). */
export function appendOrthogonal(b: CircuitBuilder, v: ArrayLike<number>, qubits: readonly number[]): void {
  const o = new Orthogonal(v);
  if (o.numQubits !== qubits.length) throw new ValidationError(`orthogonal synthesis: ${v.length} entries for ${qubits.length} qubits`);
  b.compose(o.circuit(), qubits);
}
