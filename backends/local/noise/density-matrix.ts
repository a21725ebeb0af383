/**
 * Exact noisy simulation with a density matrix. ρ (2^n × 2^n) is stored as a state of 2n qubits:
 * entry ρ[r][c] at index r·2^n + c, so column bits are qubits 0…n−1 and row bits n…2n−1. Then
 * UρU† is U on the row bits and conj(U) on the column bits, and every noisy gate (relaxation of its
 * qubits, the gate, depolarizing) is one superoperator S (4^k × 4^k) on the bits of its k qubits
 * on both sides, S[(r′,c′),(r,c)] = ⟨r′|E(|r⟩⟨c|)|c′⟩. All of it runs through the statevector
 * engine (cache blocking, SIMD, threads), so a whole circuit is one pass over ρ per block stage.
 */
import { CMatrix } from '../../../compiler/linalg/complex.js';
import { compileOps, remapOp } from '../compile.js';
import { gateMatrix, type Instruction } from '../../../compiler/circuit/index.js';
import { ResourceError, ValidationError } from '../../../compiler/errors.js';
import type { EngineOptions } from '../engine.js';
import type { Op } from '../kernels.js';
import { MAX_QUBITS, Statevector } from '../statevector.js';
import type { Relaxation } from '../../../passes/targets/error-channels.js';
import type { NoisyProgram, NoisyStep, QubitRelaxation } from './program.js';

/** Most qubits a density matrix holds (its 4^n entries are a 2n-qubit state). */
export const MAX_DENSITY_QUBITS = Math.floor(MAX_QUBITS / 2);

type Action = (m: CMatrix) => CMatrix;

/** E(ρ) = relaxation of local qubit j (γ, c) on a d×d matrix. */
function relaxAction(j: number, r: Relaxation): Action {
  const bit = 1 << j;
  return (m) => {
    const d = m.rows;
    const out = CMatrix.zeros(d, d);
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) {
        const k = a * d + b, re = m.re[k]!, im = m.im[k]!;
        if (re === 0 && im === 0) continue;
        const ra = (a & bit) !== 0, rb = (b & bit) !== 0;
        if (!ra && !rb) {
          out.re[k]! += re; out.im[k]! += im;
        } else if (ra && rb) {
          out.re[k]! += (1 - r.gamma) * re; out.im[k]! += (1 - r.gamma) * im;
          const k0 = (a ^ bit) * d + (b ^ bit);
          out.re[k0]! += r.gamma * re; out.im[k0]! += r.gamma * im;
        } else {
          out.re[k]! += r.coherence * re; out.im[k]! += r.coherence * im;
        }
      }
    }
    return out;
  };
}

/** E(ρ) = (1 − λ)ρ + λ·Tr(ρ)·I/d. */
function depolarizeAction(lambda: number): Action {
  return (m) => {
    const d = m.rows;
    let tr = 0, ti = 0;
    for (let a = 0; a < d; a++) { tr += m.re[a * d + a]!; ti += m.im[a * d + a]!; }
    const out = m.scale(1 - lambda);
    for (let a = 0; a < d; a++) { out.re[a * d + a]! += (lambda * tr) / d; out.im[a * d + a]! += (lambda * ti) / d; }
    return out;
  };
}

/** Reset of local qubit j: trace it out and prepare |0⟩. */
function resetAction(j: number): Action {
  const bit = 1 << j;
  return (m) => {
    const d = m.rows;
    const out = CMatrix.zeros(d, d);
    for (let a = 0; a < d; a++) {
      for (let b = 0; b < d; b++) {
        if ((a & bit) !== (b & bit)) continue;
        const k = a * d + b, k0 = (a & ~bit) * d + (b & ~bit);
        out.re[k0]! += m.re[k]!; out.im[k0]! += m.im[k]!;
      }
    }
    return out;
  };
}

/** The superoperator of `action` on k qubits as an interleaved row-major 4^k × 4^k matrix. */
export function superoperator(k: number, action: Action): Float64Array {
  const d = 1 << k, D = d * d;
  const s = new Float64Array(2 * D * D);
  for (let r = 0; r < d; r++) {
    for (let c = 0; c < d; c++) {
      const e = CMatrix.zeros(d, d);
      e.re[r * d + c] = 1;
      const out = action(e);
      const col = c + d * r;
      for (let r2 = 0; r2 < d; r2++) {
        for (let c2 = 0; c2 < d; c2++) {
          const row = c2 + d * r2;
          s[2 * (row * D + col)] = out.re[r2 * d + c2]!;
          s[2 * (row * D + col) + 1] = out.im[r2 * d + c2]!;
        }
      }
    }
  }
  return s;
}

function conjugateOp(op: Op): Op {
  const conj = (m: Float64Array): Float64Array => m.map((v, i) => (i & 1 ? -v : v));
  switch (op.kind) {
    case 'dense1':
    case 'cdense1':
    case 'dense': return { ...op, m: conj(op.m) };
    case 'diag': return { ...op, d: conj(op.d) };
    case 'phase':
    case 'scale': return { ...op, im: -op.im };
    case 'mcx':
    case 'swap': return op;
  }
}

/** The engine ops of one noisy gate: a superoperator when it carries noise, else U and conj(U). */
function noisyGateOp(inst: Instruction, pre: readonly QubitRelaxation[], lambda: number, n: number): Op {
  const qs = inst.qubits;
  const u = gateMatrix(inst.gate, inst.params, qs.length);
  const actions: Action[] = pre.map((p) => relaxAction(qs.indexOf(p.qubit), p.relaxation));
  actions.push((m) => u.mul(m).mul(u.adjoint()));
  if (lambda > 0) actions.push(depolarizeAction(lambda));
  const s = superoperator(qs.length, (m) => actions.reduce((acc, f) => f(acc), m));
  return { kind: 'dense', qubits: [...qs, ...qs.map((q) => q + n)], m: s };
}

/** Engine ops for the steps of a terminal program (measurements only mark outcomes). */
export function densityOps(steps: readonly NoisyStep[], n: number): Op[] {
  const ops: Op[] = [];
  let clean: Instruction[] = [];
  const flushClean = (): void => {
    if (clean.length === 0) return;
    const u = compileOps(clean);
    for (const op of u) ops.push(remapOp(op, (q) => q + n), conjugateOp(op));
    clean = [];
  };
  for (const step of steps) {
    switch (step.kind) {
      case 'gate':
        if (step.inst.condition) throw new ValidationError('density matrix: classically conditioned gates need trajectories');
        if (step.pre.length === 0 && step.lambda === 0) {
          clean.push(step.inst);
          continue;
        }
        flushClean();
        ops.push(noisyGateOp(step.inst, step.pre, step.lambda, n));
        continue;
      case 'relax':
        flushClean();
        ops.push({ kind: 'dense', qubits: [step.qubit, step.qubit + n], m: superoperator(1, relaxAction(0, step.relaxation)) });
        continue;
      case 'reset':
        flushClean();
        ops.push({ kind: 'dense', qubits: [step.qubit, step.qubit + n], m: superoperator(1, resetAction(0)) });
        continue;
      case 'measure':
        continue;
    }
  }
  flushClean();
  return ops;
}

/** A density matrix of n qubits. */
export class DensityMatrix {
  readonly numQubits: number;
  private readonly vec: Statevector;

  private constructor(n: number, vec: Statevector) {
    this.numQubits = n;
    this.vec = vec;
  }

  /** |0…0⟩⟨0…0|. */
  static zero(n: number): DensityMatrix {
    if (n > MAX_DENSITY_QUBITS) {
      throw new ResourceError(`density matrix: ${n} qubits need 4^${n} entries, above the ${MAX_DENSITY_QUBITS}-qubit limit; use trajectories`);
    }
    return new DensityMatrix(n, Statevector.zero(2 * n));
  }

  /** Interleaved entries, ρ[r][c] at index r·2^n + c. */
  get data(): Float64Array {
    return this.vec.data;
  }

  get(r: number, c: number): { re: number; im: number } {
    const k = r * 2 ** this.numQubits + c;
    return { re: this.vec.data[2 * k]!, im: this.vec.data[2 * k + 1]! };
  }

  /** Run a terminal program's steps. */
  run(program: NoisyProgram, engine?: EngineOptions): this {
    if (program.numQubits !== this.numQubits) throw new ValidationError(`density matrix has ${this.numQubits} qubits, the program ${program.numQubits}`);
    this.vec.applyOps(densityOps(program.steps, this.numQubits), engine);
    return this;
  }

  /** Probabilities of the computational basis states: the diagonal. */
  diagonal(): Float64Array {
    const dim = 2 ** this.numQubits;
    const out = new Float64Array(dim);
    for (let i = 0; i < dim; i++) out[i] = this.vec.data[2 * (i * dim + i)]!;
    return out;
  }

  trace(): number {
    return this.diagonal().reduce((a, b) => a + b, 0);
  }
}
