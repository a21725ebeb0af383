/**
 * Lowers runs of unitary instructions to simulator ops (kernels.ts), choosing the cheapest kernel
 * for each gate and fusing what pays:
 * - consecutive 1-qubit gates on a qubit are multiplied into one 2×2 (until another op touches it);
 * - a fused 1-qubit gate that is diagonal becomes a phase on half the amplitudes, an anti-diagonal
 *   one a swap plus a phase; global phases are collected into one scalar applied at the end;
 * - controlled gates act only on the control-satisfied subspace (mcx is a permutation, cz/cp/mcz/mcp
 *   a phase on one corner, cswap a swap).
 */
import { controlCount, gateMatrix, gateSpec, requireNumeric, type Instruction } from '../../compiler/circuit/index.js';
import type { CMatrix } from '../../compiler/linalg/complex.js';
import { ValidationError } from '../../compiler/errors.js';
import type { Op } from './kernels.js';

const EPS = 1e-15;

/** Interleaved copy of a CMatrix. */
function interleave(m: CMatrix): Float64Array {
  const out = new Float64Array(2 * m.re.length);
  for (let k = 0; k < m.re.length; k++) {
    out[2 * k] = m.re[k]!;
    out[2 * k + 1] = m.im[k]!;
  }
  return out;
}

/** b · a for interleaved 2×2 matrices (apply a first, then b). */
function mul2(b: Float64Array, a: Float64Array): Float64Array {
  const out = new Float64Array(8);
  for (let i = 0; i < 2; i++) {
    for (let j = 0; j < 2; j++) {
      let re = 0, im = 0;
      for (let k = 0; k < 2; k++) {
        const xr = b[4 * i + 2 * k]!, xi = b[4 * i + 2 * k + 1]!, yr = a[4 * k + 2 * j]!, yi = a[4 * k + 2 * j + 1]!;
        re += xr * yr - xi * yi;
        im += xr * yi + xi * yr;
      }
      out[4 * i + 2 * j] = re;
      out[4 * i + 2 * j + 1] = im;
    }
  }
  return out;
}

const isZero = (m: Float64Array, k: number): boolean => Math.abs(m[2 * k]!) < EPS && Math.abs(m[2 * k + 1]!) < EPS;

/** The 2×2 block a controlled matrix applies when all nc controls are 1 (controlledMatrix layout), interleaved. */
function baseBlock(full: CMatrix, nc: number): Float64Array {
  const dimC = 1 << nc, all = dimC - 1, n = full.rows;
  const m = new Float64Array(8);
  for (let i = 0; i < 2; i++) {
    for (let j = 0; j < 2; j++) {
      const k = (all + dimC * i) * n + (all + dimC * j);
      m[4 * i + 2 * j] = full.re[k]!;
      m[4 * i + 2 * j + 1] = full.im[k]!;
    }
  }
  return m;
}

/** Accumulates ops for a run of unitary instructions. */
export class OpCompiler {
  private readonly ops: Op[] = [];
  private readonly pending = new Map<number, Float64Array>();
  private gRe = 1;
  private gIm = 0;

  /** Add one unitary instruction (no condition; barriers are ignored). */
  add(inst: Instruction): void {
    if (inst.gate === 'barrier' || inst.gate === 'id') return;
    requireNumeric(inst);
    const spec = gateSpec(inst.gate);
    if (spec === undefined) throw new ValidationError(`simulator: '${inst.gate}' is not a unitary library gate`);
    const qs = inst.qubits;
    if (qs.length === 0) {
      const m = gateMatrix(inst.gate, inst.params, 0);
      this.mulGlobal(m.re[0]!, m.im[0]!);
      return;
    }
    if (qs.length === 1) {
      const m = interleave(gateMatrix(inst.gate, inst.params, 1));
      const prev = this.pending.get(qs[0]!);
      this.pending.set(qs[0]!, prev ? mul2(m, prev) : m);
      return;
    }
    for (const q of qs) this.flush(q);
    const nc = controlCount(spec, qs.length);
    let cmask = 0;
    for (let j = 0; j < nc; j++) cmask |= 1 << qs[j]!;
    const targets = qs.slice(nc);
    if (nc > 0 && targets.length === 1 && spec.base === 'x') {
      this.ops.push({ kind: 'mcx', cmask, t: targets[0]! });
      return;
    }
    if (nc > 0 && spec.base === 'swap') {
      this.ops.push({ kind: 'swap', q0: targets[0]!, q1: targets[1]!, cmask });
      return;
    }
    if (nc > 0 && targets.length === 1) {
      // Only the base acts (on the control-satisfied subspace): never build the 2^n × 2^n matrix.
      // Gates without a named base (cu) are small: read the base block off their matrix.
      const m = spec.base !== undefined ? interleave(gateMatrix(spec.base, inst.params, 1)) : baseBlock(gateMatrix(inst.gate, inst.params, qs.length), nc);
      const t = targets[0]!;
      if (isZero(m, 1) && isZero(m, 2) && Math.abs(m[0]! - 1) < EPS && Math.abs(m[1]!) < EPS) {
        this.ops.push({ kind: 'phase', mask: cmask | (1 << t), re: m[6]!, im: m[7]! });
      } else {
        this.ops.push({ kind: 'cdense1', cmask, t, m });
      }
      return;
    }
    if (inst.gate === 'swap') {
      this.ops.push({ kind: 'swap', q0: qs[0]!, q1: qs[1]!, cmask: 0 });
      return;
    }
    const full = gateMatrix(inst.gate, inst.params, qs.length);
    if (spec.diagonal) {
      const d = new Float64Array(2 * full.rows);
      for (let i = 0; i < full.rows; i++) {
        d[2 * i] = full.re[i * full.rows + i]!;
        d[2 * i + 1] = full.im[i * full.rows + i]!;
      }
      this.ops.push({ kind: 'diag', qubits: [...qs], d });
      return;
    }
    this.ops.push({ kind: 'dense', qubits: [...qs], m: interleave(full) });
  }

  /** The ops so far with every pending 1-qubit gate and the global phase emitted; resets the compiler. */
  finish(): Op[] {
    for (const q of [...this.pending.keys()]) this.flush(q);
    if (Math.abs(this.gRe - 1) > EPS || Math.abs(this.gIm) > EPS) this.ops.push({ kind: 'scale', re: this.gRe, im: this.gIm });
    const out = this.ops.splice(0);
    this.gRe = 1;
    this.gIm = 0;
    return out;
  }

  private mulGlobal(re: number, im: number): void {
    const r = this.gRe * re - this.gIm * im;
    this.gIm = this.gRe * im + this.gIm * re;
    this.gRe = r;
  }

  /** Emit the pending 1-qubit gate on q with the cheapest kernel. */
  private flush(q: number): void {
    const m = this.pending.get(q);
    if (m === undefined) return;
    this.pending.delete(q);
    if (isZero(m, 1) && isZero(m, 2)) {
      // diag(d0, d1) = d0 · diag(1, d1/d0); d0 is a unit complex number for a unitary.
      const d0r = m[0]!, d0i = m[1]!, d1r = m[6]!, d1i = m[7]!;
      const n0 = d0r * d0r + d0i * d0i;
      const pr = (d1r * d0r + d1i * d0i) / n0, pi = (d1i * d0r - d1r * d0i) / n0;
      this.mulGlobal(d0r, d0i);
      if (Math.abs(pr - 1) > EPS || Math.abs(pi) > EPS) this.ops.push({ kind: 'phase', mask: 1 << q, re: pr, im: pi });
      return;
    }
    if (isZero(m, 0) && isZero(m, 3)) {
      // [[0, b], [c, 0]] = diag(b, c) · X = b · diag(1, c/b) · X.
      const br = m[2]!, bi = m[3]!, cr = m[4]!, ci = m[5]!;
      const nb = br * br + bi * bi;
      const pr = (cr * br + ci * bi) / nb, pi = (ci * br - cr * bi) / nb;
      this.ops.push({ kind: 'mcx', cmask: 0, t: q });
      this.mulGlobal(br, bi);
      if (Math.abs(pr - 1) > EPS || Math.abs(pi) > EPS) this.ops.push({ kind: 'phase', mask: 1 << q, re: pr, im: pi });
      return;
    }
    this.ops.push({ kind: 'dense1', t: q, m });
  }
}

/** Ops for a run of unitary instructions (conditions must have been handled by the caller). */
export function compileOps(instructions: readonly Instruction[]): Op[] {
  const c = new OpCompiler();
  for (const inst of instructions) c.add(inst);
  return c.finish();
}
