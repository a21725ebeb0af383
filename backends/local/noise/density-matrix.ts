/**
 * Exact noisy simulation with a density matrix. ρ (2^n × 2^n) is stored as a state of 2n qubits:
 * entry ρ[r][c] at index r·2^n + c, so column bits are qubits 0…n−1 and row bits n…2n−1. Then
 * UρU† is U on the row bits and conj(U) on the column bits, and every noisy gate (relaxation of its
 * qubits, the gate, depolarizing) is one superoperator S (4^k × 4^k) on the bits of its k qubits
 * on both sides, S[(r′,c′),(r,c)] = ⟨r′|E(|r⟩⟨c|)|c′⟩. All of it runs through the statevector
 * engine (cache blocking, SIMD, threads), so a whole circuit is one pass over ρ per block stage.
 */
import { CMatrix } from '../../../compiler/linalg/complex.js';
import { localOp } from '../blocking.js';
import { compileOps } from '../compile.js';
import { gateMatrix, type Instruction } from '../../../compiler/circuit/index.js';
import { ResourceError, ValidationError } from '../../../compiler/errors.js';
import type { EngineOptions } from '../engine.js';
import type { Op } from '../kernels.js';
import { MAX_QUBITS, Statevector } from '../statevector.js';
import type { Relaxation } from '../../../passes/targets/error-channels.js';
import type { NoisyProgram, NoisyStep, QubitRelaxation } from './program.js';

/** Most qubits a density matrix holds: 4^13 entries are 1 GiB (a 26-qubit state). */
export const MAX_DENSITY_QUBITS = Math.min(13, Math.floor(MAX_QUBITS / 2));

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

/** The superoperator of one noisy gate: relaxation of the listed qubits, the gate, depolarizing λ. */
export function noisyGateSuperoperator(inst: Instruction, pre: readonly QubitRelaxation[], lambda: number): Float64Array {
  const qs = inst.qubits;
  const u = gateMatrix(inst.gate, inst.params, qs.length);
  const actions: Action[] = pre.map((p) => relaxAction(qs.indexOf(p.qubit), p.relaxation));
  actions.push((m) => u.mul(m).mul(u.adjoint()));
  if (lambda > 0) actions.push(depolarizeAction(lambda));
  return superoperator(qs.length, (m) => actions.reduce((acc, f) => f(acc), m));
}

/** The superoperator of one qubit's relaxation. */
export function relaxationSuperoperator(r: Relaxation): Float64Array {
  return superoperator(1, relaxAction(0, r));
}

/** The engine op of one noisy gate: its superoperator on the gate's qubits, rows and columns. */
function noisyGateOp(inst: Instruction, pre: readonly QubitRelaxation[], lambda: number, n: number): Op {
  const qs = inst.qubits;
  return { kind: 'dense', qubits: [...qs, ...qs.map((q) => q + n)], m: noisyGateSuperoperator(inst, pre, lambda) };
}

/** A one-qubit superoperator (4 × 4, interleaved) applied to local qubit j of a d×d matrix. */
function applyLocal(s1: Float64Array, j: number): Action {
  const bit = 1 << j;
  return (m) => {
    const d = m.rows;
    const out = CMatrix.zeros(d, d);
    for (let r0 = 0; r0 < d; r0++) {
      if (r0 & bit) continue;
      for (let c0 = 0; c0 < d; c0++) {
        if (c0 & bit) continue;
        // vec index c + 2r over this qubit's (row, column) bits, as superoperator() lays it out.
        const idx = [r0 * d + c0, r0 * d + (c0 | bit), (r0 | bit) * d + c0, (r0 | bit) * d + (c0 | bit)];
        for (let a = 0; a < 4; a++) {
          let re = 0, im = 0;
          for (let b = 0; b < 4; b++) {
            const sr = s1[2 * (4 * a + b)]!, si = s1[2 * (4 * a + b) + 1]!, xr = m.re[idx[b]!]!, xi = m.im[idx[b]!]!;
            re += sr * xr - si * xi;
            im += sr * xi + si * xr;
          }
          out.re[idx[a]!] = re;
          out.im[idx[a]!] = im;
        }
      }
    }
    return out;
  };
}

const compose = (actions: readonly Action[]): Action => (m) => actions.reduce((acc, f) => f(acc), m);

/**
 * Engine ops for the steps of a terminal program (measurements only mark outcomes). One-qubit
 * work (gates, relaxation, resets) is gathered per qubit and folded into the next two-qubit
 * superoperator on that qubit, as gate fusion does for states: one dense op per two-qubit gate.
 */
export function densityOps(steps: readonly NoisyStep[], n: number): Op[] {
  const ops: Op[] = [];
  // Qubit q of the ket is qubit q + n of the bra copy.
  const braPositions = Int32Array.from({ length: n }, (_, q) => q + n);
  const pending = new Map<number, Action[]>();
  const add = (q: number, a: Action): void => {
    const list = pending.get(q);
    if (list === undefined) pending.set(q, [a]);
    else list.push(a);
  };
  const take = (q: number): Float64Array | undefined => {
    const list = pending.get(q);
    if (list === undefined) return undefined;
    pending.delete(q);
    return superoperator(1, compose(list));
  };
  const flush = (q: number): void => {
    const s = take(q);
    if (s !== undefined) ops.push({ kind: 'dense', qubits: [q, q + n], m: s });
  };
  for (const step of steps) {
    switch (step.kind) {
      case 'gate': {
        const inst = step.inst, qs = inst.qubits;
        if (inst.condition) throw new ValidationError('density matrix: classically conditioned gates need trajectories');
        if (qs.length === 1) {
          const s1 = noisyGateSuperoperator(inst, step.pre, step.lambda);
          add(qs[0]!, applyLocal(s1, 0));
          continue;
        }
        if (qs.length === 2) {
          const before = qs.flatMap((q, j) => {
            const s1 = take(q);
            return s1 === undefined ? [] : [applyLocal(s1, j)];
          });
          const gate = noisyGateSuperoperator(inst, step.pre, step.lambda);
          ops.push({ kind: 'dense', qubits: [...qs, ...qs.map((q) => q + n)], m: superoperator(2, compose([...before, applyLocal2(gate)])) });
          continue;
        }
        for (const q of qs) flush(q);
        if (step.pre.length === 0 && step.lambda === 0) {
          // Global phase cancels in UρU†: no 'scale' op.
          for (const op of compileOps([inst])) if (op.kind !== 'scale') ops.push(localOp(op, braPositions, 0), conjugateOp(op));
        } else {
          ops.push(noisyGateOp(inst, step.pre, step.lambda, n));
        }
        continue;
      }
      case 'relax':
        add(step.qubit, relaxAction(0, step.relaxation));
        continue;
      case 'reset':
        add(step.qubit, resetAction(0));
        continue;
      case 'measure':
        continue;
    }
  }
  for (const q of [...pending.keys()]) flush(q);
  return ops;
}

/** A two-qubit superoperator (16 × 16, interleaved) applied to a 4×4 matrix. */
function applyLocal2(s: Float64Array): Action {
  return (m) => {
    const out = CMatrix.zeros(4, 4);
    for (let a = 0; a < 16; a++) {
      let re = 0, im = 0;
      for (let b = 0; b < 16; b++) {
        // vec index b = c + 4r ↔ m[r][c].
        const k = (b >> 2) * 4 + (b & 3);
        const sr = s[2 * (16 * a + b)]!, si = s[2 * (16 * a + b) + 1]!, xr = m.re[k]!, xi = m.im[k]!;
        re += sr * xr - si * xi;
        im += sr * xi + si * xr;
      }
      const ka = (a >> 2) * 4 + (a & 3);
      out.re[ka] = re;
      out.im[ka] = im;
    }
    return out;
  };
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
